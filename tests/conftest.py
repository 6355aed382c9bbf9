"""Shared test setup: Qt runs offscreen, and tests under tests/gui are marked gui."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"
DATA = Path(__file__).resolve().parent / "data"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui" in item.path.as_posix():
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real settings, recovery copies or logs."""
    import core.recovery
    import core.settings

    home = tmp_path_factory.mktemp("user")
    monkeypatch.setattr(core.settings, "settings_path", lambda: home / "config" / "settings.json")
    monkeypatch.setattr(core.recovery, "recovery_dir", lambda: home / "data" / "recovery")
    monkeypatch.setattr(core.settings, "log_dir", lambda: home / "logs")
    return home
