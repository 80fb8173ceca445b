"""The `fieldwork` entry point: the command line, and the app when no command is given."""

from __future__ import annotations

import sys


def main() -> None:
    from fieldwork.cli import main as cli_main

    sys.exit(cli_main())
