"""Caseloads on laptops: a copy of the team study holding only chosen families, and its
check-in back into the team study.

Owns ``choose_families``, ``make_laptop_copy`` and ``check_in_copy``. A researcher's laptop
should carry the families they visit, not every family of a child-protection study. A copy
is a new study file, under its own passphrase, into which only the chosen families' records
are written — with their earlier waves (a wave-2 visit needs the wave-1 map) and each
record's change history — so a family not in the copy is not in its file at all: not a
row, not a page. The study's own key, sites, researchers and settings come along.

Because the records keep their histories, checking a copy back in is the team merge
(``study_merge.merge_source``) and is exact: a record changed on the laptop and not in the
team is brought in, a record changed on both is a conflict, a removal on the laptop is
carried, a record only the team changed stays. The copy names the study it came from
(``copy_origin``), so a copy of another study is refused, and the team records each copy
it handed out and when it came back (``laptop_copies``). Qt-free.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlcipher3
import sqlite_utils

from fieldwork.domain.casebook import new_key
from fieldwork.domain.errors import FieldworkError
from fieldwork.storage import database
from fieldwork.storage.private_files import make_private, sync_folder
from fieldwork.storage.schema import apply_migrations
from fieldwork.storage.study_merge import MergeReport, merge_source
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.tables_change_log import existing_tracked_tables

# Shared by every family of the study; a copy carries them whole.
STUDY_WIDE_TABLES = ("sites", "researchers")


class LaptopCopyError(FieldworkError):
    """A laptop copy cannot be made or checked in; nothing was written."""


@dataclass(frozen=True)
class LaptopCopy:
    """A copy made: where it is, its key, and the families it holds (codes)."""

    path: Path
    key: str
    family_codes: tuple[str, ...]
    records: int


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def choose_families(db: sqlite_utils.Database, *, codes: Sequence[str] = (), site: str | None = None,
                    researcher: str | None = None) -> list[str]:
    """The keys of the families chosen by code, site name or researcher (who interviewed or
    approached them); every code, site and researcher named must exist."""
    chosen: dict[str, None] = {}
    known = dict(db.execute("SELECT code, key FROM families").fetchall())
    for code in codes:
        if code not in known:
            raise LaptopCopyError(f"There is no family {code} in this study; no copy was made.")
        chosen[known[code]] = None
    if site is not None:
        rows = db.execute("SELECT key FROM families WHERE site = ? ORDER BY code", [site]).fetchall()
        if not rows:
            raise LaptopCopyError(f"No family of this study is at site '{site}'; no copy was made.")
        chosen.update((key, None) for (key,) in rows)
    if researcher is not None:
        found = db.execute("SELECT key FROM researchers WHERE name = ?", [researcher]).fetchall()
        if not found:
            raise LaptopCopyError(f"There is no researcher '{researcher}' in this study; no copy was made.")
        keys = [key for (key,) in found]
        marks = ", ".join("?" * len(keys))
        rows = db.execute(
            f"SELECT key FROM families WHERE key IN (SELECT family_key FROM interviews WHERE "
            f"researcher_key IN ({marks})) OR key IN (SELECT family_key FROM recruitment WHERE "
            f"approached_by IN ({marks})) ORDER BY code", [*keys, *keys]).fetchall()
        chosen.update((key, None) for (key,) in rows)
    if not chosen:
        raise LaptopCopyError("No families chosen: name them by code, site or researcher; no copy was made.")
    return list(chosen)


def _belongs(db: sqlite_utils.Database, table: str) -> str:
    """SQL condition on ``team.<table>`` that keeps the chosen families' rows."""
    columns = {column.name for column in db[table].columns}
    interviews = "SELECT key FROM team.interviews WHERE family_key IN (SELECT key FROM temp.chosen)"
    if table == "families":
        return "key IN (SELECT key FROM temp.chosen)"
    if "family_key" in columns:
        return "family_key IN (SELECT key FROM temp.chosen)"
    if "interview_key" in columns:
        return f"interview_key IN ({interviews})"
    if "record_key" in columns:
        return f"record_key IN (SELECT key FROM team.consent_records WHERE interview_key IN ({interviews}))"
    if "administration_key" in columns:
        return ("administration_key IN (SELECT key FROM team.instrument_administrations WHERE "
                f"interview_key IN ({interviews}))")
    raise LaptopCopyError(f"The table {table} cannot be split by family; no copy was made.")


def _copy_records(db: sqlite_utils.Database, family_keys: Sequence[str]) -> int:
    """Write the chosen families' records, and their histories, from ``team`` into ``main``."""
    db.execute("CREATE TEMP TABLE chosen (key TEXT PRIMARY KEY)")
    for key in family_keys:
        db.execute("INSERT INTO temp.chosen VALUES (?)", [key])
    records = 0
    for table in existing_tracked_tables(db):
        columns = ", ".join(f"[{column.name}]" for column in db[table].columns)
        where = "1" if table in STUDY_WIDE_TABLES else _belongs(db, table)
        cursor = db.execute(f"INSERT INTO main.[{table}] ({columns}) SELECT {columns} FROM team.[{table}] "
                            f"WHERE {where}")
        records += max(cursor.rowcount, 0)
        keys = "json_array(" + ", ".join(f"[{pk}]" for pk in db[table].pks) + ")"
        mine = f"row_key IN (SELECT {keys} FROM main.[{table}])"
        db.execute("INSERT INTO main.row_changes (change_id, table_name, row_key, parent_id, merged_id, "
                   "kind, at, researcher_key, open) SELECT change_id, table_name, row_key, parent_id, "
                   "merged_id, kind, at, researcher_key, open FROM team.row_changes WHERE "
                   f"table_name = ? AND {mine} ORDER BY seq", [table])
        db.execute(f"INSERT INTO main.row_heads SELECT * FROM team.row_heads WHERE table_name = ? AND {mine}",
                   [table])
    db.execute("DROP TABLE temp.chosen")
    return records


