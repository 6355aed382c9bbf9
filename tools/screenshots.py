"""Save a PNG of every tab of the window (offscreen) into docs/screenshots/, for the README and review.

    QT_QPA_PLATFORM=offscreen python3 tools/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    import platformdirs

    home = Path(tempfile.mkdtemp(prefix="nianbao-shots-"))  # never the user's own settings or recovery copies
    platformdirs.user_config_dir = platformdirs.user_data_dir = platformdirs.user_log_dir = (  # type: ignore[assignment]
        lambda *a, **k: str(home))

    from PySide6.QtWidgets import QApplication

    from core.storage import load
    from gui.app import application
    from gui.window import MainWindow

    app = application()
    window = MainWindow()
    window.resize(1366, 900)
    window.show()
    window.show_report(None, None)
    _grab(app, window, args.out / "00-开始.png")

    examples = ROOT / "resources" / "examples"
    report = load(examples / "example-2021.nianbao")
    report.set_value("s3.new.natural", "40")  # one broken identity, to show how findings look
    window.show_report(report, examples / "example-2021.nianbao")
    for i, section_id in enumerate(window.sections):
        window.tabs.setCurrentIndex(i)
        _grab(app, window, args.out / f"{i + 1:02d}-{section_id}.png")
    window.show_preview()
    _grab(app, window, args.out / "09-预览.png", settle_ms=1500)  # QPdfView paints its pages in the background
    window.show_report(load(examples / "cixi-emergency-2019.nianbao"), examples / "cixi-emergency-2019.nianbao")
    window.tabs.setCurrentIndex(2)
    _grab(app, window, args.out / "08-s2-2019格式.png")
    window.show_report(None, None)
    QApplication.processEvents()
    return 0


def _grab(app: object, window: object, path: Path, settle_ms: int = 0) -> None:
    from PySide6.QtCore import QDeadlineTimer, QThread
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
    deadline = QDeadlineTimer(settle_ms)
    while not deadline.hasExpired():
        QThread.msleep(20)
        QApplication.processEvents()
    window.grab().save(str(path))  # type: ignore[attr-defined]
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    sys.exit(main())
