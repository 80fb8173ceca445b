"""Running the fieldwork (schema step): recruitment, contact attempts, appointments,
contact details and each family's outcome at the end of a wave's fieldwork.

Every table holds ``family_key``: a family erased after withdrawing loses its rows in all of
them (``FAMILY_TABLES``, used by the erasure in withdrawal_store). ``contact_details`` and
``appointments.place`` hold phone numbers and addresses: they are read only by the contact
screen, never by an export.
"""

from __future__ import annotations

import sqlite_utils

# Every table of this step whose rows belong to one family (erased with the family).
FAMILY_TABLES = ("recruitment", "contact_attempts", "appointments", "contact_details", "fieldwork_outcomes")


def fieldwork_tables(db: sqlite_utils.Database) -> None:
    families = [("family_key", "families", "key")]
    researchers = ("approached_by", "researchers", "key")
    db["recruitment"].create(
        {"family_key": str, "route": str, "approached_on": str, "approached_by": str,
         "outcome": str, "consent_to_contact": int, "note": str, "updated_at": str},
        pk="family_key", foreign_keys=[*families, researchers],
    )
    db["contact_attempts"].create(
        {"key": str, "family_key": str, "wave": int, "attempted_on": str, "channel": str,
         "outcome": str, "note": str, "researcher_key": str, "created_at": str},
        pk="key", foreign_keys=[*families, ("researcher_key", "researchers", "key")],
        not_null={"family_key", "wave", "attempted_on", "channel", "outcome"},
    )
    db["contact_attempts"].create_index(["family_key", "wave"])
    db["appointments"].create(
        {"key": str, "family_key": str, "wave": int, "starts_at": str, "place": str,
         "interpreter_needed": int, "interpreter_language": str, "booked": int, "note": str,
         "updated_at": str},
        pk="key", foreign_keys=families, not_null={"family_key", "wave", "starts_at"},
    )
    db["appointments"].create_index(["family_key", "wave"])
    db["contact_details"].create(
        {"key": str, "family_key": str, "kind": str, "value": str, "whose": str, "updated_at": str},
        pk="key", foreign_keys=families, not_null={"family_key", "kind", "value"},
    )
    db["contact_details"].create_index(["family_key"])
    db["fieldwork_outcomes"].create(
        {"family_key": str, "wave": int, "outcome": str, "reason": str, "note": str,
         "recorded_at": str},
        pk=("family_key", "wave"), foreign_keys=families, not_null={"outcome"},
    )
