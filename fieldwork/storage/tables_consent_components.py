"""The consent components each confirmed record was given on (schema step).

A study's consent components come from its form files, so a record keeps, beside its
answers, each component as its form declared it: label, whether the visit needed it, what it
gates, when it is asked. Later form files can then never change what a record allowed.
Records confirmed before this step have no rows here and are read with the built-in meanings
of their component ids (``consent_components.BUILT_IN_COMPONENTS``), which is what they meant,
so no existing record needs rewriting. Like the records, the rows never change (a trigger
refuses UPDATE); they are merged with the record and erased with it.
"""

from __future__ import annotations

import sqlite_utils

from fieldwork.storage.tables_change_log import refresh_change_tracking


def consent_component_tables(db: sqlite_utils.Database) -> None:
    db["consent_record_components"].create(
        {"record_key": str, "component": str, "label": str, "required": int, "gates": str,
         "waves": str, "study_setting": str},  # gates, waves: JSON lists
        pk=("record_key", "component"),
        foreign_keys=[("record_key", "consent_records", "key")],
        not_null={"label", "required", "gates"},
    )
    db.execute(
        "CREATE TRIGGER consent_record_components_never_change BEFORE UPDATE ON consent_record_components "
        "BEGIN SELECT RAISE(ABORT, 'a confirmed consent record never changes'); END"
    )
    refresh_change_tracking(db)
