"""What a clerk may type into a cell, and how values print."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.formats import CellType
from core.values import format_value, parse_value

COUNT = CellType("count")
SIGNED = CellType("signed")
AMOUNT = CellType("amount", ("万元",), decimals=6, print_decimals=2, max_digits=9)


@pytest.mark.parametrize(
    ("ctype", "text", "value"),
    [
        (COUNT, "123", 123),
        (COUNT, "１２３", 123),
        (COUNT, " 42 ", 42),
        (COUNT, "\u300042\u3000", 42),
        (COUNT, "1,234", 1234),
        (COUNT, "1，234", 1234),
        (COUNT, "1,234,567", 1234567),
        (COUNT, "0", 0),
        (COUNT, "999999999", 999999999),
        (SIGNED, "+9", 9),
        (SIGNED, "＋９", 9),
        (SIGNED, "-18", -18),
        (SIGNED, "－18", -18),
        (SIGNED, "\u221218", -18),
        (SIGNED, "0", 0),
        (AMOUNT, "12.5", Decimal("12.5")),
        (AMOUNT, "12.50", Decimal("12.50")),
        (AMOUNT, "１２．５０", Decimal("12.50")),
        (AMOUNT, "1,234.567891", Decimal("1234.567891")),
        (AMOUNT, "0", Decimal("0")),
        (COUNT, "", None),
        (COUNT, "   ", None),
    ],
)
def test_accepted(ctype: CellType, text: str, value) -> None:
    parsed = parse_value(ctype, text)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    ("ctype", "text", "reason"),
    [
        (COUNT, "abc", "不是数字"),
        (COUNT, "12a", "不是数字"),
        (COUNT, "一百", "不是数字"),
        (COUNT, "-3", "不能为负数"),
        (COUNT, "+3", "不要加"),
        (COUNT, "1.5", "整数"),
        (COUNT, "3.0", "整数"),
        (COUNT, "1234567890", "9位"),
        (COUNT, "12,34", "千位分隔符"),
        (COUNT, "-", "没有发生的请填0"),
        (COUNT, "—", "没有发生的请填0"),
        (SIGNED, "+-3", "不是数字"),
        (SIGNED, "1.5", "整数"),
        (AMOUNT, "-1", "负数"),
        (AMOUNT, "1.1234567", "6位小数"),
        (AMOUNT, "1234567890", "9位"),
        (AMOUNT, "1.2.3", "不是数字"),
    ],
)
def test_rejected(ctype: CellType, text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_value(ctype, text)


@pytest.mark.parametrize(
    ("ctype", "value", "printed"),
    [
        (SIGNED, 9, "+9"),
        (SIGNED, -18, "-18"),
        (SIGNED, 0, "0"),
        (COUNT, 1268, "1268"),
        (AMOUNT, Decimal("12.5"), "12.50"),
        (AMOUNT, Decimal("0.123"), "0.123"),
        (AMOUNT, Decimal("392140"), "392140.00"),
        (COUNT, None, ""),
    ],
)
def test_printed_like_reports(ctype: CellType, value, printed: str) -> None:
    assert format_value(ctype, value) == printed
