"""Prints the median full-check time, and the load and save times, for the 2021 example.

Target (issue 2): a full re-check of a 2021 report under 1 ms median.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.checks import run_checks  # noqa: E402
from core.resources import resource_path  # noqa: E402
from core.storage import load, save  # noqa: E402


def median_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    example = resource_path("examples", "example-2021.nianbao")
    report = load(example)
    report.set_value("s3.new.natural", "17")  # one error, so findings are built too
    check = median_ms(lambda: run_checks(report), 2000)
    edit = median_ms(lambda: report.set_value("s3.public.natural", str(time.perf_counter_ns() % 50)), 500)
    loading = median_ms(lambda: load(example), 200)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "r.nianbao"
        saving = median_ms(lambda: save(report, target), 100)
    print(f"full check (2021 example): median {check:.3f} ms   (target < 1 ms)")
    print(f"cell edit incl. totals and re-check: median {edit:.3f} ms")
    print(f"load: median {loading:.2f} ms")
    print(f"save (atomic, fsync, .bak): median {saving:.2f} ms")


if __name__ == "__main__":
    main()
