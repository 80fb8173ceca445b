"""Merging one table of a copy into the team study, record by record, by their histories.

Owns ``merge_table`` and ``Places``. For each record the copy has (or has removed), with
the team's head ``ht`` and the copy's head ``hs`` (see ``storage.tables_change_log``):

- the team never had it: it is added (a removal of a record the team never had is nothing);
- the team has seen ``hs`` already: nothing changes (merging a copy twice adds nothing);
- ``hs`` was made on top of ``ht``: the copy's version (or its removal) is brought in;
- otherwise both changed it since they last agreed. If both versions say the same, or one
  side's version is one the other built on, no choice is needed; else it is a *conflict*:
  the team keeps its version and the copy's is kept beside it in ``merge_conflicts``.

The copy's changes of a record are taken into the team's history, so the team knows
later what it has seen. A record of a family (or component) erased after a withdrawal,
here or in the copy, is never brought in and never kept as a conflict: erasure wins.
Removals are collected and carried out children first, after every table. Qt-free.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlite_utils

from fieldwork.domain.consent_gating import Withdrawal, withdrawal_consequence
from fieldwork.storage.answer_store import consent_component
from fieldwork.storage.change_log import (
    KEEP_TEAM,
    TAKE_OTHER,
    RecordHistory,
    add_merge_change,
    changes_by_record,
    heads,
    now_utc,
    set_head,
    take_in_changes,
)
from fieldwork.storage.merge_conflicts import differing_fields, row_to_json
from fieldwork.storage.tables_change_log import base_change_id, content_hash, row_key

MAP_TABLES = ("network_maps", "map_people", "map_ties")
# Family-level tables of case status and social workers (tables_case_status), by the built-in
# component whose withdrawal erases them.
CASE_TABLE_COMPONENTS = {"case_status": "case_records", "family_social_workers": "social_worker_interview"}
INSTRUMENT_TABLES = ("instrument_administrations", "instrument_answers")


@dataclass(frozen=True)
class Conflict:
    """A record changed differently in the team study and a copy (found by this merge)."""

    source: str
    table: str
    key: str
    fields: tuple[str, ...]
    id: int = 0

    def __str__(self) -> str:
        return f"{self.table} {self.key}: {', '.join(self.fields) or 'removed on one side'} ({self.source})"


@dataclass
class TableOutcome:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    waiting: int = 0
    conflicts: list[Conflict] = field(default_factory=list)


def all_rows(db: sqlite_utils.Database, table: str) -> list[dict[str, Any]]:
    cursor = db.execute(f"SELECT * FROM [{table}]")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


class Places:
    """Where a record belongs (family, interview, consent component), from both studies."""

    def __init__(self, *studies: sqlite_utils.Database) -> None:
        self.interview_family: dict[str, str] = {}
        self.administrations: dict[str, tuple[str, str]] = {}
        self.consent_interview: dict[str, str] = {}
        self.erased: dict[str, frozenset[str]] = {}
        self.kept_out: set[str] = set()  # families whose erased records a copy still held
        for db in studies:
            self.interview_family.update(db.execute("SELECT key, family_key FROM interviews").fetchall())
            self.administrations.update((k, (i, n)) for k, i, n in db.execute(
                "SELECT key, interview_key, instrument_id FROM instrument_administrations"))
            self.consent_interview.update(db.execute("SELECT key, interview_key FROM consent_records"))
            for row in all_rows(db, "withdrawals"):
                if row["erased"]:
                    components = withdrawal_consequence(Withdrawal(
                        family_id=row["family_key"], withdrawn_on=date.fromisoformat(row["withdrawn_on"]),
                        scope=row["scope"], communicated=row["communicated"], policy=row["policy"],
                        withdrawal_id=row["key"])).components
                    family = row["family_key"]
                    self.erased[family] = self.erased.get(family, frozenset()) | components

    def place(self, table: str, row: dict[str, Any]) -> tuple[str | None, str | None, str]:
        """(family key, interview key, consent component) of a record."""
        interview = row.get("key") if table == "interviews" else row.get("interview_key")
        component = "network_map" if table in MAP_TABLES else "interview"
        if table == "conversation_quotes":  # a quote stands on the family's consent to quotes
            component = "anonymous_quotes"
        if table in ("consent_answers", "consent_record_components"):
            interview = self.consent_interview.get(row["record_key"])
        elif table in CASE_TABLE_COMPONENTS:  # family-level, under the built-in component for it
            component = CASE_TABLE_COMPONENTS[table]
        elif table in INSTRUMENT_TABLES:
            administration = (row["key"] if table == "instrument_administrations"
                              else row["administration_key"])
            interview, instrument = self.administrations.get(administration, (None, ""))
            component = consent_component(instrument)
        if table in ("families", "withdrawals"):
            family = row["key"] if table == "families" else row["family_key"]
        else:
            family = row.get("family_key") or self.interview_family.get(interview or "")
        return family, interview, component

    def is_erased(self, table: str, row: dict[str, Any]) -> bool:
        if table in ("withdrawals", "researchers", "sites"):
            return False
        family, _interview, component = self.place(table, row)
        if component in self.erased.get(family or "", frozenset()):
            self.kept_out.add(family or "")
            return True
        return False


def merge_table(db: sqlite_utils.Database, source: sqlite_utils.Database, table: str, name: str,
                places: Places, removals: list[tuple[str, str]], researcher: str | None) -> TableOutcome:
    """Merge one table of ``source`` into the team study ``db`` (tracking paused by the caller)."""
    pks = db[table].pks
    outcome = TableOutcome()
    team_rows = {row_key(r, pks): r for r in all_rows(db, table)}
    source_rows = {row_key(r, pks): r for r in all_rows(source, table)}
    team_changes, source_changes = changes_by_record(db, table), changes_by_record(source, table)
    team_heads, source_heads = heads(db, table), heads(source, table)
    known = {c["change_id"] for changes in team_changes.values() for c in changes}
    waiting = set(db.execute("SELECT row_key, other_change FROM merge_conflicts WHERE table_name = ? "
                             "AND settled_at IS NULL", [table]).fetchall())
    site_names = {r["name"] for r in team_rows.values()} if table == "sites" else set()
    for key in sorted(source_heads.keys() | source_rows.keys()):
        mine, theirs = team_rows.get(key), source_rows.get(key)
        if (mine or theirs) is None or places.is_erased(table, theirs or mine):  # type: ignore[arg-type]
            continue
        hs = source_heads.get(key) or base_change_id(table, key, theirs)  # type: ignore[arg-type]
        ht = team_heads.get(key)
        history = RecordHistory.of(team_changes.get(key, []), source_changes.get(key, []))
        theirs_history = source_changes.get(key, [])
        if ht is None and mine is None:
            if theirs is None or (table == "sites" and theirs["name"] in site_names):
                continue  # removed there, never here; or the same site added on another laptop
            db[table].insert(theirs)
            take_in_changes(db, theirs_history, known)
            set_head(db, table, key, hs)
            outcome.added += 1
            continue
        team_seen = history.seen(ht)
        if hs in team_seen:
            outcome.unchanged += 1
            continue
        take_in_changes(db, theirs_history, known)
        if ht is not None and ht in history.seen(hs):
            _bring_in(db, table, pks, key, mine, theirs, removals, outcome)
            set_head(db, table, key, hs)
        elif content_hash(mine) == content_hash(theirs) or history.same_content(hs) & team_seen:
            add_merge_change(db, table, key, ht, hs, KEEP_TEAM, researcher)
            outcome.unchanged += 1
        elif history.same_content(ht) & history.seen(hs):
            # The team's version is one the copy built its change on: take the change.
            _bring_in(db, table, pks, key, mine, theirs, removals, outcome)
            add_merge_change(db, table, key, ht, hs, TAKE_OTHER, researcher)
        elif (key, hs) in waiting:
            outcome.waiting += 1
        else:
            outcome.conflicts.append(_record_conflict(db, table, key, name, ht, hs, mine, theirs,
                                                      history, places))
    return outcome


def _bring_in(db: sqlite_utils.Database, table: str, pks: list[str], key: str,
              mine: dict[str, Any] | None, theirs: dict[str, Any] | None,
              removals: list[tuple[str, str]], outcome: TableOutcome) -> None:
    if theirs is None:
        if mine is not None:
            removals.append((table, key))
            outcome.removed += 1
        return
    if mine is None:
        db[table].insert(theirs)
    else:
        db[table].update(tuple(theirs[pk] for pk in pks) if len(pks) > 1 else theirs[pks[0]], theirs)
    outcome.updated += 1


def _record_conflict(db: sqlite_utils.Database, table: str, key: str, name: str, ht: str | None,
                     hs: str, mine: dict[str, Any] | None, theirs: dict[str, Any] | None,
                     history: RecordHistory, places: Places) -> Conflict:
    # An older version from a copy that has since changed the record again is replaced.
    older = history.seen(hs) - {hs}
    for (other,) in db.execute("SELECT other_change FROM merge_conflicts WHERE table_name = ? AND "
                               "row_key = ? AND settled_at IS NULL", [table, key]).fetchall():
        if other in older:
            db.execute("UPDATE merge_conflicts SET settled_at = ?, choice = 'superseded' WHERE "
                       "table_name = ? AND row_key = ? AND other_change = ? AND settled_at IS NULL",
                       [now_utc(), table, key, other])
    family, interview, component = places.place(table, theirs or mine or {})
    theirs_change = history.change(hs)
    conflict_id = db["merge_conflicts"].insert({
        "table_name": table, "row_key": key, "family_key": family, "interview_key": interview,
        "component": component, "source": name, "team_change": ht, "other_change": hs,
        "other_value": row_to_json(theirs), "other_at": theirs_change.get("at"),
        "other_researcher": theirs_change.get("researcher_key"), "found_at": now_utc(),
    }).last_pk
    return Conflict(name, table, key, differing_fields(theirs, mine), int(conflict_id))


def apply_removals(db: sqlite_utils.Database, removals: list[tuple[str, str]],
                   order: tuple[str, ...]) -> None:
    """Remove the records a copy removed, children before their parents."""
    for table, key in sorted(removals, key=lambda r: -order.index(r[0])):
        pks = db[table].pks
        where = " AND ".join(f"[{pk}] = ?" for pk in pks)
        db.execute(f"DELETE FROM [{table}] WHERE {where}", json.loads(key))


def forget_erased_conflicts(db: sqlite_utils.Database, places: Places) -> None:
    """Other copies' versions of erased records are not kept, settled or not."""
    for conflict_id, table, family, _interview, component in db.execute(
            "SELECT id, table_name, family_key, interview_key, component FROM merge_conflicts").fetchall():
        if table not in ("withdrawals", "researchers", "sites") and \
                component in places.erased.get(family or "", frozenset()):
            db.execute("DELETE FROM merge_conflicts WHERE id = ?", [conflict_id])
