"""An item model over one table of the report: maps (row, column) to a core cell id and back.

It holds no copy of the values: every read asks the report, every write goes to report.set_value.
The official header rows (and the caption row of 二's blocks) are rows of the model, so one view
draws the whole table with its merged cells (QTableView's own header cannot span).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from core.checks import Finding, worst
from core.report import Change, InputError, Report
from core.table_layout import HEADER, LABEL, VALUE, GridCell, table_grid
from core.formats import Table

CAPTION = "caption"
CellIdRole = Qt.ItemDataRole.UserRole + 1
SeverityRole = Qt.ItemDataRole.UserRole + 2  # "error" / "warning" for an open finding, else None
KindRole = Qt.ItemDataRole.UserRole + 3
ComputedRole = Qt.ItemDataRole.UserRole + 4

HEADER_BG = QColor("#f2f4f7")
COMPUTED_BG = QColor("#e6e9ee")
BLANK_BG = QColor("#fff6d8")  # not filled in yet: blank is not 0 (the problems panel lists them per table)
COMPUTED_FG = QColor("#1f4e8c")
COMPUTED_MARK = QColor("#8a94a0")
TEXT_FG = QColor("#1a1a1a")

# Looked up once: each Qt.X.Y costs about 0.4 µs in PySide6 6.12 (and each | of flags more), and data()
# and flags() answer some 4,000 calls when a table is first sized and drawn, and more for every edit.
_DISPLAY, _EDIT, _ALIGNMENT, _BACKGROUND, _FOREGROUND, _FONT, _TOOLTIP, _ACCESSIBLE = (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)
ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_CENTER = Qt.AlignmentFlag.AlignCenter
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _SELECTABLE | Qt.ItemFlag.ItemIsEditable
_HEADER_BRUSH, _COMPUTED_BRUSH, _BLANK_BRUSH = QBrush(HEADER_BG), QBrush(COMPUTED_BG), QBrush(BLANK_BG)
_COMPUTED_TEXT, _TEXT = QBrush(COMPUTED_FG), QBrush(TEXT_FG)
Index = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """One table of the report, laid out like the official form."""

    inputRejected = Signal(str, str)  # cell id, message in Chinese

    def __init__(self, report: Report, table: Table, parent: object = None):
        super().__init__(parent)
        self.report, self.table = report, table
        grid = table_grid(table)
        top = 1 if table.caption else 0
        self.header_rows = grid.header_rows + top
        self._rows, self._cols = grid.rows + top, grid.columns
        cells = [GridCell(c.row + top, c.col, c.rowspan, c.colspan, c.kind, c.text, c.cell_id, c.level, c.group)
                 for c in grid.cells]
        if top:
            cells.insert(0, GridCell(0, 0, 1, grid.columns, CAPTION, table.caption))
        self.cells = tuple(cells)
        self._at = {(c.row, c.col): c for c in cells}
        self._where = {c.cell_id: (c.row, c.col) for c in cells if c.cell_id}
        self._findings: dict[str, list[Finding]] = {}
        self._marking = {rule.id for rule in report.spec.rules if rule.mark_cells}  # not C1's many blanks
        self._index_findings()
        self._unsubscribe = report.subscribe(self._on_change)

    def detach(self) -> None:
        """Stop listening to the report (the page is being closed)."""
        self._unsubscribe()

    # -- geometry ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._cols

    def index_of(self, cell_id: str) -> QModelIndex:
        row, col = self._where[cell_id]
        return self.index(row, col)

    def cell_at(self, index: Index) -> GridCell | None:
        """The merged cell whose top-left is at index (None for positions covered by a span)."""
        return self._at.get((index.row(), index.column())) if index.isValid() else None

    def cell_ids(self) -> list[str]:
        return list(self._where)

    # -- data -------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        cell = self.cell_at(index)
        if cell is None or cell.kind != VALUE:
            return _NO_FLAGS  # headers and labels: not selectable, skipped by the cursor
        return _SELECTABLE if self.report.spec.cells[cell.cell_id].computed else _EDITABLE  # type: ignore[index]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        cell = self.cell_at(index)
        if cell is None:
            return None
        if cell.kind != VALUE:
            return self._text_data(cell, role)
        cid = cell.cell_id
        assert cid is not None
        computed = self.report.spec.cells[cid].computed
        if role == _DISPLAY or role == _EDIT:
            return self.report.display(cid)
        if role == _ALIGNMENT:
            return ALIGN_RIGHT
        if role == _BACKGROUND and computed:
            return _COMPUTED_BRUSH
        if role == _BACKGROUND and self.report.values[cid] is None:
            return _BLANK_BRUSH
        if role == _FOREGROUND:
            return _COMPUTED_TEXT if computed else _TEXT
        if role == _FONT and computed:
            font = QFont()
            font.setBold(True)
            return font
        if role == _TOOLTIP:
            return self._tooltip(cid, computed)
        if role == _ACCESSIBLE:
            return f"{self.report.spec.cells[cid].place}：{self.report.display(cid) or '未填写'}"
        if role == SeverityRole:
            return self._severity(cid)
        if role == CellIdRole:
            return cid
        if role == ComputedRole:
            return computed
        if role == KindRole:
            return VALUE
        return None

    def _text_data(self, cell: GridCell, role: int) -> object:
        if role == _DISPLAY:
            return cell.text
        if role == _TOOLTIP and cell.kind == LABEL:
            return cell.text
        if role == _ALIGNMENT:
            if cell.kind == LABEL and not cell.group:
                return ALIGN_LEFT
            if cell.kind == CAPTION:
                return ALIGN_LEFT
            return ALIGN_CENTER
        if role == _BACKGROUND and cell.kind in (HEADER, CAPTION):
            return _HEADER_BRUSH
        if role == _FOREGROUND:
            return _TEXT  # flags are empty; without this the text would look disabled
        if role == _FONT and cell.kind == CAPTION:
            font = QFont()
            font.setBold(True)
            return font
        if role == KindRole:
            return cell.kind
        return None

    def _severity(self, cell_id: str) -> str | None:
        return worst(self._findings.get(cell_id, ()), self.report.accepted)

    def _tooltip(self, cell_id: str, computed: bool) -> str:
        lines = ["合计，由程序自动计算，不能填写"] if computed else []
        if not computed and self.report.values[cell_id] is None:
            lines.append("未填写：没有发生的请填0")
        for f in self._findings.get(cell_id, ()):
            reason = self.report.accepted.get(f.key)
            label = "错误" if f.is_error else ("警告（已说明：" + reason + "）" if reason else "警告")
            lines.append(f"{label}：{f.message}")
        return "\n".join(lines)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cell = self.cell_at(index)
        if role != Qt.ItemDataRole.EditRole or cell is None or cell.cell_id is None:
            return False
        try:
            self.report.set_value(cell.cell_id, "" if value is None else str(value))
        except InputError as exc:
            self.inputRejected.emit(cell.cell_id, exc.message)
            return False
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return None  # the official header rows are part of the table

    # -- change events ----------------------------------------------------------------------

    def _index_findings(self) -> None:
        self._findings = {}
        for finding in self.report.findings:
            if finding.rule not in self._marking:
                continue
            for cid in finding.cells:
                if cid in self._where:
                    self._findings.setdefault(cid, []).append(finding)

    def _on_change(self, change: Change) -> None:
        touched = {c for c in change.cells if c in self._where}
        if change.findings_added or change.findings_removed or change.accepted:
            before = self._findings
            self._index_findings()
            touched |= {c for c in before.keys() | self._findings.keys() if before.get(c) != self._findings.get(c)}
            if change.accepted:
                touched |= set(self._findings)
        for cid in touched:  # cell by cell: a range would repaint every cell between them
            index = self.index(*self._where[cid])
            self.dataChanged.emit(index, index)
