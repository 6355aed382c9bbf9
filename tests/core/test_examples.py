"""The shipped examples: the real 2019 report as published, and a balanced 2021 example."""

from __future__ import annotations

from pathlib import Path

from core.storage import load

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def test_cixi_2019_figures_as_published() -> None:
    report = load(EXAMPLES / "cixi-emergency-2019.nianbao")
    assert (report.spec.id, report.meta.agency, report.meta.year) == ("2019", "慈溪市应急管理局", 2019)
    shown = {cid: report.display(cid) for cid in report.spec.cells if cid.startswith("s2.")}
    assert shown["s2.a20_5.licensing.prev_items"] == "9" and shown["s2.a20_5.licensing.change"] == "+9"
    assert shown["s2.a20_5.other_services.change"] == "+18" and shown["s2.a20_5.other_services.decisions"] == "81"
    assert shown["s2.a20_6.penalty.prev_items"] == "87" and shown["s2.a20_6.penalty.decisions"] == "560"
    assert shown["s2.a20_9.procurement.projects"] == "15"
    assert report.values["s2.a20_9.procurement.amount"] == 392140
    assert all(report.values[c] == 0 for c in report.spec.cells if c.startswith(("s3.", "s4.")))
    assert "我局主动公开信息数1224条" in report.prose["s1"]
    assert report.prose["s1"].count("\n") == 5  # the opening paragraph and （一）…（五）
    assert report.prose["s5"].startswith("在政府信息公开工作中") and report.prose["s6"] == "本年度无其他需要报告的事项。"
    assert report.findings == []


def test_example_2021_balances_and_matches_its_prose() -> None:
    report = load(EXAMPLES / "example-2021.nianbao")
    assert report.spec.id == "2021" and report.findings == []
    v = report.values
    assert (v["s3.new.total"], v["s3.carried_in.total"], v["s3.outcome_total.total"], v["s3.carried_out.total"]) == (
        20, 2, 21, 1)
    assert "新收政府信息公开申请20件，上年结转2件，已办结21件，结转下年度继续办理1件" in report.prose["s1"]
    assert "信息处理费" in report.prose["s6"]
