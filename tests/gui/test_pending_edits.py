"""What is still being typed counts: save, close and undo first finish the edit in progress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from core.storage import load
from gui.tables_page import TablesPage
from gui.window import MainWindow

CELL = "s3.new.natural"


def _type_in_cell(qtbot: Any, window: MainWindow, text: str) -> Any:
    """Type text into CELL and leave its editor open, as a clerk about to press Ctrl+S does."""
    page = window.show_section("s3")
    assert isinstance(page, TablesPage)
    grid = page.grids[CELL]
    grid.focus_cell(CELL)
    qtbot.keyClick(grid, text[0])
    assert grid.state() == QAbstractItemView.State.EditingState
    for char in text[1:]:
        qtbot.keyClick(grid.itemDelegate().editor, char)
    return grid


def test_ctrl_s_saves_the_number_still_being_typed(qtbot: Any, window: MainWindow, example: Path) -> None:
    assert window.open_report(example)
    assert load(example).values[CELL] != 77
    grid = _type_in_cell(qtbot, window, "77")
    qtbot.keyClick(grid.itemDelegate().editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load(example).values[CELL] == 77
    assert not window.isWindowModified()
    assert grid.state() != QAbstractItemView.State.EditingState and grid.hasFocus()


def test_closing_with_a_number_still_being_typed_asks_first(qtbot: Any, window: MainWindow, answers: Any,
                                                            example: Path) -> None:
    assert window.open_report(example)
    _type_in_cell(qtbot, window, "77")
    answers.discard = "cancel"
    assert not window.close()
    assert answers.asked == ["discard"] and window.report.values[CELL] == 77
    answers.discard = "save"
    assert window.close()
    assert load(example).values[CELL] == 77


def test_ctrl_s_saves_the_cover_date_and_year_being_typed(qtbot: Any, window: MainWindow, example: Path) -> None:
    assert window.open_report(example)
    page = window.show_section("cover")
    date, year = page.fields["date"], page.fields["year"]
    date.setFocus()
    date.selectAll()
    qtbot.keyClicks(date, "2026-02-03")
    qtbot.keyClick(date, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load(example).meta.date == "2026-02-03"
    year.setFocus()
    year.lineEdit().selectAll()
    qtbot.keyClicks(year.lineEdit(), "2023")
    qtbot.keyClick(year, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load(example).meta.year == 2023


def test_undo_back_to_the_saved_state_removes_the_recovery_copy(qtbot: Any, window: MainWindow, example: Path) -> None:
    assert window.open_report(example)
    window.report.set_value(CELL, "99")
    qtbot.waitUntil(lambda: window.recovery.exists, timeout=3000)
    window.undo()
    assert not window.isWindowModified() and not window.recovery.exists
    qtbot.wait(400)  # past the autosave interval: the copy does not come back
    assert not window.recovery.exists
