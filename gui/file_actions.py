"""File actions of the main window: new, open, save, save as, recent, drop, export, import, recovery.

A mixin of MainWindow: it works on the window's report, path, lock and recovery copy, and asks
the clerk only through the window's intention-named methods.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from core import settings
from core.filelock import FileLock, LockedError
from core.recovery import RecoveryCopy, orphans
from core.report import Report
from core.storage import SUFFIX, LoadError, SaveError, load, save, write_atomic

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDropEvent  # annotations only: importing builds QEvent (~4 ms)

    from gui.window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class FileActions(_Base):
    def new_report(self) -> None:
        if not self.maybe_discard():
            return
        answer = self.ask_new_report()
        if answer is None:
            return
        report = Report.new(answer.spec, answer.agency, answer.year, contact=answer.contact, phone=answer.phone)
        self._release_report()
        self.show_report(report, None)

    def open_report(self, path: Path | None = None) -> bool:
        """Open a project file; True when it is now shown."""
        path = path or self.ask_open_path()
        if path is None:
            return False
        if self.path is not None and path.resolve() == self.path.resolve():
            return True  # already open here
        lock = FileLock(path)
        try:
            lock.acquire()
            report = load(path)
        except (LockedError, LoadError) as exc:
            lock.release()
            self.show_error(str(exc), "无法打开")
            return False
        if not self.maybe_discard():
            lock.release()
            return False
        self._release_report()
        self.lock = lock
        self.show_report(report, path)
        settings.add_recent(path)
        self._recompute_typed_totals()
        return True

    def _recompute_typed_totals(self) -> None:
        """A file written by another tool may hold typed totals that disagree with their figures; in
        the window totals are computed, so they are recomputed — one step the clerk can undo."""
        assert self.report is not None
        computing = {rule.id for rule in self.report.spec.rules if rule.computes}
        if any(f.rule in computing for f in self.report.findings):
            change = self.report.recompute_totals()
            self.statusBar().showMessage(
                f"文件中有{len(change.cells)}个合计与明细不符，已按明细重新计算（可撤销）。", 15000)

    def save(self) -> bool:
        self.commit_pending_edit()
        if self.report is None:
            return False
        if self.path is None:
            return self.save_as()
        try:
            save(self.report, self.path)
        except SaveError as exc:
            self.show_error(str(exc), "保存失败")
            return False
        self._saved()
        return True

    def _beside_report(self, name: str) -> Path:
        """Where a save or export is suggested: beside the project file, else the last folder used."""
        folder = self.path.parent if self.path else Path(settings.load_settings().last_folder or Path.home())
        return folder / name

    def save_as(self) -> bool:
        self.commit_pending_edit()
        if self.report is None:
            return False
        target = self.ask_save_path(self._beside_report(f"{self.report.title}{SUFFIX}"))
        if target is None:
            return False
        if self.path is not None and target.resolve() == self.path.resolve():
            return self.save()
        if target.exists() and not self.confirm_overwrite(target):
            return False
        lock = FileLock(target)
        try:
            lock.acquire()
            save(self.report, target)
        except (LockedError, SaveError) as exc:
            lock.release()
            self.show_error(str(exc), "保存失败")
            return False
        if self.lock is not None:
            self.lock.release()
        self.lock, self.path = lock, target
        self._saved()
        return True

    def _saved(self) -> None:
        assert self.path is not None
        self.restored_unsaved = False
        self.recovery.discard()
        self.autosave.stop()
        settings.add_recent(self.path)
        self.refresh()
        self.statusBar().showMessage(f"已保存到 {self.path}", 5000)

    def maybe_discard(self) -> bool:
        """Before closing the report: True when it may go (saved, or the clerk chose not to save)."""
        self.commit_pending_edit()
        if not self.is_dirty():
            return True
        answer = self.confirm_discard()
        if answer == "save":
            return self.save()
        return answer == "discard"

    def close_report(self) -> None:
        """Let the current report go and show the start page."""
        self._release_report()
        self.show_report(None, None)

    def _release_report(self) -> None:
        """Before another report is shown: release the lock and remove the recovery copy."""
        self.autosave.stop()
        self.recovery.discard()
        self.recovery = RecoveryCopy()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def close_report_asking(self) -> None:
        if self.maybe_discard():
            self.close_report()

    # -- never losing work ------------------------------------------------------------------------

    def write_recovery(self) -> None:
        """Write the recovery copy now (the autosave timer calls this)."""
        if self.report is None or not self.is_dirty():
            self.recovery.discard()
            return
        try:
            self.recovery.write(self.report, self.path)
        except SaveError as exc:
            self.statusBar().showMessage(f"自动保存恢复副本失败：{exc}", 10000)

    def offer_recovery(self) -> bool:
        """At start: offer the newest recovery copy left by a crash; True when one was restored."""
        for orphan in orphans()[:1]:
            answer = self.ask_restore(orphan)
            if answer == "discard":
                orphan.path.unlink(missing_ok=True)
            if answer != "restore":
                return False
            try:
                report = orphan.load()
            except LoadError as exc:
                self.show_error(str(exc), "无法恢复")
                return False
            lock = FileLock(orphan.source) if orphan.source else None
            try:
                if lock is not None:
                    lock.acquire()
            except LockedError as exc:
                self.show_error(f"{exc}\n\n恢复副本仍然保留，关闭那个窗口后重新启动年报即可恢复。", "无法恢复")
                return False
            self._release_report()
            self.lock = lock
            self.recovery = RecoveryCopy(orphan.path)  # this window now owns the copy
            self.show_report(report, orphan.source, restored=True)
            self.write_recovery()
            self.statusBar().showMessage("已恢复上次未保存的内容，请检查后保存。", 15000)
            return True
        return False

    # -- export and import --------------------------------------------------------------------------

    def export(self, kind: str) -> bool:
        """Export Excel ("xlsx") or PDF ("pdf") beside the project file; True when written."""
        self.commit_pending_edit()
        if self.report is None:
            return False
        target = self.ask_save_path(self._beside_report(f"{self.report.title}.{kind}"), kind)
        if target is None:
            return False
        if target.exists() and not self.confirm_overwrite(target):
            return False
        try:
            if kind == "xlsx":
                from core.xlsx_export import xlsx_bytes as render
            else:
                from core.pdf_export import pdf_bytes as render
            write_atomic(target, render(self.report), action="导出")
        except SaveError as exc:
            self.show_error(str(exc), "导出失败")
            return False
        self.statusBar().showMessage(f"已导出 {target}", 8000)
        if kind == "pdf":
            from core.pdf_export import unprintable_characters, unprintable_warning

            if missing := unprintable_characters(self.report):
                self.show_info(unprintable_warning(missing))
        return True

    def import_workbook(self, path: Path | None = None) -> bool:
        """Read a workbook exported by this program as a new, unsaved report."""
        from core.xlsx_import import WorkbookError, read_xlsx

        path = path or self.ask_open_path("xlsx")
        if path is None:
            return False
        try:
            report = read_xlsx(path)
        except WorkbookError as exc:
            self.show_error(str(exc), "无法导入")
            return False
        if not self.maybe_discard():
            return False
        self._release_report()
        self.show_report(report, None, restored=True)
        self.statusBar().showMessage(f"已从 {path.name} 导入，请检查后保存为年报文件。", 15000)
        return True

    # -- drag and drop ------------------------------------------------------------------------------

    def _dropped(self, event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return next((p for p in paths if p.suffix.lower() in (SUFFIX, ".xlsx")), None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped(event)
        if path is None:
            return
        event.acceptProposedAction()
        if path.suffix.lower() == ".xlsx":
            self.import_workbook(path)
        else:
            self.open_report(path)
