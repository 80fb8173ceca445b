"""Columns for finished interviews reopened for correction, and for step states set by hand.

``interviews``: ``reopened_at`` (ISO date-time of the last reopening), ``reopen_reason``
(the researcher's reason, required), ``correction_open`` (1 while the correction is under
way). The status is left as it was on the day, so analysts see both what happened and that
it was corrected later. ``interview_steps.set_by_hand``: 1 when the researcher set the
step's state themselves, which the workspace then keeps even if the recorded work says
otherwise. Both tables are merged and erased with the family already; the change log's
triggers are rebuilt so the new columns travel in a merge.
"""

from __future__ import annotations

import sqlite_utils

from fieldwork.storage.tables_change_log import refresh_change_tracking


def correction_columns(db: sqlite_utils.Database) -> None:
    db["interviews"].add_column("reopened_at", str)
    db["interviews"].add_column("reopen_reason", str)
    db["interviews"].add_column("correction_open", int)
    db["interview_steps"].add_column("set_by_hand", int)
    refresh_change_tracking(db)
