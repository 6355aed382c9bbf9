"""A section made of tables (二, 三, 四): built when its tab is first shown, so start-up does not load the grid."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QToolTip, QWidget

from core.checks import Finding
from core.formats import Section
from core.report import Change, Report
from gui.grid_model import BLANK_BG, COMPUTED_BG, COMPUTED_FG, ReportTableModel
from gui.grid_view import ReportGrid
from gui.pages import HINT, Page, guide_label, heading_label
from gui.theme import ERROR_COLOR, MUTED, WARNING_COLOR


class TablesPage(Page):
    """A section made of tables (二, 三, 四), each drawn like the official form."""

    pasteProblem = Signal(str)  # one message for all the cells a paste could not use

    def __init__(self, report: Report, section: Section):
        super().__init__(report)
        self.section_id = section.id
        self.layout_.addWidget(heading_label(section.heading))
        self.layout_.addWidget(guide_label(section.guide + HINT if section.guide else HINT))
        self.grids: dict[str, ReportGrid] = {}
        self.tables: list[ReportGrid] = []  # in page order
        self.units: dict[str, QComboBox] = {}
        for table in section.tables:
            grid = ReportGrid(ReportTableModel(report, table))
            grid.message.connect(self.pasteProblem)
            grid.grid_model.inputRejected.connect(self._rejected)
            grid.leave.connect(lambda action, column, g=grid: self._leave(g, action, column))
            self.tables.append(grid)
            self.layout_.addWidget(grid)
            for cid in grid.grid_model.cell_ids():
                self.grids[cid] = grid
                if len(report.spec.cells[cid].type.units) > 1:
                    self.layout_.addLayout(self._unit_row(cid))
        self.layout_.addWidget(_legend())
        self.layout_.addStretch(1)

    def _unit_row(self, cell_id: str) -> QHBoxLayout:
        row = QHBoxLayout()
        combo = QComboBox()
        combo.addItems(list(self.report.spec.cells[cell_id].type.units))
        combo.setCurrentText(self.report.unit(cell_id))
        combo.currentTextChanged.connect(lambda unit: self.report.set_unit(cell_id, unit))
        self.units[cell_id] = combo
        row.addWidget(QLabel(f"{self.report.spec.cells[cell_id].place}的单位："))
        row.addWidget(combo)
        row.addStretch(1)
        return row

    def _leave(self, grid: ReportGrid, action: QAbstractItemView.CursorAction, column: str) -> None:
        """Enter or Tab past a table's edge: on to the next table (Shift: the previous one); the last stays put."""
        Move = QAbstractItemView.CursorAction
        forward = action in (Move.MoveDown, Move.MoveNext)
        unit = next((self.units[c] for c in grid.input_cells() if c in self.units), None)
        if unit is not None and action == Move.MoveNext:  # the table's unit choice comes next on the page
            unit.setFocus(Qt.FocusReason.TabFocusReason)
            return
        i = self.tables.index(grid) + (1 if forward else -1)
        if not 0 <= i < len(self.tables):
            return
        target = self.tables[i]
        inputs = target.input_cells()
        if not inputs:
            return
        cell_id = inputs[0] if forward else inputs[-1]
        if action in (Move.MoveDown, Move.MoveUp):  # Enter: the same column, if the next table has it
            table = target.grid_model.table
            row = table.data_rows[0 if forward else -1]
            cell_id = next((c for c in inputs if c == table.cell_id(row.id, column)), cell_id)
        grid.clearSelection()
        self.focus_cell(cell_id)

    def _rejected(self, cell_id: str, message: str) -> None:
        grid = self.grids[cell_id]
        rect = grid.visualRect(grid.grid_model.index_of(cell_id))
        QToolTip.showText(grid.viewport().mapToGlobal(rect.bottomLeft()), message, grid)
        self.inputRejected.emit(message)

    def detach(self) -> None:
        super().detach()
        for grid in set(self.grids.values()):
            grid.grid_model.detach()

    def on_change(self, change: Change) -> None:
        for cid in change.units & self.units.keys():
            self.units[cid].blockSignals(True)
            self.units[cid].setCurrentText(self.report.unit(cid))
            self.units[cid].blockSignals(False)

    def focus_finding(self, finding: Finding) -> None:
        cells = [c for c in finding.cells if c in self.grids]
        if cells:
            self.focus_cell(cells[0])

    def focus_cell(self, cell_id: str) -> None:
        grid = self.grids[cell_id]
        grid.focus_cell(cell_id)
        rect = grid.visualRect(grid.grid_model.index_of(cell_id))
        self.ensureVisible(grid.x() + rect.center().x(), grid.y() + rect.center().y(), 80, 80)


def _legend() -> QWidget:
    legend = QLabel(
        f"<span style='background:{COMPUTED_BG.name()}; color:{COMPUTED_FG.name()}; font-weight:bold'>&nbsp;∑ 灰底蓝字&nbsp;</span>"
        " 程序自动计算的合计，不能填写"
        f"　　<span style='background:{BLANK_BG.name()}'>&nbsp;浅黄底&nbsp;</span> 尚未填写（没有发生的填0）"
        f"　　<span style='color:{ERROR_COLOR.name()}; font-weight:bold'>红框</span> 有错误"
        f"　　<span style='color:{WARNING_COLOR.name()}; font-weight:bold'>橙框</span> 有警告"
        "　　鼠标停在单元格上可看说明"
    )
    legend.setStyleSheet(f"color: {MUTED};")
    return legend
