"""The spreadsheet-like view of one table: typing, moving, clearing, copying and pasting blocks."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QInputMethodEvent, QKeyEvent, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QAbstractScrollArea, QFrame, QHeaderView, QLineEdit, QSizePolicy,
    QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget,
)

from gui.grid_model import ALIGN_LEFT, COMPUTED_MARK, ComputedRole, ReportTableModel, SeverityRole
from gui.theme import ERROR_COLOR, WARNING_COLOR

VALUE_WIDTH = 86
GRID_COLOR = QColor("#9aa3ad")
LABEL_WIDTHS = {1: (230,), 3: (96, 112, 300)}
MAX_LISTED = 8


def parse_tsv(text: str) -> list[list[str]]:
    """A block copied from Excel or WPS: rows by line, cells by tab, quoted cells unquoted as Excel writes them
    ("1,234", "" for a quote, line breaks inside quotes); trailing empty lines are dropped."""
    rows = list(csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")), delimiter="\t"))
    while rows and not rows[-1]:
        rows.pop()
    return [row or [""] for row in rows]  # an empty line inside the block is one blank cell


class CellDelegate(QStyledItemDelegate):
    """Draws the red or amber outline of a finding; edits with a right-aligned line."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        painter.save()  # grid lines drawn per merged cell: QTableView's own leave marks across spans
        painter.setPen(GRID_COLOR)
        rect = option.rect
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()
        # Ask the Python model directly: in PySide6 6.12 index.data() returning an invalid QVariant
        # drops a reference to None, and enough paints crash the interpreter.
        model = index.model()
        if model.data(index, ComputedRole):  # a small sum sign: this number is not typed
            painter.save()
            painter.setPen(COMPUTED_MARK)
            painter.drawText(option.rect.adjusted(5, 0, 0, 0), ALIGN_LEFT, "∑")
            painter.restore()
        severity = model.data(index, SeverityRole)
        if severity:
            painter.save()
            painter.setPen(QPen(ERROR_COLOR if severity == "error" else WARNING_COLOR, 2))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        self.editor = editor  # the grid hands it text an input method committed before it opened
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor


