"""Cutting a flow of sheet rows into printed pages, the way a word processor would.

Excel and WPS paginate a sheet by row heights alone: they split a table anywhere, leave a heading
alone at the foot of a page and cannot repeat a header only for one table. The exporter therefore
decides the page breaks itself and writes them as manual breaks: a heading stays with what
follows it; a table moves whole to the next page when it fits there (unless that would leave
more than half a page blank); a table that is cut is cut only where its vertical labels still
fit, and its header rows are repeated after the cut; a paragraph is cut between lines, leaving
at least two lines on each page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

MIN_LINES = 2  # no widow or orphan: a cut paragraph keeps at least two lines on each page
MOST_LEFT_BLANK = 0.5  # a table moves whole to the next page only if that leaves at most this much blank


@dataclass(frozen=True)
class Block:
    """A run of rows (heights in points) that the paginator moves as a whole or cuts where allowed.

    ``key`` says what the rows show; ``rows`` are the block's own row numbers (a continued table
    lists its header rows again); a page may begin at any row number in ``cuts``, and the first
    ``repeat`` rows are written again after such a cut. A paragraph instead has ``split``, which
    returns the part that fits a given height and the rest, or None.
    """

    key: object
    heights: tuple[float, ...]
    keep_with_next: bool = False
    keep_together: bool = False
    repeat: int = 0
    cuts: frozenset[int] = frozenset()
    rows: tuple[int, ...] = ()
    split: Callable[[float], tuple[Block, Block] | None] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.rows:
            object.__setattr__(self, "rows", tuple(range(len(self.heights))))

    @property
    def height(self) -> float:
        return sum(self.heights)


@dataclass(frozen=True)
class Slice:
    """The part of a block placed on one page: what it shows, which of its rows, their heights."""

    key: object
    rows: tuple[int, ...]
    heights: tuple[float, ...]
    new_page: bool  # a manual page break goes before this slice


def paginate(blocks: list[Block], page: float) -> list[Slice]:
    """The blocks in order, cut where needed and with page breaks marked, for pages ``page`` points tall."""
    out: list[Slice] = []
    queue = list(blocks)
    used = 0.0
    pending = False  # the next slice placed starts a new page

    def place(chain: list[Block]) -> None:
        nonlocal pending
        for i, block in enumerate(chain):
            out.append(Slice(block.key, block.rows, block.heights, pending and i == 0))
        pending = False

    while queue:
        chain = _chain(queue)
        *lead, last = chain
        lead_height = sum(b.height for b in lead)
        need = lead_height + last.height
        fresh = used == 0
        if used + need <= page:
            place(chain)
            used += need
            del queue[: len(chain)]
            continue
        if not fresh and last.keep_together and need <= page and page - used <= page * MOST_LEFT_BLANK:
            used, pending = 0.0, True
            continue
        parts = _cut(last, page - used - lead_height, force=fresh)
        if parts is None:
            if fresh:  # no legal cut at all: let it overflow rather than loop
                place(chain)
                used += need
                del queue[: len(chain)]
            else:
                used, pending = 0.0, True
            continue
        first, rest = parts
        place([*lead, first])
        del queue[: len(chain)]
        queue.insert(0, rest)
        used, pending = 0.0, True
    return out


def _chain(queue: list[Block]) -> list[Block]:
    """The first block with the blocks that must stay with it (each keeps with its next)."""
    end = 0
    while queue[end].keep_with_next and end + 1 < len(queue):
        end += 1
    return queue[: end + 1]


def _cut(block: Block, room: float, force: bool) -> tuple[Block, Block] | None:
    """The block cut so that its first part fits ``room`` (with ``force``: the smallest legal cut)."""
    if block.split is not None:
        return block.split(room)
    legal = sorted(c for c in block.cuts if c > block.repeat)
    fitting = [c for c in legal if sum(block.heights[:c]) <= room]
    if fitting:
        best = fitting[-1]
    elif force and legal:
        best = legal[0]
    else:
        return None
    head = block.repeat
    first = replace(block, heights=block.heights[:best], rows=block.rows[:best], cuts=frozenset(),
                    keep_with_next=False)
    rest = replace(
        block,
        heights=block.heights[:head] + block.heights[best:],
        rows=block.rows[:head] + block.rows[best:],
        cuts=frozenset(c - best + head for c in block.cuts if c > best),
    )
    return first, rest
