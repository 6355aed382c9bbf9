"""The problems panel: every finding grouped by section, errors first; click to go to the cell."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget, QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from core.checks import COVER, Finding, summary
from core.report import Report
from gui.theme import ERROR_COLOR, MUTED, OK_COLOR, WARNING_COLOR, dot_icon

ACCEPTED_COLOR = "#8a94a0"
FIRST_HEIGHT = 150  # px: the panel's height before the clerk drags it


class FindingItem(QTreeWidgetItem):
    """A row of the list that knows its finding (item.data() is avoided: in PySide6 6.12 an
    empty QVariant returned to Python drops a reference to None)."""

    def __init__(self, parent: QTreeWidgetItem, text: str, finding: Finding):
        super().__init__(parent, [text])
        self.finding = finding


def _finding(item: QTreeWidgetItem | None) -> Finding | None:
    return getattr(item, "finding", None)


def section_title(report: Report, section_id: str) -> str:
    return "封面信息" if section_id == COVER else report.spec.section(section_id).heading


class ProblemsDock(QDockWidget):
    """Lists the report's findings; asks the window to focus, accept or un-accept one."""

    focusRequested = Signal(object)  # Finding
    acceptRequested = Signal(object)
    unacceptRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("问题列表", parent)
        self.setObjectName("problems")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 6)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.tree)
        buttons = QHBoxLayout()
        self.hint = QLabel("单击一条问题可跳到对应的单元格。确实无误的警告可以说明理由后忽略。")
        self.hint.setStyleSheet(f"color: {MUTED};")
        self.accept_button = QPushButton("说明理由并忽略此警告…")
        self.accept_button.clicked.connect(lambda: self._request(self.acceptRequested))
        self.unaccept_button = QPushButton("恢复此警告")
        self.unaccept_button.clicked.connect(lambda: self._request(self.unacceptRequested))
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.unaccept_button)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.report: Report | None = None
        self._update_buttons()

    def sizeHint(self) -> QSize:
        """A first height for about five findings: the tables above need the room more."""
        return QSize(super().sizeHint().width(), FIRST_HEIGHT)

    def show_report(self, report: Report | None) -> None:
        """Rebuild the list (findings are few; a rebuild is cheaper than bookkeeping)."""
        self.report = report
        current = self.current_finding()
        self.tree.clear()
        if report is None:
            self.setWindowTitle("问题列表")
            self._update_buttons()
            return
        order = [COVER] + [s.id for s in report.spec.sections]
        groups: dict[str, list[Finding]] = {}
        for finding in report.findings:
            groups.setdefault(finding.section, []).append(finding)
        for section_id in sorted(groups, key=lambda s: order.index(s) if s in order else len(order)):
            findings = sorted(groups[section_id], key=lambda f: (not f.is_error, f.key in report.accepted))
            errors = sum(f.is_error for f in findings)
            group = QTreeWidgetItem([f"{section_title(report, section_id)}（{len(findings)}）"])
            group.setIcon(0, dot_icon(ERROR_COLOR if errors else WARNING_COLOR))
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for finding in findings:
                item = FindingItem(group, self._text(finding), finding)
                item.setToolTip(0, item.text(0))
                if finding.key in report.accepted:
                    item.setForeground(0, Qt.GlobalColor.gray)
                item.setIcon(0, dot_icon(ERROR_COLOR if finding.is_error else
                                         WARNING_COLOR if finding.key not in report.accepted else OK_COLOR))
                if current is not None and finding.key == current.key:
                    self.tree.setCurrentItem(item)
            group.setExpanded(True)
        if not report.findings:
            done = QTreeWidgetItem(["没有发现问题。"])
            done.setIcon(0, dot_icon(OK_COLOR))
            done.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(done)
        self.setWindowTitle(f"问题列表 — {summary(report.findings, report.accepted)}")
        self._update_buttons()

    def _text(self, finding: Finding) -> str:
        assert self.report is not None
        if finding.is_error:
            return f"错误：{finding.message}"
        reason = self.report.accepted.get(finding.key)
        return f"已说明：{finding.message}（理由：{reason}）" if reason else f"警告：{finding.message}"

    def current_finding(self) -> Finding | None:
        return _finding(self.tree.currentItem())

    def item_for(self, key: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if getattr(group.child(j), "finding", None) and group.child(j).finding.key == key:
                    return group.child(j)
        return None

    def _clicked(self, item: QTreeWidgetItem) -> None:
        finding = _finding(item)
        if finding is not None:
            self.focusRequested.emit(finding)

    def _request(self, signal: Signal) -> None:
        finding = self.current_finding()
        if finding is not None:
            signal.emit(finding)

    def _update_buttons(self) -> None:
        finding = self.current_finding()
        accepted = finding is not None and self.report is not None and finding.key in self.report.accepted
        self.accept_button.setEnabled(finding is not None and not finding.is_error and not accepted)
        self.unaccept_button.setEnabled(accepted)
