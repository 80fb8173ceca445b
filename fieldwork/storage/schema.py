"""The database schema, as a numbered list of migrations.

Each migration runs in one transaction together with the record that it ran (sqlite-utils'
``Migrations``) and the new ``PRAGMA user_version``: a migration cut short by a crash leaves
the database as it was before it. The schema version is the number of migrations; a file
with a higher ``user_version`` was written by a newer fieldwork and is refused, unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("fieldwork")
_steps: list[str] = []


def _migration(func: Callable[[sqlite_utils.Database], None]) -> Callable[[sqlite_utils.Database], None]:
    number = len(_steps) + 1

    def run(db: sqlite_utils.Database) -> None:
        func(db)
        db.execute(f"PRAGMA user_version = {number}")

    run.__name__ = func.__name__
    _steps.append(func.__name__)
    migrations(name=f"{number:04d}_{func.__name__}")(run)
    return func


@_migration
def case_records(db: sqlite_utils.Database) -> None:
    db["study"].create(
        {"key": str, "name": str, "created_at": str, "created_by_version": str}, pk="key"
    )
    db["sites"].create({"key": str, "name": str, "position": int}, pk="key")
    db["sites"].create_index(["name"], unique=True)
    db["researchers"].create({"key": str, "name": str, "created_at": str}, pk="key")
    db["families"].create(
        {
            "key": str,
            "code": str,
            "site": str,
            "case_type": str,
            "notes": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="key",
        not_null={"code", "case_type"},
    )
    db["families"].create_index(["code"], unique=True)
    db["interviews"].create(
        {
            "key": str,
            "family_key": str,
            "wave": int,
            "interview_date": str,
            "mode": str,
            "language": str,
            "interpreter_present": int,
            "interpreter": str,
            "respondent_role": str,
            "others_present": str,
            "researcher_key": str,
            "status": str,
            "stop_reason": str,
            "stop_note": str,
            "closing_notes": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="key",
        foreign_keys=[("family_key", "families", "key"), ("researcher_key", "researchers", "key")],
        not_null={"family_key", "wave", "status"},
    )
    db["interviews"].create_index(["family_key", "wave"])
    db["interview_steps"].create(
        {"interview_key": str, "step": str, "state": str, "updated_at": str},
        pk=("interview_key", "step"),
        foreign_keys=[("interview_key", "interviews", "key")],
    )


# Each capability's tables live in its own module (fieldwork/storage/tables_*.py) and are
# registered here, in the order they were added: that order is the schema version.
from fieldwork.storage.tables_consent import consent_tables  # noqa: E402

_migration(consent_tables)
from fieldwork.storage.tables_network_map import network_map_tables  # noqa: E402

_migration(network_map_tables)
from fieldwork.storage.tables_answers import instrument_answer_tables  # noqa: E402

_migration(instrument_answer_tables)
from fieldwork.storage.tables_visit_events import visit_event_tables  # noqa: E402

_migration(visit_event_tables)
from fieldwork.storage.tables_audit import audit_tables  # noqa: E402

_migration(audit_tables)
from fieldwork.storage.tables_merge import merge_tables  # noqa: E402

_migration(merge_tables)
from fieldwork.storage.tables_settings import settings_tables  # noqa: E402

_migration(settings_tables)
# Before the change log: its triggers watch every column of every merged table, these
# new ones included.
from fieldwork.storage.tables_respondent_view import respondent_view_columns  # noqa: E402

_migration(respondent_view_columns)
from fieldwork.storage.tables_fieldwork import fieldwork_tables  # noqa: E402

_migration(fieldwork_tables)
from fieldwork.storage.tables_change_log import change_log_tables  # noqa: E402

_migration(change_log_tables)
from fieldwork.storage.tables_laptop_copies import laptop_copy_tables  # noqa: E402

_migration(laptop_copy_tables)
from fieldwork.storage.tables_conversation import conversation_tables  # noqa: E402

_migration(conversation_tables)
from fieldwork.storage.tables_consent_components import consent_component_tables  # noqa: E402

_migration(consent_component_tables)
from fieldwork.storage.tables_case_status import case_status_tables  # noqa: E402

_migration(case_status_tables)
from fieldwork.storage.tables_corrections import correction_columns  # noqa: E402

_migration(correction_columns)

SCHEMA_VERSION = len(_steps)


def apply_migrations(db: sqlite_utils.Database) -> None:
    """Bring the database up to this version's schema, one transaction per step."""
    migrations.apply(db)
