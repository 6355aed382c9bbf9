"""Project files (``.nianbao``): versioned UTF-8 JSON, atomic saves, explicit migrations.

The layout is documented for other tools in ``docs/file-format.md``. Loading never writes: a
file that cannot be used raises LoadError with a plain-Chinese message and stays as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any, Callable

from core import APP_ID, __version__
from core.formats import FormatError, get_format
from core.oserrors import describe_os_error
from core.report import FIRST_YEAR, LAST_YEAR, META_LABELS, Metadata, Report
from core.values import Value, coerce_stored, to_stored

SUFFIX = ".nianbao"
SCHEMA = 2
MAX_BYTES = 8 * 1024 * 1024  # a report with 20,000 characters in each section is well under 1 MB


class LoadError(Exception):
    """A project file that cannot be opened; str() is the message for the clerk."""


class SaveError(Exception):
    """A project file that could not be written; the previous file is unchanged."""


# -- writing ----------------------------------------------------------------------------------


def to_dict(report: Report) -> dict[str, Any]:
    return {
        "application": APP_ID,
        "schema": SCHEMA,
        "app_version": __version__,
        "format": report.spec.id,
        "meta": {
            "agency": report.meta.agency,
            "year": report.meta.year,
            "contact": report.meta.contact,
            "phone": report.meta.phone,
            "date": report.meta.date,
        },
        "values": {cid: to_stored(v) for cid, v in report.values.items()},
        "units": dict(report.units),
        "prose": dict(report.prose),
        "accepted": dict(report.accepted),
    }


def dumps(report: Report) -> bytes:
    return (json.dumps(to_dict(report), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def save(report: Report, path: Path | str) -> None:
    """Write atomically (temporary file, fsync, replace), keeping the previous file as NAME.bak."""
    path = Path(path)
    data = dumps(report)
    write_atomic(path, data, backup=True)
    report.mark_saved()


def write_atomic(path: Path, data: bytes, backup: bool = False, action: str = "保存", durable: bool = True) -> None:
    """Replace path with data so that a crash leaves either the old or the new file, never half.

    durable: also survive a power cut, by waiting for the disk (tens of milliseconds on a slow one).
    Files that may be lost, such as the settings, go without it.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if backup and path.is_file():
            try:
                shutil.copy2(path, path.with_name(path.name + ".bak"))
            except OSError:
                pass  # a locked or read-only .bak must not stop the clerk's save
        os.replace(tmp, path)
        if durable:
            _fsync_folder(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SaveError(describe_os_error(exc, path, action)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows (not on Windows)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- reading ----------------------------------------------------------------------------------


def load(path: Path | str) -> Report:
    """Read a project file; LoadError in plain Chinese when it cannot be used."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LoadError(describe_os_error(exc, path, "打开")) from exc
    report = loads(raw, path.name)
    report.mark_saved()
    return report


def loads(raw: bytes, name: str = "文件") -> Report:
    if len(raw) > MAX_BYTES:
        raise LoadError(f"“{name}”太大（超过 {MAX_BYTES // (1024 * 1024)} MB），不是年报文件。")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise LoadError(f"“{name}”不是年报文件：内容不是 UTF-8 文本，可能已损坏。") from None
    except (json.JSONDecodeError, ValueError, RecursionError) as exc:
        where = f"（第 {exc.lineno} 行）" if isinstance(exc, json.JSONDecodeError) else ""
        raise LoadError(f"“{name}”已损坏或不是年报文件：内容不是有效的 JSON{where}。") from None
    return from_dict(data, name)


def from_dict(data: Any, name: str = "文件", compute_totals: bool = False) -> Report:
    """The report in a project file's data (already parsed JSON), upgraded from older versions.

    compute_totals=False keeps the totals the file holds (a file written by another tool may have
    typed totals that disagree with their figures; the checks then say so)."""
    if not isinstance(data, dict) or data.get("application") != APP_ID:
        raise LoadError(f"“{name}”不是年报程序的文件。")
    schema = data.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise LoadError(f"“{name}”的文件版本号无效，文件可能已损坏。")
    if schema > SCHEMA:
        raise LoadError(
            f"“{name}”是较新版本的年报程序保存的（文件版本 {schema}，本程序只能读到版本 {SCHEMA}），"
            "请升级年报程序后再打开。"
        )
    for version in range(schema, SCHEMA):
        data = MIGRATIONS[version](data)
    return _from_dict(data, name, compute_totals)


def _from_dict(data: dict[str, Any], name: str, compute_totals: bool) -> Report:
    def fail(key: str, problem: str) -> LoadError:
        return LoadError(f"“{name}”中的{key}{problem}，文件可能已损坏。")

    def section(key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise fail(f"“{key}”部分", "格式不对")
        return value

    format_id = data.get("format")
    try:
        spec = get_format(format_id if isinstance(format_id, str) else repr(format_id))
    except FormatError:
        raise LoadError(f"“{name}”使用的报告格式“{format_id}”本程序不认识，请升级年报程序。") from None

    meta = Metadata()
    for key, value in section("meta").items():
        label = META_LABELS.get(key)
        if label is None:
            raise fail(f"封面信息“{key}”", "不是本程序认识的项目")
        expected: type = int if key == "year" else str
        if isinstance(value, bool) or not isinstance(value, expected):
            raise fail(label, "类型不对")
        meta = meta._replace(**{key: value})
    if not FIRST_YEAR <= meta.year <= LAST_YEAR:
        raise fail("报告年度", f"不在 {FIRST_YEAR} 至 {LAST_YEAR} 之间")
    try:
        if meta.date:
            dt.date.fromisoformat(meta.date)
    except ValueError:
        raise fail("编制日期", "不是有效日期") from None

    values: dict[str, Value | None] = {}
    for cid, value in section("values").items():
        cell = spec.cells.get(cid)
        if cell is None:
            raise fail(f"单元格“{cid}”", f"在{spec.name}中不存在")
        try:
            values[cid] = coerce_stored(cell.type, value)
        except ValueError as exc:
            raise LoadError(f"“{name}”中{cell.title}的值不对：{exc}。") from None

    units = section("units")
    for cid, unit in units.items():
        if cid not in spec.cells or unit not in spec.cells[cid].type.units:
            raise fail(f"单位“{cid}”", "不对")
    prose = section("prose")
    prose_ids = {s.id for s in spec.prose_sections}
    for sid, text in prose.items():
        if sid not in prose_ids or not isinstance(text, str):
            raise fail(f"文字部分“{sid}”", "不对")
    accepted = section("accepted")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in accepted.items()):
        raise fail("已说明的警告", "格式不对")

    return Report(spec, meta, values, dict(prose), dict(units), dict(accepted), compute_totals=compute_totals)


# -- migrations: schema N -> N+1, each a pure function on the parsed JSON --------------------


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 keyed prose by the section numeral (一, 五, 六) and had no units."""
    numerals = {"一": "s1", "五": "s5", "六": "s6"}
    prose = data.get("prose", {})
    if isinstance(prose, dict):
        prose = {numerals.get(k, k): v for k, v in prose.items()}
    return {**data, "schema": 2, "prose": prose, "units": {}}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}