class ReportGrid(QTableView):
    """One official table; Enter moves down, Tab right, Delete clears, Ctrl+C/Ctrl+V copy and paste blocks."""

    message = Signal(str)  # something the clerk must read (a paste with rejected cells)
    leave = Signal(object, str)  # Enter or Tab went past the table's edge: the CursorAction, the column id left

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.grid_model = model
        self.setItemDelegate(CellDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setShowGrid(False)
        self.setStyleSheet("QTableView { background: white; border: 1px solid #9aa3ad; border-width: 1px 0 0 1px; }"
                           "QTableView::item:selected { background: #cfe3ff; color: black; }"
                           "QTableView QLineEdit { background: white; }")
        for cell in model.cells:
            if cell.rowspan > 1 or cell.colspan > 1:
                self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        self._size_columns()
        inputs = self.input_cells()
        if inputs:  # the cursor starts on the first input cell, without selecting it
            self.selectionModel().setCurrentIndex(model.index_of(inputs[0]), QItemSelectionModel.SelectionFlag.NoUpdate)

    def input_cells(self) -> list[str]:
        """The cells the clerk types in, in reading order."""
        model = self.grid_model
        return [cid for cid in model.cell_ids() if model.flags(model.index_of(cid)) & Qt.ItemFlag.ItemIsEditable]

    def _size_columns(self) -> None:
        table = self.grid_model.table
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        widths = LABEL_WIDTHS.get(table.label_columns, (160,) * table.label_columns)
        for col, width in enumerate(widths):
            self.setColumnWidth(col, width)
        value_width = 70 if table.grid_columns - table.label_columns > 10 else 110 if table.label_columns == 1 else VALUE_WIDTH
        for col in range(table.label_columns, table.grid_columns):
            self.setColumnWidth(col, value_width)
        self.resizeRowsToContents()
        for row in range(self.grid_model.rowCount()):
            self.setRowHeight(row, max(self.rowHeight(row), 30 if row >= self.grid_model.header_rows else 26))

    # -- navigation ---------------------------------------------------------------------------

    def focus_cell(self, cell_id: str) -> None:
        index = self.grid_model.index_of(cell_id)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _move(self, action: QAbstractItemView.CursorAction) -> None:
        """Move the cursor; at the table's edge the page moves it on to the next or previous table."""
        current = self.currentIndex()
        index = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if index.isValid() and index != current:
            self.setCurrentIndex(index)
            return
        cell = self.grid_model.cell_at(current)
        if cell is not None and cell.cell_id:
            self.leave.emit(action, self.grid_model.report.spec.cells[cell.cell_id].column)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Like a spreadsheet: Enter moves down, Tab right, Shift+Tab left, without editing the next cell."""
        Hint, Move = QAbstractItemDelegate.EndEditHint, QAbstractItemView.CursorAction
        moves = {Hint.SubmitModelCache: Move.MoveDown, Hint.EditNextItem: Move.MoveNext,
                 Hint.EditPreviousItem: Move.MovePrevious}
        super().closeEditor(editor, Hint.NoHint)
        if hint in moves:
            self._move(moves[hint])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self._move(QAbstractItemView.CursorAction.MoveUp if shift else QAbstractItemView.CursorAction.MoveDown)
        elif not editing and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            back = event.key() == Qt.Key.Key_Backtab or event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self._move(QAbstractItemView.CursorAction.MovePrevious if back else QAbstractItemView.CursorAction.MoveNext)
        elif not editing and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        else:
            super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """A commit without pre-edit (full-width digits, some IMEs) would open an empty-handed editor:
        Qt does not forward that event, so the committed text is put in the new editor here."""
        editing = self.state() == QAbstractItemView.State.EditingState
        if editing or not event.commitString() or event.preeditString():
            super().inputMethodEvent(event)
            return
        delegate = self.itemDelegate()
        if self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.AnyKeyPressed, event):
            delegate.editor.setText(event.commitString())  # type: ignore[attr-defined]

    # -- block operations -----------------------------------------------------------------------

    def _selected_rect(self) -> QRect | None:
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return None
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        return QRect(min(cols), min(rows), max(cols) - min(cols) + 1, max(rows) - min(rows) + 1)

    def _selected_cells(self) -> list[str]:
        indexes = self.selectedIndexes() or [self.currentIndex()]
        cells = (self.grid_model.cell_at(i) for i in indexes)
        return [c.cell_id for c in cells if c is not None and c.cell_id]

    def clear_selection(self) -> None:
        cells = self._selected_cells()
        if cells:
            self.grid_model.report.clear(cells)

    def copy_selection(self) -> None:
        rect = self._selected_rect()
        if rect is None:
            return
        lines = []
        for row in range(rect.top(), rect.bottom() + 1):
            cells = (self.grid_model.cell_at(self.grid_model.index(row, col)) for col in range(rect.left(), rect.right() + 1))
            lines.append("\t".join(self.grid_model.report.display(c.cell_id) for c in cells if c and c.cell_id))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")

    def paste(self) -> None:
        """Paste a block at the top-left of the selection: good cells as one undo step, the rest in one message."""
        block = parse_tsv(QGuiApplication.clipboard().text())
        spec, table = self.grid_model.report.spec, self.grid_model.table
        targets = self._selected_cells()
        if not block or not targets:
            return
        texts: dict[str, str] = {}
        skipped_totals = outside = 0
        if len(block) == 1 and len(block[0]) == 1 and len(targets) > 1:  # one value fills the selection
            texts = {cid: block[0][0] for cid in targets if not spec.cells[cid].computed}
        else:
            rows = [r.id for r in table.data_rows]
            cols = [c.id for c in table.columns]
            r0 = min(rows.index(spec.cells[cid].row) for cid in targets)
            c0 = min(cols.index(spec.cells[cid].column) for cid in targets)
            for i, line in enumerate(block):
                for j, text in enumerate(line):
                    if r0 + i >= len(rows) or c0 + j >= len(cols):
                        outside += 1 if text.strip() else 0
                        continue
                    cid = table.cell_id(rows[r0 + i], cols[c0 + j])
                    if spec.cells[cid].computed:
                        skipped_totals += 1
                    else:
                        texts[cid] = text
        result = self.grid_model.report.set_values(texts)
        self._select_cells(list(texts))
        notes = [e.message for e in result.errors[:MAX_LISTED]]
        if len(result.errors) > MAX_LISTED:
            notes.append(f"……等共{len(result.errors)}个单元格")
        if notes:
            notes.insert(0, f"已粘贴{len(texts) - len(result.errors)}个单元格，以下{len(result.errors)}个没有粘贴：")
        if outside:
            notes.append(f"另有{outside}个数值超出了表格范围，没有粘贴。")
        if notes and skipped_totals:
            notes.append(f"{skipped_totals}个合计单元格由程序自动计算，已跳过。")
        if notes:
            self.message.emit("\n".join(notes))

    def _select_cells(self, cell_ids: list[str]) -> None:
        if not cell_ids:
            return
        selection = self.selectionModel()
        selection.clearSelection()
        for cid in cell_ids:
            selection.select(self.grid_model.index_of(cid), QItemSelectionModel.SelectionFlag.Select)
