"""The window's own small dialogs: a new report, a reason for accepting a warning, an error with details."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
    QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from core.checks import MIN_REASON_CHARS, Finding
from core.formats import FormatSpec, builtin_formats, format_for_year
from core.report import FIRST_YEAR, LAST_YEAR
from gui.theme import MUTED


@dataclass(frozen=True)
class NewReportAnswer:
    spec: FormatSpec
    year: int
    agency: str
    contact: str
    phone: str


class NewReportDialog(QDialog):
    """新建报告: the year chooses the format (which the clerk may override), then agency and contact."""

    def __init__(self, parent: QWidget | None = None, agency: str = ""):
        super().__init__(parent)
        self.setWindowTitle("新建报告")
        self.setMinimumWidth(520)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(dt.date.today().year - 1)  # reports are written in January for the past year
        self.year.setSuffix(" 年度")
        self.format = QComboBox()
        for spec in builtin_formats().values():
            self.format.addItem(spec.label, spec.id)
        self.agency = QLineEdit(agency)
        self.agency.setPlaceholderText("如 示例县交通运输局")
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        form.addRow("报告年度：", self.year)
        form.addRow("报告格式：", self.format)
        form.addRow("机关名称：", self.agency)
        form.addRow("联系人：", self.contact)
        form.addRow("联系电话：", self.phone)
        note = QLabel("报告格式按年度自动选择：2019、2020年度用2019年格式，2021年度起用2021年格式。")
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.year.valueChanged.connect(self._year_changed)
        self.agency.textChanged.connect(self._validate)
        self._year_changed(self.year.value())
        self._validate()

    def _year_changed(self, year: int) -> None:
        self.format.setCurrentIndex(self.format.findData(format_for_year(year).id))

    def _validate(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.agency.text().strip()))

    def answer(self) -> NewReportAnswer:
        return NewReportAnswer(builtin_formats()[self.format.currentData()], self.year.value(),
                               self.agency.text().strip(), self.contact.text().strip(), self.phone.text().strip())


class ReasonDialog(QDialog):
    """Asks why a warning may stand; OK is enabled once the reason is long enough."""

    def __init__(self, finding: Finding, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("说明理由")
        self.setMinimumWidth(520)
        message = QLabel(f"警告：{finding.message}")
        message.setWordWrap(True)
        ask = QLabel(f"如果数据确实无误，请写明理由（至少{MIN_REASON_CHARS}个字）。理由随报告文件保存，供审核时查看。")
        ask.setWordWrap(True)
        ask.setStyleSheet(f"color: {MUTED};")
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("如：本单位经省政府授权制定规章，规章数量无误。")
        self.reason.setFixedHeight(90)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._validate)
        layout = QVBoxLayout(self)
        for widget in (message, ask, self.reason, self.buttons):
            layout.addWidget(widget)
        self._validate()

    def _validate(self) -> None:
        long_enough = len(self.reason.toPlainText().strip()) >= MIN_REASON_CHARS
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(long_enough)


def error_box(parent: QWidget | None, title: str, message: str, details: str = "") -> QMessageBox:
    """A message box; with details, a button copies them for the clerk's IT staff."""
    box = QMessageBox(QMessageBox.Icon.Critical if details else QMessageBox.Icon.Warning, title, message,
                      QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
        copy = QPushButton("复制详细信息")
        box.addButton(copy, QMessageBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box
