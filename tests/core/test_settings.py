"""Settings: recent files newest first, capped, missing ones dropped; broken files fall back to defaults."""

from __future__ import annotations

from pathlib import Path

from core import settings
from core.settings import MAX_RECENT, add_recent, load_settings, save_settings


def _touch(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text("x", encoding="utf-8")
    return path


def test_recent_files_are_newest_first_and_unique(tmp_path: Path) -> None:
    a, b = _touch(tmp_path, "甲.nianbao"), _touch(tmp_path, "乙.nianbao")
    add_recent(a)
    add_recent(b)
    add_recent(a)
    assert load_settings().recent == (str(a.resolve()), str(b.resolve()))


def test_recent_files_are_capped(tmp_path: Path) -> None:
    paths = [_touch(tmp_path, f"{i}.nianbao") for i in range(MAX_RECENT + 3)]
    for path in paths:
        add_recent(path)
    recent = load_settings().recent
    assert len(recent) == MAX_RECENT
    assert recent[0] == str(paths[-1].resolve())


def test_missing_files_are_dropped_on_read(tmp_path: Path) -> None:
    kept, gone = _touch(tmp_path, "kept.nianbao"), _touch(tmp_path, "gone.nianbao")
    add_recent(kept)
    add_recent(gone)
    gone.unlink()
    assert load_settings().recent == (str(kept.resolve()),)


def test_broken_settings_file_gives_defaults() -> None:
    path = settings.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert load_settings() == settings.Settings()
    path.write_text('{"recent": "not a list", "last_folder": 3}', encoding="utf-8")
    assert load_settings() == settings.Settings()
    path.write_text("", encoding="utf-8")  # what a power cut may leave: settings are written without waiting for the disk
    assert load_settings() == settings.Settings()


def test_settings_round_trip() -> None:
    save_settings(settings.Settings(last_folder="D:/年报", window_geometry="AAA="))
    loaded = load_settings()
    assert loaded.last_folder == "D:/年报" and loaded.window_geometry == "AAA="
