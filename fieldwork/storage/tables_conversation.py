"""Tables of the conversation step (issue 12): the guide used, notes per theme, services, quotes.

- ``conversations``: one row per interview whose conversation started: which topic guide
  (id, version) in which language it was shown, and whether that wording was validated.
- ``conversation_themes``: one row per theme reached: discussed or skipped (``state``, NULL
  while only notes were typed), the researcher's notes on the theme, and the interpreter
  flags (as for SCORE-15 items). No row: the theme was not reached.
- ``conversation_services``: the services checklist, one row per service asked about:
  used / wanted but not got / not relevant, and how often (codes, never free text).
- ``conversation_quotes``: a passage of a theme's notes marked as a quote, with the consent
  record in force when it was marked (the one whose 'anonymous quotes' answer allowed it).

All belong to an interview, are merged between laptop copies (``TRACKED_TABLES``) and are
erased with the family, with the interview component, and (quotes) with the anonymous-quotes
component (``withdrawal_store``).
"""

from __future__ import annotations

import sqlite_utils

from fieldwork.storage.tables_change_log import refresh_change_tracking

CONVERSATION_TABLES = ("conversations", "conversation_themes", "conversation_services", "conversation_quotes")
"""Parents before children, as ``TRACKED_TABLES`` lists them."""


def conversation_tables(db: sqlite_utils.Database) -> None:
    interviews = [("interview_key", "interviews", "key")]
    db["conversations"].create(
        {"interview_key": str, "guide_id": str, "guide_version": str, "language_shown": str,
         "translation_validated": int, "started_at": str},
        pk="interview_key", foreign_keys=interviews,
        not_null={"guide_id", "guide_version", "language_shown", "translation_validated", "started_at"},
    )
    db["conversation_themes"].create(
        {"interview_key": str, "theme_id": str, "position": int, "state": str, "notes": str,
         "interpreted_orally": int, "needed_explanation": int, "respondent_unsure": int,
         "updated_at": str},
        pk=("interview_key", "theme_id"), foreign_keys=interviews,
        not_null={"notes", "interpreted_orally", "needed_explanation", "respondent_unsure"},
    )
    db["conversation_services"].create(
        {"interview_key": str, "service": str, "use": str, "frequency": str, "updated_at": str},
        pk=("interview_key", "service"), foreign_keys=interviews, not_null={"use"},
    )
    db["conversation_quotes"].create(
        {"key": str, "interview_key": str, "theme_id": str, "passage": str, "consent_record_key": str,
         "marked_at": str},
        pk="key",
        foreign_keys=[*interviews, ("consent_record_key", "consent_records", "key")],
        not_null={"interview_key", "theme_id", "passage", "consent_record_key", "marked_at"},
    )
    db["conversation_quotes"].create_index(["interview_key", "theme_id"])
    refresh_change_tracking(db)
