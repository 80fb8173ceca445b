"""Reading and extending the records' change history (see ``tables_change_log``).

Owns ``RecordHistory``: one record's changes as a graph (each change points at the change
it was made on top of, and a merge change also at the other copy's change it took in),
the questions a merge asks of it ('has the team seen this version?', 'is the team's
version one the copy built on?'), and the writes a merge or a settled conflict makes:
taking in another copy's changes, a merge change, moving a record's head, and pausing
the triggers while a merge writes records whose history it records itself. Qt-free.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from fieldwork.domain.casebook import new_key

# A merge change says whose content the record has after it: the team's (its parent's)
# or the other copy's (its merged change's).
KEEP_TEAM, TAKE_OTHER = "merge-team", "merge-other"
CHANGE_COLUMNS = ("change_id", "table_name", "row_key", "parent_id", "merged_id", "kind", "at",
                  "researcher_key")


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def tracking_paused(db: sqlite_utils.Database, reason: str = "merge") -> Iterator[None]:
    """Inside a transaction: writes made here record no change of their own."""
    db.execute("INSERT INTO change_tracking_paused (reason) VALUES (?)", [reason])
    try:
        yield
    finally:
        db.execute("DELETE FROM change_tracking_paused WHERE reason = ?", [reason])


def changes_by_record(db: sqlite_utils.Database, table: str) -> dict[str, list[dict[str, Any]]]:
    """Every change of ``table``'s records, by record key."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    cursor = db.execute(f"SELECT {', '.join(CHANGE_COLUMNS)} FROM row_changes "
                        "WHERE table_name = ? ORDER BY seq", [table])
    for values in cursor.fetchall():
        change = dict(zip(CHANGE_COLUMNS, values, strict=True))
        found[change["row_key"]].append(change)
    return found


def heads(db: sqlite_utils.Database, table: str) -> dict[str, str]:
    return dict(db.execute("SELECT row_key, change_id FROM row_heads WHERE table_name = ?",
                           [table]).fetchall())


@dataclass
class RecordHistory:
    """One record's changes, as both the team study and a copy know them."""

    changes: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, *known: Iterable[dict[str, Any]]) -> RecordHistory:
        history = cls()
        for changes in known:
            for change in changes:
                history.changes.setdefault(change["change_id"], change)
        return history

    def seen(self, head: str | None) -> set[str]:
        """``head`` and every change it was made on top of, through merges too."""
        seen: set[str] = set()
        todo = [head] if head else []
        while todo:
            change_id = todo.pop()
            if change_id in seen:
                continue
            seen.add(change_id)
            change = self.changes.get(change_id)
            if change:
                todo += [c for c in (change["parent_id"], change["merged_id"]) if c]
        return seen

    def same_content(self, head: str | None) -> set[str]:
        """The changes whose record said exactly what ``head``'s says (through merge changes)."""
        same: set[str] = set()
        todo = [head] if head else []
        while todo:
            change_id = todo.pop()
            if change_id in same:
                continue
            same.add(change_id)
            change = self.changes.get(change_id, {})
            if change.get("kind") == KEEP_TEAM and change.get("parent_id"):
                todo.append(change["parent_id"])
            elif change.get("kind") == TAKE_OTHER and change.get("merged_id"):
                todo.append(change["merged_id"])
        return same

    def change(self, change_id: str | None) -> dict[str, Any]:
        return self.changes.get(change_id or "", {})


def take_in_changes(db: sqlite_utils.Database, changes: Iterable[dict[str, Any]],
                    known: set[str]) -> None:
    """Copy another study's changes of a record into this one (those it lacks)."""
    new = [dict(c) for c in changes if c["change_id"] not in known]
    if new:
        db["row_changes"].insert_all(new)
        known.update(c["change_id"] for c in new)


def set_head(db: sqlite_utils.Database, table: str, key: str, change_id: str) -> None:
    db.execute("INSERT INTO row_heads (table_name, row_key, change_id) VALUES (?, ?, ?) "
               "ON CONFLICT (table_name, row_key) DO UPDATE SET change_id = excluded.change_id",
               [table, key, change_id])


def add_merge_change(db: sqlite_utils.Database, table: str, key: str, parent: str | None,
                     merged: str, kind: str, researcher_key: str | None) -> str:
    """A change joining the team's version and another copy's; it becomes the record's head."""
    change_id = new_key().replace("-", "")
    db["row_changes"].insert({"change_id": change_id, "table_name": table, "row_key": key,
                              "parent_id": parent, "merged_id": merged, "kind": kind,
                              "at": now_utc(), "researcher_key": researcher_key})
    set_head(db, table, key, change_id)
    return change_id
