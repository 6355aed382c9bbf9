"""Windows for the GUI tests: every question the window asks is answered by a canned answer."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest

from gui.app import application
from gui.window import MainWindow

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "resources" / "examples"


class Answers:
    """Canned answers for the window's intention-named questions, and a record of what it said."""

    def __init__(self) -> None:
        self.open_path: Path | None = None
        self.save_path: Path | None = None
        self.discard = "cancel"
        self.overwrite = False
        self.reason: str | None = None
        self.restore = "restore"
        self.new: Any = None
        self.print_to: Path | None = None  # the print dialog's answer: a PDF file, or None for 取消
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.exceptions: list[tuple[str, str]] = []
        self.asked: list[str] = []


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def window(qtbot: Any, answers: Answers) -> Iterator[MainWindow]:
    application()
    win = MainWindow(autosave_ms=200)
    qtbot.addWidget(win)

    def ask(name: str, value: Any) -> Any:
        answers.asked.append(name)
        return value

    win.ask_open_path = lambda kind="nianbao": ask("open", answers.open_path)  # type: ignore[method-assign]
    win.ask_save_path = lambda suggested, kind="nianbao": ask("save", answers.save_path)  # type: ignore[method-assign]
    win.confirm_discard = lambda: ask("discard", answers.discard)  # type: ignore[method-assign]
    win.confirm_overwrite = lambda path: ask("overwrite", answers.overwrite)  # type: ignore[method-assign]
    win.ask_reason = lambda finding: ask("reason", answers.reason)  # type: ignore[method-assign]
    win.ask_restore = lambda orphan: ask("restore", answers.restore)  # type: ignore[method-assign]
    win.ask_new_report = lambda: ask("new", answers.new)  # type: ignore[method-assign]
    win.ask_printer = lambda printer, pages: ask("printer", _print_to_file(printer, answers.print_to))  # type: ignore[method-assign]
    win.show_error = lambda message, title="": answers.errors.append(message)  # type: ignore[method-assign]
    win.show_info = lambda message: answers.infos.append(message)  # type: ignore[method-assign]
    win.show_exception = lambda message, details: answers.exceptions.append((message, details))  # type: ignore[method-assign]
    win.show()
    yield win
    win.close_report()


def _print_to_file(printer: Any, path: Path | None) -> bool:
    """What the print dialog does when the clerk picks a PDF printer (at a low resolution, to be quick)."""
    if path is None:
        return False
    printer.setOutputFormat(printer.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(100)
    return True


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the 2021 example (balanced figures, no findings) that tests may change."""
    path = tmp_path / "示例.nianbao"
    shutil.copy(EXAMPLES / "example-2021.nianbao", path)
    return path
