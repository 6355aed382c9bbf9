"""The entry grid: typing (ASCII, Chinese IME, full-width), moving, clearing, copying, pasting, undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.modeltest import ModelTester

from core.formats import get_format
from core.checks import summary
from core.report import Report
from gui.grid_model import ReportTableModel, SeverityRole
from gui.grid_view import parse_tsv
from gui.tables_page import TablesPage
from gui.window import MainWindow


def _grid(window: MainWindow, cell_id: str) -> Any:
    spec = window.report.spec
    page = window.show_section(spec.tables[spec.cells[cell_id].table].section)
    assert isinstance(page, TablesPage)
    grid = page.grids[cell_id]
    grid.focus_cell(cell_id)
    return grid


def _commit_text(widget: Any, text: str, preedit: str = "") -> None:
    """What an input method sends: optionally the pinyin being composed, then the chosen text."""
    if preedit:
        QApplication.sendEvent(widget, QInputMethodEvent(preedit, []))
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _editor(grid: Any) -> QLineEdit:
    assert grid.state() == QAbstractItemView.State.EditingState, "typing did not open an editor"
    return grid.itemDelegate().editor


def _open(window: MainWindow, path: Path) -> Report:
    assert window.open_report(path)
    assert window.report is not None
    return window.report


def test_typing_overwrites_and_updates_totals_and_findings(qtbot: Any, window: MainWindow, example: Path) -> None:
    report = _open(window, example)
    grid = _grid(window, "s3.new.natural")
    before_total, before = report.values["s3.new.total"], report.values["s3.new.natural"]
    assert before not in (None, 25)
    qtbot.keyClick(grid, "2")  # the first key opens the editor, which then has the focus
    editor = _editor(grid)
    qtbot.keyClick(editor, "5")
    assert editor.text() == "25"  # typing overwrote what was there
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: report.values["s3.new.natural"] == 25)
    assert report.values["s3.new.total"] == before_total - before + 25
    assert grid.model().data(grid.model().index_of("s3.new.total")) == str(before_total - before + 25)
    assert {f.rule for f in report.findings} == {"R1"}  # 一+二 no longer equals （七）+四
    assert grid.model().data(grid.model().index_of("s3.new.natural"), SeverityRole) == "error"
    assert summary(report.findings, report.accepted) in window.summary.text()
    assert "个错误" in window.summary.text()
    qtbot.waitUntil(lambda: grid.currentIndex() == grid.model().index_of("s3.carried_in.natural"))  # Enter moved down


def test_chinese_ime_and_full_width_digits(qtbot: Any, window: MainWindow, example: Path) -> None:
    report = _open(window, example)
    grid = _grid(window, "s3.new.business")
    _commit_text(grid, "１２")  # full-width digits committed by an input method open the editor
    editor = _editor(grid)
    assert editor.text() == "１２"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: report.values["s3.new.business"] == 12)
    assert grid.currentIndex() == grid.model().index_of("s3.new.research")  # Tab moved right

    _commit_text(grid, "五", preedit="wu")  # pinyin composed, then 五 chosen: not a number, refused
    assert _editor(grid).text() == "五"
    qtbot.keyClick(_editor(grid), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "不是数字" in window.statusBar().currentMessage())
    assert report.values["s3.new.research"] == 0


def test_delete_clears_the_selection_and_undo_redo(qtbot: Any, window: MainWindow, example: Path) -> None:
    report = _open(window, example)
    grid = _grid(window, "s3.public.natural")
    model = grid.model()
    grid.selectionModel().select(model.index_of("s3.public.natural"), grid.selectionModel().SelectionFlag.Select)
    grid.selectionModel().select(model.index_of("s3.public.business"), grid.selectionModel().SelectionFlag.Select)
    old = report.values["s3.public.natural"], report.values["s3.public.business"]
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert report.values["s3.public.natural"] is None and report.values["s3.public.business"] is None
    assert window.isWindowModified()
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (report.values["s3.public.natural"], report.values["s3.public.business"]) == old
    assert not window.isWindowModified()
    qtbot.keyClick(grid, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert report.values["s3.public.natural"] is None
    assert model.data(model.index_of("s3.public.natural")) == ""


def test_paste_a_block_of_3_by_4_is_one_undo_step(qtbot: Any, window: MainWindow, example: Path) -> None:
    report = _open(window, example)
    grid = _grid(window, "s3.public.natural")
    QGuiApplication.clipboard().setText("1\t2\t3\t4\r\n5\t6\t7\t8\r\n9\t10\t11\t12\r\n")  # as Excel copies it
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows = ("public", "partial", "refused_secret")
    cols = ("natural", "business", "research", "nonprofit")
    assert [[report.values[f"s3.{r}.{c}"] for c in cols] for r in rows] == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]
    assert report.values["s3.public.total"] == 10
    report.undo()
    assert report.values["s3.public.natural"] == 9 and report.values["s3.refused_secret.research"] == 0


def test_paste_reports_bad_cells_in_one_message(qtbot: Any, window: MainWindow, answers: Any, example: Path) -> None:
    report = _open(window, example)
    grid = _grid(window, "s3.public.natural")
    QGuiApplication.clipboard().setText("7\t-\t3\n无\t2\t1\n")
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert report.values["s3.public.natural"] == 7 and report.values["s3.partial.research"] == 1
    assert report.values["s3.public.business"] == 2  # the bad cell kept its value
    [message] = answers.errors
    assert "2个没有粘贴" in message and "没有发生的请填0" in message


def test_paste_goes_to_the_top_left_of_a_selection_made_downwards(qtbot: Any, window: MainWindow, example: Path) -> None:
    report = _open(window, example)
    grid = _grid(window, "s3.public.natural")
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # the cursor ends on the lower cell
    before = report.values["s3.refused_secret.natural"]
    QGuiApplication.clipboard().setText("1\r\n2\r\n")
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert (report.values["s3.public.natural"], report.values["s3.partial.natural"]) == (1, 2)
    assert report.values["s3.refused_secret.natural"] == before


def test_paste_unquotes_excel_cells_and_ignores_trailing_blank_lines(qtbot: Any, window: MainWindow, answers: Any,
                                                                     example: Path) -> None:
    report = _open(window, example)
    before = report.values["s3.public.natural"]
    assert before is not None
    grid = _grid(window, "s3.new.natural")
    QGuiApplication.clipboard().setText('"1,234"\t5\r\n7\t"8"\r\n\r\n\r\n')
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [report.values[f"s3.{r}.{c}"] for r in ("new", "carried_in") for c in ("natural", "business")] == [1234, 5, 7, 8]
    assert report.values["s3.public.natural"] == before and answers.errors == []  # the blank lines cleared nothing
    assert parse_tsv('"a\r\nb"\t"say ""x"""\r\n\r\n3\r\n\r\n') == [["a\nb", 'say "x"'], [""], ["3"]]


