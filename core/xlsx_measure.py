"""How much room text takes in a sheet cell.

Excel and WPS never fit the height of a merged or wrapped row to its text, so the exporter
measures it: a Chinese character (and a full-width mark) is one em wide, other characters a bit
over half an em, lines break by the usual Chinese rules (core.linebreak). The estimate leans to
one line too many rather than one too few, because a clipped line is lost on paper.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from core.linebreak import break_lines

LINE_SPACING = 1.3  # line pitch as a multiple of the font size (宋体, 仿宋 and 黑体 in Excel and WPS)
PAD_X = 5.0  # points lost to the cell's left and right padding together
PAD_Y = 4.0  # points added above and below the text
WIDTH_SLACK = 0.98  # measure against slightly narrower lines than the cell has
MAX_ROW = 400.0  # Excel's highest row is 409 points
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """Text as a sheet can show it: line ends as \\n, control characters (from pasted Word text) gone."""
    return _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def is_wide(ch: str) -> bool:
    """A character one em wide: Chinese, full-width forms, and marks such as “” that Chinese fonts set wide."""
    return unicodedata.east_asian_width(ch) in "WFA"


@lru_cache(maxsize=4096)
def _char_em(ch: str) -> float:
    return 1.0 if is_wide(ch) else 0.56


def text_width(text: str, size: float) -> float:
    """Width in points of one line of text at ``size`` points."""
    return sum(_char_em(ch) for ch in text) * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """The lines wrapped text takes in a cell ``width`` points wide (explicit \\n kept)."""
    room = _room(width, size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += break_lines(paragraph, lambda s: text_width(s, size), room, room)
    return lines


def _room(width: float, size: float) -> float:
    return max(width - PAD_X, size) * WIDTH_SLACK


def wide_per_line(width: float, size: float) -> int:
    """How many Chinese characters surely fit on one line of a cell ``width`` points wide."""
    return max(1, int(_room(width, size) // size))


def row_height(lines: int, size: float) -> float:
    """Height in points of a row showing ``lines`` lines at ``size`` points."""
    return max(lines, 1) * size * LINE_SPACING + PAD_Y


def stacked_height(text: str, size: float) -> float:
    """Height of vertically stacked text (one character a line), as in the form's narrow label columns."""
    return row_height(len(text), size)


def lines_fitting(height: float, size: float) -> int:
    """How many lines at ``size`` points fit in ``height`` points."""
    return int((height - PAD_Y) // (size * LINE_SPACING))


def split_after_lines(text: str, lines: list[str], count: int) -> tuple[str, str]:
    """``text`` cut after its first ``count`` wrapped ``lines``: (head, tail), nothing lost but the spaces at the cut."""
    pos = 0
    for line in lines[:count]:
        pos = text.index(line, pos) + len(line) if line else pos
    return text[:pos].rstrip(), text[pos:].lstrip()


def column_width(points: float) -> float:
    """Points as Excel's stored column width: in digits of the default font, Calibri 11 (7 px at 96 dpi)."""
    return round(points * 96 / 72 / 7, 3)
