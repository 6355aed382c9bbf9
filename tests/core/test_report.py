"""The report document: typed input, blanks, computed totals, change events, undo."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.formats import get_format
from core.report import Change, InputError, Report, format_date


@pytest.fixture
def report() -> Report:
    return Report.new(get_format("2021"), "示例县交通运输局", 2025)


def test_blank_is_not_zero(report: Report) -> None:
    assert report.values["s3.new.natural"] is None
    report.set_value("s3.new.natural", "0")
    assert report.values["s3.new.natural"] == 0 and report.display("s3.new.natural") == "0"
    report.set_value("s3.new.natural", "")
    assert report.values["s3.new.natural"] is None and report.display("s3.new.natural") == ""


def test_rejected_text_keeps_the_previous_value_and_names_the_cell(report: Report) -> None:
    report.set_value("s3.new.natural", "12")
    with pytest.raises(InputError) as info:
        report.set_value("s3.new.natural", "12a")
    assert info.value.target == "s3.new.natural"
    assert "“一、本年新收政府信息公开申请数量”行“自然人”列" in info.value.message
    assert report.values["s3.new.natural"] == 12
    assert not report.can_redo and report.can_undo


def test_totals_are_computed_and_cannot_be_typed(report: Report) -> None:
    report.set_value("s3.public.natural", "5")
    report.set_value("s3.partial.business", "2")
    report.set_value("s3.refused_secret.natural", "1")
    assert report.values["s3.outcome_total.natural"] == 6
    assert report.values["s3.public.total"] == 5
    assert report.values["s3.outcome_total.total"] == 8
    with pytest.raises(InputError, match="自动计算"):
        report.set_value("s3.outcome_total.natural", "99")
    assert report.values["s3.outcome_total.natural"] == 6


def test_change_names_edited_and_recomputed_cells(report: Report) -> None:
    change = report.set_value("s3.refused_secret.legal", "4")
    assert change.cells == {"s3.refused_secret.legal", "s3.refused_secret.total", "s3.outcome_total.legal",
                            "s3.outcome_total.total"}
    assert {f.key for f in change.findings_added} >= {"R1:s3.legal", "R1:s3.total"}


def test_change_reports_findings_that_went_away(report: Report) -> None:
    report.set_value("s3.new.natural", "1")
    change = report.set_value("s3.public.natural", "1")
    assert {"R1:s3.natural", "R1:s3.total"} <= {f.key for f in change.findings_removed}
    assert not [f for f in report.findings if f.rule == "R1"]


def test_subscribers_hear_every_edit_and_can_leave(report: Report) -> None:
    heard: list[Change] = []
    leave = report.subscribe(heard.append)
    report.set_value("s4.cases.review_upheld", "2")
    report.set_prose("s5", "问题")
    assert heard[0].cells == {"s4.cases.review_upheld", "s4.cases.review_total"} and heard[1].prose == {"s5"}
    leave()
    report.set_value("s4.cases.review_upheld", "3")
    assert len(heard) == 2


def test_unchanged_value_is_not_an_edit(report: Report) -> None:
    report.set_value("s3.new.natural", "5")
    assert report.set_value("s3.new.natural", "５") == Change()
    report.undo()
    assert report.values["s3.new.natural"] is None and not report.can_undo


def test_amount_keeps_typed_decimals(report: Report) -> None:
    report.set_value("s2.a20_8.fees.amount", "12.5")
    report.set_value("s2.a20_8.fees.amount", "12.50")
    assert str(report.values["s2.a20_8.fees.amount"]) == "12.50"
    report.set_value("s2.a20_8.fees.amount", "0.123456")
    assert report.values["s2.a20_8.fees.amount"] == Decimal("0.123456")


def test_undo_redo_restores_values_and_totals(report: Report) -> None:
    report.set_value("s3.public.natural", "5")
    report.set_value("s3.public.natural", "7")
    report.undo()
    assert report.values["s3.public.natural"] == 5 and report.values["s3.outcome_total.natural"] == 5
    change = report.undo()
    assert change is not None and "s3.outcome_total.total" in change.cells
    assert report.values["s3.public.natural"] is None and report.values["s3.outcome_total.natural"] == 0
    report.redo()
    report.redo()
    assert report.values["s3.public.natural"] == 7 and report.values["s3.public.total"] == 7
    assert report.redo() is None


def test_paste_is_one_step_and_reports_bad_cells(report: Report) -> None:
    result = report.set_values({"s3.new.natural": "3", "s3.new.business": "x", "s3.new.research": "２",
                                "s3.new.total": "5", "s3.carried_in.natural": "-1"})
    assert report.values["s3.new.natural"] == 3 and report.values["s3.new.research"] == 2
    assert report.values["s3.new.total"] == 5
    assert {e.target for e in result.errors} == {"s3.new.business", "s3.new.total", "s3.carried_in.natural"}
    assert report.values["s3.new.business"] is None
    report.undo()
    assert report.values["s3.new.natural"] is None and report.values["s3.new.research"] is None
    assert not report.can_undo


def test_clear_blanks_input_cells_in_one_step(report: Report) -> None:
    report.set_values({"s4.cases.review_upheld": "1", "s4.cases.review_other": "2"})
    report.clear(["s4.cases.review_upheld", "s4.cases.review_other", "s4.cases.review_total"])
    assert report.values["s4.cases.review_upheld"] is None and report.values["s4.cases.review_total"] == 0
    report.undo()
    assert report.values["s4.cases.review_total"] == 3


def test_prose_typing_is_one_undo_step(report: Report) -> None:
    for text in ("一", "一是", "一是公开"):
        report.set_prose("s5", text)
    report.undo()
    assert report.prose["s5"] == ""


def test_typing_back_to_the_saved_text_is_not_a_change(report: Report) -> None:
    """A text editor's own undo brings the text back: the report is as saved again."""
    report.set_prose("s6", "本年度未收取信息处理费。")
    report.mark_saved()
    report.set_prose("s6", "本年度未收取信息处理费。另")
    assert report.modified
    report.set_prose("s6", "本年度未收取信息处理费。")
    assert not report.modified and report.can_undo
    report.undo()
    assert report.prose["s6"] == ""


