"""Merging copies of a study (one per laptop) into one team study, losing nothing.

Owns ``merge_source``, ``create_team_database`` and ``open_source``. Researchers copy a
study file from laptop to laptop, so two sources may be copies of one study with the same
study key: a source is therefore never trusted by its name or key, but record by record
by each record's change history (``storage.tables_change_log``, see ``merge_records``).
For each source, in one transaction that commits whole or not at all, under the team
study's writer lock:

- a record the team study does not have is added; a change (or a removal: a person, a
  tie, an answer) made in the source on top of the team's version is brought in;
- a version the team has already seen changes nothing, so merging a source twice adds
  nothing, and a change made only in the team study is kept;
- a record changed in both since they last agreed is a *conflict*: the team keeps its
  version, the source's is kept beside it (``storage.merge_conflicts``) with when and by
  whom each was made, until a researcher chooses in the app.

Erasure wins: a record of a family (or component) erased after a withdrawal, in the team
or in the source, is never brought in nor kept as a conflict, every erasing withdrawal is
applied again after each source, and the file's free pages are wiped. Each merge (and any
erasure it carries out) is written to the team's audit log in the same transaction; a
laptop's own audit log stays on the laptop. Sources are opened and read, never written.
Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import sqlcipher3
import sqlite_utils

import fieldwork
from fieldwork.domain.casebook import new_key
from fieldwork.domain.consent import ConsentComponent
from fieldwork.domain.consent_gating import Withdrawal, withdrawal_consequence
from fieldwork.domain.errors import FieldworkError
from fieldwork.storage import database
from fieldwork.storage.audit import write_audit
from fieldwork.storage.change_log import tracking_paused
from fieldwork.storage.merge_records import (
    Conflict,
    Places,
    all_rows,
    apply_removals,
    forget_erased_conflicts,
    merge_table,
)
from fieldwork.storage.schema import SCHEMA_VERSION, apply_migrations
from fieldwork.storage.study_lock import writing
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.tables_change_log import IGNORED_FIELDS, TRACKED_TABLES
from fieldwork.storage.withdrawal_store import (
    _erase_components,
    _erase_family,
    wipe_free_space,
)

# Parents before children, so every foreign key finds its row.
TABLES = TRACKED_TABLES
__all__ = ["TABLES", "IGNORED_FIELDS", "Conflict", "MergeError", "MergeReport",
           "create_team_database", "merge_source", "open_source"]


class MergeError(FieldworkError):
    """A source cannot be merged; nothing of it was written to the team database."""


@dataclass
class MergeReport:
    """What merging one source did."""

    source: str
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    waiting: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    erased_families: list[str] = field(default_factory=list)

    def summary(self) -> str:
        added = ", ".join(f"{n} {t}" for t, n in self.added.items() if n) or "nothing new"
        lines = [f"{self.source}: added {added}"]
        if any(self.updated.values()):
            lines.append("  brought up to date: " + ", ".join(
                f"{n} {t}" for t, n in self.updated.items() if n))
        if any(self.removed.values()):
            lines.append("  removed as in this copy: " + ", ".join(
                f"{n} {t}" for t, n in self.removed.items() if n))
        lines.append(f"  already in the team database: {self.unchanged} records")
        if self.erased_families:
            lines.append("  erased again (withdrawn with erasure): " + ", ".join(self.erased_families))
        for conflict in self.conflicts:
            lines.append(f"  CONFLICT {conflict.id}, team version kept, this copy's beside it: "
                         f"{conflict.table} {conflict.key}: "
                         f"{', '.join(conflict.fields) or 'removed on one side'}")
        if self.waiting:
            lines.append(f"  {self.waiting} conflict(s) from this copy still wait for a choice")
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
    researcher = getattr(team, "researcher_key", None)
    with writing(team.path, "merge"):
        _check_clashes(db, source, name)
        places = Places(db, source)
        try:
            with db.atomic():
                with tracking_paused(db):
                    removals: list[tuple[str, str]] = []
                    for table in TABLES:
                        outcome = merge_table(db, source, table, name, places, removals, researcher)
                        report.added[table], report.updated[table] = outcome.added, outcome.updated
                        report.removed[table] = outcome.removed
                        report.unchanged += outcome.unchanged
                        report.waiting += outcome.waiting
                        report.conflicts += outcome.conflicts
                    apply_removals(db, removals, TABLES)
                    report.erased_families = _apply_erasures(db, places.kept_out)
                    forget_erased_conflicts(db, places)
                    _forget_missing(db)
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


def _apply_erasures(db: sqlite_utils.Database, kept_out: set[str]) -> list[str]:
    """Apply every erasing withdrawal again; the codes of families whose rows were removed
    here, or kept out (``kept_out``: their keys) because the source still held them."""
    erased = [code for key, code in db.execute("SELECT family_key, family_code FROM withdrawals")
              if key in kept_out]
    for row in all_rows(db, "withdrawals"):
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
    """Drop entries of the old merge log (before change histories) of records erased since."""
    for table in TABLES:
        columns = ", ".join(f"[{pk}]" for pk in db[table].pks)
        db.execute(f"DELETE FROM merge_log WHERE table_name = ? AND row_key NOT IN "
                   f"(SELECT json_array({columns}) FROM [{table}])", [table])
