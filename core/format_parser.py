"""Reading and validating a format file into a FormatSpec, with errors that name the file and key."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from core.format_spec import (
    Cell, CellType, Column, Equation, FormatError, FormatSpec, HeaderCell, Row, Rule, Section, Table,
)

FORMAT_FILE_SCHEMA = 1
CELL_KINDS = ("count", "signed", "amount")
SEVERITIES = ("error", "warning")



class _Reader:
    """Typed access to the JSON of one format file, with errors naming the file and the key."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, key: str, problem: str) -> FormatError:
        return FormatError(f"格式文件 {self.path.name} 有误：{key}：{problem}")

    def get(self, obj: Any, key: str, where: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if not isinstance(obj, dict):
            raise self.fail(where, "应为对象")
        if key not in obj:
            if default is ...:
                raise self.fail(f"{where}.{key}" if where else key, "缺少此项")
            return default
        return self.expect(obj[key], f"{where}.{key}" if where else key, kind)

    def expect(self, value: Any, where: str, kind: type | tuple[type, ...]) -> Any:
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # bool is an int in Python; a count or span must not be written as true/false.
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise self.fail(where, "应为" + "、".join(_TYPE_NAMES[k] for k in kinds))
        return value

    def items(self, obj: Any, key: str, where: str) -> list[tuple[str, Any]]:
        """A non-empty list under key, with the key path of each element."""
        values = self.get(obj, key, where, list)
        if not values:
            raise self.fail(f"{where}.{key}" if where else key, "不能为空")
        base = f"{where}.{key}" if where else key
        return [(f"{base}[{i}]", v) for i, v in enumerate(values)]


_TYPE_NAMES = {str: "文字", int: "整数", bool: "true 或 false", list: "列表", dict: "对象", type(None): "null"}


def load_format(path: Path) -> FormatSpec:
    """Parse and validate one format file (each file once per process)."""
    return _load_format_cached(Path(path).resolve())


@cache
def _load_format_cached(path: Path) -> FormatSpec:
    reader = _Reader(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FormatError(f"无法读取格式文件 {path.name}：{exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormatError(f"格式文件 {path.name} 不是有效的 UTF-8 JSON：{exc}") from exc
    return _parse(reader, data)


def _parse(r: _Reader, data: Any) -> FormatSpec:
    if not isinstance(data, dict):
        raise r.fail("（顶层）", "应为对象")
    if r.get(data, "schema", "", int) != FORMAT_FILE_SCHEMA:
        raise r.fail("schema", f"本程序只认识格式文件版本 {FORMAT_FILE_SCHEMA}")
    years = r.get(data, "years", "", dict)
    first_year = r.get(years, "first", "years", int)
    last_year = r.get(years, "last", "years", (int, type(None)))
    types = {
        name: _parse_type(r, spec, f"types.{name}") for name, spec in r.get(data, "types", "", dict).items()
    }

    sections: list[Section] = []
    tables: dict[str, Table] = {}
    for where, raw in r.items(data, "sections", ""):
        section = _parse_section(r, raw, where, types)
        if any(s.id == section.id for s in sections):
            raise r.fail(f"{where}.id", f"节“{section.id}”重复")
        for table in section.tables:
            if table.id in tables:
                raise r.fail(f"{where}.tables", f"表“{table.id}”重复")
            tables[table.id] = table
        sections.append(section)

    sections_by_id = {s.id: s for s in sections}
    rules = tuple(
        _parse_rule(r, raw, where, sections_by_id, tables) for where, raw in r.items(data, "rules", "")
    )
    formulas = _formulas(r, rules)
    cells = _cells(sections, tables, formulas)
    return FormatSpec(
        id=r.get(data, "id", "", str),
        name=r.get(data, "name", "", str),
        notice=r.get(data, "notice", "", str),
        title=r.get(data, "title", "", str),
        national=r.get(data, "national", "", bool, False),
        first_year=first_year,
        last_year=last_year,
        sections=tuple(sections),
        tables=MappingProxyType(tables),
        cells=MappingProxyType(cells),
        rules=rules,
        formulas=MappingProxyType(formulas),
        dependents=MappingProxyType(_dependents(formulas)),
        path=r.path,
    )


def _parse_type(r: _Reader, raw: Any, where: str) -> CellType:
    kind = r.get(raw, "kind", where, str)
    if kind not in CELL_KINDS:
        raise r.fail(f"{where}.kind", f"应为 {'、'.join(CELL_KINDS)} 之一")
    if kind != "amount":
        return CellType(kind=kind, max_digits=r.get(raw, "max_digits", where, int, 9))
    units = tuple(r.get(raw, "units", where, list))
    if not units or not all(isinstance(u, str) and u for u in units):
        raise r.fail(f"{where}.units", "应为非空的单位列表，如 [\"万元\"]")
    decimals = r.get(raw, "decimals", where, int)
    print_decimals = r.get(raw, "print_decimals", where, int, 2)
    if not 0 <= print_decimals <= decimals <= 10:
        raise r.fail(f"{where}.decimals", "应满足 0 ≤ print_decimals ≤ decimals ≤ 10")
    max_digits = r.get(raw, "max_digits", where, int, 12)
    return CellType(kind, units, decimals, print_decimals, max_digits)


def _parse_section(r: _Reader, raw: Any, where: str, types: dict[str, CellType]) -> Section:
    sid = r.get(raw, "id", where, str)
    kind = r.get(raw, "kind", where, str)
    number = r.get(raw, "number", where, str)
    if kind == "prose":
        tables: tuple[Table, ...] = ()
    elif kind == "tables":
        tables = tuple(
            _parse_table(r, t, w, sid, number, types) for w, t in r.items(raw, "tables", where)
        )
    else:
        raise r.fail(f"{where}.kind", "应为 prose 或 tables")
    heading = r.get(raw, "heading", where, str)
    short = r.get(raw, "short", where, str, heading.partition("、")[2] or heading)
    return Section(sid, number, heading, short, kind, r.get(raw, "guide", where, str, ""), tables)


def _parse_table(r: _Reader, raw: Any, where: str, section: str, number: str, types: dict[str, CellType]) -> Table:
    label_columns = r.get(raw, "label_columns", where, int)
    columns: list[Column] = []
    for w, c in r.items(raw, "columns", where):
        type_name = r.get(c, "type", w, str)
        if type_name not in types:
            raise r.fail(f"{w}.type", f"没有名为“{type_name}”的类型（见 types）")
        column = Column(r.get(c, "id", w, str), r.get(c, "name", w, str), types[type_name], r.get(c, "span", w, int, 1))
        if column.span < 1:
            raise r.fail(f"{w}.span", "应不小于1")
        if any(x.id == column.id for x in columns):
            raise r.fail(f"{w}.id", f"列“{column.id}”重复")
        columns.append(column)

    rows: list[Row] = []
    groups: list[Row] = []  # enclosing group rows, by level
    for w, x in r.items(raw, "rows", where):
        level = r.get(x, "level", w, int, 0)
        if not 0 <= level < max(label_columns, 1):
            raise r.fail(f"{w}.level", f"应在 0 到 {max(label_columns, 1) - 1} 之间")
        groups = [g for g in groups if g.level < level]
        label = r.get(x, "label", w, str)
        title = "".join(f"{g.label} " for g in groups if g.level >= 1) + label
        row = Row(r.get(x, "id", w, str), label, level, r.get(x, "group", w, bool, False), title)
        if any(y.id == row.id for y in rows):
            raise r.fail(f"{w}.id", f"行“{row.id}”重复")
        if rows and rows[-1].group and level <= rows[-1].level:
            raise r.fail(w, f"分组行“{rows[-1].label}”下面至少要有一行更深一级的行")
        rows.append(row)
        if row.group:
            groups.append(row)
    if rows[-1].group:
        raise r.fail(f"{where}.rows", "最后一行不能是分组行")

    header = tuple(
        tuple(
            HeaderCell(r.get(h, "text", f"{w}[{j}]", str), r.get(h, "colspan", f"{w}[{j}]", int, 1),
                       r.get(h, "rowspan", f"{w}[{j}]", int, 1))
            for j, h in enumerate(r.expect(hr, w, list))
        )
        for w, hr in r.items(raw, "header", where)
    )
    table = Table(
        r.get(raw, "id", where, str), section, r.get(raw, "caption", where, str, ""), label_columns,
        header, tuple(columns), tuple(rows),
    )
    _check_header_tiling(r, table, f"{where}.header")
    return table


def _check_header_tiling(r: _Reader, table: Table, where: str) -> None:
    """Header cells must cover the table's grid exactly once, like an HTML table."""
    width = table.grid_columns
    taken: set[tuple[int, int]] = set()
    for i, header_row in enumerate(table.header):
        col = 0
        for j, cell in enumerate(header_row):
            while (i, col) in taken:
                col += 1
            if cell.colspan < 1 or cell.rowspan < 1 or i + cell.rowspan > len(table.header):
                raise r.fail(f"{where}[{i}][{j}]", "跨行或跨列数不对")
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if col + dc >= width or (i + dr, col + dc) in taken:
                        raise r.fail(f"{where}[{i}][{j}]", f"超出了表格的 {width} 列或与其他表头重叠")
                    taken.add((i + dr, col + dc))
            col += cell.colspan
    missing = len(table.header) * width - len(taken)
    if missing:
        raise r.fail(where, f"表头没有铺满 {width} 列，缺 {missing} 格")


_MESSAGE_FIELDS = {
    "equation": {"where": "自然人", "left": 1, "right": 2, "diff": 1},
    "complete": {"table": "三、", "count": 2, "cells": "甲、乙"},
    "expect_zero": {},
    "prose_min": {"length": 1, "limit": 20},
    "prose_max": {"length": 1001, "limit": 1000},
    "prose_mentions": {"words": "甲、乙"},
    "format_year": {"year": 2025, "expected": "甲", "actual": "乙"},
}


def _parse_rule(r: _Reader, raw: Any, where: str, sections: dict[str, Section], tables: dict[str, Table]) -> Rule:
    kind = r.get(raw, "kind", where, str)
    if kind not in _MESSAGE_FIELDS:
        raise r.fail(f"{where}.kind", f"不认识的检查类型“{kind}”")
    severity = r.get(raw, "severity", where, str)
    if severity not in SEVERITIES:
        raise r.fail(f"{where}.severity", "应为 error 或 warning")
    message = r.get(raw, "message", where, str)
    try:
        message.format(**_MESSAGE_FIELDS[kind])
    except (KeyError, IndexError, ValueError) as exc:
        raise r.fail(f"{where}.message", f"模板中的占位符不对：{exc}") from exc
    rule = {"id": r.get(raw, "id", where, str), "kind": kind, "severity": severity, "message": message,
            "mark_cells": r.get(raw, "mark_cells", where, bool, True)}

    if kind == "equation":
        table = tables.get(r.get(raw, "table", where, str))
        if table is None:
            raise r.fail(f"{where}.table", "没有这张表")
        computes = r.get(raw, "computes", where, bool, False)
        over = r.get(raw, "over", where, str)
        if over not in ("rows", "columns"):
            raise r.fail(f"{where}.over", "应为 rows 或 columns")
        groups = (
            [(w, g, r.get(g, "name", w, str)) for w, g in r.items(raw, "groups", where)]
            if "groups" in raw
            else [(where, raw, None)]
        )
        equations = []
        for w, g, name in groups:
            left = _ids(r, g, "left", w, table, over)
            right = _ids(r, g, "right", w, table, over)
            if computes and len(left) != 1:
                raise r.fail(f"{w}.left", "由程序计算的合计只能有一项")
            equations += _expand(table, over, left, right, name)
        rule.update(section=table.section, table=table.id, equations=tuple(equations), computes=computes)
    elif kind == "expect_zero":
        cells = tuple(r.items(raw, "cells", where))
        owner = {t.cell_id(row.id, c.id): t for t in tables.values() for row in t.data_rows for c in t.columns}
        for w, cell in cells:
            if cell not in owner:
                raise r.fail(w, f"没有单元格“{cell}”")
        rule.update(section=owner[cells[0][1]].section, cells=tuple(c for _, c in cells))
    elif kind in ("prose_min", "prose_max"):
        section = _prose_section(r, raw, where, sections)
        key = "min_chars" if kind == "prose_min" else "max_chars"
        rule.update(section=section, limit=r.get(raw, key, where, int))
    elif kind == "prose_mentions":
        section = _prose_section(r, raw, where, sections)
        words = tuple(r.expect(w, key, str) for key, w in r.items(raw, "words", where))
        rule.update(section=section, words=words)
    return Rule(**rule)


def _prose_section(r: _Reader, raw: Any, where: str, sections: dict[str, Section]) -> str:
    section = r.get(raw, "section", where, str)
    if section not in sections or sections[section].kind != "prose":
        raise r.fail(f"{where}.section", "应为一个文字部分的 id")
    return section


def _ids(r: _Reader, raw: Any, key: str, where: str, table: Table, over: str) -> tuple[str, ...]:
    ids = tuple(r.get(raw, key, where, list))
    known = {row.id for row in table.data_rows} if over == "rows" else {c.id for c in table.columns}
    for i in ids:
        if i not in known:
            noun = "数据行" if over == "rows" else "列"
            raise r.fail(f"{where}.{key}", f"表“{table.id}”没有{noun}“{i}”")
    if not ids:
        raise r.fail(f"{where}.{key}", "不能为空")
    return ids


def _expand(table: Table, over: str, left: tuple[str, ...], right: tuple[str, ...], name: str | None) -> list[Equation]:
    """One equation per column (terms are rows) or per data row (terms are columns)."""
    if over == "rows":
        return [
            Equation(tuple(table.cell_id(x, c.id) for x in left), tuple(table.cell_id(x, c.id) for x in right),
                     name or c.name, f"{table.id}.{c.id}" if name is None else f"{table.id}.{left[0]}")
            for c in table.columns
        ]
    return [
        Equation(tuple(table.cell_id(row.id, x) for x in left), tuple(table.cell_id(row.id, x) for x in right),
                 name or row.title, f"{table.id}.{row.id}" if name is None else f"{table.id}.{left[0]}")
        for row in table.data_rows
    ]


def _formulas(r: _Reader, rules: tuple[Rule, ...]) -> dict[str, tuple[str, ...]]:
    """Computed cell -> terms, topologically ordered; the first rule that computes a cell defines it."""
    raw: dict[str, tuple[str, ...]] = {}
    for rule in rules:
        if rule.computes:
            for eq in rule.equations:
                raw.setdefault(eq.left[0], eq.right)
    ordered: dict[str, tuple[str, ...]] = {}
    visiting: set[str] = set()

    def visit(cell: str) -> None:
        if cell in ordered or cell not in raw:
            return
        if cell in visiting:
            raise r.fail("rules", f"合计单元格“{cell}”的计算形成了循环")
        visiting.add(cell)
        for term in raw[cell]:
            visit(term)
        ordered[cell] = raw[cell]

    for cell in raw:
        visit(cell)
    return ordered


def _dependents(formulas: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """For every cell that feeds a total, the computed cells to refresh when it changes."""
    order = {cell: i for i, cell in enumerate(formulas)}
    direct: dict[str, set[str]] = {}
    for target, terms in formulas.items():
        for term in terms:
            direct.setdefault(term, set()).add(target)
    result: dict[str, tuple[str, ...]] = {}
    for cell in direct:
        seen: set[str] = set()
        stack = [cell]
        while stack:
            for target in direct.get(stack.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        result[cell] = tuple(sorted(seen, key=order.__getitem__))
    return result


def _cells(sections: list[Section], tables: dict[str, Table], formulas: dict[str, Any]) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    for section in sections:
        for table in section.tables:
            for row in table.data_rows:
                for column in table.columns:
                    cid = table.cell_id(row.id, column.id)
                    place = f"“{row.title}”行“{column.name}”列" if row.label else f"“{column.name}”"
                    cells[cid] = Cell(cid, table.id, row.id, column.id, column.type, cid in formulas, place,
                                      f"{section.number}、{table.caption}{place}")
    return cells
