"""Tables for what happens around a visit: safeguarding reports when a visit is stopped.

``safeguarding_reports``: when an interview is stopped for a safeguarding concern, whether
the study's procedure was followed, who was told and when. No description of the concern
itself: that belongs in the safeguarding system the procedure names, not in research data.
"""

from __future__ import annotations

import sqlite_utils


def visit_event_tables(db: sqlite_utils.Database) -> None:
    db["safeguarding_reports"].create(
        {
            "interview_key": str,
            "procedure_followed": int,
            "who_was_told": str,
            "told_at": str,
            "recorded_at": str,
        },
        pk="interview_key",
        foreign_keys=[("interview_key", "interviews", "key")],
        not_null={"procedure_followed"},
    )
