"""Tables for questionnaire administrations and their item answers (issue 5).

An *administration* is one instrument given in one interview: which instrument file
(id, version) and in which language it was shown, whether that wording is a validated
translation, whether it was given in person or by telephone, and who the respondent
counted as 'the family' (a JSON list of ``{"person_key": ..., "label": ...}``, the person
key being a network-map person or null for 'someone else').

An *answer* row exists only once an item has been asked: no row means 'not yet asked'.
A row holds either an answer (``answer_code``, or ``answer_text`` for a free-text item) or
``declined = 1``, never both; a row with neither is an item asked, flagged (e.g. 'needed
explanation'), and not yet answered. Each row says the language the answer was given in
and whether the wording the respondent heard was a validated translation.
"""

from __future__ import annotations

import sqlite_utils


def instrument_answer_tables(db: sqlite_utils.Database) -> None:
    db["instrument_administrations"].create(
        {
            "key": str,
            "interview_key": str,
            "instrument_id": str,
            "instrument_version": str,
            "language_shown": str,
            "translation_validated": int,
            "mode": str,  # in_person / telephone
            "family_members": str,  # JSON list of {person_key or null, label}
            "started_at": str,
            "completed_at": str,
        },
        pk="key",
        foreign_keys=[("interview_key", "interviews", "key")],
        not_null={"interview_key", "instrument_id", "instrument_version", "language_shown",
                  "translation_validated", "mode", "family_members", "started_at"},
    )
    db["instrument_administrations"].create_index(["interview_key", "instrument_id"], unique=True)
    db["instrument_answers"].create(
        {
            "administration_key": str,
            "item_id": str,
            "answer_code": str,  # the raw scale code as text ("3", "agree")
            "answer_text": str,  # a free-text item's answer
            "declined": int,
            "answer_language": str,
            "translation_validated": int,
            "interpreted_orally": int,
            "needed_explanation": int,
            "respondent_unsure": int,
            "answered_at": str,
        },
        pk=("administration_key", "item_id"),
        foreign_keys=[("administration_key", "instrument_administrations", "key")],
        not_null={"declined", "answer_language", "translation_validated", "interpreted_orally",
                  "needed_explanation", "respondent_unsure", "answered_at"},
    )
    # Declined and answered are kept apart even if a bug tries to store both.
    for event in ("INSERT", "UPDATE"):
        db.execute(
            f"CREATE TRIGGER instrument_answers_declined_or_answered_{event.lower()} "
            f"BEFORE {event} ON instrument_answers "
            "WHEN NEW.declined = 1 AND (NEW.answer_code IS NOT NULL OR NEW.answer_text IS NOT NULL) "
            "BEGIN SELECT RAISE(ABORT, 'an item is either answered or declined, not both'); END"
        )
