"""Zip a one-folder bundle for handing out: python3 tools/zip_bundle.py dist/win64/Nianbao OUT.zip

The zip holds the folder itself (unzipping gives Nianbao/Nianbao.exe), with file names in a fixed
order. It refuses to zip a test-only file: the icuuc.dll stand-in belongs to the wine prefix only.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

TEST_ONLY = {"icuuc.dll"}  # tools/icuuc-stub.c; Windows 10 1809+ has the real one in system32


def zip_bundle(folder: Path, target: Path) -> int:
    """Write `target`, return the number of files; raise SystemExit if a test-only file is there."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    leaked = [str(p.relative_to(folder)) for p in files if p.name.lower() in TEST_ONLY]
    if leaked:
        raise SystemExit(f"test-only files in the bundle, not zipped: {', '.join(leaked)}")
    partial = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            archive.write(path, (Path(folder.name) / path.relative_to(folder)).as_posix())
    partial.replace(target)
    return len(files)


def main() -> None:
    folder, target = Path(sys.argv[1]), Path(sys.argv[2])
    count = zip_bundle(folder, target)
    unpacked = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"{target.name}: {count} files, {unpacked / 2**20:.1f} MB unpacked, {target.stat().st_size / 2**20:.1f} MB zipped")


if __name__ == "__main__":
    main()
