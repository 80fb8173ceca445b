"""The old merge log of a team study: what came from which laptop, keyed by study key.

One row per record merged: the source study's key, the table, the record's key and a hash
of the record as it was merged; no content. Merges no longer write it: file copies of one
study share its key, so it could not tell them apart (each record's change history in
``tables_change_log`` does). Kept because migrations never change; entries of erased
records are still dropped by every merge.
"""

from __future__ import annotations

import sqlite_utils


def merge_tables(db: sqlite_utils.Database) -> None:
    db["merge_log"].create(
        {"source_key": str, "table_name": str, "row_key": str, "row_hash": str},
        pk=("source_key", "table_name", "row_key"),
        not_null={"row_hash"},
    )
