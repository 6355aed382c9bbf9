"""The pages of the tab widget: the page base and a prose section (the cover: cover_page; tables: tables_page)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from core.checks import Finding, prose_length, worst
from core.formats import Section
from core.report import Change, Report
from gui.theme import ERROR_COLOR, MUTED, WARNING_COLOR

PROSE_WIDTH = 900
HINT = "直接输入数字即可，Enter 下移，Tab 右移，Delete 清空；可从 Excel 或 WPS 复制整块数字后按 Ctrl+V 粘贴。"


def guide_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED};")
    return label


def heading_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 15px; font-weight: bold;")
    return label


def outline_findings(widget: QWidget, findings: list[Finding], accepted: dict[str, str]) -> None:
    """Red or amber frame and a tooltip on a text field that has findings."""
    severity = worst(findings, accepted)
    color = (ERROR_COLOR if severity == "error" else WARNING_COLOR).name() if severity else ""
    kind = type(widget).__name__
    widget.setStyleSheet(f"{kind} {{ border: 2px solid {color}; }}" if color else "")
    widget.setToolTip("\n".join(f.message for f in findings))


class Page(QScrollArea):
    """A tab page; subclasses show part of the report and focus a cell or field on request."""

    section_id = ""
    inputRejected = Signal(str)  # a typed value that was not accepted

    def __init__(self, report: Report):
        super().__init__()
        self.report = report
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(24, 18, 24, 18)
        self.layout_.setSpacing(10)
        self.setWidget(self.body)
        self._unsubscribe = report.subscribe(self.on_change)

    def detach(self) -> None:
        self._unsubscribe()

    def on_change(self, change: Change) -> None:
        """Redraw what the change names."""

    def focus_finding(self, finding: Finding) -> None:
        """Move the keyboard focus to the finding's cell or field."""

    def focus_cell(self, cell_id: str) -> None:
        """Move the keyboard focus to a value cell, scrolled into view (pages with tables)."""


class ProsePage(Page):
    """A prose section: a plain-text editor that keeps paragraphs, with a character count."""

    def __init__(self, report: Report, section: Section):
        super().__init__(report)
        self.section_id = section.id
        self.setWidgetResizable(True)
        self.layout_.addWidget(heading_label(section.heading))
        if section.guide:
            guide = guide_label(section.guide)
            guide.setMaximumWidth(PROSE_WIDTH)
            self.layout_.addWidget(guide)
        self.limit = next((r.limit for r in report.spec.rules if r.kind == "prose_max" and r.section == section.id), 0)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("在此填写。每段一行，按 Enter 另起一段。")
        self.editor.setPlainText(report.prose[section.id])
        self.editor.setStyleSheet("")
        font = self.editor.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.editor.setFont(font)
        self.editor.textChanged.connect(self._typed)
        self.editor.setMaximumWidth(PROSE_WIDTH)  # lines of about 45 characters read well
        self.layout_.addWidget(self.editor, 1)
        self.count = QLabel()
        self.count.setMaximumWidth(PROSE_WIDTH)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.layout_.addWidget(self.count)
        self._show_count()
        self._show_findings()

    def _typed(self) -> None:
        text = self.editor.toPlainText()
        if text != self.report.prose[self.section_id]:
            self.report.set_prose(self.section_id, text)

    def _show_count(self) -> None:
        length = prose_length(self.report.prose[self.section_id])
        text = f"共 {length} 字（不计空格和换行）"
        if self.limit:
            text += f"，篇幅原则上不超过 {self.limit} 字"
        over = self.limit and length > self.limit
        self.count.setText(text)
        self.count.setStyleSheet(f"color: {WARNING_COLOR.name() if over else MUTED};"
                                 + (" font-weight: bold;" if over else ""))

    def _show_findings(self) -> None:
        field = f"prose.{self.section_id}"
        outline_findings(self.editor, [f for f in self.report.findings if f.field == field], self.report.accepted)

    def on_change(self, change: Change) -> None:
        if self.section_id in change.prose:
            if self.editor.toPlainText() != self.report.prose[self.section_id]:  # undo or redo
                self._replace_text(self.report.prose[self.section_id])
            self._show_count()
        if change.findings_added or change.findings_removed or change.accepted:
            self._show_findings()

    def _replace_text(self, text: str) -> None:
        """Show text from an undo or redo with the cursor where the clerk was: a cursor after the change
        moves by the change's length, as if the text had been typed or deleted there."""
        old, position = self.editor.toPlainText(), self.editor.textCursor().position()
        common = next((i for i, (a, b) in enumerate(zip(old, text)) if a != b), min(len(old), len(text)))
        if position > common:
            position = max(common, position + len(text) - len(old))
        scroll = self.editor.verticalScrollBar().value()
        self.editor.setPlainText(text)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.editor.setTextCursor(cursor)
        self.editor.verticalScrollBar().setValue(scroll)

    def focus_finding(self, finding: Finding) -> None:
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
