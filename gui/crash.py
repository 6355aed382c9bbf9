"""Unexpected exceptions: logged to a rotating file, shown in plain Chinese, never fatal to the window.

Exceptions raised inside Qt slots and event handlers reach sys.excepthook; the hook writes the
traceback to the log, asks the window to write its recovery copy, and shows a dialog whose details
can be copied for the clerk's IT staff. The event loop, the window and the report carry on.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import Callable, Protocol

from core import APP_NAME, __version__
from core import settings

LOG_NAME = "nianbao.log"
log = logging.getLogger("nianbao")


class Reporter(Protocol):
    def report_exception(self, message: str, details: str) -> None: ...


def logger() -> logging.Logger:
    """The program's log, set up when the first message is written: start-up does not wait for it
    (logging.handlers pulls in socket and pickle, about 10 ms)."""
    if not log.handlers:
        setup_logging()
    return log


def setup_logging() -> logging.Handler | None:
    """A rotating log (1 MB × 3) under the platform's log folder; None when it cannot be written."""
    import logging.handlers

    for handler in log.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            log.removeHandler(handler)
            handler.close()
    try:
        folder = settings.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(folder / LOG_NAME, maxBytes=1_000_000, backupCount=3,
                                                       encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return handler


def install(reporter: Callable[[], Reporter | None]) -> None:
    """Route unexpected exceptions to the log and to reporter() (the main window, when there is one)."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        details = f"{APP_NAME} {__version__}\n" + "".join(traceback.format_exception(kind, exc, tb))
        logger().error("unexpected exception\n%s", details)
        for handler in log.handlers:
            handler.flush()
        target = reporter()
        if target is None or showing:
            sys.__excepthook__(kind, exc, tb)
            return
        showing = True
        try:
            target.report_exception(
                "程序内部出现了意外错误。您填写的内容没有丢失，已另存恢复副本；建议先保存报告。\n\n"
                "如果问题反复出现，请点“复制详细信息”，或通过“帮助 → 打开日志文件夹”找到日志文件，发给技术人员。",
                details,
            )
        finally:
            showing = False

    sys.excepthook = hook
