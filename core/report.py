"""The report document: metadata, cell values, prose, accepted warnings, with undo and change events.

Every edit goes through one path (``_apply``): it changes the state, recomputes the totals the
edited cells feed, re-runs the checks and tells subscribers exactly what changed, so a view can
redraw only that. Undo and redo replay the same path.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Callable, Iterable, Mapping, NamedTuple

from core.checks import MIN_REASON_CHARS, Finding, run_checks
from core.formats import FormatSpec
from core.values import Value, format_value, parse_value, sum_cells

META_LABELS = {"agency": "机关名称", "year": "报告年度", "contact": "联系人", "phone": "联系电话", "date": "编制日期"}
FIRST_YEAR, LAST_YEAR = 2008, 2100  # the 条例 took effect in 2008
UNDO_LIMIT = 500


class Metadata(NamedTuple):
    """The cover's fields; changed with _replace()."""

    agency: str = ""
    year: int = 0
    contact: str = ""
    phone: str = ""
    date: str = ""  # ISO yyyy-mm-dd, or "" when not set


class InputError(ValueError):
    """Typed text that was not accepted; ``target`` is the cell id or "meta.<field>"."""

    def __init__(self, target: str, message: str):
        super().__init__(message)
        self.target = target
        self.message = message


class Change(NamedTuple):
    """What one edit (or undo/redo) changed; views redraw only this."""

    cells: frozenset[str] = frozenset()  # typed and recomputed cells whose value changed
    prose: frozenset[str] = frozenset()
    meta: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    accepted: frozenset[str] = frozenset()  # finding keys whose acceptance changed
    findings_added: tuple[Finding, ...] = ()
    findings_removed: tuple[Finding, ...] = ()


class PasteResult(NamedTuple):
    change: Change
    errors: tuple[InputError, ...]


class _Step(NamedTuple):
    """One undoable step: (kind, key, old, new) for each piece of state it touched."""

    ops: list[tuple[str, str, object, object]]
    merge_key: str | None = None


_UNREACHABLE = _Step([])  # the clean point after the undo history that led to it was trimmed


