"""Merging several researchers' study databases into one team database.

Owns ``merge_source`` and ``create_team_database``. Every record is matched by its key
(UUIDs, so records from different laptops never collide by accident). For each source,
in one transaction that commits whole or not at all:

- a record the team database does not have is added;
- a record that is the same in both is left alone (so merging a laptop twice adds nothing);
- a record changed only on the laptop since it was last merged from there is brought up
  to date, and one changed only in the team database is kept;
- a record changed differently on both sides is a ``Conflict``: reported with its table,
  key and the fields that differ, and the team's version is kept, never overwritten.

What was last merged from each source is remembered in the team database's ``merge_log``
table (source study key, table, record key, hash of the record; no content). Erasure
wins: after each source, every erasing withdrawal in the team database is applied again,
so a laptop that still holds an erased family's data cannot bring it back, and the
file's free pages are wiped. Each merge (and any erasure it carries out) is written to
the team's audit log in the same transaction; a laptop's own audit log stays on the
laptop. Sources are opened and read, never written. Qt-free.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlcipher3
import sqlite_utils

import fieldwork
from fieldwork.domain.casebook import new_key
from fieldwork.domain.consent import ConsentComponent
from fieldwork.domain.consent_gating import Withdrawal, withdrawal_consequence
from fieldwork.domain.errors import FieldworkError
from fieldwork.storage import database
from fieldwork.storage.audit import write_audit
from fieldwork.storage.schema import SCHEMA_VERSION, apply_migrations
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import (
    _erase_components,
    _erase_family,
    wipe_free_space,
)

# Parents before children, so every foreign key finds its row.
TABLES = ("researchers", "sites", "families", "interviews", "interview_steps",
          "consent_records", "consent_answers", "withdrawals", "network_maps", "map_people",
          "map_ties", "instrument_administrations", "instrument_answers",
          "safeguarding_reports")
# Bookkeeping that says nothing about the record itself: a difference here alone is no conflict.
IGNORED_FIELDS = frozenset({"updated_at"})


class MergeError(FieldworkError):
    """A source cannot be merged; nothing of it was written to the team database."""


@dataclass(frozen=True)
class Conflict:
    source: str
    table: str
    key: str
    fields: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.table} {self.key}: {', '.join(self.fields)} differ ({self.source})"


@dataclass
class MergeReport:
    """What merging one source did."""

    source: str
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    erased_families: list[str] = field(default_factory=list)

    def summary(self) -> str:
        added = ", ".join(f"{n} {t}" for t, n in self.added.items() if n) or "nothing new"
        lines = [f"{self.source}: added {added}"]
        if any(self.updated.values()):
            lines.append("  brought up to date: " + ", ".join(
                f"{n} {t}" for t, n in self.updated.items() if n))
        lines.append(f"  already in the team database: {self.unchanged} records")
        if self.erased_families:
            lines.append("  erased again (withdrawn with erasure): " + ", ".join(self.erased_families))
        for conflict in self.conflicts:
            lines.append(f"  CONFLICT, team version kept: {conflict.table} {conflict.key}: "
                         f"{', '.join(conflict.fields)}")
        return "\n".join(lines)


def create_team_database(path: Path, passphrase: str, study_name: str) -> StudyStore:
    """A new, empty team database (no researchers: they come from the sources)."""
    db = database.create_encrypted(path, passphrase)
    try:
        apply_migrations(db)
        with db.atomic():
            db["study"].insert({"key": new_key(), "name": study_name,
                                "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                                "created_by_version": fieldwork.__version__})
    except sqlcipher3.Error as error:
        db.close()
        path.unlink(missing_ok=True)
        raise MergeError(f"Could not create {path}: {error}.") from None
    db.close()
    return StudyStore.open(path, passphrase)


def open_source(path: Path, passphrase: str) -> sqlite_utils.Database:
    """Open a laptop's database to read; it must have this version's schema."""
    db = database.open_encrypted(path, passphrase, schema_version=SCHEMA_VERSION)
    found = db.execute("PRAGMA user_version").fetchone()[0]
    if found != SCHEMA_VERSION:
        db.close()
        raise MergeError(f"{path} has an older schema ({found}; this version writes "
                         f"{SCHEMA_VERSION}): open it once in the app to bring it up to date, "
                         "then merge it.")
    return db


def _row_key(row: dict[str, Any], pks: list[str]) -> str:
    # The same text as SQLite's json_array(...), so the log can be checked against a table.
    return json.dumps([row[pk] for pk in pks], separators=(",", ":"))


def _hash(row: dict[str, Any]) -> str:
    content = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in sorted(row.items())
               if k not in IGNORED_FIELDS}
    return hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()


def _differing(a: dict[str, Any], b: dict[str, Any]) -> tuple[str, ...]:
    return tuple(k for k in a if k not in IGNORED_FIELDS and a.get(k) != b.get(k))


def _all_rows(db: sqlite_utils.Database, table: str) -> list[dict[str, Any]]:
    cursor = db.execute(f"SELECT * FROM [{table}]")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _check_clashes(team: sqlite_utils.Database, source: sqlite_utils.Database, name: str) -> None:
    """A family code used by another family in the team database stops the whole source."""
    team_codes = {row[0]: row[1] for row in team.execute(
        "SELECT code, key FROM families UNION SELECT family_code, family_key FROM withdrawals")}
    for code, key in source.execute(
            "SELECT code, key FROM families UNION SELECT family_code, family_key FROM withdrawals"):
        if code in team_codes and team_codes[code] != key:
            raise MergeError(f"{name}: family code {code} belongs to a different family in the "
                             "team database; give one of them a new code and merge again "
                             "(nothing from this source was merged).")


def merge_source(team: StudyStore, source: sqlite_utils.Database, name: str) -> MergeReport:
    """Merge one source into the team database in one transaction (all of it, or none)."""
    report = MergeReport(name)
    source_key = next(iter(source.execute("SELECT key FROM study LIMIT 1")), (None,))[0]
    if source_key is None:
        raise MergeError(f"{name} holds no study record; it is not a study database.")
    db = team.db
    _check_clashes(db, source, name)
    try:
        with db.atomic():
            for table in TABLES:
                _merge_table(db, source, table, source_key, report)
            report.erased_families = _apply_erasures(db)
            _forget_missing(db)
            researcher = getattr(team, "researcher_key", None)
            write_audit(db, researcher, "merge", [source_key])
            if report.erased_families:
                write_audit(db, researcher, "erase", report.erased_families)
    except sqlcipher3.IntegrityError as error:
        raise MergeError(f"{name} clashes with the team database ({error}); nothing from it "
                         "was merged.") from None
    except sqlcipher3.Error as error:
        raise MergeError(f"{name} could not be merged ({error}); nothing from it was "
                         "merged.") from None
    if report.erased_families:
        wipe_free_space(team)
    return report


def _merge_table(db: sqlite_utils.Database, source: sqlite_utils.Database, table: str,
                 source_key: str, report: MergeReport) -> None:
    pks = db[table].pks
    team_rows = {_row_key(r, pks): r for r in _all_rows(db, table)}
    logged = {row[0]: row[1] for row in db.execute(
        "SELECT row_key, row_hash FROM merge_log WHERE source_key = ? AND table_name = ?",
        [source_key, table])}
    site_names = {r["name"] for r in team_rows.values()} if table == "sites" else set()
    added = updated = 0
    log: list[dict[str, Any]] = []
    for row in _all_rows(source, table):
        key = _row_key(row, pks)
        digest = _hash(row)
        mine = team_rows.get(key)
        if mine is None:
            if table == "sites" and row["name"] in site_names:
                continue  # the same site, added on another laptop
            db[table].insert(row)
            added += 1
        elif _hash(mine) == digest:
            report.unchanged += 1
        elif logged.get(key) == digest:
            report.unchanged += 1  # unchanged on the laptop; the team's newer version stays
            continue
        elif logged.get(key) == _hash(mine):
            db[table].update(tuple(row[pk] for pk in pks) if len(pks) > 1 else row[pks[0]], row)
            updated += 1
        else:
            report.conflicts.append(Conflict(report.source, table, key,
                                             _differing(row, mine)))
            continue
        log.append({"source_key": source_key, "table_name": table, "row_key": key,
                    "row_hash": digest})
    db["merge_log"].upsert_all(log, pk=("source_key", "table_name", "row_key"))
    report.added[table] = added
    report.updated[table] = updated


def _apply_erasures(db: sqlite_utils.Database) -> list[str]:
    """Apply every erasing withdrawal again; the codes of families whose rows were removed."""
    erased = []
    for row in _all_rows(db, "withdrawals"):
        if not row["erased"]:
            continue
        withdrawal = Withdrawal(family_id=row["family_key"],
                                withdrawn_on=date.fromisoformat(row["withdrawn_on"]),
                                scope=row["scope"], communicated=row["communicated"],
                                policy=row["policy"], withdrawal_id=row["key"])
        consequence = withdrawal_consequence(withdrawal)
        interviews = [r[0] for r in db.execute(
            "SELECT key FROM interviews WHERE family_key = ?", [row["family_key"]])]
        before = db.execute("SELECT total_changes()").fetchone()[0]
        if consequence.components == frozenset(ConsentComponent):
            _erase_family(db, row["family_key"], interviews)
        else:
            _erase_components(db, interviews, consequence.components)
        if db.execute("SELECT total_changes()").fetchone()[0] != before:
            erased.append(row["family_code"])
    return sorted(set(erased))


def _forget_missing(db: sqlite_utils.Database) -> None:
    """Drop log entries of records no longer in the team database (erased)."""
    for table in TABLES:
        columns = ", ".join(f"[{pk}]" for pk in db[table].pks)
        db.execute(f"DELETE FROM merge_log WHERE table_name = ? AND row_key NOT IN "
                   f"(SELECT json_array({columns}) FROM [{table}])", [table])
