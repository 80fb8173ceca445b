"""The command line: `main.py demo`, `info`, `export`, `report`, `merge`, `backup`, `restore`,
`passphrase`, and the options that start the app.

Qt-free: the app's window is imported only when it is to be shown. Every failure prints one
line saying what and where, and exits non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fieldwork.domain.casebook import INTERVIEW_STATUS_LABELS, InterviewStatus
from fieldwork.domain.errors import FieldworkError

PASSPHRASE_VARIABLE = "FIELDWORK_PASSPHRASE"
EXIT_FAILURE = 2

if TYPE_CHECKING:
    from fieldwork.storage.study_store import StudyStore


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldwork",
        description=(
            "Offline, encrypted fieldwork for family research visits. With no command, "
            "opens the app."
        ),
        epilog=(
            f"Commands that open or create a database read the passphrase from "
            f"{PASSPHRASE_VARIABLE} when it is set, otherwise ask for it without echo."
        ),
    )
    parser.add_argument("--db", type=Path, help="the study database file (default: your user data folder)")
    parser.add_argument(
        "--demo", action="store_true",
        help="open the app on a throwaway copy of the fictional demo study",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="write the fictional demo study to a new database file")
    demo.add_argument("--db", type=Path, required=True, dest="command_db", help="the new file")
    info = commands.add_parser("info", help="print what a study database holds")
    info.add_argument("--db", type=Path, dest="command_db", help="the study database file")
    from fieldwork.export_commands import add_export_commands

    add_export_commands(commands)
    from fieldwork.study_commands import add_study_commands

    add_study_commands(commands)
    from fieldwork.resource_commands import add_resource_commands

    add_resource_commands(commands)
    from fieldwork.fieldwork_commands import add_fieldwork_commands

    add_fieldwork_commands(commands)
    from fieldwork.caseload_commands import add_caseload_commands

    add_caseload_commands(commands)
    from fieldwork.report_commands import add_report_command

    add_report_command(commands)
    commands.add_parser("self-check", help="check this installation: open the demo study in the app's "
                                           "window, go through an interview, export it, close")
    return parser


def read_passphrase(prompt: str = "Passphrase: ", *, confirm: bool = False) -> str:
    """The passphrase from the environment, or asked for without echo."""
    from_environment = os.environ.get(PASSPHRASE_VARIABLE)
    if from_environment is not None:
        return from_environment
    if not sys.stdin.isatty():
        raise FieldworkError(
            f"No passphrase: set {PASSPHRASE_VARIABLE} or run this in a terminal."
        )
    passphrase = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != passphrase:
        raise FieldworkError("The two passphrases are not the same; nothing was written.")
    return passphrase


def run_demo_command(path: Path) -> int:
    from fieldwork.demo import write_demo_study

    store = write_demo_study(path, read_passphrase("New passphrase for the demo study: ", confirm=True))
    counts = store.counts()
    store.close()
    print(f"Wrote the demo study to {path}: {counts['families']} families, "
          f"{counts['interviews']} interviews.")
    return 0


def run_info_command(path: Path) -> int:
    from fieldwork.storage.study_store import StudyStore

    store = StudyStore.open(path, read_passphrase(), read_only=True)
    try:
        print(describe(store))
    finally:
        store.close()
    return 0


def describe(store: StudyStore) -> str:
    """What `info` prints: the study, its families and interviews by wave and status."""
    study = store.study()
    counts = store.counts()
    lines = [
        f"Study: {study.name}",
        f"File: {store.path}",
        f"Schema version: {counts['schema_version']}",
        f"Sites: {', '.join(study.sites) or 'none'}",
        f"Families: {counts['families']}",
        f"Interviews: {counts['interviews']}",
    ]
    withdrawals = counts["withdrawals"]
    if withdrawals["erased"] or withdrawals["kept"]:
        lines.insert(5, f"Withdrawals: {withdrawals['erased'] + withdrawals['kept']} "
                        f"({withdrawals['erased']} with the family's data erased)")
    for wave, statuses in counts["by_wave"].items():
        parts = ", ".join(
            f"{INTERVIEW_STATUS_LABELS[InterviewStatus(status)].lower()} {n}"
            for status, n in sorted(statuses.items())
        )
        lines.append(f"  wave {wave}: {sum(statuses.values())} ({parts})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "demo":
            return run_demo_command(arguments.command_db)
        if arguments.command in ("restore", "backup", "passphrase"):
            from fieldwork.study_commands import STUDY_COMMANDS

            return STUDY_COMMANDS[arguments.command](arguments, read_passphrase)
        if arguments.command in ("progress", "clear-contacts"):
            from fieldwork.fieldwork_commands import FIELDWORK_COMMANDS

            return FIELDWORK_COMMANDS[arguments.command](arguments, read_passphrase)
        if arguments.command in ("laptop-copy", "check-in"):
            from fieldwork.caseload_commands import CASELOAD_COMMANDS

            return CASELOAD_COMMANDS[arguments.command](arguments, read_passphrase)
        if arguments.command in ("export", "merge"):
            from fieldwork.export_commands import run_export_command, run_merge_command

            if arguments.command == "export":
                return run_export_command(arguments, read_passphrase)
            return run_merge_command(arguments, read_passphrase)
        if arguments.command == "report":
            from fieldwork.report_commands import run_report_command

            return run_report_command(arguments, read_passphrase)
        if arguments.command == "resources":
            from fieldwork.resource_commands import run_resources_command

            return run_resources_command(arguments, read_passphrase)
        if arguments.command == "info":
            from fieldwork.storage.database import default_database_path

            return run_info_command(arguments.command_db or arguments.db or default_database_path())
        from fieldwork.display_check import missing_libraries_message, missing_x11_libraries

        missing = missing_x11_libraries()
        if missing:  # said before Qt starts: Qt would stop the program with advice that does not help
            raise FieldworkError(missing_libraries_message(missing))
        if arguments.command == "self-check":
            from fieldwork.ui.self_check import run_self_check

            return run_self_check()
        from fieldwork.ui.application import run_app

        return run_app(database_path=arguments.db, demo=arguments.demo)
    except FieldworkError as error:
        print(f"fieldwork: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as error:
        print(f"fieldwork: {error.strerror or error} ({error.filename or 'no file'})", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("fieldwork: stopped; nothing more was written.", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as error:
        # The storage layer turns the database's errors into FieldworkError; anything that
        # still gets here (a driver error on a path we did not foresee) is said in one line.
        import sqlcipher3

        if not isinstance(error, sqlcipher3.Error):
            raise
        print(f"fieldwork: the study database could not be read or written ({error}); "
              "nothing more was written.", file=sys.stderr)
        return EXIT_FAILURE
