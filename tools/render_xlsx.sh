#!/usr/bin/env bash
# Render an exported workbook the way it prints, to look at it: PDF (LibreOffice headless) and one
# PNG per page (pdftoppm). Needs libreoffice-calc and poppler-utils; neither is needed by the tests.
#
#   tools/render_xlsx.sh BOOK.xlsx [OUT_DIR] [DPI]
#   tools/render_xlsx.sh --report FILE.nianbao [OUT_DIR] [DPI]   (export first, then render)
#
# Only the first sheet (年度报告) is printed by LibreOffice's default export of the active sheet;
# the PNGs are OUT_DIR/<name>-<page>.png.
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
