"""PySide6 views over core (no rule or calculation lives here)."""

from __future__ import annotations

import ctypes
import gc
import sys


def _shield_singleton_refcounts() -> None:
    """Work around PySide6 6.12.0 bugs that drop references to None, True and False: every Python
    override that calls its base implementation (super().keyPressEvent(e), super().paint(...)) drops
    one to None, and each edit in a grid about three to True. On Python 3.11 a session would end
    with "Fatal Python error: none_dealloc" or "bool_dealloc" (True after some 200 grid edits).
    These are static singletons that are never freed, so giving them a huge reference count is
    harmless; Python 3.12+ makes them immortal and needs nothing."""
    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


def _skip_feature_scan() -> None:
    """PySide6 reads the whole source of every module imported after it, to find the modules that
    use its `from __feature__ import snake_case` switches (PYSIDE-2029). This program uses none of
    them, and the reading cost 6 ms of start-up and 120 ms when the first PDF or Excel export loads
    reportlab and openpyxl (389 modules). Every module is now taken as not using them."""
    from PySide6.support import feature

    if hasattr(feature, "_mod_uses_pyside"):  # PySide6 6.12's private hook; a later version may differ
        feature._mod_uses_pyside = lambda module: False


# Start-up creates objects by the ten thousand (Qt's enums, the format, the widgets) and frees few: with
# Python's default threshold (700) the cyclic garbage collector ran 65 times before the window showed,
# finding almost nothing. Collections stay automatic, just rarer (about 30 times). Set before PySide6
# is first imported (by _skip_feature_scan), so that its own start-up collects rarely too.
gc.set_threshold(10_000, 10, 10)
_shield_singleton_refcounts()
_skip_feature_scan()
