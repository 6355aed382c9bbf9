"""tools/zip_bundle.py: the zip handed to clerks unpacks to one folder and never holds the ICU stub."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _zip(folder: Path, target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "zip_bundle.py"), str(folder), str(target)],
        capture_output=True, text=True,
    )


def _bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "Nianbao"
    (folder / "_internal" / "resources").mkdir(parents=True)
    (folder / "Nianbao.exe").write_bytes(b"MZ")
    (folder / "_internal" / "resources" / "示例.nianbao").write_text("{}", encoding="utf-8")
    return folder


def test_zip_unpacks_to_the_bundle_folder(tmp_path: Path) -> None:
    target = tmp_path / "Nianbao-0.1.0-win64.zip"
    assert _zip(_bundle(tmp_path), target).returncode == 0
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["Nianbao/Nianbao.exe", "Nianbao/_internal/resources/示例.nianbao"]
        assert archive.read("Nianbao/Nianbao.exe") == b"MZ"


def test_zip_refuses_the_test_only_icu_stub(tmp_path: Path) -> None:
    folder = _bundle(tmp_path)
    (folder / "_internal" / "ICUUC.DLL").write_bytes(b"MZ")
    target = tmp_path / "out.zip"
    done = _zip(folder, target)
    assert done.returncode != 0
    assert "ICUUC.DLL" in done.stderr
    assert not target.exists() and not list(tmp_path.glob("*.tmp"))
