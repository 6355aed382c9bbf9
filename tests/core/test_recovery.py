"""Recovery copies: written beside nothing of the clerk's, found again after the process is gone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core import recovery
from core.formats import get_format
from core.recovery import RecoveryCopy, orphans
from core.report import Report
from core.storage import SaveError


def _report() -> Report:
    report = Report.new(get_format("2021"), "示例县交通运输局", 2025)
    report.set_value("s3.new.natural", "７")
    report.set_prose("s6", "本年度未收取信息处理费。")
    return report


def _orphan_of_dead_process(copy: RecoveryCopy) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    data = json.loads(copy.path.read_text(encoding="utf-8"))
    data["pid"] = proc.pid
    copy.path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_copy_of_a_running_process_is_not_an_orphan(tmp_path: Path) -> None:
    copy = RecoveryCopy()
    copy.write(_report(), tmp_path / "报告.nianbao")
    assert copy.path.parent == recovery.recovery_dir()
    assert orphans() == []


def test_orphan_restores_everything(tmp_path: Path) -> None:
    source = tmp_path / "报告.nianbao"
    copy = RecoveryCopy()
    copy.write(_report(), source)
    _orphan_of_dead_process(copy)
    [orphan] = orphans()
    assert orphan.source == source and orphan.title == "示例县交通运输局2025年度报告"
    restored = orphan.load()
    assert restored.values["s3.new.natural"] == 7 and restored.values["s3.new.total"] == 7
    assert restored.prose["s6"] == "本年度未收取信息处理费。"
    assert not source.exists()  # the clerk's file is never written


def test_discard_removes_the_copy(tmp_path: Path) -> None:
    copy = RecoveryCopy()
    copy.write(_report(), None)
    copy.discard()
    assert not copy.exists and orphans() == []


def test_broken_copy_is_skipped() -> None:
    recovery.recovery_dir().mkdir(parents=True)
    (recovery.recovery_dir() / "x.recovery.json").write_text("{", encoding="utf-8")
    assert orphans() == []


def test_copy_from_before_a_restart_is_offered_even_if_its_process_id_runs_again(tmp_path: Path) -> None:
    """After a power cut, Windows hands the old process id to another program: the copy is still an orphan."""
    copy = RecoveryCopy()
    copy.write(_report(), tmp_path / "报告.nianbao")
    data = json.loads(copy.path.read_text(encoding="utf-8"))
    data["pid"] = 1  # a process that runs now
    data["written"] = "2000-01-01T08:00:00"  # before this computer last started
    copy.path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    [orphan] = orphans()
    assert orphan.path == copy.path


def test_unwritable_recovery_folder_is_a_save_error(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(SaveError, match="恢复副本"):
        RecoveryCopy(blocker / "recovery" / "x.recovery.json").write(_report(), None)
