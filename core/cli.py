"""Headless commands: everything a clerk can do in the window, from a terminal or a batch file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from core import APP_NAME, __version__
from core.checks import summary
from core.formats import FormatError, format_for_year, get_format
from core.report import FIRST_YEAR, LAST_YEAR, InputError, Report
from core.storage import SUFFIX, LoadError, SaveError, load, save

COMMANDS = ("new", "check")
EXIT_OK, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nianbao", description=f"{APP_NAME}：政府信息公开工作年度报告的填写、校验与导出。")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    new = sub.add_parser("new", help="新建一份报告文件")
    new.add_argument("--year", type=int, required=True, help="报告年度，如 2025")
    new.add_argument("--agency", required=True, help="机关名称")
    new.add_argument("--format", dest="format_id", help="报告格式（默认按年度：2019–2020 用 2019，2021 起用 2021）")
    new.add_argument("--contact", default="", help="联系人")
    new.add_argument("--phone", default="", help="联系电话")
    new.add_argument("-o", "--output", type=Path, required=True, help=f"保存到的文件（{SUFFIX}）")
    new.add_argument("--force", action="store_true", help="文件已存在时覆盖")

    check = sub.add_parser("check", help="校验一份报告，列出错误和警告")
    check.add_argument("file", type=Path)
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    return parser


def is_command(argv: list[str]) -> bool:
    """Whether argv asks for a headless command (or --version/--help) rather than the window."""
    return bool(argv) and (argv[0] in COMMANDS or argv[0] in ("--version", "-h", "--help"))


def run(argv: list[str]) -> int:
    if sys.stdout is not None:
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    args = build_parser().parse_args(argv)
    return {"new": _new, "check": _check}[args.command](args)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_FAILED


def _new(args: argparse.Namespace) -> int:
    if not FIRST_YEAR <= args.year <= LAST_YEAR:
        return _fail(f"报告年度应为 {FIRST_YEAR} 至 {LAST_YEAR} 之间的年份。")
    if args.output.exists() and not args.force:
        return _fail(f"“{args.output}”已经存在。如要覆盖，请加 --force。")
    try:
        spec = get_format(args.format_id) if args.format_id else format_for_year(args.year)
        report = Report.new(spec, args.agency.strip(), args.year, contact=args.contact, phone=args.phone)
        save(report, args.output)
    except (FormatError, SaveError, InputError) as exc:
        return _fail(str(exc))
    print(f"已新建 {args.output}（{args.agency} {args.year}年度，{spec.label}）")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    try:
        report = load(args.file)
    except LoadError as exc:
        return _fail(str(exc))
    findings = report.findings
    if args.json:
        rows = [
            {"rule": f.rule, "severity": f.severity, "cells": list(f.cells), "message": f.message,
             "key": f.key, "accepted": f.key in report.accepted, "reason": report.accepted.get(f.key)}
            for f in findings
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(f"{report.meta.agency} {report.meta.year}年度报告，{report.spec.label}")
        for f in findings:
            label = "错误" if f.is_error else "警告"
            if f.key in report.accepted:
                label = f"警告（已说明：{report.accepted[f.key]}）"
            print(f"{label} {f.rule}：{f.message}")
        print(summary(findings, report.accepted))
    return EXIT_FINDINGS if report.errors else EXIT_OK
