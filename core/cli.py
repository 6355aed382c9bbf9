"""Headless commands: everything a clerk can do in the window, from a terminal or a batch file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from core import APP_NAME, __version__
from core.checks import summary
from core.cli_parser import ChineseArgumentParser
from core.formats import FormatError, format_for_year, get_format
from core.report import FIRST_YEAR, LAST_YEAR, InputError, Report
from core.storage import SUFFIX, LoadError, SaveError, load, save, write_atomic

COMMANDS = ("new", "check", "export", "import")
EXIT_OK, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    # Placeholders (metavar) stay in Latin letters: argparse aligns the help column by characters,
    # and Chinese ones, two columns wide in a console, would push it out of line.
    parser = ChineseArgumentParser(prog="nianbao", description=f"{APP_NAME}：政府信息公开工作年度报告的填写、校验与导出。")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    new = sub.add_parser("new", help="新建一份报告文件")
    new.add_argument("--year", type=int, required=True, metavar="YEAR", help="报告年度，如 2025")
    new.add_argument("--agency", required=True, metavar="NAME", help="印在报告标题中的机关名称")
    new.add_argument("--format", dest="format_id", metavar="FORMAT", help="报告格式（默认按年度：2019–2020 用 2019，2021 起用 2021）")
    new.add_argument("--contact", default="", metavar="NAME", help="联系人姓名")
    new.add_argument("--phone", default="", metavar="PHONE", help="联系电话")
    new.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help=f"保存到的文件（{SUFFIX}）")
    new.add_argument("--force", action="store_true", help="文件已存在时覆盖")

    check = sub.add_parser("check", help="校验一份报告，列出错误和警告")
    check.add_argument("file", type=Path, metavar="FILE", help=f"要校验的报告（{SUFFIX}）")
    check.add_argument("--json", action="store_true", help="以 JSON 输出")

    export = sub.add_parser("export", help="导出 Excel 或 PDF")
    export.add_argument("file", type=Path, metavar="FILE", help=f"要导出的报告（{SUFFIX}）")
    export.add_argument("--xlsx", type=Path, metavar="FILE", help="导出 Excel 工作簿到此文件")
    export.add_argument("--pdf", type=Path, metavar="FILE", help="导出 PDF 到此文件")
    export.add_argument("--force", action="store_true", help="目标文件已存在时覆盖")

    imp = sub.add_parser("import", help="从本程序导出的 Excel 工作簿读回报告")
    imp.add_argument("workbook", type=Path, metavar="XLSX", help="本程序导出的 Excel 工作簿（.xlsx）")
    imp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help=f"保存到的文件（{SUFFIX}）")
    imp.add_argument("--force", action="store_true", help="文件已存在时覆盖")
    return parser


def is_command(argv: list[str]) -> bool:
    """Whether argv asks for a headless command (or --version/--help) rather than the window."""
    return bool(argv) and (argv[0] in COMMANDS or argv[0] in ("--version", "-h", "--help"))


def run(argv: list[str]) -> int:
    for stream in (sys.stdout, sys.stderr):  # one encoding for both, also when redirected on Windows
        if stream is not None:
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return EXIT_FAILED
    return {"new": _new, "check": _check, "export": _export, "import": _import}[args.command](args)


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


def _export(args: argparse.Namespace) -> int:
    if not (args.xlsx or args.pdf):
        return _fail("请用 --xlsx 或 --pdf 指定导出的文件。")
    for target in (args.xlsx, args.pdf):
        if target and target.exists() and not args.force:
            return _fail(f"“{target}”已经存在。如要覆盖，请加 --force。")
    try:
        report = load(args.file)
    except LoadError as exc:
        return _fail(str(exc))
    try:
        if args.xlsx:
            from core.xlsx_export import xlsx_bytes

            write_atomic(args.xlsx, xlsx_bytes(report), action="导出")
            print(f"已导出 {args.xlsx}")
        if args.pdf:
            from core.pdf_export import pdf_bytes, unprintable_characters, unprintable_warning

            write_atomic(args.pdf, pdf_bytes(report), action="导出")
            print(f"已导出 {args.pdf}")
            if missing := unprintable_characters(report):
                print(unprintable_warning(missing), file=sys.stderr)
    except SaveError as exc:
        return _fail(str(exc))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from core.xlsx_import import WorkbookError, read_xlsx

    if args.output.exists() and not args.force:
        return _fail(f"“{args.output}”已经存在。如要覆盖，请加 --force。")
    try:
        report = read_xlsx(args.workbook)
        save(report, args.output)
    except (WorkbookError, SaveError) as exc:
        return _fail(str(exc))
    print(f"已导入 {args.output}（{report.meta.agency} {report.meta.year}年度）")
    return EXIT_OK
