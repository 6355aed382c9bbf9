"""The frozen program (build.spec, one folder) starts, checks, exports and imports like the source.

By default the bundle is built from build.spec into a temporary folder (about a minute; CI does
this on Linux). tools/build-windows.sh runs the same tests on the Windows bundle under wine, by
setting NIANBAO_BUNDLE (the bundle folder), NIANBAO_RUNNER (wine) and NIANBAO_ZIP (its zip).
"""

from __future__ import annotations

import importlib.util
import io
import os
import shlex
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from core import APP_NAME, __version__
from core.pdf_export import pdf_bytes
from core.storage import load, save
from core.xlsx_export import xlsx_bytes

pytestmark = pytest.mark.frozen

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
EXAMPLE = EXAMPLES / "example-2021.nianbao"
TARGET_MB = {"windows": 90, "linux": 120}
# The Linux bundle (CI only) is over its target: it carries what Windows has built in, Qt's own ICU
# (37 MB) and ~30 MB of system libraries (X11, GLib, CUPS for printing, GnuTLS under CUPS). The
# limit still catches a stray dependency such as numpy (40 MB) or QML.
LIMIT_MB = {"windows": 90, "linux": 160}
TEST_ONLY = "icuuc.dll"  # the wine prefix's stand-in for Windows' ICU (tools/icuuc-stub.c)


@dataclass(frozen=True)
class Bundle:
    folder: Path
    command: tuple[str, ...]  # how to start the bundle's program
    system: str  # "windows" | "linux"

    def run(self, *args: str | Path, expect: int = 0) -> str:
        """Run the frozen program; return what it printed (stdout)."""
        done = subprocess.run(
            [*self.command, *map(str, args)], stdin=subprocess.DEVNULL, capture_output=True, timeout=600
        )
        output = done.stdout.decode("utf-8", errors="replace")
        errors = done.stderr.decode("utf-8", errors="replace")
        assert done.returncode == expect, f"exit {done.returncode}, expected {expect}:\n{output}\n{errors}"
        return output


def _build_bundle(work: Path) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        message = "PyInstaller is not installed (it is in the test extra: pip install -e '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(ROOT / "build.spec")],
        check=True, cwd=ROOT, stdin=subprocess.DEVNULL,
    )
    return work / "dist" / "Nianbao"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    given = os.environ.get("NIANBAO_BUNDLE")
    folder = Path(given) if given else _build_bundle(tmp_path_factory.mktemp("frozen"))
    exe = folder / "Nianbao.exe"
    system = "windows" if exe.is_file() else "linux"
    if system == "linux":
        exe = folder / "Nianbao"
    runner = tuple(shlex.split(os.environ.get("NIANBAO_RUNNER", "")))
    return Bundle(folder, (*runner, str(exe)), system)


