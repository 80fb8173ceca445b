"""Tables for consent records, their answers, and withdrawals (schema step 2).

A confirmed consent record and its answers never change: triggers refuse every UPDATE,
so not even a bug in the app can rewrite what a family agreed to. Erasure after a
withdrawal may delete them. A withdrawal keeps the family's code but no personal data, so
it can still prove what was done after the family's other rows are gone.
"""

from __future__ import annotations

import sqlite_utils


def consent_tables(db: sqlite_utils.Database) -> None:
    db["consent_records"].create(
        {
            "key": str,
            "interview_key": str,
            "form_id": str,
            "form_version": str,
            "language": str,
            "how_given": str,
            "signature_strokes": str,  # JSON: strokes of (x, y, ms) points
            "signature_png": bytes,
            "interpreter_present": int,
            "interpreter_confirmation": str,
            "researcher_confirmation": str,
            "confirmed_at": str,
            "replaces": str,
        },
        pk="key",
        foreign_keys=[("interview_key", "interviews", "key")],
        not_null={"interview_key", "form_id", "form_version", "language", "how_given", "confirmed_at"},
    )
    db["consent_records"].create_index(["interview_key"])
    db["consent_answers"].create(
        {"record_key": str, "statement_id": str, "component": str, "agreed": int},
        pk=("record_key", "statement_id"),
        foreign_keys=[("record_key", "consent_records", "key")],
        not_null={"component", "agreed"},
    )
    db["withdrawals"].create(
        {
            "key": str,
            "family_key": str,
            "family_code": str,
            "withdrawn_on": str,
            "scope": str,
            "communicated": str,
            "policy": str,
            "erased": int,
            "recorded_at": str,
        },
        pk="key",
        not_null={"family_key", "family_code", "withdrawn_on", "scope", "communicated", "policy"},
    )
    db["withdrawals"].create_index(["family_key"])
    for table in ("consent_records", "consent_answers"):
        db.execute(
            f"CREATE TRIGGER {table}_never_change BEFORE UPDATE ON {table} "
            "BEGIN SELECT RAISE(ABORT, 'a confirmed consent record never changes'); END"
        )
