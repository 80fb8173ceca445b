"""Command-line fieldwork: `progress` prints where the fieldwork stands (and draws the
recruitment flow diagram with --figure); `clear-contacts`
erases every phone number and address when a study's fieldwork has ended.

Qt-free. The table comes from ``progress_store.study_progress`` (the same figures as the
app's Fieldwork view). Clearing asks the researcher to type the study's name, or takes
``--yes`` for scripts; it is audited as an erasure.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fieldwork.domain.errors import FieldworkError, InvalidInput


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def add_fieldwork_commands(commands: argparse._SubParsersAction) -> None:
    progress = commands.add_parser(
        "progress", help="print the fieldwork's progress: counts by stage per site and wave, and who is due")
    progress.add_argument("--db", type=Path, required=True, dest="command_db", help="the study file")
    progress.add_argument("--today", type=_day, help="count as on this date (YYYY-MM-DD; default today)")
    progress.add_argument("--figure", type=Path,
                          help="also draw the recruitment flow diagram to this .png or .pdf file")
    clear = commands.add_parser(
        "clear-contacts",
        help="erase every family's phone numbers and addresses (when the study's fieldwork has ended)")
    clear.add_argument("--db", type=Path, required=True, dest="command_db", help="the study file")
    clear.add_argument("--yes", action="store_true", help="do not ask to confirm")


def run_progress(arguments: argparse.Namespace, read_passphrase: Callable[..., str]) -> int:
    from fieldwork.domain.fieldwork_progress import format_progress
    from fieldwork.storage.progress_store import study_progress
    from fieldwork.storage.study_store import StudyStore

    store = StudyStore.open(arguments.command_db, read_passphrase(), read_only=True)
    try:
        today = arguments.today or date.today()
        print(f"Fieldwork progress of {store.study().name} on {today.isoformat()}")
        progress = study_progress(store, today)
        print(format_progress(progress, today))
        if arguments.figure:
            from fieldwork.export.flow_figure import save_flow_figure

            written = save_flow_figure(progress, arguments.figure, store.study().name)
            print(f"Flow diagram written to {written}.")
    finally:
        store.close()
    return 0


def run_clear_contacts(arguments: argparse.Namespace, read_passphrase: Callable[..., str]) -> int:
    from fieldwork.storage.contact_details_store import clear_all_contact_details, contact_details_count
    from fieldwork.storage.study_store import StudyStore

    store = StudyStore.open(arguments.command_db, read_passphrase(), holder="clear-contacts")
    try:
        name, count = store.study().name, contact_details_count(store)
        if count == 0:
            print(f"{arguments.command_db} holds no contact details; nothing was changed.")
            return 0
        if not arguments.yes:
            if not sys.stdin.isatty():
                raise FieldworkError("Not cleared: give --yes, or run this in a terminal to confirm.")
            print(f"This erases {count} phone numbers, addresses and appointment places of "
                  f"every family in '{name}'. It cannot be undone.")
            if input("Type the study's name to go on: ").strip() != name:
                raise InvalidInput("confirmation", "the name typed is not the study's; nothing was cleared")
        cleared = clear_all_contact_details(store)
    finally:
        store.close()
    print(f"Cleared {cleared} contact details from {arguments.command_db}.")
    return 0


FIELDWORK_COMMANDS = {"progress": run_progress, "clear-contacts": run_clear_contacts}
