"""Export reports to PDF and render every page to PNG (pdftoppm), to look at them.

    python3 tools/render_pdf.py [FILE.nianbao ...] [--out out/pdf] [--dpi 80] [--variants]

Without files it renders the two shipped examples. ``--variants`` also renders the 2021 example
as a draft (one broken identity: watermark), with an accepted warning (appendix 校验说明) and
with long prose (page flow). PNGs are OUT/<name>-<page>.png; out/ is git-ignored. Needs
poppler-utils; the tests do not.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.pdf_export import pdf_bytes  # noqa: E402
from core.report import Report  # noqa: E402
from core.resources import resource_path  # noqa: E402
from core.storage import load  # noqa: E402

EXAMPLES = ("cixi-emergency-2019.nianbao", "example-2021.nianbao")


def variants() -> dict[str, Report]:
    """The 2021 example in states whose pages differ: draft, with an appendix, with long prose."""
    example = resource_path("examples", "example-2021.nianbao")
    draft = load(example)
    draft.set_value("s3.new.natural", "99")
    appendix = load(example)
    appendix.set_prose("s1", appendix.prose["s1"] * 3)
    warning = next(f for f in appendix.findings if f.rule == "P8")
    appendix.accept(warning.key, "本年度新增专项工作较多，需逐项说明，已压缩到最低篇幅")
    long = load(example)
    sentence = "本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。"
    long.set_prose("s5", sentence * 60 + "（完）")
    return {"variant-draft": draft, "variant-appendix": appendix, "variant-long": long}


def render(name: str, report: Report, out: Path, dpi: int) -> list[Path]:
    pdf = out / f"{name}.pdf"
    pdf.write_bytes(pdf_bytes(report))
    for old in out.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / name)], check=True)
    return sorted(out.glob(f"{name}-*.png"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "pdf")
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--variants", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    reports = {f.stem: load(f) for f in args.files or [resource_path("examples", e) for e in EXAMPLES]}
    if args.variants:
        reports.update(variants())
    for name, report in reports.items():
        pages = render(name, report, args.out, args.dpi)
        print(f"{name}: {len(pages)} pages -> {args.out}/{name}-*.png")


if __name__ == "__main__":
    main()
