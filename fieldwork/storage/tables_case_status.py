"""Case status per family and wave, and the family's social workers as codes (schema step).

``case_status``: the family's children's services status at a wave (child in need, child
protection plan, looked after, stepped down, closed, ...) with the date it applied and where
the information came from; recorded only with the family's consent to information from
children's services records. ``family_social_workers``: pseudonymous practitioner codes
linked to a family (more than one per family), and whether each was interviewed about this
family; a code, never a name. Both hold ``family_key``: merged between laptop copies and
erased with the family (``CASE_TABLES``).
"""

from __future__ import annotations

import sqlite_utils

from fieldwork.storage.tables_change_log import CASE_TABLES, refresh_change_tracking

__all__ = ["CASE_TABLES", "case_status_tables"]  # CASE_TABLES: merged, erased with the family


def case_status_tables(db: sqlite_utils.Database) -> None:
    families = [("family_key", "families", "key")]
    db["case_status"].create(
        {"key": str, "family_key": str, "wave": int, "status": str, "as_of": str, "source": str,
         "note": str, "updated_at": str},
        pk="key", foreign_keys=families, not_null={"family_key", "wave", "status", "source"},
    )
    db["case_status"].create_index(["family_key", "wave"])
    db["family_social_workers"].create(
        {"key": str, "family_key": str, "practitioner_code": str, "role": str, "interviewed": int,
         "interviewed_on": str, "note": str, "updated_at": str},
        pk="key", foreign_keys=families, not_null={"family_key", "practitioner_code", "interviewed"},
    )
    db["family_social_workers"].create_index(["family_key", "practitioner_code"], unique=True)
    refresh_change_tracking(db)
