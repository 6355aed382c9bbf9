"""Project files: round trip, atomic saves with a backup, clear load errors, migrations."""

from __future__ import annotations

import errno
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import storage
from core.formats import get_format
from core.report import Report
from core.storage import SCHEMA, LoadError, SaveError, load, loads, save

DATA = Path(__file__).resolve().parent.parent / "data"


def full_report() -> Report:
    """A report with every kind of field filled, blanks and zeros included."""
    report = Report.new(get_format("2019"), "慈溪市应急管理局", 2019, contact="李明", phone="0574-63000000",
                        date="2020-01-20")
    report.set_values({"s2.a20_5.licensing.change": "+9", "s2.a20_5.other_services.change": "-18",
                       "s2.a20_9.procurement.amount": "392,140.50", "s3.new.natural": "0", "s3.new.business": "7",
                       "s3.public.business": "7", "s4.cases.review_upheld": "1"})
    report.set_unit("s2.a20_9.procurement.amount", "元")
    report.set_prose("s1", "第一段。\n\n（一）主动公开情况。第二段“引号”\t。")
    report.set_prose("s5", "一是问题。\n二是措施。")
    report.set_prose("s6", "本年度无其他需要报告的事项。")
    report.set_value("s2.a20_1.rules.made", "1")
    report.accept("P4", "本机关为设区的市人民政府，有规章制定权")
    return report


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    report = full_report()
    path = tmp_path / "报告.nianbao"
    save(report, path)
    again = load(path)
    assert again.meta == report.meta
    assert again.values == report.values
    assert again.values["s3.new.natural"] == 0 and again.values["s3.new.research"] is None
    assert again.values["s2.a20_9.procurement.amount"] == Decimal("392140.50")
    assert again.display("s2.a20_5.other_services.change") == "-18"
    assert again.prose == report.prose and again.units == report.units and again.accepted == report.accepted
    assert again.findings == report.findings
    assert not again.modified and not report.modified


def test_file_is_readable_utf8_json(tmp_path: Path) -> None:
    path = tmp_path / "a.nianbao"
    save(full_report(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["application"] == "nianbao" and data["schema"] == SCHEMA and data["format"] == "2019"
    assert data["values"]["s2.a20_9.procurement.amount"] == "392140.50"
    assert data["values"]["s3.new.research"] is None
    assert "慈溪市应急管理局" in path.read_text(encoding="utf-8")  # not \\u-escaped


def test_save_keeps_previous_version_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "a.nianbao"
    report = full_report()
    save(report, path)
    report.set_value("s3.new.research", "4")
    save(report, path)
    assert load(path.with_name("a.nianbao.bak")).values["s3.new.research"] is None
    assert load(path).values["s3.new.research"] == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.nianbao", "a.nianbao.bak"]


def test_a_locked_backup_does_not_stop_the_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.nianbao"
    report = full_report()
    save(report, path)
    report.set_value("s3.new.research", "4")

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "locked")

    monkeypatch.setattr(storage.shutil, "copy2", locked)
    save(report, path)
    assert load(path).values["s3.new.research"] == 4 and not report.modified


def test_failure_after_temp_file_leaves_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.nianbao"
    report = full_report()
    save(report, path)
    before = path.read_bytes()
    report.set_value("s3.new.research", "4")

    def broken_replace(src, dst):
        assert Path(src).read_bytes() == storage.dumps(report)  # the temporary file was fully written
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SaveError, match="无法保存“a.nianbao”"):
        save(report, path)
    monkeypatch.undo()
    assert path.read_bytes() == before and load(path).values["s3.new.research"] is None
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    assert report.modified  # the clerk's edit is still there, unsaved


def test_disk_full_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SaveError, match="磁盘空间已满"):
        save(full_report(), tmp_path / "a.nianbao")
    assert list(tmp_path.iterdir()) == []


