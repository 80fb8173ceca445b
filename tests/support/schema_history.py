"""Test-only: turn a study file back into one written before a given migration step.

Every table that step and the later ones create is dropped (found by running the steps on
an empty database, so a migration added later is rolled back too), the change-log triggers
go (the migrations make them again), and the file says it stands before that step.
Columns later steps add to older tables stay: those steps add only what is missing.
"""

from __future__ import annotations

import sqlite_utils


def tables_added_from(step: str) -> list[str]:
    from fieldwork.storage.schema import _steps, migrations

    scratch = sqlite_utils.Database(memory=True)
    before: set[str] = set()
    for index, migration in enumerate(migrations._migrations):
        if index == _steps.index(step):
            before = set(scratch.table_names())
        migration.fn(scratch)
    return sorted(set(scratch.table_names()) - before)


def roll_back_to_before(db: sqlite_utils.Database, step: str) -> None:
    from fieldwork.storage.schema import _steps

    for (trigger,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                 "AND name LIKE 'change_log_%'").fetchall():
        db.execute(f"DROP TRIGGER [{trigger}]")
    db.execute("PRAGMA foreign_keys = OFF")
    for table in tables_added_from(step):
        db.execute(f"DROP TABLE IF EXISTS [{table}]")
    db.execute("PRAGMA foreign_keys = ON")
    for name in _steps[_steps.index(step):]:
        db.execute("DELETE FROM _sqlite_migrations WHERE name LIKE ?", [f"%{name}"])
    db.execute(f"PRAGMA user_version = {_steps.index(step)}")
