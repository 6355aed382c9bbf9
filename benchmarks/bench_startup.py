"""Start-up and edit latency of the window, offscreen.

    python3 benchmarks/bench_startup.py [--runs 21] [--instructions]

Prints the time from process start to the window shown, for the app as `python main.py FILE` starts
it (FILE the 2021 example; its event loop's first pass paints the window, and the run ends there) and
for a bare PySide6 QMainWindow with a tab widget and a table, and their ratio (target ≤ 1.5).
The bare window is as large as the app's first window (1280 × 860): left to itself it would open at
260 × 222, and painting a window a twentieth the size is not part of what the ratio compares;
runs of the two alternate, and both use compiled bytecode (a warm-up run fills a temporary cache).
With --instructions it also counts the instructions each executes up to the window shown (valgrind;
both end there, without tearing down): that ratio does not move with the machine's load. Last, the
median time from a cell edit to repainted findings (target ≤ 16 ms).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))  # the example, settings, bytecode; removed at the end
EXAMPLE = WORK / "example-2021.nianbao"
shutil.copy(ROOT / "resources" / "examples" / "example-2021.nianbao", EXAMPLE)

BARE = """
import os, time, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTableWidget
app = QApplication([])
w = QMainWindow(); tabs = QTabWidget(); tabs.addTab(QTableWidget(30, 8), "表"); w.setCentralWidget(tabs)
w.resize(1280, 860); w.show(); app.processEvents()
print(time.time(), flush=True)
os._exit(0)
"""

APP = """
import os, time, sys
sys.path.insert(0, {root!r})
import platformdirs
platformdirs.user_config_dir = platformdirs.user_data_dir = platformdirs.user_log_dir = lambda *a, **k: {home!r}
import core.cli, gui  # in the order main.py imports them
from PySide6.QtWidgets import QApplication

def shown(app):  # in place of the event loop, whose first pass paints the window
    app.processEvents()
    print(time.time(), flush=True)
    os._exit(0)

QApplication.exec = shown
import main
main.main([{example!r}])
"""


def _env() -> dict[str, str]:
    # Compiled bytecode, as an installed or frozen app has it (this machine may set PYTHONDONTWRITEBYTECODE).
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(WORK / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, env=_env(), check=True)
    from core.filelock import lock_path

    lock_path(EXAMPLE).unlink(missing_ok=True)  # the app ended without closing: each run opens the file afresh
    return result


def _shown_after(code: str) -> float:
    start = time.time()
    out = _run([sys.executable, "-c", code]).stdout
    return float(out.strip().splitlines()[-1]) - start


def _instructions(code: str) -> int:
    """Instructions the process executes up to the window shown (Valgrind's count does not depend on
    what else the machine is doing, so it shows the effect of a change that timing noise would hide)."""
    out = _run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                sys.executable, "-c", code]).stderr
    refs = re.search(r"I\s+refs:\s+([\d,]+)", out)
    if refs is None:
        raise SystemExit(f"valgrind gave no instruction count:\n{out}")
    return int(refs.group(1).replace(",", ""))


def edit_latency(edits: int = 200) -> list[float]:
    """Seconds from setData on a grid cell until the findings panel, badges and cells have repainted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import platformdirs

    home = str(WORK / "edit-home")  # not the clerk's own settings or recent files
    platformdirs.user_config_dir = platformdirs.user_data_dir = platformdirs.user_log_dir = lambda *a, **k: home
    from gui.app import application
    from gui.window import MainWindow

    app = application()
    window = MainWindow()
    window.show()
    window.open_report(EXAMPLE)
    page = window.show_section("s3")
    grid = page.grids["s3.new.natural"]
    model = grid.model()
    index = model.index_of("s3.new.natural")
    app.processEvents()
    times = []
    balanced = str(window.report.values["s3.new.natural"] or 0)
    for i in range(edits):  # alternate a balanced and a broken value: findings appear and vanish
        value = "999" if i % 2 else balanced
        start = time.perf_counter()
        model.setData(index, value)
        app.processEvents()  # the repaint of what the edit invalidated, posted by the views, happens here
        times.append(time.perf_counter() - start)
    window.report.mark_saved()
    window.close_report()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description="Window start-up and edit latency")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--instructions", action="store_true",
                        help="also count executed instructions with valgrind (about a minute)")
    args = parser.parse_args()
    try:
        _measure(args.runs, args.instructions)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    return 0


def _measure(runs: int, instructions: bool) -> None:
    app_code = APP.format(root=str(ROOT), home=str(WORK / "home"), example=str(EXAMPLE))
    _shown_after(BARE), _shown_after(app_code)  # warm the file cache
    pairs = [(_shown_after(BARE), _shown_after(app_code)) for _ in range(runs)]  # interleaved: a busy
    bare = statistics.median(b for b, _ in pairs)  # spell of the machine slows both, not one side
    app = statistics.median(a for _, a in pairs)
    ratio = statistics.median(a / b for b, a in pairs)
    print(f"bare QMainWindow shown after   {bare * 1000:7.1f} ms (median of {runs})")
    print(f"python main.py FILE shown after {app * 1000:6.1f} ms (median of {runs})")
    print(f"ratio                          {ratio:7.2f}   (median of the {runs} pairs; target ≤ 1.5)")
    if instructions:
        bare_i, app_i = _instructions(BARE), _instructions(app_code)
        print(f"instructions to window shown   {bare_i / 1e6:7.0f} M bare, {app_i / 1e6:.0f} M 年报, "
              f"ratio {app_i / bare_i:.2f}")
    times = edit_latency()
    print(f"cell edit → repainted findings {statistics.median(times) * 1000:7.2f} ms median, "
          f"{max(times) * 1000:.2f} ms max over {len(times)} edits (target ≤ 16 ms)")


if __name__ == "__main__":
    sys.exit(main())
