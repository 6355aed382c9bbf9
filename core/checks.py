"""The checks: every rule of the format, judged over a report's values and prose.

Each rule kind has one function here; the rule's data (cells, equations, message template,
severity) comes from the format file. The equations R2–R4 also judge totals that were typed
elsewhere (published reports, imports), so they are checked over whatever values the report holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, NamedTuple

from core.formats import FormatSpec, Rule, format_for_year
from core.values import format_number, sum_cells

if TYPE_CHECKING:
    from core.report import Report

COVER = "cover"  # findings about the metadata belong to the cover page
MIN_REASON_CHARS = 6
LISTED_BLANKS = 3


class Finding(NamedTuple):
    """One broken rule: what, where, how bad, and in plain Chinese expected vs actual."""

    rule: str
    severity: str  # "error" or "warning"
    key: str  # stable identity (rule and scope); an accepted warning refers to it
    section: str  # section id, or COVER
    cells: tuple[str, ...]
    message: str
    field: str | None = None  # "prose.s5" or "meta.year" when the finding is about text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def prose_length(text: str) -> int:
    """Characters that count towards a section's length: everything but white space."""
    return sum(1 for ch in text if not ch.isspace())


def run_checks(report: Report) -> list[Finding]:
    """Every finding for the report, errors first, in the order of the format."""
    findings: list[Finding] = []
    for rule in report.spec.rules:
        findings.extend(_KINDS[rule.kind](rule, report))
    findings.sort(key=lambda f: not f.is_error)
    return findings


def _equation(rule: Rule, report: Report) -> Iterator[Finding]:
    values = report.values
    for eq in rule.equations:
        left, right = sum_cells(values, eq.left), sum_cells(values, eq.right)
        if left != right:
            yield Finding(
                rule.id, rule.severity, f"{rule.id}:{eq.scope}", report.spec.tables[rule.table].section,
                eq.left + eq.right,
                rule.message.format(where=eq.where, left=format_number(left), right=format_number(right),
                                    diff=format_number(abs(left - right))),
            )


def table_title(spec: FormatSpec, table_id: str) -> str:
    """A table as named in messages: 二、第二十条第（一）项, or the section heading for 三 and 四."""
    table = spec.tables[table_id]
    section = spec.section(table.section)
    return f"{section.number}、{table.caption}" if table.caption else section.heading


def _complete(rule: Rule, report: Report) -> Iterator[Finding]:
    spec, values = report.spec, report.values
    for table in spec.tables.values():
        blanks = tuple(
            cid for row in table.data_rows for col in table.columns
            if not spec.cells[cid := table.cell_id(row.id, col.id)].computed and values[cid] is None
        )
        if blanks:
            listed = "、".join(spec.cells[c].place for c in blanks[:LISTED_BLANKS])
            if len(blanks) > LISTED_BLANKS:
                listed += "等"
            yield Finding(rule.id, rule.severity, f"{rule.id}:{table.id}", table.section, blanks,
                          rule.message.format(table=table_title(spec, table.id), count=len(blanks), cells=listed))


def _expect_zero(rule: Rule, report: Report) -> Iterator[Finding]:
    nonzero = tuple(c for c in rule.cells if report.values[c])
    if nonzero:
        yield Finding(rule.id, rule.severity, rule.id, rule.section or "", nonzero, rule.message.format())


def _prose_min(rule: Rule, report: Report) -> Iterator[Finding]:
    length = prose_length(report.prose[rule.section])
    if length < rule.limit:
        yield Finding(rule.id, rule.severity, rule.id, rule.section or "", (),
                      rule.message.format(length=length, limit=rule.limit), f"prose.{rule.section}")


def _prose_max(rule: Rule, report: Report) -> Iterator[Finding]:
    length = prose_length(report.prose[rule.section])
    if length > rule.limit:
        yield Finding(rule.id, rule.severity, rule.id, rule.section or "", (),
                      rule.message.format(length=length, limit=rule.limit), f"prose.{rule.section}")


def _prose_mentions(rule: Rule, report: Report) -> Iterator[Finding]:
    text = report.prose[rule.section]
    missing = [w for w in rule.words if w not in text]
    if missing:
        yield Finding(rule.id, rule.severity, rule.id, rule.section or "", (),
                      rule.message.format(words="、".join(missing)), f"prose.{rule.section}")


def _format_year(rule: Rule, report: Report) -> Iterator[Finding]:
    year = report.meta.year
    if not report.spec.covers(year):
        expected = format_for_year(year)
        yield Finding(rule.id, rule.severity, rule.id, COVER, (),
                      rule.message.format(year=year, expected=expected.label, actual=report.spec.label), "meta.year")


_KINDS: dict[str, Callable[[Rule, Report], Iterator[Finding]]] = {
    "equation": _equation,
    "complete": _complete,
    "expect_zero": _expect_zero,
    "prose_min": _prose_min,
    "prose_max": _prose_max,
    "prose_mentions": _prose_mentions,
    "format_year": _format_year,
}


def open_counts(findings: Iterable[Finding], accepted: Mapping[str, str]) -> tuple[int, int]:
    """Errors, and warnings not accepted with a reason."""
    errors = warnings = 0
    for f in findings:
        if f.is_error:
            errors += 1
        elif f.key not in accepted:
            warnings += 1
    return errors, warnings


def worst(findings: Iterable[Finding], accepted: Mapping[str, str]) -> str | None:
    """"error", "warning" or None: how a cell or field with these findings is marked."""
    errors, warnings = open_counts(findings, accepted)
    return "error" if errors else "warning" if warnings else None


def summary(findings: Iterable[Finding], accepted: Mapping[str, str]) -> str:
    """The status line: "2 个错误，1 个警告", or "校验通过" when nothing is left open."""
    errors, warnings = open_counts(findings, accepted)
    parts = [f"{errors} 个错误"] if errors else []
    if warnings:
        parts.append(f"{warnings} 个警告")
    return "，".join(parts) if parts else "校验通过"

