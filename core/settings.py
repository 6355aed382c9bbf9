"""The user's settings: a small JSON file under the platform's config folder.

Unknown or broken content never stops the program: it falls back to the defaults. Recent files
are kept newest first, capped, and files that no longer exist are dropped when read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

import platformdirs

from core import APP_ID
from core.storage import SaveError, write_atomic

MAX_RECENT = 10


def settings_path() -> Path:
    """The one place that knows where the settings file lives (tests point it at a temporary folder)."""
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False)) / "settings.json"


def log_dir() -> Path:
    """The folder of the program's rotating log (tests point it at a temporary folder)."""
    return Path(platformdirs.user_log_dir(APP_ID, appauthor=False))


class Settings(NamedTuple):
    """Changed with _replace() and saved whole by save_settings()."""

    recent: tuple[str, ...] = ()  # paths, newest first
    last_folder: str = ""
    window_geometry: str = ""  # Qt's saveGeometry(), base64
    window_state: str = ""  # Qt's saveState(), base64


def load_settings() -> Settings:
    """The saved settings, or the defaults for anything missing or unreadable."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    recent = data.get("recent")
    recent = [p for p in recent if isinstance(p, str) and os.path.isfile(p)] if isinstance(recent, list) else []
    texts = {key: value for key in Settings._fields[1:] if isinstance(value := data.get(key), str)}
    return Settings(tuple(recent[:MAX_RECENT]), **texts)


def save_settings(settings: Settings) -> None:
    """Write the settings; a failure is ignored (settings are a convenience, never worth an error)."""
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(settings._asdict(), ensure_ascii=False, indent=1).encode("utf-8"), durable=False)
    except (OSError, SaveError):
        pass


def add_recent(path: Path | str) -> tuple[str, ...]:
    """Put path first in the recent files (once), save, and return the new list."""
    settings = load_settings()
    resolved = str(Path(path).resolve())
    recent = (resolved, *[p for p in settings.recent if p != resolved][: MAX_RECENT - 1])
    save_settings(settings._replace(recent=recent, last_folder=str(Path(resolved).parent)))
    return recent
