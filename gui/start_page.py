"""What the window shows before a report is open: new, open, and the recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from core import APP_NAME
from core.settings import load_settings
from gui.theme import MUTED


class StartPage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    recentRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(f"{APP_NAME}：政府信息公开工作年度报告")
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        intro = QLabel("填写、校验并导出本单位的政府信息公开工作年度报告。每个单位每年一份报告文件。")
        intro.setStyleSheet(f"color: {MUTED};")
        new = QPushButton("新建报告…")
        open_ = QPushButton("打开报告…")
        for button in (new, open_):
            button.setMinimumSize(160, 44)
            button.setStyleSheet("font-size: 15px;")
        new.clicked.connect(self.newRequested)
        open_.clicked.connect(self.openRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(open_)
        buttons.addStretch(1)
        self.recent = QListWidget()
        self.recent.setMaximumSize(720, 320)
        self.recent.itemActivated.connect(lambda item: self.recentRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.recent.itemClicked.connect(lambda item: self.recentRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.recent_label = QLabel("最近打开：")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(14)
        for widget in (title, intro):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent)
        layout.addStretch(1)

    def refresh(self) -> None:
        """Fill the recent files (the window does, each time it shows this page)."""
        self.recent.clear()
        for path in load_settings().recent:
            item = QListWidgetItem(f"{Path(path).name}　　{Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        has_recent = self.recent.count() > 0
        self.recent.setVisible(has_recent)
        self.recent_label.setVisible(has_recent)
