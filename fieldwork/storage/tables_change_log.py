"""Each record's change history, so copies of one study can be merged without losing edits.

Researchers copy a study file to another laptop; both copies carry the same study key, so
'which laptop' cannot tell them apart. What can is the history of each record: every
insert, change and deletion of a merged table writes a *change* (a random id, the change
it was made on top of, when, by whom, no content) and moves the record's *head* to it.
Two copies that both changed a record since they last agreed have heads neither of which
is in the other's history: that is a conflict. A deletion is a change like any other (a
tombstone: table, record key, when, by whom), so removing a person travels to the team.

The changes are written by triggers in the same transaction as the edit itself, whichever
code makes it (the map, the questionnaire, the family page, a withdrawal's erasure), so no
edit can forget them. A merge writes the records it brings in with tracking paused (a row
in ``change_tracking_paused`` inside its transaction) and records the source's own changes
instead. The researcher of a change is filled in from the audit-log entry that every edit
writes in the same transaction.

``merge_conflicts`` keeps, for each conflict found by a merge, the other copy's version of
the record (JSON, or NULL: it was removed there) until a researcher chooses; erasing a
family (or a component) removes its conflicts with it, so erased data cannot survive here.

Rows that exist when this migration runs get a *base* change whose id is a hash of the
table, key and content: two copies migrated separately agree on records they share.
A migration that adds a column to a merged table, or a new merged table (listed in
``TRACKED_TABLES``), must call ``refresh_change_tracking`` once its table exists.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import sqlite_utils

from fieldwork.storage.tables_fieldwork import FAMILY_TABLES

# Names only: tables_case_status imports refresh_change_tracking from here.
CASE_TABLES = ("case_status", "family_social_workers")

# The tables a merge carries, parents before children (every foreign key finds its row).
TRACKED_TABLES = ("researchers", "sites", "families", "interviews", "interview_steps",
                  "consent_records", "consent_answers", "withdrawals", "network_maps",
                  "map_people", "map_ties", "instrument_administrations", "instrument_answers",
                  "safeguarding_reports", *FAMILY_TABLES, "consent_record_components", *CASE_TABLES,
                  # the conversation step (tables_conversation.CONVERSATION_TABLES)
                  "conversations", "conversation_themes", "conversation_services", "conversation_quotes")
# Bookkeeping that says nothing about the record itself: a difference here alone is no
# change and no conflict (answered_at moves with every tick of a flag).
IGNORED_FIELDS = frozenset({"updated_at", "answered_at"})
_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
_NOT_PAUSED = "NOT EXISTS (SELECT 1 FROM change_tracking_paused)"


def row_key(row: dict[str, Any], pks: list[str]) -> str:
    """A record's key as text; the same text as SQLite's json_array(...) in the triggers."""
    return json.dumps([row[pk] for pk in pks], separators=(",", ":"))


def content_hash(row: dict[str, Any] | None) -> str:
    """A hash of what a record says (bookkeeping fields left out); '' for no record."""
    if row is None:
        return ""
    content = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in sorted(row.items())
               if k not in IGNORED_FIELDS}
    return hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()


def base_change_id(table: str, key: str, row: dict[str, Any]) -> str:
    """The change id of a record as it was before tracking began: the same in every copy."""
    digest = hashlib.sha256(f"{table}\n{key}\n{content_hash(row)}".encode()).hexdigest()
    return f"base-{digest[:32]}"


def change_log_tables(db: sqlite_utils.Database) -> None:
    db["row_changes"].create(
        {"seq": int, "change_id": str, "table_name": str, "row_key": str, "parent_id": str,
         "merged_id": str, "kind": str, "at": str, "researcher_key": str, "open": int},
        pk="seq",
        not_null={"change_id", "table_name", "row_key", "kind"},
    )
    db["row_changes"].create_index(["change_id"], unique=True)
    db["row_changes"].create_index(["table_name", "row_key"])
    db.execute("CREATE INDEX row_changes_open ON row_changes(open) WHERE open = 1")
    db["row_heads"].create({"table_name": str, "row_key": str, "change_id": str},
                           pk=("table_name", "row_key"), not_null={"change_id"})
    db["change_tracking_paused"].create({"reason": str}, pk="reason")
    db["merge_conflicts"].create(
        {"id": int, "table_name": str, "row_key": str, "family_key": str, "interview_key": str,
         "component": str, "source": str, "team_change": str, "other_change": str,
         "other_value": str, "other_at": str, "other_researcher": str, "found_at": str,
         "settled_at": str, "settled_by": str, "choice": str},
        pk="id",
        not_null={"table_name", "row_key", "other_change", "found_at"},
    )
    db["merge_conflicts"].create_index(["table_name", "row_key"])
    _seed_base_changes(db)
    refresh_change_tracking(db)


def _seed_base_changes(db: sqlite_utils.Database) -> None:
    for table in existing_tracked_tables(db):
        pks = db[table].pks
        changes, heads = [], []
        for row in db[table].rows:
            key = row_key(row, pks)
            change = base_change_id(table, key, row)
            changes.append({"change_id": change, "table_name": table, "row_key": key,
                            "kind": "base", "at": row.get("updated_at") or row.get("created_at")})
            heads.append({"table_name": table, "row_key": key, "change_id": change})
        db["row_changes"].insert_all(changes)
        db["row_heads"].insert_all(heads)


def _change_sql(table: str, key: str, kind: str) -> str:
    head = f"(SELECT change_id FROM row_heads WHERE table_name = '{table}' AND row_key = {key})"
    return (
        "INSERT INTO row_changes (change_id, table_name, row_key, parent_id, kind, at, open) "
        f"VALUES (lower(hex(randomblob(16))), '{table}', {key}, {head}, '{kind}', {_NOW}, 1); "
        "INSERT INTO row_heads (table_name, row_key, change_id) "
        f"VALUES ('{table}', {key}, (SELECT change_id FROM row_changes WHERE table_name = "
        f"'{table}' AND row_key = {key} ORDER BY seq DESC LIMIT 1)) "
        "ON CONFLICT (table_name, row_key) DO UPDATE SET change_id = excluded.change_id;"
    )


def existing_tracked_tables(db: sqlite_utils.Database) -> list[str]:
    """The merged tables this database has so far.

    A table added by a later migration is in ``TRACKED_TABLES`` before it exists in a study
    being migrated; its own migration creates it and then calls ``refresh_change_tracking``.
    """
    return [table for table in TRACKED_TABLES if db[table].exists()]


def refresh_change_tracking(db: sqlite_utils.Database) -> None:
    """(Re)create the triggers that record every change, for the tables' current columns."""
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                              "AND name LIKE 'change_log_%'").fetchall():
        db.execute(f"DROP TRIGGER [{name}]")
    for table in existing_tracked_tables(db):
        pks = db[table].pks
        columns = [c.name for c in db[table].columns if c.name not in IGNORED_FIELDS]
        new_key = "json_array(" + ", ".join(f"NEW.[{pk}]" for pk in pks) + ")"
        old_key = "json_array(" + ", ".join(f"OLD.[{pk}]" for pk in pks) + ")"
        differs = " OR ".join(f"OLD.[{c}] IS NOT NEW.[{c}]" for c in columns)
        db.execute(f"CREATE TRIGGER change_log_{table}_insert AFTER INSERT ON [{table}] "
                   f"WHEN {_NOT_PAUSED} BEGIN {_change_sql(table, new_key, 'insert')} END")
        db.execute(f"CREATE TRIGGER change_log_{table}_update AFTER UPDATE ON [{table}] "
                   f"WHEN {_NOT_PAUSED} AND ({differs}) BEGIN "
                   f"{_change_sql(table, new_key, 'update')} END")
        db.execute(f"CREATE TRIGGER change_log_{table}_delete AFTER DELETE ON [{table}] "
                   f"WHEN {_NOT_PAUSED} BEGIN {_change_sql(table, old_key, 'delete')} END")
    # Every edit writes its audit entry last, in the same transaction: that names the
    # researcher of the changes it made.
    db.execute("CREATE TRIGGER change_log_researcher AFTER INSERT ON audit_log BEGIN "
               "UPDATE row_changes SET researcher_key = NEW.researcher_key, open = NULL "
               "WHERE open = 1; END")
    # Erasure removes the other copies' versions kept for a choice, with the data they belong to.
    db.execute("CREATE TRIGGER change_log_erase_family_conflicts AFTER DELETE ON families BEGIN "
               "DELETE FROM merge_conflicts WHERE family_key = OLD.key; END")
    db.execute("CREATE TRIGGER change_log_erase_map_conflicts AFTER DELETE ON network_maps BEGIN "
               "DELETE FROM merge_conflicts WHERE interview_key = OLD.interview_key "
               "AND component = 'network_map'; END")
    db.execute("CREATE TRIGGER change_log_erase_answer_conflicts AFTER DELETE ON "
               "instrument_administrations BEGIN DELETE FROM merge_conflicts WHERE "
               "interview_key = OLD.interview_key AND table_name IN "
               "('instrument_administrations', 'instrument_answers') AND component = "
               "(CASE OLD.instrument_id WHEN 'score15' THEN 'score15' ELSE 'interview' END); END")
