"""Starting the window: the Qt application, Chinese Qt dialogs, the exception hook, recovery, the first file."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from core import APP_NAME, __version__
from core.cli_parser import ChineseArgumentParser
from core.resources import resource_path
from gui import crash
from gui.window import MainWindow


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with Qt's own buttons and dialogs in Chinese.

    Qt's own options in argv (e.g. ``-platform offscreen``, which reaches a frozen program under
    wine where environment variables do not) are taken by Qt; app.arguments() holds the rest.
    """
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication([*sys.argv[:1], *(argv or [])])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    icon = resource_path("icons", "nianbao.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run(argv: list[str]) -> int:
    """python main.py [FILE] [--smoke-test]: open the window, optionally with FILE."""
    parser = ChineseArgumentParser(prog="nianbao")
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE", help="要打开的报告文件")
    parser.add_argument("--smoke-test", action="store_true", help="打开窗口，运行一轮事件循环后退出（用于自动测试）")
    app = application(argv)
    args = parser.parse_args(app.arguments()[1:])
    window = MainWindow()
    crash.install(lambda: window)
    problems: list[str] = []
    if args.smoke_test:  # no dialog may wait for a person
        window.show_error = lambda message, title="": problems.append(message)  # type: ignore[method-assign]
    window.show()
    restored = False if args.smoke_test else window.offer_recovery()
    if args.file and not restored:
        window.open_report(args.file)
    if args.smoke_test:
        QTimer.singleShot(0, app.quit)
        app.exec()
        for message in problems:
            print(message, file=sys.stderr)
        print("ok" if not problems else "failed")
        return 1 if problems else 0
    return app.exec()
