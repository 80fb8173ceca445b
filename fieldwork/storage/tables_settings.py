"""Study settings (schema step): one row per setting, its value as JSON.

'map' holds the study's map settings: how many rings (2-5) with their prompts, and the
sectors. New maps start from them; a map already drawn keeps the settings it was drawn with.
"""

from __future__ import annotations

import sqlite_utils


def settings_tables(db: sqlite_utils.Database) -> None:
    db["study_settings"].create({"name": str, "value": str, "updated_at": str}, pk="name",
                                not_null={"value"})
