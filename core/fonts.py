"""Fonts for the PDF: the official Windows fonts where the PC has them, else the shipped one.

Government documents set prose in 仿宋, headings in 黑体 and tables in 宋体. Where a role's
Windows font is missing or unusable, the role uses WenQuanYi Micro Hei from resources/fonts
(Apache-2.0, TrueType outlines). Every font is a TrueType-outline font that reportlab embeds as
subsets, so the PDF looks the same on every PC and its text can be copied. A character that a
role's font lacks (a rare name character in an older font) is drawn from the shipped font.
"""

from __future__ import annotations

import os
import sys
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Sequence

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from core.resources import resource_path

PROSE, HEADING, TABLE = "prose", "heading", "table"
OFFICIAL = {PROSE: ("simfang.ttf", 0), HEADING: ("simhei.ttf", 0), TABLE: ("simsun.ttc", 0)}
SHIPPED = ("wqy-microhei-zh.ttf", 0)  # made by tools/subset_font.sh
_BOLD_STROKE = 0.035  # outline stroke of emboldened text, as a share of the font size


def system_font_dirs() -> tuple[Path, ...]:
    """Where Windows keeps fonts (all users, then the current user); none elsewhere."""
    if sys.platform != "win32":
        return ()
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
    dirs = [Path(windir) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return tuple(dirs)


@dataclass(frozen=True)
class FontSet:
    """The registered font name of each role, and the shipped font that fills their gaps."""

    prose: str
    heading: str
    table: str
    fallback: str

    def face(self, role: str, size: float) -> Face:
        """A role's font at a size; headings set in the prose font are emboldened to stand out."""
        name = getattr(self, role)
        return _face(name, self.fallback, size, role == HEADING and name == self.prose)

    def missing(self, text: str) -> str:
        """The characters of text that some role could not print (neither its font nor the shipped
        one has them: CJK Extension B name characters, emoji…), each once, in order of appearance."""
        fallback = _coverage(self.fallback)
        roles = [_coverage(name) | fallback for name in {self.prose, self.heading, self.table}]
        return "".join(dict.fromkeys(
            ch for ch in text if not ch.isspace() and any(ord(ch) not in covered for covered in roles)))


def pdf_fonts(dirs: Sequence[Path] | None = None) -> FontSet:
    """Register the fonts for each role once per process and return their names.

    ``dirs`` are the folders searched for the official fonts (default: Windows' font folders).
    """
    return _font_set(tuple(system_font_dirs() if dirs is None else dirs))


@cache
def _font_set(dirs: tuple[Path, ...]) -> FontSet:
    fallback = _register(resource_path("fonts", SHIPPED[0]), SHIPPED[1])
    if fallback is None:
        raise RuntimeError(f"缺少程序自带的字体文件 {SHIPPED[0]}，请重新安装本程序")
    names = {}
    for role, (file, subfont) in OFFICIAL.items():
        found = next((d / file for d in dirs if (d / file).is_file()), None)
        names[role] = (found and _register(found, subfont)) or fallback
    return FontSet(names[PROSE], names[HEADING], names[TABLE], fallback)


@cache
def _register(path: Path, subfont: int) -> str | None:
    """Register a TrueType font under a name unique to its file; None when it cannot be used."""
    name = f"{path.stem}-{subfont}-{zlib.crc32(str(path).encode()):08x}"
    try:
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=subfont))
    except (TTFError, OSError, ValueError):  # CFF outlines, a damaged or unreadable file
        return None
    return name


@cache
def _coverage(name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


class Face:
    """A font at a size: widths of text, and text split into runs by the font that has the glyphs."""

    def __init__(self, name: str, fallback: str, size: float, bold: bool = False):
        self.name, self.fallback, self.size, self.bold = name, fallback, size, bold
        self._covered = _coverage(name)
        self._widths: dict[str, float] = {}

    def scaled(self, factor: float) -> Face:
        return _face(self.name, self.fallback, self.size * factor, self.bold)

    def covers(self, ch: str) -> bool:
        return ord(ch) in self._covered

    def font_of(self, ch: str) -> str:
        return self.name if self.covers(ch) or self.name == self.fallback else self.fallback

    def char_width(self, ch: str) -> float:
        width = self._widths.get(ch)
        if width is None:
            width = self._widths[ch] = pdfmetrics.stringWidth(ch, self.font_of(ch), self.size)
        return width

    def width(self, text: str) -> float:
        return sum(self.char_width(ch) for ch in text)

    def draw(self, canv: Canvas, x: float, y: float, text: str, spread: float = 0.0) -> None:
        """Draw text with its baseline at (x, y), ``spread`` points added after each character.

        Bold is drawn by also stroking the outlines, in the fill colour.
        """
        canv.saveState()
        obj = canv.beginText(x, y)
        obj.setCharSpace(spread)
        if self.bold:
            canv.setLineWidth(self.size * _BOLD_STROKE)
            obj.setTextRenderMode(2)
        for font, run in self.runs(text):
            obj.setFont(font, self.size)
            obj.textOut(run)
        canv.drawText(obj)
        canv.restoreState()

    def runs(self, text: str) -> list[tuple[str, str]]:
        """(font name, text) pieces of text, each drawable in one font."""
        runs: list[tuple[str, str]] = []
        for ch in text:
            font = self.font_of(ch)
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + ch)
            else:
                runs.append((font, ch))
        return runs


@cache
def _face(name: str, fallback: str, size: float, bold: bool) -> Face:
    """One Face per font and size, so measured widths are kept from one export to the next."""
    return Face(name, fallback, size, bold)
