"""Chinese line breaking with the usual prohibitions (禁则).

No line may begin with a closing or pausing mark (，。、；：？！）」』》” …), no line may end with
an opening mark (（「『《“ …), and a dash ——, an ellipsis …… or a run of Latin letters and digits
is never split. reportlab's own CJK wrapping misses most of these for Chinese (it lets a line
start with ，；：？！》”), hence this module. A mark that would overflow a line takes the
character before it to the next line (推出), and the shortened line is justified by its drawer.
"""

from __future__ import annotations

import re
from typing import Callable

NO_LINE_START = frozenset(
    "，。、；：？！）」』》〉】〕〗｝］”’～·％‰℃°′″"
    ",.;:?!)]}%"
)
NO_LINE_END = frozenset("（「『《〈【〔〖｛［“‘([{￥$")
_ATOM = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9.,:/\-_@+#&=~']*"  # a Latin word, number, date or web address
    r"|—+|…+|─+"  # dashes and ellipses stay whole
    r"|\s"
    r"|.",
    re.DOTALL,
)


def clusters(text: str) -> list[str]:
    """The text cut into pieces that may be separated by a line break (and nowhere else)."""
    pieces: list[str] = []
    glue_next = False
    for match in _ATOM.finditer(text):
        atom = match.group()
        if pieces and not atom.isspace() and (glue_next or atom[0] in NO_LINE_START):
            pieces[-1] += atom
        else:
            pieces.append(atom)
        glue_next = atom[-1] in NO_LINE_END
    return pieces


def break_lines(text: str, width: Callable[[str], float], first: float, rest: float) -> list[str]:
    """Lines of one paragraph: the first at most ``first`` wide, the others at most ``rest``.

    ``width`` measures a string. Spaces at the start or end of a broken line are dropped. A piece
    wider than a whole line (a very long web address) is cut by characters.
    """
    lines: list[str] = []
    line, used, limit = "", 0.0, first
    for piece in clusters(text):
        w = width(piece)
        if line and used + w > limit + 1e-6 and not piece.isspace():
            lines.append(line.rstrip())
            line, used, limit = "", 0.0, rest
        if not line and piece.isspace() and lines:
            continue
        if not line and w > limit + 1e-6:
            for ch in piece:
                cw = width(ch)
                if line and used + cw > limit + 1e-6:
                    carry = line[-1] if ch in NO_LINE_START and len(line) > 1 else ""
                    lines.append(line[:len(line) - len(carry)])
                    line, used, limit = carry, width(carry), rest
                line, used = line + ch, used + cw
            continue
        line, used = line + piece, used + w
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines
