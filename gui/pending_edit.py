"""Finishing the edit in progress before the report is saved, closed, exported, printed or undone.

A grid cell's editor, the cover's date (applied on editingFinished) and the year (a spin box without
keyboard tracking) hold typed text that reaches the report only when the field is left.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QAbstractSpinBox, QLineEdit, QWidget


def commit_pending_edit(focus: QWidget | None) -> None:
    """Apply what is being typed in focus (the window's focus widget), as leaving the field would."""
    if focus is None:
        return
    parent = focus.parentWidget()
    if isinstance(parent, QAbstractSpinBox):  # the spin box's own line edit
        focus, parent = parent, parent.parentWidget()
    view = parent.parentWidget() if parent is not None else None
    if isinstance(view, QAbstractItemView) and parent is view.viewport():
        if view.state() == QAbstractItemView.State.EditingState:
            view.commitData(focus)
            view.closeEditor(focus, QAbstractItemDelegate.EndEditHint.NoHint)  # the view takes the focus back
    elif isinstance(focus, QAbstractSpinBox):
        focus.interpretText()
    elif isinstance(focus, QLineEdit):
        focus.editingFinished.emit()
