"""The ``report`` command, beside the CLI: ``main.py report --db STUDY --out DIR`` or ``--bundle BUNDLE``.

Owns the command's options and ``run_report_command``. The study is opened read-only (the
report runs while the app has it open, like ``export``); a bundle is read from its CSV
files. Qt-free.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from fieldwork.domain.errors import FieldworkError
from fieldwork.export.report.suppression import DEFAULT_THRESHOLD


def add_report_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = commands.add_parser(
        "report", help="write the evaluation's family tables as report.html and report.pdf",
        description="Write the evaluation's family tables (flow of families, SCORE-15 by "
                    "network support and wave, reliable change, network size and change, the "
                    "other questions as Tables 3.11-3.14) with figures and pseudonymised maps, "
                    "small numbers suppressed, to a new folder.")
    source = report.add_mutually_exclusive_group()
    source.add_argument("--db", type=Path, dest="command_db", help="the study database file")
    source.add_argument("--bundle", type=Path, help="an exported bundle folder to read instead")
    report.add_argument("--out", type=Path, required=True, help="the new folder to write")
    report.add_argument("--suppress-below", type=int, default=DEFAULT_THRESHOLD, metavar="N",
                        help=f"show counts from 1 to N-1 as '<N' (default {DEFAULT_THRESHOLD}; "
                             "1 shows every count)")
    report.add_argument("--map-pictures", type=int, default=4, metavar="N",
                        help="how many pseudonymised map pictures to include (default 4)")
    report.add_argument("--no-pdf", action="store_true", help="write the HTML only")


def run_report_command(arguments: argparse.Namespace,
                       read_passphrase: Callable[[], str]) -> int:
    from fieldwork.export.report.sources import source_from_bundle, source_from_study
    from fieldwork.export.report.writer import build_report, write_report

    if arguments.suppress_below < 1:
        raise FieldworkError(f"--suppress-below must be 1 or more, not {arguments.suppress_below}.")
    out = arguments.out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FieldworkError(f"{out} is a file or a folder that is not empty; give a new folder.")
    if arguments.bundle is not None:
        source = source_from_bundle(arguments.bundle, arguments.map_pictures)
    else:
        from fieldwork.storage.database import default_database_path
        from fieldwork.storage.study_store import StudyStore

        path = arguments.command_db or arguments.db or default_database_path()
        store = StudyStore.open(path, read_passphrase(), read_only=True)
        try:  # everything is read here; the maps are drawn from their copies afterwards
            source = source_from_study(store.db, arguments.map_pictures, f"study file {path}")
        finally:
            store.close()
    report = build_report(source, arguments.suppress_below)
    print(write_report(report, out, pdf=not arguments.no_pdf).summary())
    return 0
