"""python main.py export FILE --xlsx OUT and import BOOK -o OUT, as batch users run them."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import core.storage
from core import cli
from core.storage import dumps, load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"


def nianbao(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "示例.nianbao"
    shutil.copy(EXAMPLES / "cixi-emergency-2019.nianbao", path)
    return path


def test_export_then_import_gives_the_same_report(project: Path, tmp_path: Path) -> None:
    book = tmp_path / "慈溪市应急管理局2019年政府信息公开工作年度报告.xlsx"
    result = nianbao("export", project, "--xlsx", book)
    assert result.returncode == 0, result.stderr
    assert f"已导出 {book}" in result.stdout and book.read_bytes().startswith(b"PK")
    back = tmp_path / "读回.nianbao"
    result = nianbao("import", book, "-o", back)
    assert result.returncode == 0, result.stderr
    assert "已导入" in result.stdout and "慈溪市应急管理局 2019年度" in result.stdout
    assert dumps(load(back)) == dumps(load(project))


def test_an_existing_workbook_is_replaced_only_with_force(project: Path, tmp_path: Path) -> None:
    book = tmp_path / "报告.xlsx"
    book.write_bytes(b"old")
    result = nianbao("export", project, "--xlsx", book)
    assert result.returncode == 2 and "已经存在" in result.stderr and "--force" in result.stderr
    assert book.read_bytes() == b"old"
    assert nianbao("export", project, "--xlsx", book, "--force").returncode == 0
    assert book.read_bytes().startswith(b"PK")


def test_an_existing_project_is_replaced_by_import_only_with_force(project: Path, tmp_path: Path) -> None:
    book = tmp_path / "报告.xlsx"
    nianbao("export", project, "--xlsx", book)
    target = tmp_path / "已有.nianbao"
    shutil.copy(EXAMPLES / "example-2021.nianbao", target)
    result = nianbao("import", book, "-o", target)
    assert result.returncode == 2 and "已经存在" in result.stderr
    assert load(target).meta.agency == "示例县交通运输局"
    assert nianbao("import", book, "-o", target, "--force").returncode == 0
    assert load(target).meta.agency == "慈溪市应急管理局"


def test_a_foreign_workbook_is_not_imported(tmp_path: Path) -> None:
    book = tmp_path / "别的表.xlsx"
    book.write_bytes(b"PK\x03\x04 not really")
    result = nianbao("import", book, "-o", tmp_path / "out.nianbao")
    assert result.returncode == 2 and "不是有效的 Excel 工作簿" in result.stderr
    assert not (tmp_path / "out.nianbao").exists()


def test_a_folder_in_the_way_gives_a_message(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "报告.xlsx"
    folder.mkdir()
    before = project.read_bytes()
    result = nianbao("export", project, "--xlsx", folder, "--force")
    assert result.returncode == 2 and "无法导出“报告.xlsx”" in result.stderr
    assert project.read_bytes() == before and folder.is_dir()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_folder_gives_a_message(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = nianbao("export", project, "--xlsx", folder / "报告.xlsx")
    finally:
        folder.chmod(0o700)
    assert result.returncode == 2 and "无法导出“报告.xlsx”：没有权限" in result.stderr
    assert list(folder.iterdir()) == []


def _refuse_writes_in(folder: Path, monkeypatch: pytest.MonkeyPatch, **attributes: Any) -> None:
    """Make the atomic writer meet what Windows or a read-only folder answers (root ignores chmod)."""
    real_open = open

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "w" in mode and Path(file).parent == folder:
            exc = PermissionError(errno.EACCES, "Permission denied", str(file))
            for name, value in attributes.items():
                setattr(exc, name, value)
            raise exc
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(core.storage, "open", guarded_open, raising=False)


@pytest.mark.parametrize(("attributes", "expected"), [
    ({}, "无法导出“报告.xlsx”：没有权限（文件夹可能是只读的，或文件正被其他程序打开）。"),
    ({"winerror": 32}, "无法导出“报告.xlsx”：文件正被其他程序（如 Excel、WPS）打开，请先关闭它。"),
])
def test_refused_writes_leave_everything_as_it_was(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str], attributes: dict[str, Any],
                                                   expected: str) -> None:
    folder = tmp_path / "目标"
    folder.mkdir()
    (folder / "报告.xlsx").write_bytes(b"open in Excel")
    before = project.read_bytes()
    _refuse_writes_in(folder, monkeypatch, **attributes)
    assert cli.run(["export", str(project), "--xlsx", str(folder / "报告.xlsx"), "--force"]) == cli.EXIT_FAILED
    assert expected in capsys.readouterr().err
    assert (folder / "报告.xlsx").read_bytes() == b"open in Excel" and project.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["报告.xlsx"]
