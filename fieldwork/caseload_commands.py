"""Command-line caseloads: `laptop-copy` hands a researcher's families out of the team study
into a new study file; `check-in` brings that file's work back.

Qt-free. The team study's passphrase comes from FIELDWORK_PASSPHRASE (or is asked for), the
copy's own from FIELDWORK_COPY_PASSPHRASE (or is asked for, twice when it is new): a copy
travels on a laptop, so it never shares the team's passphrase by accident of a default.
Every failure is one clear line from the caller (``cli.main``).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from fieldwork.domain.errors import FieldworkError

COPY_PASSPHRASE_VARIABLE = "FIELDWORK_COPY_PASSPHRASE"
EXIT_CONFLICTS = 1  # as `merge`: conflicts wait for a choice (errors exit 2)


def add_caseload_commands(commands: argparse._SubParsersAction) -> None:
    copy = commands.add_parser(
        "laptop-copy",
        help="write a new study file holding only chosen families (by code, site or researcher), "
             f"under its own passphrase ({COPY_PASSPHRASE_VARIABLE} or asked twice)")
    copy.add_argument("--db", type=Path, required=True, dest="command_db", help="the team study file")
    copy.add_argument("--out", type=Path, required=True, help="the new file for the laptop")
    copy.add_argument("--families", default="", help="family codes, separated by commas (e.g. F001,F004)")
    copy.add_argument("--site", help="every family at this site")
    copy.add_argument("--researcher", help="every family this researcher interviewed or approached")
    copy.add_argument("--label", help="whose laptop or what the copy is for (default: the file name)")
    check_in = commands.add_parser(
        "check-in", help="bring a laptop copy's work back into the team study it was made from")
    check_in.add_argument("--into", type=Path, required=True, help="the team study file")
    check_in.add_argument("copy", type=Path, help="the laptop copy")


def _copy_passphrase(prompt: str, *, new: bool) -> str:
    given = os.environ.get(COPY_PASSPHRASE_VARIABLE)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise FieldworkError(f"No passphrase for the copy: set {COPY_PASSPHRASE_VARIABLE} or run this "
                             "in a terminal.")
    passphrase = getpass.getpass(prompt)
    if new and getpass.getpass("Type it again: ") != passphrase:
        raise FieldworkError("The two passphrases are not the same; nothing was written.")
    return passphrase


def run_laptop_copy(arguments: argparse.Namespace, read_passphrase: Callable[..., str]) -> int:
    from fieldwork.storage.laptop_copy import choose_families, make_laptop_copy
    from fieldwork.storage.study_store import StudyStore

    out: Path = arguments.out
    if out.exists():
        raise FieldworkError(f"{out} already exists; choose a new file for the copy. Nothing was written.")
    codes = [code.strip() for code in arguments.families.split(",") if code.strip()]
    if not (codes or arguments.site or arguments.researcher):
        raise FieldworkError("Say which families the copy holds: --families, --site or --researcher.")
    store = StudyStore.open(arguments.command_db, read_passphrase("Team study passphrase: "))
    try:
        chosen = choose_families(store.db, codes=codes, site=arguments.site, researcher=arguments.researcher)
        passphrase = _copy_passphrase("New passphrase for the laptop copy: ", new=True)
        made = make_laptop_copy(store, out, passphrase, chosen, arguments.label or out.name)
    finally:
        store.close()
    print(f"Laptop copy written to {made.path}: {len(made.family_codes)} families "
          f"({', '.join(made.family_codes)}), {made.records} records. No other family is in it.")
    print(f"Check it back in with: fieldwork check-in --into {arguments.command_db} {made.path}")
    return 0


def run_check_in(arguments: argparse.Namespace, read_passphrase: Callable[..., str]) -> int:
    from fieldwork.storage.laptop_copy import check_in_copy
    from fieldwork.storage.merge_conflicts import conflicts as waiting_conflicts
    from fieldwork.storage.study_merge import open_source
    from fieldwork.storage.study_store import StudyStore

    copy_path: Path = arguments.copy
    if copy_path.resolve() == arguments.into.resolve():
        raise FieldworkError(f"{copy_path} is the team study itself; nothing was checked in.")
    if not copy_path.is_file():
        raise FieldworkError(f"There is no laptop copy at {copy_path}; nothing was checked in.")
    team = StudyStore.open(arguments.into, read_passphrase("Team study passphrase: "))
    try:
        copy = open_source(copy_path, _copy_passphrase("Passphrase of the laptop copy: ", new=False))
        try:
            report = check_in_copy(team, copy, str(copy_path))
        finally:
            copy.close()
        print(report.summary())
        waiting = waiting_conflicts(team.db)
    finally:
        team.close()
    if waiting:
        print(f"{len(waiting)} conflict(s) wait for a choice; the team study keeps one version and the "
              "other beside it. Choose in the app: Study > Merge conflicts.")
        return EXIT_CONFLICTS
    return 0


CASELOAD_COMMANDS = {"laptop-copy": run_laptop_copy, "check-in": run_check_in}
