"""The national formats as data: labels as in the official tables, computed cells, validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core import checks, format_parser
from core.formats import FormatError, format_for_year, get_format, load_format
from core.report import Report

DATA = Path(__file__).resolve().parent.parent / "data"

S3_LABELS_2021 = [
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果",
    "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开",
    "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
    "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
    "（四）无法提供", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
    "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
    "（七）总计", "四、结转下年度继续办理",
]


def test_cell_counts_match_the_official_tables() -> None:
    """2019: 22 + 161 + 15 value cells; 2021: 10 + 175 + 15."""
    for fid, s2, s3 in (("2019", 22, 161), ("2021", 10, 175)):
        spec = get_format(fid)
        by_section = {s: sum(1 for c in spec.cells.values() if spec.tables[c.table].section == s) for s in ("s2", "s3", "s4")}
        assert by_section == {"s2": s2, "s3": s3, "s4": 15}


def test_section_headings_are_the_official_ones() -> None:
    for spec in (get_format("2019"), get_format("2021")):
        assert [s.heading for s in spec.sections] == [
            "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
        ]


def test_table_three_rows_and_levels_2021() -> None:
    table = get_format("2021").tables["s3"]
    assert [r.label for r in table.rows] == S3_LABELS_2021
    levels = {r.label: r.level for r in table.rows}
    assert levels["三、本年度办理结果"] == 0 and levels["（三）不予公开"] == 1 and levels["1.属于国家秘密"] == 2
    assert [r.label for r in table.rows if r.group] == [
        "三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"]


def test_table_three_2019_has_one_other_row() -> None:
    table = get_format("2019").tables["s3"]
    other = next(r for r in table.rows if r.label == "（六）其他处理")
    assert not other.group and len(table.data_rows) == 23


def test_table_three_header_spans() -> None:
    header = get_format("2021").tables["s3"].header
    corner = header[0][0]
    assert corner.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (corner.colspan, corner.rowspan) == (3, 3)
    assert (header[0][1].text, header[0][1].colspan) == ("申请人情况", 7)
    assert [(h.text, h.colspan, h.rowspan) for h in header[1]] == [
        ("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)]
    assert [h.text for h in header[2]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_table_four_header() -> None:
    table = get_format("2019").tables["s4"]
    assert [(h.text, h.colspan) for h in table.header[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    assert [h.text for h in table.header[1]][-2:] == ["未经复议直接起诉", "复议后起诉"]
    assert [h.text for h in table.header[2]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2


def test_section_two_2021_blocks() -> None:
    spec = get_format("2021")
    tables = spec.section("s2").tables
    assert [t.caption for t in tables] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert [c.name for c in tables[0].columns] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert [r.label for r in tables[0].rows] == ["规章", "行政规范性文件"]
    fee = tables[3].columns[0]
    assert fee.span == 3 and fee.type.kind == "amount" and fee.type.units == ("万元",)


def test_section_two_2019_types() -> None:
    spec = get_format("2019")
    assert spec.cells["s2.a20_5.licensing.change"].type.kind == "signed"
    assert spec.cells["s2.a20_9.procurement.amount"].type.units == ("万元", "元")
    assert spec.cells["s2.a20_1.normative.made"].type.kind == "count"


def test_computed_cells_are_exactly_the_totals() -> None:
    for spec in (get_format("2019"), get_format("2021")):
        computed = {c for c, cell in spec.cells.items() if cell.computed}
        s3 = spec.tables["s3"]
        expected = {s3.cell_id(r.id, "total") for r in s3.data_rows}
        expected |= {s3.cell_id("outcome_total", c.id) for c in s3.columns}
        expected |= {"s4.cases.review_total", "s4.cases.direct_total", "s4.cases.after_total"}
        assert computed == expected


def test_format_follows_the_year() -> None:
    assert format_for_year(2019).id == "2019" and format_for_year(2020).id == "2019"
    assert format_for_year(2021).id == "2021" and format_for_year(2030).id == "2021"


def test_unknown_format_is_named() -> None:
    with pytest.raises(FormatError, match="2030"):
        get_format("2030")


def test_every_rule_kind_has_a_check() -> None:
    """A kind the parser accepts but no check judges would silently never fire."""
    assert set(format_parser._MESSAGE_FIELDS) == set(checks._KINDS)


def test_local_variant_needs_only_a_data_file() -> None:
    """湖北's extra row 其他主动公开文件 in 第二十条第（一）项 is a new data file, no code."""
    spec = load_format(DATA / "variant-hubei-2019.json")
    cell = spec.cells["s2.a20_1.other_docs.made"]
    assert cell.title == "二、第二十条第（一）项“其他主动公开文件”行“本年新制作数量”列"
    report = Report.new(spec, "湖北省某厅", 2020)
    report.set_value("s3.new.natural", "3")
    report.set_value("s3.public.natural", "2")
    assert report.values["s3.outcome_total.natural"] == 2
    assert [f.key for f in report.findings if f.rule == "R1"] == ["R1:s3.natural", "R1:s3.total"]
    assert any(f.rule == "C1" and "s2.a20_1.other_docs.made" in f.cells for f in report.findings)


def _broken(tmp_path: Path, edit) -> Path:
    data = json.loads((DATA / "variant-hubei-2019.json").read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _s3(data):
    return data["sections"][2]["tables"][0]


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (lambda d: d.pop("years"), "years"),
        (lambda d: d["types"]["count"].update(kind="percent"), "types.count.kind"),
        (lambda d: d["sections"][1]["tables"][0]["columns"][0].update(type="nope"), "sections[1].tables[0].columns[0].type"),
        (lambda d: _s3(d)["header"][1].pop(), "sections[2].tables[0].header"),
        (lambda d: _s3(d)["rows"][3].update(level=5), "sections[2].tables[0].rows[3].level"),
        (lambda d: _s3(d)["rows"][4].update(id="public"), "sections[2].tables[0].rows[4].id"),
        (lambda d: d["rules"][0]["left"].append("nowhere"), "rules[0].left"),
        (lambda d: d["rules"][0].update(message="{where}列差{wrong}"), "rules[0].message"),
        (lambda d: d["rules"][0].update(severity="fatal"), "rules[0].severity"),
        (lambda d: d.update(schema=9), "schema"),
    ],
)
def test_format_errors_name_file_and_key(tmp_path: Path, edit, key: str) -> None:
    with pytest.raises(FormatError) as info:
        load_format(_broken(tmp_path, edit))
    assert "broken.json" in str(info.value) and f"{key}：" in str(info.value)


def test_circular_totals_are_refused(tmp_path: Path) -> None:
    def cycle(d):
        d["rules"].append({"id": "X", "kind": "equation", "severity": "error", "table": "s3", "over": "columns",
                           "computes": True, "left": ["natural"], "right": ["total"], "message": "{where}{left}{right}{diff}"})
    with pytest.raises(FormatError, match="循环"):
        load_format(_broken(tmp_path, cycle))


def test_not_json_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(FormatError, match="bad.json"):
        load_format(path)
