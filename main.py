"""Nianbao (年报): fill in, check and export the annual report on government information disclosure.

With a command (new, check, …) it runs headless; without one it opens the window.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from core import cli

    if cli.is_command(argv):
        return cli.run(argv)
    print("窗口界面尚未完成，目前只能使用命令：python main.py --help", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
