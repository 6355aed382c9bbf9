"""A block of Chinese text set line by line: 禁则 line breaks, justified lines, page splits.

Used for the prose, the headings, the title and the text in table cells. Justification spreads
the room left on a line over the gaps between its characters, as word processors do for Chinese;
reportlab's own justification only widens spaces, which Chinese text does not have.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from core.fonts import Face
from core.linebreak import break_lines

JUSTIFY, LEFT, CENTER, RIGHT = "justify", "left", "center", "right"
_MAX_SPREAD = 0.25  # of the font size; wider gaps than this look broken, so such a line stays ragged


@dataclass(frozen=True)
class Line:
    text: str
    indent: float
    justify: bool


class TextBlock(Flowable):
    """Text in one face; "\\n" forces a break. ``indent`` is the first line's indent in points.

    With ``fit`` a text too wide for one line is set smaller instead (a long number in a table).
    """

    def __init__(self, text: str, face: Face, leading: float, align: str = JUSTIFY, indent: float = 0.0,
                 fit: bool = False, lines: list[Line] | None = None):
        super().__init__()
        self.text, self.face, self.leading, self.align, self.indent, self.fit = text, face, leading, align, indent, fit
        self._fixed = lines
        self._face = face  # the face drawn with: smaller than ``face`` when fitted
        self._lines: list[Line] = lines or []
        self._for_width: float | None = None

    def lines(self, width: float) -> list[Line]:
        """The lines at this width (computed once per width)."""
        if self._fixed is not None:
            return self._fixed
        if self._for_width is None or abs(self._for_width - width) > 1e-6:  # frames round widths differently
            natural = self.face.width(self.text)
            fitted = self.fit and natural > width
            self._face = self.face.scaled(0.98 * width / natural) if fitted else self.face
            self._lines = []
            for i, part in enumerate(self.text.split("\n")):
                indent = self.indent if i == 0 else 0.0
                broken = break_lines(part, self._face.width, width - indent, width)
                for j, text in enumerate(broken):
                    last = j == len(broken) - 1
                    self._lines.append(Line(text, indent if j == 0 else 0.0, self.align == JUSTIFY and not last))
            self._for_width = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self.lines(availWidth)
        fit = int((availHeight + 1e-6) // self.leading)
        if fit >= len(lines):
            return [self]
        if len(lines) - fit == 1 and fit > 2:
            fit -= 1  # no single last line at the top of a page
        if fit < 2:
            return []  # no single first line at the foot of a page
        return [self.part(lines[:fit]), self.part(lines[fit:])]

    def part(self, lines: list[Line]) -> TextBlock:
        """A block of some of this block's lines, as laid out."""
        return TextBlock(self.text, self._face, self.leading, self.align, self.indent, self.fit, lines)

    def draw(self) -> None:
        face, canv = self._face, self.canv
        # Centre the em box of CJK glyphs (about 0.12 em below the baseline) in each line's box.
        rise = (self.leading - face.size) / 2 + 0.12 * face.size
        for i, line in enumerate(self._lines):
            natural = face.width(line.text)
            room = self.width - line.indent - natural
            spread = 0.0
            if line.justify and len(line.text) > 1 and 0 < room / (len(line.text) - 1) <= _MAX_SPREAD * face.size:
                spread = room / (len(line.text) - 1)
            x = line.indent + {CENTER: room / 2, RIGHT: room}.get(self.align, 0.0)
            face.draw(canv, x, self.height - (i + 1) * self.leading + rise, line.text, spread)
