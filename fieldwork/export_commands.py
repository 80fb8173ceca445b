"""The `export` and `merge` commands, beside the CLI: their options, passphrases and what they print.

Owns the argparse definitions the command line adds (``add_export_commands``) and running
them. Passphrases never come from the command line itself: ``FIELDWORK_PASSPHRASE`` is
tried for every database; a database it does not open is given its own passphrase by
``--passphrase-file DATABASE=FILE`` or asked for without echo. Qt-free.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.database import WrongPassphrase

PASSPHRASE_VARIABLE = "FIELDWORK_PASSPHRASE"
EXIT_CONFLICTS = 1

ReadPassphrase = Callable[..., str]


def add_export_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = commands.add_parser(
        "export", help="write the analysts' bundle (CSVs, codebook, GraphML, manifest)",
        description="Write a pseudonymised bundle for analysts to a new folder.")
    export.add_argument("--db", type=Path, dest="command_db", help="the study database file")
    export.add_argument("--out", type=Path, required=True, help="the new folder to write")
    export.add_argument("--zip", action="store_true", help="also write OUT.zip beside the folder")
    export.add_argument("--include-free-text", action="store_true",
                        help="include notes, closing notes and free-text answers (may identify people)")
    export.add_argument("--include-names", action="store_true",
                        help="include names of people, researchers and interpreters (identifying)")
    export.add_argument("--shift-dates", action="store_true",
                        help="move each family's dates by a random number of days, keeping intervals")
    export.add_argument("--maps", action="store_true", help="also draw each map as a picture in maps/")
    export.add_argument("--formats", default="csv", metavar="LIST",
                        help="csv always; add sav (SPSS, in spss/) and/or dta (Stata, in stata/), "
                             "e.g. --formats csv,sav,dta")
    merge = commands.add_parser(
        "merge", help="merge researchers' study databases into one team database",
        description="Merge laptops' databases, or copies of one study, into a team database "
                    "(created if missing). A record changed in two copies since they last "
                    "agreed is a conflict: the team keeps one version and the other beside it, "
                    "to be chosen in the app. Exits 0 when merged, 1 when conflicts wait for a "
                    "choice (all are printed with both versions), 2 on failure.")
    merge.add_argument("--into", type=Path, required=True, help="the team database file")
    merge.add_argument("sources", type=Path, nargs="+", metavar="LAPTOP.db",
                       help="the databases to merge in")
    merge.add_argument("--passphrase-file", action="append", default=[], metavar="DATABASE=FILE",
                       help="read the passphrase of DATABASE from the first line of FILE "
                            "(may be repeated)")


def _passphrase_files(entries: list[str]) -> dict[Path, Path]:
    files = {}
    for entry in entries:
        database, separator, file = entry.partition("=")
        if not separator or not database or not file:
            raise FieldworkError(f"--passphrase-file needs DATABASE=FILE, not '{entry}'.")
        files[Path(database).resolve()] = Path(file)
    return files


def _from_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise FieldworkError(f"Cannot read the passphrase file {path}: {error.strerror}.") from None
    return text.splitlines()[0] if text else ""


def _open_with_passphrases(path: Path, files: dict[Path, Path],
                           opener: Callable[[Path, str], object]) -> object:
    """Open ``path`` with its file's passphrase, else the environment's, else ask."""
    given = files.get(path.resolve())
    if given is not None:
        return opener(path, _from_file(given))
    environment = os.environ.get(PASSPHRASE_VARIABLE)
    if environment is not None:
        try:
            return opener(path, environment)
        except WrongPassphrase:
            if not sys.stdin.isatty():
                raise WrongPassphrase(
                    f"{PASSPHRASE_VARIABLE} does not open {path}; give its passphrase with "
                    f"--passphrase-file {path}=FILE. Nothing was changed.") from None
    elif not sys.stdin.isatty():
        raise FieldworkError(f"No passphrase for {path}: set {PASSPHRASE_VARIABLE}, use "
                             "--passphrase-file, or run this in a terminal.")
    return opener(path, getpass.getpass(f"Passphrase for {path}: "))


def run_export_command(arguments: argparse.Namespace, read_passphrase: ReadPassphrase) -> int:
    from fieldwork.export.bundle import ExportOptions, check_destination, write_bundle
    from fieldwork.storage.database import default_database_path
    from fieldwork.storage.study_store import StudyStore

    formats = tuple(dict.fromkeys(f.strip().lower() for f in arguments.formats.split(",") if f.strip()))
    if "csv" not in formats:  # the CSVs are the bundle; sav and dta are copies beside them
        formats = ("csv", *formats)
    options = ExportOptions(include_free_text=arguments.include_free_text,
                            include_names=arguments.include_names,
                            shift_dates=arguments.shift_dates, maps=arguments.maps,
                            zip=arguments.zip, formats=formats)
    check_destination(arguments.out, options)  # before asking for a passphrase
    path = arguments.command_db or arguments.db or default_database_path()
    # Read-only: an export runs while the app has the study open (it waits for a save in
    # progress, never takes the writer lock).
    store = StudyStore.open(path, read_passphrase(), read_only=True)
    try:
        result = write_bundle(store.db, arguments.out, options, reader=store.reader())
        store.audit("export")
    finally:
        store.close()
    print(result.summary())
    return 0


def run_merge_command(arguments: argparse.Namespace, read_passphrase: ReadPassphrase) -> int:
    from fieldwork.storage.merge_conflicts import conflicts as waiting_conflicts
    from fieldwork.storage.study_merge import create_team_database, merge_source, open_source
    from fieldwork.storage.study_store import StudyStore

    files = _passphrase_files(arguments.passphrase_file)
    team_path: Path = arguments.into
    sources: list[Path] = arguments.sources
    for source in sources:
        if source.resolve() == team_path.resolve():
            raise FieldworkError(f"{source} is the team database itself; nothing was merged.")
        if not source.is_file():
            raise FieldworkError(f"There is no study database at {source}; nothing was merged.")
    opened = [(s, _open_with_passphrases(s, files, open_source)) for s in sources]
    try:
        if team_path.exists():
            team = _open_with_passphrases(team_path, files, StudyStore.open)
        else:
            name = next(iter(opened[0][1].execute("SELECT name FROM study")), ("Team study",))[0]
            given = files.get(team_path.resolve())
            passphrase = _from_file(given) if given else read_passphrase(
                "New passphrase for the team database: ", confirm=True)
            team = create_team_database(team_path, passphrase, name)
        try:
            for path, db in opened:
                report = merge_source(team, db, str(path))  # type: ignore[arg-type]
                print(report.summary())
            waiting = waiting_conflicts(team.db)  # type: ignore[attr-defined]
        finally:
            team.close()  # type: ignore[attr-defined]
    finally:
        for _path, db in opened:
            db.close()  # type: ignore[attr-defined]
    if waiting:
        print()
        for conflict in waiting:
            print("\n".join(conflict.lines()))
        print(f"{len(waiting)} conflict(s) wait for a choice. The team study keeps one version "
              "and the other beside it; nothing was lost. Choose in the app: Study > Merge "
              "conflicts.")
        return EXIT_CONFLICTS
    return 0
