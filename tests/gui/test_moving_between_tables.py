"""Enter and Tab at a table's edge go on to the next table of the page, so a keyboard is enough."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from gui.tables_page import TablesPage
from gui.window import MainWindow

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "resources" / "examples"


def _page(window: MainWindow, example: Path, section: str) -> TablesPage:
    assert window.open_report(example)
    page = window.show_section(section)
    assert isinstance(page, TablesPage)
    return page


def _at(page: TablesPage) -> str:
    """The cell the keyboard is on: the focused grid's current cell."""
    grid = next((g for g in set(page.grids.values()) if g.hasFocus()), None)
    return grid.grid_model.cell_at(grid.currentIndex()).cell_id if grid else ""


def test_enter_after_the_last_row_goes_to_the_next_table(qtbot: Any, window: MainWindow, example: Path) -> None:
    page = _page(window, example, "s2")
    page.focus_cell("s2.a20_1.normative.issued")
    grid = page.grids["s2.a20_1.normative.issued"]
    qtbot.keyClick(grid, "4")
    editor = grid.itemDelegate().editor
    qtbot.keyClick(editor, "2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the editor commits on the next turn of the event loop
    qtbot.waitUntil(lambda: window.report.values["s2.a20_1.normative.issued"] == 42)
    qtbot.waitUntil(lambda: _at(page) == "s2.a20_5.licensing.decisions")  # the next number does not overwrite 42
    qtbot.keyClick(page.grids[_at(page)], Qt.Key.Key_Return)
    qtbot.keyClick(page.grids[_at(page)], Qt.Key.Key_Return)
    assert _at(page) == "s2.a20_6.enforcement.decisions"  # the same column, down through the tables
    qtbot.keyClick(page.grids[_at(page)], Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(page.grids[_at(page)], Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert _at(page) == "s2.a20_5.licensing.decisions"
    qtbot.keyClick(page.grids[_at(page)], Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert _at(page) == "s2.a20_1.normative.in_force"  # a20_1 has no 行政许可 column: its last input cell


def test_tab_after_the_last_cell_goes_to_the_next_table(qtbot: Any, window: MainWindow, example: Path) -> None:
    page = _page(window, example, "s2")
    page.focus_cell("s2.a20_1.normative.in_force")
    qtbot.keyClick(page.grids[_at(page)], Qt.Key.Key_Tab)
    assert _at(page) == "s2.a20_5.licensing.decisions"
    qtbot.keyClick(page.grids[_at(page)], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert _at(page) == "s2.a20_1.normative.in_force"


def test_the_last_table_keeps_the_cursor(qtbot: Any, window: MainWindow, example: Path) -> None:
    page = _page(window, example, "s2")
    page.focus_cell("s2.a20_8.fees.amount")
    grid = page.grids["s2.a20_8.fees.amount"]
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert _at(page) == "s2.a20_8.fees.amount"
    assert grid.state() != QAbstractItemView.State.EditingState


def test_tab_after_a_table_with_a_unit_choice_goes_to_that_choice(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    report = shutil.copy(EXAMPLES / "cixi-emergency-2019.nianbao", tmp_path / "2019.nianbao")
    page = _page(window, Path(report), "s2")
    page.focus_cell("s2.a20_9.procurement.amount")
    qtbot.keyClick(page.grids["s2.a20_9.procurement.amount"], Qt.Key.Key_Tab)
    assert page.units["s2.a20_9.procurement.amount"].hasFocus()
