"""The window: findings panel, accepting warnings, files, the unsaved-changes prompt, locks, exceptions."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from core import settings
from core.formats import get_format
from core.storage import load
from gui import crash
from gui.dialogs import NewReportAnswer
from gui.cover_page import CoverPage
from gui.pages import ProsePage
from gui.tables_page import TablesPage
from gui.window import MainWindow


def _problem_item(window: MainWindow, key: str) -> Any:
    item = window.problems.item_for(key)
    assert item is not None, f"{key} is not listed"
    return item


def test_clicking_a_finding_focuses_its_cell(qtbot: Any, window: MainWindow, example: Path) -> None:
    assert window.open_report(example)
    report = window.report
    report.set_value("s3.carried_out.legal", "5")  # breaks R1 in the 法律服务机构 column
    finding = next(f for f in report.findings if f.rule == "R1")
    window.tabs.setCurrentIndex(0)
    item = _problem_item(window, finding.key)
    rect = window.problems.tree.visualItemRect(item)
    qtbot.mouseClick(window.problems.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.sections[window.tabs.currentIndex()] == "s3"
    page = window.page_for("s3")
    assert isinstance(page, TablesPage)
    grid = page.grids[finding.cells[0]]
    assert grid.currentIndex() == grid.model().index_of(finding.cells[0])
    assert QApplication.focusWidget() is grid


def test_accepting_a_warning_with_a_reason_and_unaccepting(window: MainWindow, answers: Any, example: Path) -> None:
    assert window.open_report(example)
    report = window.report
    report.set_value("s2.a20_1.rules.issued", "1")  # P4: 规章 > 0 is a warning
    warning = next(f for f in report.findings if f.rule == "P4")
    assert "1 个警告" in window.summary.text()
    window.problems.tree.setCurrentItem(_problem_item(window, warning.key))
    assert window.problems.accept_button.isEnabled()
    answers.reason = "本局经授权制定规章"
    window.problems.accept_button.click()
    assert report.accepted == {warning.key: "本局经授权制定规章"}
    assert "校验通过" in window.summary.text()
    assert "已说明" in _problem_item(window, warning.key).text(0)
    window.problems.tree.setCurrentItem(_problem_item(window, warning.key))
    window.problems.unaccept_button.click()
    assert report.accepted == {}
    assert "1 个警告" in window.summary.text()


def test_too_short_reason_is_refused(window: MainWindow, answers: Any, example: Path) -> None:
    assert window.open_report(example)
    window.report.set_value("s2.a20_1.rules.issued", "1")
    warning = next(f for f in window.report.findings if f.rule == "P4")
    answers.reason = "没问题"
    window.accept_warning(warning)
    assert window.report.accepted == {} and "至少6个字" in answers.errors[0]


def test_tab_badges_count_findings(window: MainWindow, example: Path) -> None:
    assert window.open_report(example)
    s3 = window.sections.index("s3")
    assert window.tabs.tabText(s3) == "三、依申请公开"
    window.report.set_value("s3.new.natural", "999")
    assert window.tabs.tabText(s3) == "三、依申请公开（2）"  # 自然人 and 总计 columns of R1
    assert "2 个错误" in window.tabs.tabToolTip(s3)


def test_save_and_reopen_gives_the_same_report(window: MainWindow, answers: Any, example: Path, tmp_path: Path) -> None:
    assert window.open_report(example)
    report = window.report
    report.set_value("s3.new.natural", "17")
    report.set_prose("s5", "存在的问题：公开内容不够全面。\n改进措施：加强培训。")
    report.set_meta("contact", "李四")
    target = tmp_path / "另存.nianbao"
    answers.save_path = target
    assert window.save_as()
    assert not window.isWindowModified() and window.path == target
    assert settings.load_settings().recent[0] == str(target.resolve())
    reopened = load(target)
    assert reopened.values == report.values and reopened.prose == report.prose and reopened.meta == report.meta
    assert load(example).values["s3.new.natural"] != 17  # the original file is untouched


def test_unsaved_changes_prompt(window: MainWindow, answers: Any, example: Path) -> None:
    assert window.open_report(example)
    window.report.set_value("s3.new.natural", "17")
    answers.discard = "cancel"
    assert not window.close()  # cancel keeps the window and the report
    assert window.report.values["s3.new.natural"] == 17 and answers.asked == ["discard"]
    answers.discard = "save"
    window.close_report_asking()
    assert window.report is None and load(example).values["s3.new.natural"] == 17
    assert window.open_report(example)
    window.report.set_value("s3.new.natural", "18")
    answers.discard = "discard"
    assert window.close()
    assert load(example).values["s3.new.natural"] == 17


def test_new_report_dialog_answer_makes_a_report(window: MainWindow, answers: Any) -> None:
    answers.new = NewReportAnswer(get_format("2021"), 2025, "示例县统计局", "张三", "0571-1")
    window.new_report()
    assert window.report is not None and window.report.meta.agency == "示例县统计局"
    assert window.report.spec.id == "2021" and window.path is None
    assert [window.tabs.tabText(i).split("（")[0] for i in range(window.tabs.count())] == [
        "封面信息", "一、总体情况", "二、主动公开", "三、依申请公开", "四、复议诉讼", "五、问题及改进", "六、其他事项", "预览"]


def test_a_window_without_a_report_shows_the_start_page_with_recent_files(qtbot: Any, example: Path) -> None:
    settings.add_recent(example)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.start)  # once the event loop runs
    start = window.start
    assert start is not None and not window.problems.isVisible()
    assert start.recent.count() == 1 and example.name in start.recent.item(0).text()
    start.recent.itemClicked.emit(start.recent.item(0))
    assert window.report is not None and window.path == example
    assert window.stack.currentWidget() is window.tabs and window.problems.isVisible()
    window.close_report()
    assert window.stack.currentWidget() is start and not window.problems.isVisible()


def test_second_open_of_a_locked_file_is_refused(window: MainWindow, answers: Any, example: Path, qtbot: Any) -> None:
    assert window.open_report(example)
    other = MainWindow()
    qtbot.addWidget(other)
    refused: list[str] = []
    other.show_error = lambda message, title="": refused.append(message)  # type: ignore[method-assign]
    assert not other.open_report(example)
    assert other.report is None and "已在本电脑上的另一个年报窗口中打开" in refused[0]
    window.close_report()
    assert other.open_report(example)  # free again once the first window let it go
    other.close_report()


def test_prose_editor_counts_characters_and_updates_findings(window: MainWindow, example: Path) -> None:
    assert window.open_report(example)
    page = window.page_for("s1")
    assert isinstance(page, ProsePage) and "1000" in page.count.text()
    page.editor.setPlainText("字" * 1001)
    assert window.report.prose["s1"] == "字" * 1001
    assert "共 1001 字" in page.count.text()
    assert any(f.rule == "P8" for f in window.report.open_warnings)


def test_undo_from_the_menu_keeps_the_prose_cursor_where_the_clerk_typed(qtbot: Any, window: MainWindow,
                                                                         example: Path) -> None:
    assert window.open_report(example)
    page = window.show_section("s1")
    assert isinstance(page, ProsePage)
    before = page.editor.toPlainText()
    assert len(before) > 40
    cursor = page.editor.textCursor()
    cursor.setPosition(30)
    page.editor.setTextCursor(cursor)
    page.editor.setFocus()
    qtbot.keyClicks(page.editor, "abc")
    window.undo_action.trigger()  # 编辑 → 撤销
    assert page.editor.toPlainText() == before
    assert page.editor.textCursor().position() == 30  # not thrown back to the start of the text


def test_an_opened_report_shows_its_cover_first(window: MainWindow, example: Path) -> None:
    assert window.open_report(example)
    assert window.tabs.tabText(window.tabs.currentIndex()).endswith("封面信息")
    page = window.page_for("cover")
    assert isinstance(page, CoverPage) and page.isVisible()
    assert page.fields["agency"].text() == window.report.meta.agency == "示例县交通运输局"


def test_cover_rejects_a_bad_date_and_keeps_the_old_one(window: MainWindow, example: Path) -> None:
    assert window.open_report(example)
    page = window.page_for("cover")
    assert isinstance(page, CoverPage)
    date = page.fields["date"]
    old = window.report.meta.date
    date.setText("2026年2月30日")
    date.editingFinished.emit()
    assert window.report.meta.date == old and "不是有效日期" in window.statusBar().currentMessage()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_and_shown_and_the_window_survives(
        qtbot: Any, window: MainWindow, answers: Any, example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.excepthook", __import__("sys").excepthook)
    nianbao_log = logging.getLogger("nianbao")
    for old in list(nianbao_log.handlers):  # as at start-up: the log is set up by its first message
        nianbao_log.removeHandler(old)
    crash.install(lambda: window)
    assert window.open_report(example)
    window.report.set_value("s3.new.natural", "17")

    def broken() -> None:
        raise RuntimeError("boom inside a slot")

    QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: bool(answers.exceptions))
    message, details = answers.exceptions[0]
    assert "意外错误" in message and "boom inside a slot" in details
    assert window.isVisible() and window.report.values["s3.new.natural"] == 17
    assert window.recovery.exists  # the work was put in the recovery copy at once
    log = (settings.log_dir() / crash.LOG_NAME).read_text(encoding="utf-8")
    assert "boom inside a slot" in log
    for handler in list(nianbao_log.handlers):
        nianbao_log.removeHandler(handler)
        handler.close()


def test_clean_report_says_so_once_in_the_problems_panel(window: MainWindow, example: Path) -> None:
    assert window.open_report(example)
    tree = window.problems.tree
    texts = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert texts == ["没有发现问题。"]
    window.report.set_value("s3.new.natural", "999")
    window.report.undo()
    texts = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert texts == ["没有发现问题。"]


def test_typed_totals_from_another_tool_are_recomputed_on_opening(window: MainWindow, example: Path) -> None:
    """The clerk cannot type into a total, so a file whose totals disagree is put right, undoably."""
    import json

    data = json.loads(example.read_text(encoding="utf-8"))
    data["values"]["s3.new.total"] = 99
    example.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert window.open_report(example)
    report = window.report
    assert report.values["s3.new.total"] == 20 and not report.findings
    assert "已按明细重新计算" in window.statusBar().currentMessage() and report.modified
    report.undo()
    assert report.values["s3.new.total"] == 99 and {f.rule for f in report.errors} == {"R1", "R2"}


def test_problems_panel_leaves_the_tables_the_room(qtbot: Any, window: MainWindow, example: Path) -> None:
    """On a 1366×900 screen the panel opens about five findings tall, not a third of the window."""
    window.resize(1366, 900)
    window.grab()  # the start page laid out, the panel hidden
    assert window.open_report(example)
    qtbot.waitUntil(lambda: window.problems.isVisible())
    QApplication.processEvents()
    assert window.problems.height() <= 200
    assert window.centralWidget().height() >= 3 * window.problems.height()


def test_an_unknown_option_to_the_window_is_answered_in_chinese() -> None:
    main = Path(__file__).resolve().parents[2] / "main.py"
    result = subprocess.run([sys.executable, str(main), "--bogus"], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 2
    assert "用法：nianbao" in result.stderr and "不认识的参数：--bogus" in result.stderr
