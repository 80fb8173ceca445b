"""Command-line care of a study file: `restore` from a backup, `backup`, change `passphrase`.

Qt-free. Passphrases come from FIELDWORK_PASSPHRASE or are asked for without echo, never
taken from the command line. Every failure is one clear line from the caller.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from fieldwork.domain.errors import FieldworkError

NEW_PASSPHRASE_VARIABLE = "FIELDWORK_NEW_PASSPHRASE"


def add_study_commands(commands: argparse._SubParsersAction) -> None:
    restore = commands.add_parser(
        "restore", help="put a backup in place of the study (the current file is kept beside it)")
    restore.add_argument("--db", type=Path, required=True, dest="command_db", help="the study file")
    restore.add_argument("--from", type=Path, dest="backup",
                         help="the backup to restore (default: the newest that opens)")
    restore.add_argument("--list", action="store_true", help="only list the study's backups")
    backup = commands.add_parser("backup", help="make an encrypted backup of the study now")
    backup.add_argument("--db", type=Path, required=True, dest="command_db", help="the study file")
    passphrase = commands.add_parser(
        "passphrase",
        help=f"change the study's passphrase (the new one from {NEW_PASSPHRASE_VARIABLE} or asked twice)")
    passphrase.add_argument("--db", type=Path, required=True, dest="command_db", help="the study file")


def run_restore(arguments: argparse.Namespace, read_passphrase: Callable[..., str]) -> int:
    from fieldwork.storage.backups import (
        backup_time,
        list_backups,
        newest_good_backup,
        restore_backup,
    )
    from fieldwork.storage.restore import refuse_the_study_itself
    from fieldwork.storage.study_lock import writing
    from fieldwork.storage.study_store import StudyStore

    path: Path = arguments.command_db
    backups = list_backups(path)
    if arguments.list:
        for backup in backups:
            when = backup_time(backup)
            print(f"{when:%Y-%m-%d %H:%M:%S}  {backup}" if when else str(backup))
        if not backups:
            print(f"No backups of {path}.")
        return 0
    if arguments.backup is not None:
        refuse_the_study_itself(arguments.backup, path)  # before asking for a passphrase
    passphrase = read_passphrase()
    # One writer: no app or other command may save into the study while it is replaced,
    # nor between the restore and the audit line that records it.
    with writing(path, "restore"):
        backup = arguments.backup or newest_good_backup(path, passphrase)
        if backup is None:
            raise FieldworkError(f"No backup of {path} opens with this passphrase; nothing was changed.")
        set_aside = restore_backup(backup, path, passphrase)
        store = StudyStore.open(path, passphrase)
        try:
            store.audit("restore", [Path(backup).name])
        finally:
            store.close()
    print(f"Restored {path} from {backup}.")
    if set_aside is not None:
        print(f"The file it replaced is kept at {set_aside}.")
    return 0


def run_backup(arguments: argparse.Namespace, read_passphrase: Callable[..., str]) -> int:
    from fieldwork.storage.backups import make_backup
    from fieldwork.storage.study_store import StudyStore

    # Read-only: a backup is made while the app has the study open (no writer lock).
    store = StudyStore.open(arguments.command_db, read_passphrase(), read_only=True)
    try:
        print(f"Backed up to {make_backup(store)}.")
    finally:
        store.close()
    return 0


def run_passphrase(arguments: argparse.Namespace, read_passphrase: Callable[..., str]) -> int:
    from fieldwork.storage.private_files import make_private
    from fieldwork.storage.study_lock import writing
    from fieldwork.storage.study_store import StudyStore

    path: Path = arguments.command_db
    current = read_passphrase("Current passphrase: ")
    new = os.environ.get(NEW_PASSPHRASE_VARIABLE)
    # Re-encrypting rewrites every page: nobody else may write to the study meanwhile.
    with writing(path, "passphrase"):
        store = StudyStore.open(path, current)
        try:
            if new is None:
                new = _ask_new_passphrase()
            store.change_passphrase(current, new)
        finally:
            store.close()
        make_private(path)
    print(f"The passphrase of {path} was changed.")
    return 0


def _ask_new_passphrase() -> str:
    import getpass
    import sys

    if not sys.stdin.isatty():
        raise FieldworkError(
            f"No new passphrase: set {NEW_PASSPHRASE_VARIABLE} or run this in a terminal.")
    new = getpass.getpass("New passphrase: ")
    if getpass.getpass("Type it again: ") != new:
        raise FieldworkError("The two passphrases are not the same; nothing was changed.")
    return new


STUDY_COMMANDS = {"restore": run_restore, "backup": run_backup, "passphrase": run_passphrase}
