"""A lock that stops the same report from being edited in two windows at once.

A lock file beside the report (``.NAME.nianbao.lock``) records who holds it: process id, computer
name and time. It is stale — and quietly taken over — when its process is gone on this computer,
or when its holder has not refreshed it for STALE_AFTER (another computer on a shared folder, or a
crash there). So a crashed instance never leaves a report locked for good.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import NamedTuple

from core.report import format_date
from core.storage import SaveError, write_atomic

STALE_AFTER = dt.timedelta(minutes=10)
REFRESH_SECONDS = 60  # holders refresh well within STALE_AFTER


class LockedError(Exception):
    """The report is open elsewhere; str() is the message for the clerk."""


class Holder(NamedTuple):
    pid: int
    host: str
    since: dt.datetime
    seen: dt.datetime


def lock_path(report_path: Path) -> Path:
    return report_path.with_name(f".{report_path.name}.lock")


class FileLock:
    """Held while a window has the report open; release() when it closes or moves to another file."""

    def __init__(self, report_path: Path | str):
        self.report_path = Path(report_path).resolve()
        self.path = lock_path(self.report_path)
        self.since = _now()
        self.held = False

    def acquire(self) -> None:
        """Take the lock, or raise LockedError. A folder where no lock can be written is not locked."""
        for _attempt in range(3):
            try:
                with open(self.path, "x", encoding="utf-8") as fh:
                    fh.write(self._record())
                self.held = True
                return
            except FileExistsError:
                holder = _read_settled(self.path)
                if holder is not None and not is_stale(holder):
                    raise LockedError(_message(self.report_path, holder)) from None
                self.path.unlink(missing_ok=True)
            except OSError:
                return  # read-only folder or similar: saving will explain the problem itself
        raise LockedError(f"“{self.report_path.name}”正在被另一个年报窗口打开，请稍后再试。")

    def refresh(self) -> None:
        """Tell other instances this holder is still alive."""
        if self.held:
            try:  # atomically: a reader must never find the lock file empty
                write_atomic(self.path, self._record().encode("utf-8"), action="更新占用标记", durable=False)
            except SaveError:
                pass  # e.g. a reader had it open on Windows; the next refresh comes soon

    def release(self) -> None:
        if self.held:
            holder = read_holder(self.path)
            if holder is not None and holder.pid == os.getpid() and holder.host == computer_name():
                self.path.unlink(missing_ok=True)
            self.held = False

    def _record(self) -> str:
        return json.dumps({"pid": os.getpid(), "host": computer_name(), "since": self.since.isoformat(),
                           "seen": _now().isoformat()})


def read_holder(path: Path) -> Holder | None:
    """Who holds the lock file; None when it is unreadable (then it is treated as stale)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), dt.datetime.fromisoformat(data["since"]),
                      dt.datetime.fromisoformat(data["seen"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _read_settled(path: Path) -> Holder | None:
    """The holder; a lock file caught while another window creates it is read again a moment later."""
    holder = read_holder(path)
    if holder is None and path.exists():
        time.sleep(0.1)
        holder = read_holder(path)
    return holder


def is_stale(holder: Holder, now: dt.datetime | None = None) -> bool:
    """Its holder stopped refreshing it, or its process is gone from this computer."""
    if (now or _now()) - holder.seen > STALE_AFTER:
        return True
    return holder.host == computer_name() and not process_runs(holder.pid, holder.seen)


def process_runs(pid: int, seen: dt.datetime) -> bool:
    """Whether the process that was `pid` at time `seen` still runs: not if the computer has
    restarted since (process ids are reused after a restart, often the small ones)."""
    booted = boot_time()
    return pid_alive(pid) and (booted is None or seen >= booted)


def boot_time() -> dt.datetime | None:
    """When this computer last started, where the platform tells (Windows, Linux)."""
    try:
        if sys.platform == "win32":
            import ctypes

            uptime = ctypes.windll.kernel32.GetTickCount64() / 1000  # type: ignore[attr-defined]
        else:
            with open("/proc/uptime", encoding="ascii") as fh:
                uptime = float(fh.read().split()[0])
    except (OSError, ValueError, AttributeError, IndexError):
        return None
    return dt.datetime.now() - dt.timedelta(seconds=uptime)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _message(report_path: Path, holder: Holder) -> str:
    where = "本电脑上的另一个年报窗口" if holder.host == computer_name() else f"电脑“{holder.host}”上的年报程序"
    since = f"{format_date(holder.since.date().isoformat())} {holder.since:%H:%M}"
    return (f"“{report_path.name}”已在{where}中打开（自{since}起）。同一份报告不能同时在两处编辑，"
            "以免互相覆盖。请切换到那个窗口；如果那个程序已经关闭，请稍后再试。")


def computer_name() -> str:
    """This computer's network name, as socket.gethostname() gives it."""
    if hasattr(os, "uname"):  # the same name, without importing socket (5 ms of start-up)
        return os.uname().nodename
    import socket  # Windows: its DNS host name, not COMPUTERNAME (upper case, cut to 15 characters)

    return socket.gethostname()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
