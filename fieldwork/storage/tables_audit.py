"""The audit log table: who did what to which records, and when. No personal content.

One row per event: time, researcher key, action (unlock, failed_unlock, create, edit,
export, merge, erase, restore, backup, passphrase), and the keys of the records touched
(UUIDs and family codes, which are pseudonyms). Never labels, notes or answers.
"""

from __future__ import annotations

import sqlite_utils


def audit_tables(db: sqlite_utils.Database) -> None:
    db["audit_log"].create(
        {"id": int, "at": str, "researcher_key": str, "action": str, "record_keys": str},
        pk="id",
        not_null={"at", "action"},
    )