def test_copy_gives_tab_separated_values(qtbot: Any, window: MainWindow, example: Path) -> None:
    report = _open(window, example)
    grid = _grid(window, "s3.new.natural")
    model = grid.model()
    selection = grid.selectionModel()
    selection.select(model.index_of("s3.new.natural"), selection.SelectionFlag.Select)
    selection.select(model.index_of("s3.carried_in.business"), selection.SelectionFlag.Select)
    qtbot.keyClick(grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    expected = "\n".join(f"{report.display(f's3.{r}.natural')}\t{report.display(f's3.{r}.business')}"
                         for r in ("new", "carried_in")) + "\n"
    assert QGuiApplication.clipboard().text() == expected


def test_computed_cells_are_read_only(window: MainWindow, example: Path) -> None:
    _open(window, example)
    grid = _grid(window, "s3.new.total")
    model = grid.model()
    assert not model.flags(model.index_of("s3.new.total")) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index_of("s3.new.natural")) & Qt.ItemFlag.ItemIsEditable
    assert "自动计算" in model.data(model.index_of("s3.new.total"), Qt.ItemDataRole.ToolTipRole)


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    for spec_id in ("2019", "2021"):
        report = Report.new(get_format(spec_id), "测试机关", 2025)
        for table in report.spec.tables.values():
            qtmodeltester.check(ReportTableModel(report, table), force_py=True)


def test_grid_lays_out_the_official_header_and_labels(window: MainWindow, example: Path) -> None:
    _open(window, example)
    grid = _grid(window, "s3.new.natural")
    model = grid.model()
    assert model.data(model.index(0, 0)).startswith("（本列数据的勾稽关系")  # the corner note
    assert (grid.rowSpan(0, 0), grid.columnSpan(0, 0)) == (3, 3)
    public = model.index_of("s3.public.natural")
    group = model.data(model.index(public.row(), 0))
    assert group == "三、本年度办理结果" and grid.rowSpan(public.row(), 0) > 20  # vertical merged cell


def test_blank_cells_are_shaded_not_outlined_and_real_errors_are_outlined(qtbot: Any) -> None:
    """A new report is not a sea of red frames: blanks are shaded until filled; a broken identity is framed."""
    from gui.grid_model import BLANK_BG

    report = Report.new(get_format("2021"), "示例县交通运输局", 2025)
    model = ReportTableModel(report, report.spec.tables["s3"])
    new, public = model.index_of("s3.new.natural"), model.index_of("s3.public.natural")
    assert any(f.rule == "C1" for f in report.findings)
    assert model.data(new, SeverityRole) is None
    assert model.data(new, Qt.ItemDataRole.BackgroundRole).color() == BLANK_BG
    assert "没有发生的请填0" in model.data(new, Qt.ItemDataRole.ToolTipRole)
    report.set_value("s3.new.natural", "5")
    assert model.data(new, SeverityRole) == "error"  # R1: 一＋二 ≠ （七）＋四
    assert model.data(new, Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(public, SeverityRole) is None
    model.detach()


LONG_SESSION = """
import sys, shutil, tempfile
from pathlib import Path
import platformdirs
home = tempfile.mkdtemp()
platformdirs.user_config_dir = platformdirs.user_data_dir = platformdirs.user_log_dir = lambda *a, **k: home
from gui.app import application
from gui.window import MainWindow
path = Path(home) / "r.nianbao"
shutil.copy(sys.argv[1], path)
app = application()
window = MainWindow()
window.show()
window.open_report(path)
model = window.show_section("s3").grids["s3.new.natural"].model()
index = model.index_of("s3.new.natural")
for i in range(500):
    model.setData(index, str(i))
    app.processEvents()
print("ok", window.report.values["s3.new.natural"])
window.report.mark_saved()
window.close()
"""


def test_a_long_editing_session_does_not_crash(example: Path) -> None:
    """PySide6 6.12 drops a reference to True on each grid edit; without the guard in gui/__init__.py
    the program aborted with “bool_dealloc” after about 200 edits."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", LONG_SESSION, str(example)], capture_output=True, text=True,
                            timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["ok", "499"]