def test_a_saved_report_waits_for_the_disk_and_the_settings_do_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A power cut right after 保存 cannot lose the report; opening one does not wait for the disk."""
    from core.settings import add_recent

    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    path = tmp_path / "a.nianbao"
    save(full_report(), path)
    assert synced
    synced.clear()
    add_recent(path)
    assert synced == []


def test_missing_folder_is_explained(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="不存在"):
        save(full_report(), tmp_path / "没有这个文件夹" / "a.nianbao")


def _saved(tmp_path: Path) -> dict:
    path = tmp_path / "a.nianbao"
    save(full_report(), path)
    return json.loads(path.read_text(encoding="utf-8"))


def _load_error(tmp_path: Path, content: bytes | dict) -> str:
    path = tmp_path / "x.nianbao"
    raw = content if isinstance(content, bytes) else json.dumps(content, ensure_ascii=False).encode()
    path.write_bytes(raw)
    with pytest.raises(LoadError) as info:
        load(path)
    assert path.read_bytes() == raw  # loading never writes
    return str(info.value)


def test_load_errors_are_clear_chinese(tmp_path: Path) -> None:
    good = _saved(tmp_path)
    assert "不是有效的 JSON" in _load_error(tmp_path, b"{\"application\": ")
    assert "不是年报程序的文件" in _load_error(tmp_path, {"hello": 1})
    assert "不是年报程序的文件" in _load_error(tmp_path, [1, 2])
    assert "UTF-8" in _load_error(tmp_path, "年报".encode("gbk"))
    assert "请升级年报程序" in _load_error(tmp_path, {**good, "schema": SCHEMA + 1})
    assert "报告格式“2035”本程序不认识" in _load_error(tmp_path, {**good, "format": "2035"})
    bad_value = {**good, "values": {**good["values"], "s3.new.natural": "12"}}
    assert "三、“一、本年新收政府信息公开申请数量”行“自然人”列的值不对" in _load_error(tmp_path, bad_value)
    negative = {**good, "values": {**good["values"], "s4.cases.review_other": -1}}
    assert "“行政复议其他结果”的值不对" in _load_error(tmp_path, negative)
    unknown = {**good, "values": {**good["values"], "s3.nothing.natural": 1}}
    assert "s3.nothing.natural" in _load_error(tmp_path, unknown)
    assert "报告年度" in _load_error(tmp_path, {**good, "meta": {**good["meta"], "year": "2019"}})
    assert "太大" in _load_error(tmp_path, b" " * (storage.MAX_BYTES + 1))


def test_missing_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="文件或文件夹不存在"):
        load(tmp_path / "nope.nianbao")


def test_totals_typed_by_another_tool_are_kept_and_judged(tmp_path: Path) -> None:
    data = _saved(tmp_path)
    data["values"]["s3.new.total"] = 99
    del data["values"]["s3.public.total"]  # missing totals are computed
    report = loads(json.dumps(data).encode())
    assert report.values["s3.new.total"] == 99 and report.values["s3.public.total"] == 7
    assert any(f.rule == "R2" and "s3.new.total" in f.cells for f in report.findings)


def test_schema_one_is_migrated() -> None:
    report = load(DATA / "schema1-2019.nianbao")
    assert report.prose["s1"].startswith("2019年，市应急管理局") and report.prose["s6"].startswith("本年度无")
    assert report.values["s2.a20_5.other_services.change"] == -3
    assert report.unit("s2.a20_9.procurement.amount") == "万元"
    assert report.meta.contact == "李明"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_load_error(raw: bytes) -> None:
    try:
        loads(raw)
    except LoadError:
        pass


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["meta", "values", "prose", "units", "accepted", "format", "x"]), json_values))
def test_arbitrary_json_in_a_nianbao_envelope_raises_only_load_error(fields: dict) -> None:
    raw = json.dumps({"application": "nianbao", "schema": SCHEMA, "format": "2021", **fields}).encode()
    try:
        loads(raw)
    except LoadError:
        pass
