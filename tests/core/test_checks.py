"""The checks: each rule fires on a crafted mismatch and names exactly the right cells."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.checks import run_checks, summary
from core.formats import get_format
from core.report import Metadata, Report

SPEC = get_format("2021")
S3 = SPEC.tables["s3"]
OUTCOME_LEAVES = [r.id for r in S3.data_rows if r.level >= 1 and r.id != "outcome_total"]
PERSON_COLUMNS = [c.id for c in S3.columns if c.id != "total"]


def zeros(spec=SPEC) -> dict[str, int]:
    return {c: 0 for c in spec.cells}


def typed(values: dict[str, int], spec=SPEC) -> Report:
    """A report holding figures exactly as typed elsewhere, totals included."""
    meta = Metadata(agency="示例县交通运输局", year=2025 if spec.id == "2021" else 2020)
    problems = "一是政策解读形式单一，二是部分信息更新不及时。下一步将建立台账，逐月核对。"
    return Report(spec, meta, dict(values), {"s5": problems, "s6": "本年度未收取信息处理费。"}, compute_totals=False)


def by_rule(report: Report, rule: str):
    return [f for f in report.findings if f.rule == rule]


def test_balanced_zero_report_passes() -> None:
    report = typed(zeros())
    assert report.findings == []
    assert summary(report.findings, {}) == "校验通过"


def test_r1_names_the_four_cells_of_the_column() -> None:
    report = Report.new(SPEC, "甲", 2025)
    report.set_values({c: "0" for c in SPEC.input_cells})
    report.set_values({"s3.new.natural": "10", "s3.carried_in.natural": "2", "s3.public.natural": "10",
                       "s3.carried_out.natural": "1"})
    (natural, total) = by_rule(report, "R1")
    assert natural.cells == ("s3.new.natural", "s3.carried_in.natural", "s3.outcome_total.natural",
                             "s3.carried_out.natural")
    assert natural.message == "三、自然人列：一＋二＝12，（七）总计＋四＝11，相差1"
    assert natural.severity == "error" and natural.section == "s3"
    assert total.key == "R1:s3.total"


def test_r2_judges_a_typed_row_total() -> None:
    values = zeros()
    values.update({"s3.new.natural": 3, "s3.new.business": 1, "s3.new.total": 3})
    values.update({"s3.public.natural": 3, "s3.public.business": 1, "s3.public.total": 4,
                   "s3.outcome_total.natural": 3, "s3.outcome_total.business": 1, "s3.outcome_total.total": 4})
    (finding,) = by_rule(typed(values), "R2")
    assert finding.cells == tuple(f"s3.new.{c}" for c in ["total", *PERSON_COLUMNS])
    assert "“一、本年新收政府信息公开申请数量”行：总计应为4" in finding.message and "实为3" in finding.message


def test_r3_typed_total_equal_to_new_while_outcomes_add_up_to_more() -> None:
    """Seen in a published report: （七）总计 typed to equal 一 so that R1 holds, outcome rows add to more."""
    values = zeros()
    values.update({"s3.new.natural": 5, "s3.new.total": 5})
    values.update({"s3.public.natural": 4, "s3.public.total": 4, "s3.unable_not_held.natural": 3,
                   "s3.unable_not_held.total": 3})
    values.update({"s3.outcome_total.natural": 5, "s3.outcome_total.total": 5})
    report = typed(values)
    assert by_rule(report, "R1") == []
    natural, total = by_rule(report, "R3")
    assert natural.cells == ("s3.outcome_total.natural", *(f"s3.{r}.natural" for r in OUTCOME_LEAVES))
    assert natural.message == "三、自然人列：（七）总计应为7（（一）至（六）各项之和），实为5，相差2"
    assert total.key == "R3:s3.total"


def test_r3_in_the_window_becomes_r1() -> None:
    """Typing the same figures, the total is computed, so the imbalance shows as R1."""
    report = Report.new(SPEC, "甲", 2025)
    report.set_values({"s3.new.natural": "5", "s3.public.natural": "4", "s3.unable_not_held.natural": "3"})
    assert report.values["s3.outcome_total.natural"] == 7
    assert "一＋二＝5，（七）总计＋四＝7，相差2" in by_rule(report, "R1")[0].message


def test_r4_each_total_of_table_four() -> None:
    values = zeros()
    values.update({"s4.cases.direct_upheld": 1, "s4.cases.direct_pending": 1, "s4.cases.direct_total": 1})
    (finding,) = by_rule(typed(values), "R4")
    assert finding.cells == ("s4.cases.direct_total", "s4.cases.direct_upheld", "s4.cases.direct_corrected",
                             "s4.cases.direct_other", "s4.cases.direct_pending")
    assert finding.message.startswith("四、行政诉讼（未经复议直接起诉）：总计应为2")


def test_blank_cells_make_one_error_per_table() -> None:
    values: dict = zeros()
    values["s3.refused_query.legal"] = None
    values["s2.a20_6.penalty.decisions"] = None
    values["s2.a20_6.enforcement.decisions"] = None
    findings = by_rule(typed(values), "C1")
    assert [(f.key, f.cells) for f in findings] == [
        ("C1:s2.a20_6", ("s2.a20_6.penalty.decisions", "s2.a20_6.enforcement.decisions")),
        ("C1:s3", ("s3.refused_query.legal",)),
    ]
    assert findings[0].message.startswith("二、第二十条第（六）项还有2个单元格未填写")
    assert all(f.is_error for f in findings)


def test_p4_rules_count_needs_rule_making_power() -> None:
    values = zeros()
    values["s2.a20_1.rules.in_force"] = 3
    (finding,) = by_rule(typed(values), "P4")
    assert finding.severity == "warning" and finding.cells == ("s2.a20_1.rules.in_force",)


@pytest.mark.parametrize(("text", "fires"), [("", True), ("无", True), ("无。", True),
                                            ("一是解读形式单一，二是更新不及时。我们将建立台账按月核对。", False)])
def test_p7_problems_section_must_say_something(text: str, fires: bool) -> None:
    report = typed(zeros())
    report.set_prose("s5", text)
    assert bool(by_rule(report, "P7")) == fires


def test_p8_overview_longer_than_1000_characters_2021_only() -> None:
    report = typed(zeros())
    report.set_prose("s1", "字" * 1000 + "\n\n")
    assert by_rule(report, "P8") == []
    report.set_prose("s1", "字" * 1001)
    (finding,) = by_rule(report, "P8")
    assert "1001" in finding.message and finding.field == "prose.s1"
    old = typed(zeros(get_format("2019")), get_format("2019"))
    old.set_prose("s1", "字" * 3000)
    assert by_rule(old, "P8") == []


def test_p6_other_matters_must_mention_processing_fees_2021_only() -> None:
    report = typed(zeros())
    report.set_prose("s6", "本年度无其他需要报告的事项。")
    (finding,) = by_rule(report, "P6")
    assert finding.field == "prose.s6" and "信息处理费" in finding.message
    report.set_prose("s6", "本年度收取信息处理费2笔，共计300元。")
    assert by_rule(report, "P6") == []
    old = typed(zeros(get_format("2019")), get_format("2019"))
    old.set_prose("s6", "无")
    assert by_rule(old, "P6") == []


def test_p9_year_and_format_disagree() -> None:
    report = Report.new(get_format("2019"), "甲", 2022)
    (finding,) = by_rule(report, "P9")
    assert finding.message == ("2022年度的报告应使用2021年格式（国办公开办函〔2021〕30号），"
                               "本报告使用的是2019年格式（国办公开办函〔2019〕60号）。")
    assert finding.section == "cover"
    report.set_meta("year", "2020")
    assert by_rule(report, "P9") == []


def test_errors_come_before_warnings() -> None:
    report = Report.new(SPEC, "甲", 2025)
    report.set_value("s2.a20_1.rules.issued", "1")
    severities = [f.severity for f in report.findings]
    assert severities == sorted(severities)  # "error" < "warning"
    assert summary(report.findings, {}) == "6 个错误，3 个警告"
    assert summary(report.findings, {"P4": "有规章制定权的机关"}) == "6 个错误，2 个警告"


counts = st.integers(min_value=0, max_value=10**6)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_totals_equal_sums_and_r1_holds_exactly_when_balanced(data) -> None:
    """For random inputs, every total is its sum, and R1 fires for a column iff it does not balance."""
    report = Report.new(SPEC, "甲", 2025)
    texts = {c: str(data.draw(counts, label=c)) for c in SPEC.input_cells if SPEC.cells[c].type.kind == "count"}
    report.set_values(texts)
    v = report.values
    for row in S3.data_rows:
        assert v[S3.cell_id(row.id, "total")] == sum(v[S3.cell_id(row.id, c)] for c in PERSON_COLUMNS)
    for col in S3.columns:
        assert v[S3.cell_id("outcome_total", col.id)] == sum(v[S3.cell_id(r, col.id)] for r in OUTCOME_LEAVES)
        balanced = (v[f"s3.new.{col.id}"] + v[f"s3.carried_in.{col.id}"]
                    == v[f"s3.outcome_total.{col.id}"] + v[f"s3.carried_out.{col.id}"])
        assert (f"R1:s3.{col.id}" in {f.key for f in report.findings}) == (not balanced)
    assert v["s4.cases.after_total"] == sum(v[f"s4.cases.after_{k}"] for k in ("upheld", "corrected", "other", "pending"))
    assert not [f for f in report.findings if f.rule in ("R2", "R3", "R4")]
    assert run_checks(report) == report.findings


@settings(max_examples=40, deadline=None)
@given(base=st.lists(st.integers(0, 999), min_size=6, max_size=6), carried=st.integers(0, 99))
def test_balanced_inputs_never_fire_r1(base: list[int], carried: int) -> None:
    """Outcomes chosen to match the applications: R1 stays silent whatever the numbers."""
    report = Report.new(SPEC, "甲", 2025)
    texts = {}
    for col, n in zip(PERSON_COLUMNS, base):
        texts |= {f"s3.new.{col}": str(n), f"s3.carried_in.{col}": str(carried),
                  f"s3.public.{col}": str(n), f"s3.carried_out.{col}": str(carried)}
    report.set_values(texts)
    assert [f for f in report.findings if f.rule == "R1"] == []
    assert report.values["s3.outcome_total.total"] == sum(base)
