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
    # Only the columns not there yet: a study rolled back to an earlier version by hand
    # (as tests do) may keep them.
    for table, column, kind in (("interviews", "reopened_at", str), ("interviews", "reopen_reason", str),
                                ("interviews", "correction_open", int),
                                ("interview_steps", "set_by_hand", int)):
        if column not in db[table].columns_dict:
            db[table].add_column(column, kind)
    refresh_change_tracking(db)
