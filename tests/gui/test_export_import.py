"""文件 → 导出 Excel / 导出 PDF / 导入: beside the project file, replacing only after a question."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from core.storage import load
from gui.window import MainWindow


@pytest.mark.parametrize("kind, magic", [("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_export_writes_the_file(window: MainWindow, answers: Any, example: Path, kind: str, magic: bytes) -> None:
    assert window.open_report(example)
    target = example.with_name(f"示例县交通运输局2025年政府信息公开工作年度报告.{kind}")
    answers.save_path = target
    assert window.export(kind)
    assert target.read_bytes().startswith(magic)


def test_pdf_export_warns_about_characters_no_font_can_print(window: MainWindow, answers: Any, example: Path) -> None:
    assert window.open_report(example)
    window.report.set_meta("contact", "王𠀀")  # a CJK Extension B name character
    answers.save_path = example.with_name("报告.pdf")
    assert window.export("pdf")
    assert len(answers.infos) == 1 and "𠀀" in answers.infos[0] and "空白" in answers.infos[0]
    answers.save_path = example.with_name("报告.xlsx")
    assert window.export("xlsx") and len(answers.infos) == 1  # Excel shows what the PC's fonts can


def test_existing_target_is_replaced_only_after_a_question(window: MainWindow, answers: Any, example: Path) -> None:
    assert window.open_report(example)
    target = example.with_name("报告.xlsx")
    target.write_bytes(b"old")
    answers.save_path, answers.overwrite = target, False
    assert not window.export("xlsx")
    assert target.read_bytes() == b"old" and "overwrite" in answers.asked
    answers.overwrite = True
    assert window.export("xlsx")
    assert target.read_bytes().startswith(b"PK")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_gives_a_clear_message(window: MainWindow, answers: Any, example: Path, tmp_path: Path) -> None:
    assert window.open_report(example)
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o500)
    answers.save_path = folder / "报告.pdf"
    try:
        assert not window.export("pdf")
    finally:
        folder.chmod(0o700)
    assert "无法导出" in answers.errors[0] and load(example).values == window.report.values


def test_failed_export_leaves_the_project_untouched(window: MainWindow, answers: Any, example: Path) -> None:
    assert window.open_report(example)
    before = example.read_bytes()
    answers.save_path = example.parent / "不存在的文件夹" / "报告.xlsx"
    assert not window.export("xlsx")
    assert "无法导出" in answers.errors[0]
    assert example.read_bytes() == before and window.report is not None


def test_import_reads_an_exported_workbook_as_an_unsaved_report(window: MainWindow, answers: Any, example: Path) -> None:
    assert window.open_report(example)
    workbook = example.with_name("导出.xlsx")
    answers.save_path = workbook
    assert window.export("xlsx")
    expected = dict(window.report.values)
    window.close_report()
    assert window.import_workbook(workbook)
    assert window.report.values == expected and window.path is None and window.isWindowModified()


def test_import_of_a_foreign_file_is_refused(window: MainWindow, answers: Any, tmp_path: Path) -> None:
    bad = tmp_path / "别人的表.xlsx"
    bad.write_bytes(b"not a workbook")
    assert not window.import_workbook(bad)
    assert answers.errors and window.report is None
