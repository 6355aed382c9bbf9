"""Prints the PDF export time of the 2021 example: in a fresh process, and in a warm one.

Targets (issue 5): fresh process, font loading included, under 1 s; warm process under 0.3 s.
The fresh figure is measured inside a new interpreter from the first import of the exporter to
the finished bytes; the interpreter's own start-up is printed separately.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FRESH = """
import time
start = time.perf_counter()
from core.fonts import pdf_fonts
from core.pdf_export import pdf_bytes
from core.resources import resource_path
from core.storage import load
imported = time.perf_counter()
fonts = pdf_fonts()
registered = time.perf_counter()
data = pdf_bytes(load(resource_path("examples", "example-2021.nianbao")), fonts)
done = time.perf_counter()
print(imported - start, registered - imported, done - registered, done - start, len(data))
"""


def fresh(runs: int) -> None:
    rows, walls = [], []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", FRESH], cwd=ROOT, capture_output=True, text=True, check=True)
        walls.append(time.perf_counter() - start)
        rows.append([float(x) for x in out.stdout.split()])
    imports, fonts, build, total, size = (statistics.median(col) for col in zip(*rows))
    print(f"fresh process (median of {runs}): {total * 1000:.0f} ms   (target < 1000 ms)")
    print(f"  imports {imports * 1000:.0f} ms, font registration {fonts * 1000:.0f} ms, "
          f"building the PDF {build * 1000:.0f} ms; {size / 1024:.0f} KiB")
    print(f"  whole command incl. interpreter start-up: {statistics.median(walls) * 1000:.0f} ms")


def warm(runs: int) -> None:
    from core.pdf_export import pdf_bytes
    from core.resources import resource_path
    from core.storage import load

    report = load(resource_path("examples", "example-2021.nianbao"))
    pdf_bytes(report)
    times = []
    for i in range(runs):
        report.set_value("s3.public.natural", str(9 + i % 2))  # an edit, as before a preview refresh
        start = time.perf_counter()
        pdf_bytes(report)
        times.append(time.perf_counter() - start)
    print(f"warm process (median of {runs}): {statistics.median(times) * 1000:.0f} ms   (target < 300 ms)")


if __name__ == "__main__":
    fresh(5)
    warm(10)
