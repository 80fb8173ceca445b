"""The merge log of a team study (see ``fieldwork.export.merge``): what came from which laptop.

One row per record merged: the source study's key, the table, the record's key and a hash
of the record as it was merged; no content. With it a later merge tells an edit made on
the laptop from one made in the team study, and reports a record changed on both.
"""

from __future__ import annotations

import sqlite_utils


def merge_tables(db: sqlite_utils.Database) -> None:
    db["merge_log"].create(
        {"source_key": str, "table_name": str, "row_key": str, "row_hash": str},
        pk=("source_key", "table_name", "row_key"),
        not_null={"row_hash"},
    )
