"""Writing and reading the audit log (see ``tables_audit``): events and record keys only."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

ACTIONS = (
    "unlock", "failed_unlock", "create", "edit", "export", "merge", "erase", "restore",
    "backup", "passphrase", "laptop_copy", "check_in", "reopen",
)


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    researcher_key: str | None
    action: str
    record_keys: tuple[str, ...]


def write_audit(db: sqlite_utils.Database, researcher_key: str | None, action: str,
                record_keys: Sequence[str] = ()) -> None:
    """Add one event; called inside the transaction of the change it describes."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    db["audit_log"].insert({
        "at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "researcher_key": researcher_key,
        "action": action,
        "record_keys": json.dumps(list(record_keys)),
    })


def audit_entries(db: sqlite_utils.Database, limit: int | None = None) -> list[AuditEntry]:
    """The newest events first."""
    rows = db["audit_log"].rows_where(order_by="id desc", limit=limit)
    return [
        AuditEntry(datetime.fromisoformat(r["at"]), r["researcher_key"], r["action"],
                   tuple(json.loads(r["record_keys"] or "[]")))
        for r in rows
    ]