def _files(folder: Path) -> list[Path]:
    """The bundle's files; not the symlinks PyInstaller makes on Linux (they would count twice)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def test_bundle_size_is_printed_and_within_limit(bundle: Bundle, capsys: pytest.CaptureFixture[str]) -> None:
    """What the clerk unzips stays small; the size is printed on every run."""
    size_mb = sum(p.stat().st_size for p in _files(bundle.folder)) / 2**20
    with capsys.disabled():
        print(f"\n{bundle.system} bundle: {size_mb:.1f} MB unpacked (target ≤ {TARGET_MB[bundle.system]} MB)")
    assert size_mb <= LIMIT_MB[bundle.system]


def test_bundle_ships_resources_and_only_chinese_qt_translations(bundle: Bundle) -> None:
    internal = bundle.folder / "_internal"
    for part in ("formats/2019.json", "formats/2021.json", "icons/nianbao.png", "examples/example-2021.nianbao"):
        assert (internal / "resources" / part).is_file(), part
    assert list((internal / "resources" / "fonts").glob("*.tt[fc]")), "no shipped PDF font"
    translations = {p.name for p in internal.rglob("*.qm")}
    assert "qtbase_zh_CN.qm" in translations  # Qt's own buttons in Chinese
    assert translations <= {"qtbase_zh_CN.qm", "qt_zh_CN.qm"}
    if bundle.system == "windows":
        assert list(internal.rglob("qwindows.dll")), "no Windows platform plugin"


def test_bundle_leaves_out_software_opengl_and_the_test_only_icu_stub(bundle: Bundle) -> None:
    names = {p.name.lower() for p in _files(bundle.folder)}
    assert "opengl32sw.dll" not in names
    assert TEST_ONLY not in names  # Windows 10 1809+ has its own; the stub is for wine only


def test_zip_holds_exactly_the_bundle_and_no_test_only_file(bundle: Bundle) -> None:
    if not os.environ.get("NIANBAO_ZIP"):
        pytest.skip("no zip to check: tools/build-windows.sh sets NIANBAO_ZIP")
    with zipfile.ZipFile(os.environ["NIANBAO_ZIP"]) as archive:
        names = set(archive.namelist())
        assert archive.testzip() is None
    expected = {f"{bundle.folder.name}/{p.relative_to(bundle.folder).as_posix()}" for p in _files(bundle.folder)}
    assert names == expected
    assert not [n for n in names if n.lower().endswith("/" + TEST_ONLY)]


def test_version(bundle: Bundle) -> None:
    assert bundle.run("--version").strip() == f"{APP_NAME} {__version__}"


def test_smoke_test_opens_the_window_with_the_example(bundle: Bundle) -> None:
    # Qt's option as an argument: under wine the program sees no QT_* environment variable.
    assert bundle.run("-platform", "offscreen", "--smoke-test", EXAMPLE).strip().splitlines()[-1] == "ok"


@pytest.mark.parametrize("name", ["cixi-emergency-2019.nianbao", "example-2021.nianbao"])
def test_check_passes_the_examples(bundle: Bundle, name: str) -> None:
    output = bundle.run("check", EXAMPLES / name)
    assert load(EXAMPLES / name).meta.agency in output
    assert output.strip().splitlines()[-1] == "校验通过"


def test_check_reports_an_unbalanced_table(bundle: Bundle, tmp_path: Path) -> None:
    report = load(EXAMPLE)
    report.set_value("s3.new.natural", str(report.values["s3.new.natural"] + 1))  # 一＋二 ≠ 总计＋四
    broken = tmp_path / "broken.nianbao"
    save(report, broken)
    assert "错误 R1" in bundle.run("check", broken, expect=1)


def _fonts_not_embedded(reader: PdfReader) -> list[str]:
    missing = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font["/BaseFont"]))
    return missing


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_exports_match_the_source_and_import_reads_them_back(bundle: Bundle, tmp_path: Path) -> None:
    """PDF with embedded fonts and the source's text; a workbook with the source's cells; a round trip."""
    pdf, xlsx, back = tmp_path / "报告.pdf", tmp_path / "报告.xlsx", tmp_path / "读回.nianbao"
    bundle.run("export", EXAMPLE, "--pdf", pdf, "--xlsx", xlsx)
    report = load(EXAMPLE)

    frozen_pdf = PdfReader(pdf)
    assert _fonts_not_embedded(frozen_pdf) == []
    assert _text(frozen_pdf) == _text(PdfReader(io.BytesIO(pdf_bytes(report))))

    frozen_book = openpyxl.load_workbook(xlsx)
    source_book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(report)))
    assert frozen_book.sheetnames == source_book.sheetnames
    for name in source_book.sheetnames:
        frozen_rows = list(frozen_book[name].iter_rows(values_only=True))
        assert frozen_rows == list(source_book[name].iter_rows(values_only=True)), name

    bundle.run("import", xlsx, "-o", back)
    again = load(back)
    assert (again.meta, again.values, again.prose) == (report.meta, report.values, report.prose)