def make_laptop_copy(team: StudyStore, out: Path, passphrase: str, family_keys: Sequence[str],
                     label: str) -> LaptopCopy:
    """Write a new study file at ``out`` holding only ``family_keys``, under ``passphrase``."""
    out = Path(out)
    if out.exists():
        raise LaptopCopyError(f"{out} already exists; choose a new file for the copy. Nothing was written.")
    if not out.parent.is_dir():
        raise LaptopCopyError(f"There is no folder {out.parent}; no copy was made.")
    database.check_new_passphrase(passphrase)
    study_key = team.db.execute("SELECT key FROM study").fetchone()[0]
    codes = dict(team.db.execute("SELECT key, code FROM families").fetchall())
    copy_key = new_key()
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    db = database.create_encrypted(partial, passphrase)
    try:
        apply_migrations(db)
        db.execute(f"ATTACH DATABASE ? AS team KEY {database.quoted(team.backup_passphrase())}",
                   [str(team.path)])
        with db.atomic():
            db.execute("INSERT INTO change_tracking_paused VALUES ('laptop copy')")
            db.execute("INSERT INTO main.study SELECT * FROM team.study")
            db.execute("INSERT INTO main.study_settings SELECT * FROM team.study_settings")
            records = _copy_records(db, family_keys)
            db.execute("DELETE FROM change_tracking_paused")
            db["copy_origin"].insert({"copy_key": copy_key, "team_study_key": study_key, "label": label,
                                      "family_keys": json.dumps(list(family_keys)), "made_at": _now()})
        db.execute("DETACH DATABASE team")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except (sqlcipher3.Error, database.StorageError) as error:
        db.close()
        partial.unlink(missing_ok=True)
        raise LaptopCopyError(f"The copy could not be written to {out} ({error}); nothing was kept.") from None
    except BaseException:
        db.close()
        partial.unlink(missing_ok=True)
        raise
    db.close()
    for leftover in (partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
        leftover.unlink(missing_ok=True)
    make_private(partial)
    # The team records the copy before the file is given its name: a copy that exists is
    # always one the team handed out, so it can be checked in. (Recorded after the rename,
    # a kill in between left a copy whose check-in was refused, with the laptop's work.)
    # A kill after the record and before the rename leaves only the record and a .partial,
    # which the next attempt removes.
    with team.edit("laptop copy", action="laptop_copy", keys=[copy_key]) as team_db:
        team_db["laptop_copies"].insert({"key": copy_key, "label": label, "made_at": _now(),
                                         "family_keys": json.dumps(list(family_keys)),
                                         "made_by": team.researcher_key})
    try:
        os.replace(partial, out)
        sync_folder(out.parent)
    except OSError as error:
        partial.unlink(missing_ok=True)
        with team.edit("laptop copy not made", action="laptop_copy", keys=[copy_key]) as team_db:
            team_db["laptop_copies"].delete(copy_key)
        raise LaptopCopyError(f"The copy could not be named {out} ({error}); nothing was kept.") from None
    return LaptopCopy(out, copy_key, tuple(sorted(codes[key] for key in family_keys)), records)


def copy_origin(db: sqlite_utils.Database) -> dict[str, str] | None:
    """Where a study file came from, if it is a laptop copy."""
    row = db.execute("SELECT copy_key, team_study_key, label, made_at FROM copy_origin").fetchone()
    return None if row is None else dict(zip(("copy_key", "team_study_key", "label", "made_at"), row,
                                             strict=True))


def check_in_copy(team: StudyStore, copy: sqlite_utils.Database, name: str) -> MergeReport:
    """Bring a laptop copy's work back into the team study it was made from."""
    origin = copy_origin(copy)
    if origin is None:
        raise LaptopCopyError(f"{name} is not a laptop copy; merge it with `merge` instead. Nothing was merged.")
    study_key = team.db.execute("SELECT key FROM study").fetchone()[0]
    if origin["team_study_key"] != study_key:
        raise LaptopCopyError(f"{name} was copied from another study, not from this one; nothing was merged.")
    handed_out = team.db.execute("SELECT checked_in_at FROM laptop_copies WHERE key = ?",
                                 [origin["copy_key"]]).fetchone()
    if handed_out is None:
        raise LaptopCopyError(f"{name} ('{origin['label']}') is not a copy this team study handed out "
                              "(was it made from a backup?); nothing was merged.")
    report = merge_source(team, copy, name)
    with team.edit("laptop copy checked in", action="check_in", keys=[origin["copy_key"]]) as team_db:
        team_db["laptop_copies"].update(origin["copy_key"], {"checked_in_at": _now(),
                                                             "checked_in_by": team.researcher_key})
    return report
