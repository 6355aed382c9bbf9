"""Reading what a clerk types into a value cell, and printing a value the way reports print it."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Iterable, Mapping

from core.formats import CellType

Value = int | Decimal  # counts and signed counts are int; amounts are Decimal, keeping typed decimals

_GROUPED = r"\d{1,3}(,\d{3})+"  # compiled by re on first use: only typed values need it
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\uff0d": "-"})


def sum_cells(values: Mapping[str, Value | None], cells: Iterable[str]) -> Value:
    """The sum of the cells, a blank counting as 0 (as live totals do while the clerk types)."""
    total: Value = 0
    for cell in cells:
        value = values[cell]
        if value is not None:
            total += value
    return total


def parse_value(ctype: CellType, text: str) -> Value | None:
    """The value of typed text; None for blank. ValueError with a Chinese reason otherwise.

    Accepts full-width digits and signs, thousands separators (1,234 / 1，234), surrounding
    spaces, a leading + on signed cells and decimals on amounts.
    """
    raw = unicodedata.normalize("NFKC", text).translate(_MINUS_SIGNS).strip()
    if not raw:
        return None
    sign = ""
    if raw[0] in "+-":
        sign, raw = raw[0], raw[1:].strip()
    whole, dot, fraction = raw.partition(".")
    if "," in whole:
        if not re.fullmatch(_GROUPED, whole):
            raise ValueError(f"“{text.strip()}”的千位分隔符位置不对")
        whole = whole.replace(",", "")
    if not (whole.isascii() and whole.isdigit()) or (dot and not (fraction.isascii() and fraction.isdigit())):
        if text.strip() in ("-", "—", "－", "/", "无"):
            raise ValueError(f"“{text.strip()}”不是数字，没有发生的请填0")
        raise ValueError(f"“{text.strip()}”不是数字")

    if ctype.kind == "amount":
        if sign == "-":
            raise ValueError("金额不能为负数")
        if sign == "+":
            raise ValueError("金额前不要加“+”号")
        if len(whole.lstrip("0")) > ctype.max_digits:
            raise ValueError(f"金额的整数部分不能超过{ctype.max_digits}位")
        if len(fraction) > ctype.decimals:
            raise ValueError(f"金额最多保留{ctype.decimals}位小数")
        return Decimal(f"{whole}.{fraction}" if dot and fraction else whole)

    if dot:
        raise ValueError("应为整数，不能有小数")
    if len(whole.lstrip("0")) > ctype.max_digits:
        raise ValueError(f"数字不能超过{ctype.max_digits}位")
    number = int(whole)
    if ctype.kind == "count" and sign:
        raise ValueError("应为不小于0的整数，不能为负数" if sign == "-" else "数量前不要加“+”号")
    return -number if sign == "-" else number


def to_stored(value: Value | None) -> int | str | None:
    """A value as a project file holds it: counts as int, amounts as decimal text (exact)."""
    return value if value is None or isinstance(value, int) else f"{value:f}"


def coerce_stored(ctype: CellType, value: object) -> Value | None:
    """A value as read from a project file (int, or decimal string for amounts); ValueError if wrong."""
    if value is None:
        return None
    if ctype.kind == "amount":
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError("金额应写为数字字符串，如 \"12.50\"")
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise ValueError(f"“{value}”不是金额") from None
        if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -ctype.decimals:
            raise ValueError(f"“{value}”不是不小于0、最多{ctype.decimals}位小数的金额")
        return amount
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("应为整数")
    if ctype.kind == "count" and value < 0:
        raise ValueError("不能为负数")
    if abs(value) >= 10**ctype.max_digits:
        raise ValueError(f"数字不能超过{ctype.max_digits}位")
    return value


def format_value(ctype: CellType, value: Value | None) -> str:
    """How a report prints the value: "+9" / "-18" / "0" for signed, at least two decimals for amounts."""
    if value is None:
        return ""
    if ctype.kind == "signed":
        return f"{value:+d}" if value else "0"
    if ctype.kind == "amount":
        places = max(ctype.print_decimals, -min(Decimal(value).as_tuple().exponent, 0))
        return f"{Decimal(value):.{places}f}"
    return str(value)


def format_number(value: Value) -> str:
    """A plain number for messages: no trailing zeros, no exponent."""
    if isinstance(value, Decimal):
        text = f"{value:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)
