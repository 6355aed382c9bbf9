"""File lock: a second open is refused with a clear message; a dead holder does not block forever."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.filelock import STALE_AFTER, FileLock, LockedError, computer_name, lock_path, pid_alive


def _report(tmp_path: Path) -> Path:
    path = tmp_path / "报告.nianbao"
    path.write_text("{}", encoding="utf-8")
    return path


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_second_lock_is_refused_with_the_file_name(tmp_path: Path) -> None:
    path = _report(tmp_path)
    first = FileLock(path)
    first.acquire()
    with pytest.raises(LockedError, match="报告.nianbao.*已在本电脑上的另一个年报窗口中打开"):
        FileLock(path).acquire()
    first.release()
    FileLock(path).acquire()


def test_release_removes_the_lock_file(tmp_path: Path) -> None:
    path = _report(tmp_path)
    lock = FileLock(path)
    lock.acquire()
    assert lock_path(path).exists()
    lock.release()
    assert not lock_path(path).exists()


def _write_lock(path: Path, pid: int, host: str, seen: dt.datetime) -> None:
    lock_path(path).write_text(json.dumps({"pid": pid, "host": host, "since": seen.isoformat(),
                                           "seen": seen.isoformat()}), encoding="utf-8")


def test_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    path = _report(tmp_path)
    _write_lock(path, _dead_pid(), computer_name(), dt.datetime.now())
    FileLock(path).acquire()
    assert json.loads(lock_path(path).read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_lock_from_another_computer_holds_until_it_stops_refreshing(tmp_path: Path) -> None:
    path = _report(tmp_path)
    _write_lock(path, 1234, "另一台电脑", dt.datetime.now())
    with pytest.raises(LockedError, match="电脑“另一台电脑”"):
        FileLock(path).acquire()
    _write_lock(path, 1234, "另一台电脑", dt.datetime.now() - STALE_AFTER - dt.timedelta(minutes=1))
    FileLock(path).acquire()


def test_unreadable_lock_file_does_not_block(tmp_path: Path) -> None:
    path = _report(tmp_path)
    lock_path(path).write_text("garbage", encoding="utf-8")
    FileLock(path).acquire()


def test_pid_alive() -> None:
    assert pid_alive(os.getpid())
    assert not pid_alive(_dead_pid())


def test_lock_left_before_a_restart_is_taken_over_though_its_pid_runs_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Process ids are reused after a restart: a lock from before it is stale at once."""
    from core import filelock

    path = _report(tmp_path)
    _write_lock(path, 1, computer_name(), dt.datetime.now() - dt.timedelta(minutes=3))
    with pytest.raises(LockedError):
        FileLock(path).acquire()  # pid 1 runs, and no restart since
    monkeypatch.setattr(filelock, "boot_time", lambda: dt.datetime.now() - dt.timedelta(minutes=1))
    FileLock(path).acquire()


def test_lock_file_caught_while_another_window_writes_it_is_not_taken_over(tmp_path: Path) -> None:
    """Found empty (the other window has just created it), it is read again before it counts as stale."""
    import threading

    path = _report(tmp_path)
    lock_path(path).write_text("", encoding="utf-8")
    writer = threading.Timer(0.03, _write_lock, (path, os.getpid(), computer_name(), dt.datetime.now()))
    writer.start()
    try:
        with pytest.raises(LockedError, match="另一个年报窗口"):
            FileLock(path).acquire()
    finally:
        writer.join()


def test_refresh_rewrites_the_lock_in_one_piece(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _report(tmp_path)
    lock = FileLock(path)
    lock.acquire()
    writes: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (writes.append(str(dst)), real_replace(src, dst)))
    lock.refresh()
    assert writes == [str(lock_path(path.resolve()))]
    assert json.loads(lock_path(path).read_text(encoding="utf-8"))["pid"] == os.getpid()
