"""Never losing work: a window killed after editing is restored on the next start, nothing lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from core import recovery, settings
from core.storage import load
from gui.window import MainWindow

ROOT = Path(__file__).resolve().parent.parent.parent

CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
import core.recovery, core.settings
home = Path({home!r})
core.settings.settings_path = lambda: home / "settings.json"
core.recovery.recovery_dir = lambda: Path({recovery!r})
from PySide6.QtTest import QTest
from gui.app import application
from gui.window import MainWindow
app = application()
window = MainWindow(autosave_ms=300)
window.show()
assert window.open_report(Path({file!r}))
page = window.page_for("s3")
grid = page.grids["s3.new.natural"]
grid.model().setData(grid.model().index_of("s3.new.natural"), "１７")
grid.model().setData(grid.model().index_of("s3.new.business"), "8")
window.report.set_prose("s5", "恢复测试：这段文字在崩溃前输入。")
QTest.qWait(1200)  # well past the autosave interval
print("edited", flush=True)
QTest.qWait(60000)
"""


def test_killed_window_is_restored_with_nothing_lost(window: MainWindow, answers: Any, example: Path,
                                                     tmp_path: Path) -> None:
    script = CHILD.format(root=str(ROOT), home=str(tmp_path / "child"), recovery=str(recovery.recovery_dir()),
                          file=str(example))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, env=env) as child:
        line = child.stdout.readline()  # type: ignore[union-attr]
        child.kill()  # like a crash or a power cut: no clean-up runs
        _out, err = child.communicate()
    assert line.strip() == "edited", err
    assert load(example).values["s3.new.natural"] != 17  # the clerk's file was never written

    answers.restore = "restore"
    assert window.offer_recovery()  # the lock the dead window left does not block
    report = window.report
    assert report.values["s3.new.natural"] == 17 and report.values["s3.new.business"] == 8
    assert report.prose["s5"] == "恢复测试：这段文字在崩溃前输入。"
    assert window.path == example and window.isWindowModified()

    assert window.save()
    assert load(example).values["s3.new.natural"] == 17
    assert list(recovery.recovery_dir().glob("*")) == []  # a normal save removes the copy


def test_autosave_writes_and_save_removes_the_copy(qtbot: Any, window: MainWindow, example: Path) -> None:
    assert window.open_report(example)
    window.report.set_value("s3.new.natural", "5")
    qtbot.waitUntil(lambda: window.recovery.exists, timeout=3000)
    assert settings.settings_path().parent != Path.home()  # tests never touch the real folders
    window.save()
    assert not window.recovery.exists


def test_declining_the_restore_deletes_the_copy(window: MainWindow, answers: Any, example: Path) -> None:
    copy = recovery.RecoveryCopy()
    copy.write(load(example), example)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    copy.path.write_text(copy.path.read_text(encoding="utf-8").replace(f'"pid": {os.getpid()}', f'"pid": {dead.pid}'),
                         encoding="utf-8")
    answers.restore = "discard"
    assert not window.offer_recovery()
    assert not copy.exists and window.report is None


def test_smoke_test_opens_a_file_and_exits_ok(example: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--smoke-test", str(example)],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0 and result.stdout.strip() == "ok"
