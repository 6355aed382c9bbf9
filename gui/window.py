"""The main window: one report in tabs, the problems panel, menus, and the questions it asks the clerk.

Every question goes through one intention-named method (gui/questions.py), so tests replace those
with canned answers and no real dialog opens in CI.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from core import APP_NAME, settings
from core.checks import COVER, Finding, open_counts, summary
from core.filelock import REFRESH_SECONDS, FileLock
from core.recovery import RecoveryCopy
from core.report import Change, InputError, Report
from gui.file_actions import FileActions
from gui.pages import Page, ProsePage
from gui.preview_actions import PreviewActions
from gui.questions import Questions
from gui.problems import ProblemsDock
from gui.theme import ERROR_COLOR, OK_COLOR, WARNING_COLOR, dot_icon

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent  # annotations only: importing builds QEvent (~4 ms)

    from gui.start_page import StartPage

AUTOSAVE_MS = 3000  # every change reaches the recovery copy within this time (the promise is 5 s)


class MainWindow(FileActions, PreviewActions, Questions, QMainWindow):
    def __init__(self, autosave_ms: int = AUTOSAVE_MS):
        super().__init__()
        self.report: Report | None = None
        self.path: Path | None = None
        self.lock: FileLock | None = None
        self.recovery = RecoveryCopy()
        self.restored_unsaved = False  # a restored report differs from its file though it has no undo steps
        self.sections: list[str] = []  # section ids in tab order, COVER first
        self.built: dict[str, Page] = {}
        self.badges: dict[int, tuple[str, QColor, str]] = {}  # per tab: title, dot colour, tooltip as shown
        self._unsubscribe = lambda: None
        self.autosave = QTimer(self, singleShot=True, interval=autosave_ms)
        self.autosave.timeout.connect(self.write_recovery)
        self.lock_timer = QTimer(self, interval=REFRESH_SECONDS * 1000)
        self.lock_timer.timeout.connect(lambda: self.lock.refresh() if self.lock else None)
        self.lock_timer.start()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.start: StartPage | None = None  # built when first needed: most starts open a report
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.problems = ProblemsDock(self)
        self.problems.focusRequested.connect(self.focus_finding)
        self.problems.acceptRequested.connect(self.accept_warning)
        self.problems.unacceptRequested.connect(lambda f: self.report and self.report.unaccept(f.key))
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
        self.summary = QLabel()
        self.summary.setContentsMargins(8, 0, 8, 0)
        self.statusBar().addPermanentWidget(self.summary)
        self._build_menus()
        self.setAcceptDrops(True)
        self.resize(1280, 860)
        self._restore_geometry()
        self.problems.hide()  # until a report is shown
        self.refresh()
        QTimer.singleShot(0, self._start_if_empty)  # once whoever made the window had a chance to open a report

    # -- menus ----------------------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, slot: object, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        menu.addAction(action)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("文件(&F)")
        self._action(file, "新建报告(&N)…", self.new_report, QKeySequence.StandardKey.New)
        self._action(file, "打开(&O)…", self.open_report, QKeySequence.StandardKey.Open)
        self.recent_menu = file.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        self.save_action = self._action(file, "保存(&S)", self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = self._action(file, "另存为(&A)…", self.save_as, "Ctrl+Shift+S")
        file.addSeparator()
        self.export_xlsx_action = self._action(file, "导出 Excel(&E)…", lambda: self.export("xlsx"))
        self.export_pdf_action = self._action(file, "导出 PDF(&P)…", lambda: self.export("pdf"))
        self._action(file, "从 Excel 导入(&I)…", self.import_workbook)
        file.addSeparator()
        self.print_action = self._action(file, "打印(&T)…", self.print_report, QKeySequence.StandardKey.Print)
        self.close_action = self._action(file, "关闭报告(&C)", self.close_report_asking, QKeySequence.StandardKey.Close)
        self._action(file, "退出(&X)", self.close, "Ctrl+Q")

        edit = bar.addMenu("编辑(&E)")
        self.undo_action = self._action(edit, "撤销(&U)", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(edit, "重做(&R)", self.redo, QKeySequence.StandardKey.Redo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])

        view = bar.addMenu("查看(&V)")
        toggle = self.problems.toggleViewAction()
        toggle.setText("问题列表")
        toggle.setShortcut("F8")
        view.addAction(toggle)

        help_ = bar.addMenu("帮助(&H)")
        self._action(help_, "填报说明(&G)", self.show_guide, QKeySequence.StandardKey.HelpContents)
        self._action(help_, "打开日志文件夹(&L)", self.open_log_folder)
        help_.addSeparator()
        self._action(help_, "关于年报(&A)", self.show_about)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = settings.load_settings().recent
        for i, path in enumerate(recent, 1):
            self._action(self.recent_menu, f"&{i % 10} {Path(path).name}", lambda p=path: self.open_report(Path(p)))
        if not recent:
            self.recent_menu.addAction("（没有）").setEnabled(False)

    # -- showing a report -----------------------------------------------------------------------

    def show_report(self, report: Report | None, path: Path | None, restored: bool = False) -> None:
        """Put report (or the start page, for None) in the window. Pages are built when first shown."""
        self._unsubscribe()
        for page in self.built.values():
            page.detach()
            page.deleteLater()
        self.tabs.blockSignals(True)  # no page is built for the tab that is current only while tabs are added
        self.tabs.clear()
        self.built = {}
        self.badges = {}
        self.report, self.path, self.restored_unsaved = report, path, restored
        self.sections = [COVER] + [s.id for s in report.spec.sections] if report else []
        for _section in self.sections:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, "")
        self.add_preview_tab()
        self.tabs.blockSignals(False)
        if report is not None:
            self._unsubscribe = report.subscribe(self._on_change)
            self.tabs.setCurrentIndex(0)  # the cover first: which agency, which year, as a form opens
            self.page_for(self.sections[0])
        else:
            self._unsubscribe = lambda: None
            self.start_page().refresh()
        self.stack.setCurrentWidget(self.tabs if report else self.start_page())
        self.problems.setVisible(report is not None)
        self.refresh()

    def start_page(self) -> StartPage:
        """What the window shows without a report: new, open and the recent files."""
        if self.start is None:
            from gui.start_page import StartPage

            self.start = StartPage()
            self.start.newRequested.connect(self.new_report)
            self.start.openRequested.connect(self.open_report)
            self.start.recentRequested.connect(lambda path: self.open_report(Path(path)))
            self.stack.addWidget(self.start)
        return self.start

    def _start_if_empty(self) -> None:
        if self.report is None and self.stack.currentWidget() is not self.start:
            self.show_report(None, None)

    def _first_dock_height(self, visible: bool) -> None:
        """The first time the problems panel shows, give it its own height, not what is left over."""
        if visible:
            self.problems.visibilityChanged.disconnect(self._first_dock_height)
            self.resizeDocks([self.problems], [self.problems.sizeHint().height()], Qt.Orientation.Vertical)

    def page_for(self, section_id: str) -> Page | None:
        """The page of a section (COVER for the cover), built on first use."""
        if section_id in self.built or self.report is None:
            return self.built.get(section_id)
        if section_id not in self.sections:
            return None
        if section_id == COVER:
            from gui.cover_page import CoverPage  # page modules load with their first page

            page: Page = CoverPage(self.report)
        elif (section := self.report.spec.section(section_id)).kind == "tables":
            from gui.tables_page import TablesPage  # the grid is loaded with the first table shown

            page = TablesPage(self.report, section)
            page.pasteProblem.connect(lambda text: self.show_error(text, "粘贴"))
        else:
            page = ProsePage(self.report, section)
        page.inputRejected.connect(self.input_rejected)
        self.built[section_id] = page
        self.tabs.widget(self.sections.index(section_id)).layout().addWidget(page)
        return page

    def show_section(self, section_id: str) -> Page | None:
        page = self.page_for(section_id)
        if page is not None:
            self.tabs.setCurrentIndex(self.sections.index(section_id))
        return page

    def _tab_changed(self, index: int) -> None:
        if 0 <= index < len(self.sections):
            self.page_for(self.sections[index])
        elif index == len(self.sections):
            self.build_preview()

    def refresh(self) -> None:
        """Title, actions, status line, tab badges and problems, all from the current report."""
        self._update_title()
        self._update_findings()

    def _on_change(self, change: Change) -> None:
        self._update_title()
        if change.findings_added or change.findings_removed or change.accepted:
            self._update_findings()
        if not self.is_dirty():  # undone back to the saved state: nothing to recover
            self.autosave.stop()
            self.recovery.discard()
        elif not self.autosave.isActive():
            self.autosave.start()

    def is_dirty(self) -> bool:
        return self.report is not None and (self.report.modified or self.restored_unsaved)

    def _update_title(self) -> None:
        report = self.report
        has = report is not None
        for action in (self.save_action, self.save_as_action, self.export_xlsx_action, self.export_pdf_action,
                       self.print_action, self.close_action):
            action.setEnabled(has)
        self.undo_action.setEnabled(has and report.can_undo)  # type: ignore[union-attr]
        self.redo_action.setEnabled(has and report.can_redo)  # type: ignore[union-attr]
        if report is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            return
        name = self.path.name if self.path else "未保存的新报告"
        self.setWindowTitle(f"{name}[*] — {report.meta.agency} {report.meta.year}年度 — {APP_NAME}")
        self.setWindowModified(self.is_dirty())

    def _update_findings(self) -> None:
        report = self.report
        self.problems.show_report(report)
        if report is None:
            self.summary.setText("")
            return
        text = summary(report.findings, report.accepted)
        color = ERROR_COLOR if report.errors else WARNING_COLOR if report.open_warnings else OK_COLOR
        self.summary.setText(f"<span style='color:{color.name()}; font-weight:bold'>● {text}</span>")
        for i, section_id in enumerate(self.sections):
            section = [f for f in report.findings if f.section == section_id]
            errors, warnings = open_counts(section, report.accepted)
            base = "封面信息" if section_id == COVER else self._tab_title(section_id)
            badge = (f"{base}（{errors + warnings}）" if errors + warnings else base,
                     ERROR_COLOR if errors else WARNING_COLOR if warnings else OK_COLOR,
                     summary(section, report.accepted))
            if self.badges.get(i) != badge:  # a changed tab lays out the tab bar again: only those that changed
                self.badges[i] = badge
                self.tabs.setTabText(i, badge[0])
                self.tabs.setTabIcon(i, dot_icon(badge[1]))
                self.tabs.setTabToolTip(i, badge[2])

    def _tab_title(self, section_id: str) -> str:
        section = self.report.spec.section(section_id)  # type: ignore[union-attr]
        return f"{section.number}、{section.short}"

    # -- actions on the report ------------------------------------------------------------------

    def focus_finding(self, finding: Finding) -> None:
        page = self.show_section(finding.section)
        if page is not None:
            page.focus_finding(finding)

    def accept_warning(self, finding: Finding) -> None:
        if self.report is None or finding.is_error:
            return
        reason = self.ask_reason(finding)
        if reason is None:
            return
        try:
            self.report.accept(finding.key, reason)
        except InputError as exc:
            self.show_error(exc.message)

    def commit_pending_edit(self) -> None:
        """Apply the value still being typed (an open cell editor, the cover's date or year)."""
        if self.report is not None:
            from gui.pending_edit import commit_pending_edit

            commit_pending_edit(self.focusWidget())

    def undo(self) -> None:
        self.commit_pending_edit()
        if self.report is not None:
            self._reveal(self.report.undo())

    def redo(self) -> None:
        self.commit_pending_edit()
        if self.report is not None:
            self._reveal(self.report.redo())

    def _reveal(self, change: Change | None) -> None:
        """Show where an undo or redo happened."""
        if change is None or self.report is None:
            return
        spec = self.report.spec
        cells = sorted(change.cells, key=lambda c: spec.cells[c].computed)  # typed cells first
        if cells:
            page = self.show_section(spec.tables[spec.cells[cells[0]].table].section)
            if page is not None:
                page.focus_cell(cells[0])
        elif change.prose:
            self.show_section(next(iter(change.prose)))
        elif change.meta:
            self.show_section(COVER)

    def input_rejected(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def show_guide(self) -> None:
        from gui.help import GuideDialog

        GuideDialog(self.report.spec if self.report else None, self).exec()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from gui.help import about_text

        QMessageBox.about(self, f"关于{APP_NAME}", about_text())

    def open_log_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        folder = settings.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def report_exception(self, message: str, details: str) -> None:
        """Called by the exception hook: keep the work safe, then tell the clerk."""
        if self.is_dirty():
            self.write_recovery()
        self.show_exception(message, details)

    # -- window events ------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_discard():
            event.ignore()
            return
        self.close_report()
        settings.save_settings(settings.load_settings()._replace(
            window_geometry=bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
            window_state=bytes(self.saveState().toBase64().data()).decode("ascii")))
        event.accept()

    def _restore_geometry(self) -> None:
        state = settings.load_settings()
        if state.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(state.window_geometry.encode("ascii")))
        if state.window_state:
            self.restoreState(QByteArray.fromBase64(state.window_state.encode("ascii")))
        else:  # the first start: the panel gets a height of its own once it shows
            self.problems.visibilityChanged.connect(self._first_dock_height)
