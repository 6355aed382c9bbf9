"""Nianbao (年报): fill in, check and export the annual report on government information disclosure.

With a command (new, check, …) it runs headless; otherwise it opens the window:
``python main.py [FILE] [--smoke-test]``.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from core import cli

    if cli.is_command(argv):
        return cli.run(argv)
    from gui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
