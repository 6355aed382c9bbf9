"""Chinese line breaking: the prohibitions a reader notices when they are broken."""

from __future__ import annotations

import pytest

from core.linebreak import NO_LINE_END, NO_LINE_START, break_lines, clusters


def em(text: str) -> float:
    """Every character one unit wide, Latin letters and digits half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


TEXT = (
    "2025年，本机关认真贯彻《中华人民共和国政府信息公开条例》，坚持“公开为常态、不公开为例外”。"
    "全年主动公开政府信息412条（其中规范性文件6件）；收到申请20件：均按期答复！是否收费？否。"
    "门户网站http://www.example.gov.cn/xxgk持续更新——做到及时、准确……"
)


@pytest.mark.parametrize("width", range(4, 31))
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(width: int) -> None:
    lines = break_lines(TEXT, em, width - 2, width)
    assert "".join(lines) == TEXT
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, (width, line)
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, (width, line)


@pytest.mark.parametrize("width", range(8, 31))
def test_lines_fit_and_numbers_dashes_and_ellipses_stay_whole(width: int) -> None:
    lines = break_lines(TEXT, em, width, width)
    for line in lines:
        assert em(line) <= width
    joined = "\n".join(lines)
    for whole in ("2025", "412", "——", "……", "http://www.example.gov.cn/xxgk"):
        if em(whole) <= width:
            assert whole in joined


def test_a_comma_that_would_start_a_line_takes_the_character_before_it_along() -> None:
    """Ten characters fill the line; the comma after them moves down with the tenth (推出)."""
    assert break_lines("一二三四五六七八九十，十一", em, 10, 10) == ["一二三四五六七八九", "十，十一"]


def test_clusters_keep_brackets_with_their_contents() -> None:
    assert clusters("（一）主动公开。") == ["（一）", "主", "动", "公", "开。"]


def test_a_web_address_longer_than_a_line_is_cut_by_characters() -> None:
    address = "http://www.example.gov.cn/" + "x" * 40
    lines = break_lines(address, em, 10, 10)
    assert "".join(lines) == address and all(em(line) <= 10 for line in lines)


def test_spaces_do_not_begin_or_end_broken_lines() -> None:
    lines = break_lines("Open Government Information Regulations", em, 8, 8)
    assert all(line == line.strip() for line in lines)
    assert " ".join(lines) == "Open Government Information Regulations"


def test_empty_paragraph_is_one_empty_line() -> None:
    assert break_lines("", em, 10, 10) == [""]
