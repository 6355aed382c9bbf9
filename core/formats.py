"""Report formats as data: the formats this program ships, by id and by report year.

A format file (``resources/formats/<id>.json``, documented in docs/format-files.md) is parsed by
core/format_parser.py into the records of core/format_spec.py, re-exported here so the rest
of the program imports them from one place. Adding a format is adding a file.
"""

from __future__ import annotations

import re
from functools import cache
from types import MappingProxyType
from typing import Mapping

from core.format_parser import load_format
from core.format_spec import (
    Cell, CellType, Column, Equation, FormatError, FormatSpec, HeaderCell, Row, Rule, Section, Table,
)
from core.resources import resource_path

__all__ = [
    "Cell", "CellType", "Column", "Equation", "FormatError", "FormatSpec", "HeaderCell", "Row", "Rule", "Section",
    "Table", "builtin_formats", "format_for_year", "get_format", "load_format",
]



@cache
def builtin_formats() -> Mapping[str, FormatSpec]:
    """Every format under resources/formats, by id."""
    specs = [load_format(p) for p in sorted(resource_path("formats").glob("*.json"))]
    return MappingProxyType({s.id: s for s in specs})


_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")


def get_format(format_id: str) -> FormatSpec:
    """A shipped format by id; FormatError (in Chinese) when there is none."""
    if _PLAIN_ID.fullmatch(format_id):  # the usual case: parse only this format's file
        path = resource_path("formats", f"{format_id}.json")
        if path.is_file() and (spec := load_format(path)).id == format_id:
            return spec
    try:
        return builtin_formats()[format_id]
    except KeyError:
        known = "、".join(builtin_formats())
        raise FormatError(f"本程序不认识报告格式“{format_id}”（认识的有：{known}）") from None


def format_for_year(year: int) -> FormatSpec:
    """The national format that governs reports of this year (the newest one for later years)."""
    national = sorted((s for s in builtin_formats().values() if s.national), key=lambda s: s.first_year)
    covering = [s for s in national if s.covers(year)]
    if covering:
        return covering[-1]
    if national and year < national[0].first_year:
        return national[0]
    return national[-1]
