"""Prints the median Excel export and import times for the 2021 example, in a warm process.

Target (issue 4): export under 0.2 s.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench_core import median_ms  # beside this script; it also puts the repository on sys.path

from core.resources import resource_path
from core.storage import load
from core.xlsx_export import xlsx_bytes
from core.xlsx_import import read_xlsx


def main() -> None:
    for name in ("example-2021.nianbao", "cixi-emergency-2019.nianbao"):
        report = load(resource_path("examples", name))
        data = xlsx_bytes(report)  # warm: imports, format caches
        export = median_ms(lambda: xlsx_bytes(report), 30)
        with tempfile.TemporaryDirectory() as folder:
            book = Path(folder) / "book.xlsx"
            book.write_bytes(data)
            read_xlsx(book)
            reading = median_ms(lambda: read_xlsx(book), 30)
        print(f"{name}: export median {export:.0f} ms (target < 200 ms), {len(data) // 1024} KB; "
              f"import median {reading:.0f} ms")


if __name__ == "__main__":
    main()
