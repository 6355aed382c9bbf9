#!/usr/bin/env bash
# Render an exported workbook the way it prints, to look at it: PDF (LibreOffice headless) and one
# PNG per page (pdftoppm). Needs libreoffice-calc and poppler-utils; neither is needed by the tests.
#
#   tools/render_xlsx.sh BOOK.xlsx [OUT_DIR] [DPI]
#   tools/render_xlsx.sh --report FILE.nianbao [OUT_DIR] [DPI]   (export first, then render)
#
# LibreOffice prints every sheet: first the pages of 年度报告, then 数据 and 校验 (so its page
# footers count all of them; Excel printing one sheet counts that sheet's pages). The PNGs are
# OUT_DIR/<name>-<page>.png. For widths as Excel has them, install fonts-crosextra-carlito (metric
# twin of Calibri, the font Excel's column widths are counted in); without it pages print shrunk.
set -euo pipefail

if [[ "${1:-}" == "--report" ]]; then
    report=$2; shift 2
    out=${1:-out/render}
    mkdir -p "$out"
    book="$out/$(basename "${report%.*}").xlsx"
    python3 "$(dirname "$0")/../main.py" export "$report" --xlsx "$book" --force >/dev/null
else
    book=$1; shift
    out=${1:-out/render}
fi
dpi=${2:-80}
mkdir -p "$out"
name=$(basename "${book%.*}")

# A private profile, so a running LibreOffice or a first-start dialog cannot interfere.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$book" >/dev/null
rm -f "$out/$name"-*.png
pdftoppm -r "$dpi" -png "$out/$name.pdf" "$out/$name"
pages=$(ls "$out/$name"-*.png | wc -l)
echo "$out/$name.pdf: $pages page(s); PNGs: $out/$name-*.png"