class Report:
    """One unit's report for one year, in one format."""

    def __init__(self, spec: FormatSpec, meta: Metadata | None = None, values: Mapping[str, Value | None] | None = None,
                 prose: Mapping[str, str] | None = None, units: Mapping[str, str] | None = None,
                 accepted: Mapping[str, str] | None = None, compute_totals: bool = True):
        """compute_totals=False keeps totals typed elsewhere (computing only missing ones)."""
        self.spec = spec
        self.meta = meta or Metadata()
        self.values: dict[str, Value | None] = {cid: (values or {}).get(cid) for cid in spec.cells}
        self.prose: dict[str, str] = {s.id: (prose or {}).get(s.id, "") for s in spec.prose_sections}
        self.units: dict[str, str] = dict(units or {})
        self.accepted: dict[str, str] = dict(accepted or {})
        self.compute_totals = compute_totals
        for target, terms in self.spec.formulas.items():
            if self.compute_totals or self.values[target] is None:
                self.values[target] = self._total(terms)
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self._clean: _Step | None = None
        self._sealed = True
        self._listeners: list[Callable[[Change], None]] = []
        self.findings: list[Finding] = run_checks(self)

    @classmethod
    def new(cls, spec: FormatSpec, agency: str, year: int, **meta: str) -> Report:
        return cls(spec, Metadata(agency=agency, year=year, **meta))

    # -- reading ------------------------------------------------------------------------------

    @property
    def title(self) -> str:
        """〈机关名称〉〈年度〉年政府信息公开工作年度报告 — the document's title and its files' names."""
        return f"{self.meta.agency}{self.meta.year}年政府信息公开工作年度报告"

    def paragraphs(self, section_id: str) -> list[str]:
        """A prose section's paragraphs as printed: no blank lines, no spaces typed to indent them."""
        return [p.strip() for p in self.prose[section_id].splitlines() if p.strip()]

    def display(self, cell_id: str) -> str:
        """The value as a report prints it ("+9", "12.50", "" for blank)."""
        return format_value(self.spec.cells[cell_id].type, self.values[cell_id])

    def unit(self, cell_id: str) -> str:
        """The unit of an amount cell: the clerk's choice, else the format's first."""
        units = self.spec.cells[cell_id].type.units
        return self.units.get(cell_id, units[0] if units else "")

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def open_warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error and f.key not in self.accepted]

    @property
    def modified(self) -> bool:
        """True when the report differs from what was last saved (or loaded)."""
        return (self._undo[-1] if self._undo else None) is not self._clean

    def mark_saved(self) -> None:
        self._clean = self._undo[-1] if self._undo else None
        self._sealed = True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call listener with every Change; returns a function that unsubscribes it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    # -- editing ------------------------------------------------------------------------------

    def set_value(self, cell_id: str, text: str) -> Change:
        """Set a cell from typed text; InputError (naming the cell) leaves the old value in place."""
        value = self._parse(cell_id, text)
        return self._push([("value", cell_id, self.values[cell_id], value)])

    def set_values(self, texts: Mapping[str, str]) -> PasteResult:
        """A paste: the good cells are applied as one undo step, the bad ones are returned."""
        ops, errors = [], []
        for cell_id, text in texts.items():
            try:
                value = self._parse(cell_id, text)
                ops.append(("value", cell_id, self.values[cell_id], value))
            except InputError as exc:
                errors.append(exc)
        return PasteResult(self._push(ops), tuple(errors))

    def clear(self, cell_ids: Iterable[str]) -> Change:
        """Blank the given input cells (computed cells are skipped) as one step."""
        cells = self.spec.cells
        return self._push([("value", c, self.values[c], None) for c in cell_ids if c in cells and not cells[c].computed])

    def recompute_totals(self) -> Change:
        """Set every total to the sum of its cells, as one undoable step (for totals typed elsewhere)."""
        values = dict(self.values)
        for target, terms in self.spec.formulas.items():  # in evaluation order
            values[target] = sum_cells(values, terms)
        return self._push([("value", c, self.values[c], values[c]) for c in self.spec.formulas])

    def set_prose(self, section_id: str, text: str) -> Change:
        """Replace a prose section; consecutive edits of one section are one undo step."""
        return self._push([("prose", section_id, self.prose[section_id], text)], merge_key=f"prose.{section_id}")

    def set_meta(self, name: str, text: str | int) -> Change:
        value = _parse_meta(name, str(text))
        return self._push([("meta", name, getattr(self.meta, name), value)], merge_key=f"meta.{name}")

    def set_unit(self, cell_id: str, unit: str) -> Change:
        if unit not in self.spec.cells[cell_id].type.units:
            raise InputError(cell_id, f"{self.spec.cells[cell_id].title}的单位只能是{'、'.join(self.spec.cells[cell_id].type.units)}")
        return self._push([("unit", cell_id, self.unit(cell_id), unit)])

    def accept(self, key: str, reason: str) -> Change:
        """Accept a warning with a written reason; errors cannot be accepted."""
        finding = next((f for f in self.findings if f.key == key), None)
        if finding is None:
            raise InputError(key, "这条提示已经不存在了")
        if finding.is_error:
            raise InputError(key, "错误不能说明后忽略，请改正数据")
        reason = reason.strip()
        if len(reason) < MIN_REASON_CHARS:
            raise InputError(key, f"请写明理由，至少{MIN_REASON_CHARS}个字")
        return self._push([("accept", key, self.accepted.get(key), reason)])

    def unaccept(self, key: str) -> Change:
        return self._push([("accept", key, self.accepted.get(key), None)])

    def undo(self) -> Change | None:
        if not self._undo:
            return None
        step = self._undo.pop()
        self._redo.append(step)
        self._sealed = True
        return self._apply([(kind, key, new, old) for kind, key, old, new in reversed(step.ops)])

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        self._undo.append(step)
        self._sealed = True
        return self._apply(step.ops)

    # -- internals ----------------------------------------------------------------------------

    def _parse(self, cell_id: str, text: str) -> Value | None:
        cell = self.spec.cells.get(cell_id)
        if cell is None:
            raise InputError(cell_id, f"本报告格式没有单元格“{cell_id}”")
        if cell.computed:
            raise InputError(cell_id, f"{cell.title}是合计，由程序自动计算，不能填写")
        try:
            return parse_value(cell.type, text)
        except ValueError as exc:
            raise InputError(cell_id, f"{cell.title}：{exc}") from None

    def _push(self, ops: list[tuple[str, str, object, object]], merge_key: str | None = None) -> Change:
        ops = [op for op in ops if repr(op[2]) != repr(op[3])]  # repr: 12.50 differs from 12.5
        if not ops:
            return Change()
        top = self._undo[-1] if self._undo else None
        if merge_key and top and top.merge_key == merge_key and not self._sealed:
            top.ops[0] = (*top.ops[0][:3], ops[0][3])
            if repr(top.ops[0][2]) == repr(top.ops[0][3]):  # typed back to where the step began
                self._undo.pop()
        else:
            self._undo.append(_Step(ops, merge_key))
            if len(self._undo) > UNDO_LIMIT:
                dropped = self._undo[:-UNDO_LIMIT]
                del self._undo[:-UNDO_LIMIT]
                if self._clean is None or any(step is self._clean for step in dropped):
                    self._clean = _UNREACHABLE  # the saved state can no longer be undone back to
        self._redo.clear()
        self._sealed = merge_key is None
        return self._apply(ops)

    def _apply(self, ops: list[tuple[str, str, object, object]]) -> Change:
        changed: dict[str, set[str]] = {"value": set(), "prose": set(), "meta": set(), "unit": set(), "accept": set()}
        for kind, key, _old, new in ops:
            changed[kind].add(key)
            if kind == "value":
                self.values[key] = new  # type: ignore[assignment]
            elif kind == "prose":
                self.prose[key] = new  # type: ignore[assignment]
            elif kind == "meta":
                self.meta = self.meta._replace(**{key: new})
            elif kind == "unit":
                self.units[key] = new  # type: ignore[assignment]
            elif new is None:
                self.accepted.pop(key, None)
            else:
                self.accepted[key] = new  # type: ignore[assignment]
        cells = changed["value"] | self._recompute(changed["value"])

        before = self.findings
        self.findings = run_checks(self)
        old, new_set = set(before), set(self.findings)
        change = Change(
            frozenset(cells), frozenset(changed["prose"]), frozenset(changed["meta"]), frozenset(changed["unit"]),
            frozenset(changed["accept"]),
            tuple(f for f in self.findings if f not in old), tuple(f for f in before if f not in new_set),
        )
        for listener in list(self._listeners):
            listener(change)
        return change

    def _recompute(self, edited: set[str]) -> set[str]:
        """Refresh the totals fed by the edited cells; returns those whose value changed."""
        targets = {target for cell in edited for target in self.spec.dependents.get(cell, ())}
        changed = set()
        for target, terms in self.spec.formulas.items():  # in evaluation order
            if target in targets:
                total = self._total(terms)
                if total != self.values[target]:
                    self.values[target] = total
                    changed.add(target)
        return changed

    def _total(self, terms: tuple[str, ...]) -> Value:
        return sum_cells(self.values, terms)


# Compiled by re on first use: only a typed date needs it, not a report being opened.
_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{4})(\d{2})(\d{2})"


def _parse_meta(name: str, text: str) -> str | int:
    label = META_LABELS.get(name)
    if label is None:
        raise InputError(f"meta.{name}", f"没有“{name}”这一项封面信息")
    text = unicodedata.normalize("NFKC", text).strip()
    if name == "year":
        if not (text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR):
            raise InputError("meta.year", f"报告年度应为{FIRST_YEAR}至{LAST_YEAR}之间的年份，如2025")
        return int(text)
    if name == "date" and text:
        match = re.fullmatch(_DATE, text)
        try:
            if not match:
                raise ValueError
            y, m, d = (int(g) for g in (match.groups()[:3] if match.group(1) else match.groups()[3:]))
            return dt.date(y, m, d).isoformat()
        except ValueError:
            raise InputError("meta.date", f"编制日期“{text}”不是有效日期，请写成2026年1月15日或2026-01-15") from None
    return text


def format_date(iso: str) -> str:
    """2026-01-15 -> 2026年1月15日 (the form used in government documents)."""
    if not iso:
        return ""
    date = dt.date.fromisoformat(iso)
    return f"{date.year}年{date.month}月{date.day}日"
