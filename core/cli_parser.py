"""An argparse parser that speaks Chinese: its usage line, section titles, -h and the errors it reports.

argparse writes these in English and offers no catalogue to translate them; the commands' own help
texts are Chinese already. The errors argparse can raise for our commands are rewritten here; any
other is shown as argparse wrote it, after “错误：”.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

_ERRORS = (
    (r"the following arguments are required: (.+)", "缺少必需的参数：{0}"),
    (r"unrecognized arguments: (.+)", "不认识的参数：{0}"),
    (r"argument (\S+): invalid int value: '(.*)'", "参数 {0} 应为整数，“{1}”不是整数"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面缺少它的值"),
    (r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)", "参数 {0} 不能是“{1}”，只能是 {2} 之一"),
    (r"argument (\S+): ignored explicit argument '(.*)'", "参数 {0} 不带值，却给了“{1}”"),
)


def chinese_error(message: str) -> str:
    """argparse's English error message in Chinese."""
    for pattern, chinese in _ERRORS:
        if match := re.fullmatch(pattern, message):
            return chinese.format(*match.groups())
    return f"错误：{message}"


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words are Chinese; its sub-commands' parsers are too."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def format_help(self) -> str:
        return re.sub(r"(?m)^(\S+):$", r"\1：", super().format_help())  # section titles, full-width colon

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{chinese_error(message)}\n")
