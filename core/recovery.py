"""Recovery copies: what a window holds, written often to the user's data folder, never over the clerk's file.

Each window owns one recovery file while it has unsaved changes. A normal save or an explicit
discard removes it. A file whose process is gone is an orphan: the program crashed or the power
failed, and the next start offers to restore it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import NamedTuple

import platformdirs

from core import APP_ID
from core.filelock import process_runs
from core.report import Report
from core.oserrors import describe_os_error
from core.storage import LoadError, SaveError, from_dict, to_dict, write_atomic

SUFFIX = ".recovery.json"


def recovery_dir() -> Path:
    """The folder of recovery copies (tests point it at a temporary folder)."""
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False)) / "recovery"


class Orphan(NamedTuple):
    """A recovery copy left by a process that is gone."""

    path: Path
    source: Path | None  # the clerk's file it belongs to, None for a report never saved
    written: dt.datetime
    title: str  # agency and year, for the question to the clerk

    def load(self) -> Report:
        """The report as it was; LoadError when the copy is unusable."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return from_dict(data["report"], self.path.name)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise LoadError(f"恢复副本“{self.path.name}”已损坏，无法恢复。") from exc


class RecoveryCopy:
    """The recovery file of one window."""

    def __init__(self, path: Path | None = None):
        self.path = path or recovery_dir() / f"{os.urandom(8).hex()}{SUFFIX}"  # not uuid: it imports platform (15 ms)

    def write(self, report: Report, source: Path | None) -> None:
        """Write the whole report (SaveError when the data folder cannot be written)."""
        record = {
            "recovery": 1, "pid": os.getpid(), "written": dt.datetime.now().isoformat(timespec="seconds"),
            "source": str(source) if source else None, "report": to_dict(report),
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SaveError(describe_os_error(exc, self.path.parent, "写入恢复副本")) from exc
        write_atomic(self.path, json.dumps(record, ensure_ascii=False).encode("utf-8"), action="写入恢复副本")

    def discard(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass

    @property
    def exists(self) -> bool:
        return self.path.is_file()


def orphans() -> list[Orphan]:
    """Recovery copies whose process is gone, newest first; unreadable ones are left alone."""
    found = []
    for path in recovery_dir().glob(f"*{SUFFIX}"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            written = dt.datetime.fromisoformat(data["written"])
            if process_runs(int(data["pid"]), written):  # a running window's own copy (this one's included)
                continue
            meta = data["report"]["meta"]
            title = f"{meta.get('agency') or '未填写机关名称'}{meta.get('year', '')}年度报告"
            source = Path(data["source"]) if data.get("source") else None
            found.append(Orphan(path, source, written, title))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return sorted(found, key=lambda o: o.written, reverse=True)