def test_modified_follows_save_point(report: Report) -> None:
    assert not report.modified
    report.set_prose("s6", "本年度未收取")
    report.mark_saved()
    assert not report.modified
    report.set_prose("s6", "本年度未收取信息处理费。")  # after a save, typing on starts a new step
    assert report.modified
    report.undo()
    assert not report.modified and report.prose["s6"] == "本年度未收取"


def test_warning_can_be_accepted_with_reason_error_cannot(report: Report) -> None:
    report.set_value("s2.a20_1.rules.issued", "1")
    p4 = next(f for f in report.findings if f.rule == "P4")
    with pytest.raises(InputError, match="6个字"):
        report.accept(p4.key, "有权")
    change = report.accept(p4.key, "本机关为设区的市人民政府，有规章制定权")
    assert change.accepted == {"P4"} and report.accepted["P4"].startswith("本机关")
    assert p4 not in report.open_warnings
    error = next(f for f in report.findings if f.is_error)
    with pytest.raises(InputError, match="不能"):
        report.accept(error.key, "这个错误我知道了没关系")
    report.unaccept(p4.key)
    assert "P4" not in report.accepted


def test_metadata_is_validated(report: Report) -> None:
    report.set_meta("date", "2026年1月5日")
    assert report.meta.date == "2026-01-05" and format_date(report.meta.date) == "2026年1月5日"
    report.set_meta("date", "2026/2/3")
    assert report.meta.date == "2026-02-03"
    with pytest.raises(InputError, match="不是有效日期"):
        report.set_meta("date", "2026年2月30日")
    with pytest.raises(InputError, match="报告年度"):
        report.set_meta("year", "25")
    report.set_meta("year", "２０２４")
    assert report.meta.year == 2024
    report.set_meta("agency", "  示例县人民政府办公室 ")
    assert report.meta.agency == "示例县人民政府办公室"


def test_undoing_past_a_trimmed_history_still_counts_as_modified(report: Report, monkeypatch) -> None:
    """When the oldest steps fell off the undo history, the saved state cannot be reached by undo."""
    monkeypatch.setattr("core.report.UNDO_LIMIT", 3)
    for n in range(5):
        report.set_value("s3.new.natural", str(n))
    while report.undo():
        pass
    assert report.values["s3.new.natural"] == 1 and report.modified


def test_paste_and_clear_name_an_unknown_cell_and_keep_the_good_ones(report: Report) -> None:
    result = report.set_values({"s3.nosuch.natural": "1", "s3.new.natural": "3"})
    assert report.values["s3.new.natural"] == 3
    assert [e.target for e in result.errors] == ["s3.nosuch.natural"] and "没有单元格" in result.errors[0].message
    report.clear(["s3.nosuch.natural", "s3.new.natural"])
    assert report.values["s3.new.natural"] is None


def test_recompute_totals_replaces_typed_totals_in_one_step() -> None:
    spec = get_format("2021")
    values = {"s3.new.natural": 5, "s3.new.total": 3, "s4.cases.review_upheld": 2, "s4.cases.review_total": 9}
    typed = Report(spec, values=values, compute_totals=False)
    assert {f.rule for f in typed.errors} >= {"R2", "R4"}
    change = typed.recompute_totals()
    assert typed.values["s3.new.total"] == 5 and typed.values["s4.cases.review_total"] == 2
    assert {"s3.new.total", "s4.cases.review_total"} <= change.cells
    assert not {f.rule for f in typed.errors} & {"R2", "R3", "R4"}
    typed.undo()
    assert typed.values["s3.new.total"] == 3
