"""Caseloads on laptops (schema step): which laptop copies a team study handed out, and,
in a copy, where it came from.

``laptop_copies`` (in the team study): one row per copy made — its key, a label (whose
laptop, what for), the families it holds (their keys, JSON), when and by whom it was made,
and when it was checked back in. ``copy_origin`` (in a copy, one row): the team study's key
and the copy's key, so a check-in refuses a copy of another study and says which copy it is.
Neither table is merged: they describe the files, not the families.
"""

from __future__ import annotations

import sqlite_utils


def laptop_copy_tables(db: sqlite_utils.Database) -> None:
    db["laptop_copies"].create(
        {"key": str, "label": str, "family_keys": str, "made_at": str, "made_by": str,
         "checked_in_at": str, "checked_in_by": str},
        pk="key", not_null={"label", "family_keys", "made_at"},
    )
    db["copy_origin"].create(
        {"copy_key": str, "team_study_key": str, "label": str, "family_keys": str, "made_at": str},
        pk="copy_key", not_null={"team_study_key", "family_keys", "made_at"},
    )
