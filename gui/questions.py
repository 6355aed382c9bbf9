"""The questions the main window asks the clerk, each through one intention-named method.

Actions call only these (ask_open_path, confirm_discard, show_error…), so tests replace them with
canned answers and no real dialog opens in CI. The dialogs themselves load on first use, and so
do Qt's: PySide6 builds a class the first time it is imported, and the window's start needs none.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from core import APP_NAME, settings
from core.checks import Finding
from core.recovery import Orphan

if TYPE_CHECKING:
    from gui.dialogs import NewReportAnswer
    from gui.window import MainWindow

    _Base = MainWindow
else:
    _Base = object

FILTERS = {"nianbao": "年报文件 (*.nianbao)", "xlsx": "Excel 工作簿 (*.xlsx)", "pdf": "PDF 文件 (*.pdf)"}


class Questions(_Base):
    """Mixin of the main window: every dialog that waits for the clerk."""

    def _folder(self) -> str:
        return settings.load_settings().last_folder or str(Path.home())

    def ask_open_path(self, kind: str = "nianbao") -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        title = "打开报告" if kind == "nianbao" else "选择要导入的 Excel 工作簿"
        name, _ = QFileDialog.getOpenFileName(self, title, self._folder(), FILTERS[kind])
        return Path(name) if name else None

    def ask_save_path(self, suggested: Path, kind: str = "nianbao") -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        title = {"nianbao": "保存报告", "xlsx": "导出 Excel", "pdf": "导出 PDF"}[kind]
        name, _ = QFileDialog.getSaveFileName(self, title, str(suggested), FILTERS[kind],
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == f".{kind}" else path.with_name(path.name + f".{kind}")

    def confirm_discard(self) -> str:
        """"save", "discard" or "cancel" for a report with unsaved changes."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, "报告有尚未保存的修改，是否保存？",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
            QMessageBox.StandardButton(answer), "cancel")

    def confirm_overwrite(self, path: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, APP_NAME, f"“{path.name}”已经存在，要替换它吗？",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_new_report(self) -> NewReportAnswer | None:
        from gui.dialogs import NewReportDialog

        dialog = NewReportDialog(self, self.report.meta.agency if self.report else "")
        return dialog.answer() if dialog.exec() else None

    def ask_reason(self, finding: Finding) -> str | None:
        from gui.dialogs import ReasonDialog

        dialog = ReasonDialog(finding, self)
        return dialog.reason.toPlainText().strip() if dialog.exec() else None

    def ask_restore(self, orphan: Orphan) -> str:
        """"restore", "discard" or "later" for a recovery copy left by a crash."""
        from PySide6.QtWidgets import QMessageBox

        when = f"{orphan.written:%Y年%m月%d日 %H:%M}".replace("年0", "年").replace("月0", "月")
        where = f"（文件：{orphan.source}）" if orphan.source else "（尚未保存过的新报告）"
        box = QMessageBox(QMessageBox.Icon.Question, "恢复未保存的报告",
                          f"年报上次没有正常关闭。找到了“{orphan.title}”在{when}自动保存的内容{where}。\n\n要恢复它吗？",
                          parent=self)
        restore = box.addButton("恢复", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("不恢复，删除", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("以后再说", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        return "restore" if box.clickedButton() is restore else "discard" if box.clickedButton() is discard else "later"

    def show_error(self, message: str, title: str = APP_NAME) -> None:
        from gui.dialogs import error_box

        error_box(self, title, message).exec()

    def show_info(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, APP_NAME, message)

    def show_exception(self, message: str, details: str) -> None:
        from gui.dialogs import error_box

        error_box(self, "意外错误", message, details).exec()
