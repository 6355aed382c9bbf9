"""Font choice: the official Windows fonts where present, the shipped font otherwise, never a gap."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import reportlab
from pypdf import PdfReader

from core.fonts import pdf_fonts, system_font_dirs
from core.pdf_export import pdf_bytes
from core.resources import resource_path
from core.storage import load

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = resource_path("fonts", "wqy-microhei-zh.ttf")
LATIN_ONLY = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"  # no Chinese characters at all


def test_shipped_font_and_its_licence_are_there() -> None:
    assert SHIPPED.stat().st_size > 3_000_000
    assert "Apache License" in resource_path("fonts", "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")


def test_shipped_font_has_name_characters_digits_and_document_punctuation(tmp_path: Path) -> None:
    """GB2312-only fonts lack 堃喆赟珺昇; Droid Sans Fallback lacks digits; a gap would print blank."""
    face = pdf_fonts([tmp_path]).face("prose", 16)
    for ch in "堃喆赟珺昇镕A0123456789+-.%“”‘’〔〕（）《》—…、。，；：？！":
        assert face.covers(ch) and face.char_width(ch) > 0, ch


def test_without_official_fonts_every_role_uses_the_shipped_font(tmp_path: Path) -> None:
    fonts = pdf_fonts([tmp_path])
    assert fonts.prose == fonts.heading == fonts.table == fonts.fallback
    assert fonts.fallback.startswith("wqy-microhei")


def test_official_font_is_used_for_its_role(tmp_path: Path) -> None:
    """A PC with 黑体 only: headings in simhei.ttf, prose and tables in the shipped font."""
    (tmp_path / "simhei.ttf").symlink_to(SHIPPED)
    fonts = pdf_fonts([tmp_path])
    assert fonts.heading.startswith("simhei") and fonts.prose == fonts.table == fonts.fallback


def test_damaged_official_font_falls_back(tmp_path: Path) -> None:
    (tmp_path / "simfang.ttf").write_bytes(b"not a font")
    fonts = pdf_fonts([tmp_path])
    assert fonts.prose == fonts.fallback


def test_characters_missing_from_a_font_come_from_the_shipped_one(tmp_path: Path) -> None:
    """A role font without some characters (a rare name character in an old font) leaves no gap."""
    (tmp_path / "simfang.ttf").symlink_to(LATIN_ONLY)
    fonts = pdf_fonts([tmp_path])
    face = fonts.face("prose", 16)
    assert face.runs("喆2019年") == [(fonts.fallback, "喆"), (fonts.prose, "2019"), (fonts.fallback, "年")]
    report = load(ROOT / "resources/examples/example-2021.nianbao")
    reader = PdfReader(io.BytesIO(pdf_bytes(report, fonts)))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    assert "2025年，示例县交通运输局坚持以人民为中心的发展思想" in text
    base_fonts = {f["/BaseFont"] for p in reader.pages for f in (r.get_object() for r in p["/Resources"]["/Font"].values())}
    assert any("Vera" in name for name in base_fonts) and any("WenQuanYi" in name for name in base_fonts)


def test_windows_font_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fonts installed for all users and for the current user only are both found."""
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("WINDIR", r"D:\Windows")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\clerk\AppData\Local")
    dirs = [str(d).replace("/", "\\") for d in system_font_dirs()]
    assert dirs == [r"D:\Windows\Fonts", r"C:\Users\clerk\AppData\Local\Microsoft\Windows\Fonts"]
