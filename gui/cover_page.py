"""The cover page: agency, year, format, contact, phone and date, the fields of the title and sign-off."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from core.checks import COVER, Finding
from core.report import FIRST_YEAR, LAST_YEAR, META_LABELS, Change, InputError, Report, format_date
from gui.pages import Page, guide_label, heading_label, outline_findings


class CoverPage(Page):
    """The cover: agency, year, format, contact, phone, date."""

    section_id = COVER

    def __init__(self, report: Report):
        super().__init__(report)
        self.layout_.addWidget(heading_label("封面信息"))
        self.layout_.addWidget(guide_label("这些信息印在报告的标题和落款处。报告格式在新建报告时按年度确定。"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        self.fields: dict[str, QWidget] = {}
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setKeyboardTracking(False)
        self.year.setSuffix(" 年度")
        self.year.valueChanged.connect(lambda value: self._set("year", str(value)))
        for name in ("agency", "year", "contact", "phone", "date"):
            if name == "year":
                widget: QWidget = self.year
            else:
                edit = QLineEdit()
                edit.setMinimumWidth(360)
                if name == "date":
                    edit.setPlaceholderText(f"如 {format_date(QDate.currentDate().toString('yyyy-MM-dd'))}")
                    edit.editingFinished.connect(lambda e=edit: self._set("date", e.text()))
                else:
                    edit.textEdited.connect(lambda text, n=name: self._set(n, text))
                widget = edit
            self.fields[name] = widget
            form.addRow(META_LABELS[name] + "：", widget)
            if name == "year":
                self.format_label = QLabel(report.spec.label)
                form.addRow("报告格式：", self.format_label)
        holder = QWidget()  # a form as wide as the screen is hard to read
        holder.setMaximumWidth(640)
        holder.setLayout(form)
        self.layout_.addWidget(holder)
        self.layout_.addStretch(1)
        self._refresh(set(META_LABELS))
        self._show_findings()

    def _set(self, name: str, text: str) -> None:
        try:
            self.report.set_meta(name, text)
        except InputError as exc:
            self._refresh({name})
            self.inputRejected.emit(exc.message)

    def _refresh(self, names: set[str]) -> None:
        meta = self.report.meta
        for name in names:
            widget = self.fields[name]
            value = format_date(meta.date) if name == "date" else getattr(meta, name)
            widget.blockSignals(True)
            if isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QLineEdit) and widget.text() != value:
                widget.setText(str(value))
            widget.blockSignals(False)

    def _show_findings(self) -> None:
        for name, widget in self.fields.items():
            findings = [f for f in self.report.findings if f.field == f"meta.{name}"]
            outline_findings(widget, findings, self.report.accepted)

    def on_change(self, change: Change) -> None:
        if change.meta:
            self._refresh(set(change.meta))
        if change.findings_added or change.findings_removed or change.accepted:
            self._show_findings()

    def focus_finding(self, finding: Finding) -> None:
        name = (finding.field or "meta.agency").removeprefix("meta.")
        self.fields.get(name, self.fields["agency"]).setFocus(Qt.FocusReason.OtherFocusReason)
