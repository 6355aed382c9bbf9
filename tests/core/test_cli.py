"""Headless commands through main.py, as batch users and CI run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core import __version__
from core.storage import load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"


def nianbao(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def test_version() -> None:
    result = nianbao("--version")
    assert result.returncode == 0 and __version__ in result.stdout


@pytest.mark.parametrize(("year", "format_id"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2025, "2021")])
def test_new_picks_format_by_year(tmp_path: Path, year: int, format_id: str) -> None:
    out = tmp_path / "r.nianbao"
    result = nianbao("new", "--year", year, "--agency", "示例县交通运输局", "-o", out)
    assert result.returncode == 0, result.stderr
    report = load(out)
    assert (report.spec.id, report.meta.year, report.meta.agency) == (format_id, year, "示例县交通运输局")


def test_new_format_override_and_no_silent_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "r.nianbao"
    assert nianbao("new", "--year", 2022, "--agency", "甲", "--format", "2019", "-o", out).returncode == 0
    assert load(out).spec.id == "2019"
    again = nianbao("new", "--year", 2023, "--agency", "乙", "-o", out)
    assert again.returncode == 2 and "已经存在" in again.stderr and load(out).meta.agency == "甲"
    assert nianbao("new", "--year", 2023, "--agency", "乙", "-o", out, "--force").returncode == 0
    assert load(out).meta.agency == "乙"


def test_new_unknown_format(tmp_path: Path) -> None:
    result = nianbao("new", "--year", 2025, "--agency", "甲", "--format", "2030", "-o", tmp_path / "r.nianbao")
    assert result.returncode == 2 and "2030" in result.stderr and not (tmp_path / "r.nianbao").exists()


def test_check_examples_pass() -> None:
    for example in EXAMPLES.glob("*.nianbao"):
        result = nianbao("check", example)
        assert result.returncode == 0, result.stdout
        assert result.stdout.strip().endswith("校验通过")


def test_check_reports_errors_with_exit_1(tmp_path: Path) -> None:
    out = tmp_path / "r.nianbao"
    nianbao("new", "--year", 2025, "--agency", "甲", "-o", out)
    result = nianbao("check", out)
    assert result.returncode == 1
    assert "错误 C1：三、收到和处理政府信息公开申请情况还有144个单元格未填写" in result.stdout
    assert result.stdout.strip().endswith("6 个错误，2 个警告")


def test_check_json(tmp_path: Path) -> None:
    out = tmp_path / "r.nianbao"
    nianbao("new", "--year", 2025, "--agency", "甲", "-o", out)
    result = nianbao("check", out, "--json")
    findings = json.loads(result.stdout)
    assert result.returncode == 1
    assert {f["rule"] for f in findings} == {"C1", "P6", "P7"}
    first = findings[0]
    assert set(first) >= {"rule", "severity", "cells", "message"}
    assert first["severity"] == "error" and first["cells"][0] == "s2.a20_1.rules.issued"


def test_check_unreadable_file_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "坏.nianbao"
    bad.write_text("not json", encoding="utf-8")
    result = nianbao("check", bad)
    assert result.returncode == 2 and "不是有效的 JSON" in result.stderr
    assert nianbao("check", tmp_path / "none.nianbao").returncode == 2


def test_help_and_argument_errors_are_in_chinese() -> None:
    help_text = nianbao("new", "--help")
    assert help_text.returncode == 0
    assert help_text.stdout.startswith("用法：nianbao new") and "选项：" in help_text.stdout
    assert "显示本帮助并退出" in help_text.stdout and "usage" not in help_text.stdout
    bad_year = nianbao("new", "--year", "二〇二五", "--agency", "甲", "-o", "r.nianbao")
    assert bad_year.returncode == 2 and "参数 --year 应为整数，“二〇二五”不是整数" in bad_year.stderr
    missing = nianbao("check")
    assert missing.returncode == 2 and "缺少必需的参数：FILE" in missing.stderr
    extra = nianbao("check", "a.nianbao", "b.nianbao")
    assert extra.returncode == 2 and "不认识的参数：b.nianbao" in extra.stderr
    assert "error" not in (bad_year.stderr + missing.stderr + extra.stderr)
