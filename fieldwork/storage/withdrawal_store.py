"""A family's withdrawal: recorded, and, where the study's policy says so, real erasure.

Keep-collected: what was recorded before stays; the consent gate refuses anything new for
the scope. Erase: the rows of the scope go in one transaction with the withdrawal record;
then ``VACUUM`` rebuilds the file and the write-ahead log is truncated, so with
``secure_delete`` on, none of the family's text is left in free pages, the log or the
file. A whole-study erasure removes the family itself: what remains is the withdrawal
record (the family's key and code, the date, the scope, how it was communicated, the
policy), which holds no personal data.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import sqlite_utils

from fieldwork.domain.casebook import InterviewStatus
from fieldwork.domain.consent import ConsentComponent
from fieldwork.domain.consent_components import BUILT_IN_COMPONENTS, Gate, spec_or_default
from fieldwork.domain.consent_gating import (
    WHOLE_STUDY,
    Withdrawal,
    WithdrawalPolicy,
    withdrawal_consequence,
)
from fieldwork.domain.errors import InvalidInput
from fieldwork.storage.erasure import (  # noqa: F401 (where the app and merge find them)
    ErasurePending,
    complete_pending_erasure,
    erasure_pending,
    wipe_free_space,
)
from fieldwork.storage.rows import interview_row
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.tables_change_log import CASE_TABLES
from fieldwork.storage.tables_fieldwork import FAMILY_TABLES

# Rows that hold each component's data, found through the interview they belong to.
# The interview component stands for the whole visit: erasing it erases everything.
_MAP_ROWS = ["map_ties", "map_people", "network_maps"]


def _in(keys: list[str]) -> str:
    return ", ".join("?" for _ in keys)


def _erase_instrument(db: sqlite_utils.Database, interviews: list[str], instrument: str | None) -> None:
    which = "" if instrument is None else " AND instrument_id = ?"
    params = [*interviews, *([instrument] if instrument else [])]
    db.execute(
        "DELETE FROM instrument_answers WHERE administration_key IN (SELECT key FROM "
        f"instrument_administrations WHERE interview_key IN ({_in(interviews)}){which})",
        params,
    )
    db.execute(
        f"DELETE FROM instrument_administrations WHERE interview_key IN ({_in(interviews)}){which}",
        params,
    )


def _gates_of(db: sqlite_utils.Database, interviews: list[str], components: frozenset[str]) -> set[str]:
    """What the withdrawn components gated, as the family's own consent forms declared it
    (the built-in meaning for a record that predates declared components)."""
    gates: set[str] = set()
    for component in components:
        declared = db.execute(
            "SELECT gates FROM consent_record_components WHERE component = ? AND record_key IN "
            f"(SELECT key FROM consent_records WHERE interview_key IN ({_in(interviews)}))",
            [component, *interviews]).fetchall()
        gates |= set(spec_or_default(component).gates)
        for (text,) in declared:
            gates |= set(json.loads(text))
    return gates


def _erase_components(db: sqlite_utils.Database, interviews: list[str], components: frozenset[str]) -> None:
    if not interviews:
        return
    marks = _in(interviews)
    gates = _gates_of(db, interviews, components)
    if Gate.NETWORK_MAP in gates:
        for table in _MAP_ROWS:
            db.execute(f"DELETE FROM {table} WHERE interview_key IN ({marks})", interviews)
    if Gate.SCORE15 in gates:
        _erase_instrument(db, interviews, "score15")
    # The conversation (tables_conversation): quotes go with the anonymous-quotes consent,
    # everything else said in it with the interview component.
    if ConsentComponent.ANONYMOUS_QUOTES in gates or Gate.INTERVIEW in gates:
        db.execute(f"DELETE FROM conversation_quotes WHERE interview_key IN ({marks})", interviews)
    if Gate.INTERVIEW in gates:
        for table in ("conversation_services", "conversation_themes", "conversations"):
            db.execute(f"DELETE FROM {table} WHERE interview_key IN ({marks})", interviews)
    families = f"(SELECT family_key FROM interviews WHERE key IN ({marks}))"
    if Gate.CASE_STATUS in gates:
        db.execute(f"DELETE FROM case_status WHERE family_key IN {families}", interviews)
    if Gate.SOCIAL_WORKERS in gates:
        db.execute(f"DELETE FROM family_social_workers WHERE family_key IN {families}", interviews)


def _erase_family(db: sqlite_utils.Database, family_key: str, interviews: list[str]) -> None:
    _erase_components(db, interviews, frozenset(ConsentComponent))
    if interviews:
        marks = _in(interviews)
        _erase_instrument(db, interviews, None)
        for table in ("consent_answers", "consent_record_components"):
            db.execute(
                f"DELETE FROM {table} WHERE record_key IN "
                f"(SELECT key FROM consent_records WHERE interview_key IN ({marks}))", interviews,
            )
        for table in ("consent_records", "safeguarding_reports", "interview_steps"):
            db.execute(f"DELETE FROM {table} WHERE interview_key IN ({marks})", interviews)
        db.execute(f"DELETE FROM interviews WHERE key IN ({marks})", interviews)
    for table in (*FAMILY_TABLES, *CASE_TABLES):  # recruitment, contacts, case status, social workers
        db.execute(f"DELETE FROM {table} WHERE family_key = ?", [family_key])
    db.execute("DELETE FROM families WHERE key = ?", [family_key])


def _check_scope(store: StudyStore, interviews: list[str], scope: str) -> None:
    """A withdrawal from one part names a part the family was asked about (its forms'
    components; the built-in ones for a family not yet asked)."""
    if scope == WHOLE_STUDY:
        return
    asked = {row[0] for row in store.db.execute(
        "SELECT DISTINCT component FROM consent_answers WHERE record_key IN (SELECT key FROM "
        f"consent_records WHERE interview_key IN ({_in(interviews)}))", interviews)} if interviews else set()
    known = asked or set(BUILT_IN_COMPONENTS)
    if scope not in known:
        raise InvalidInput("withdrawal scope", f"'{scope}' is not a part the family was asked about "
                           f"({', '.join(sorted(known))}).")


def record_withdrawal(
    store: StudyStore,
    family_key: str,
    withdrawn_on: date,
    scope: str,
    communicated: str,
    policy: str,
) -> Withdrawal:
    """Record a withdrawal and carry out the study's policy for the data already collected."""
    family = store.family(family_key)
    withdrawal = Withdrawal(
        family_id=family.key, withdrawn_on=withdrawn_on, scope=scope,
        communicated=communicated, policy=policy,
    )
    consequence = withdrawal_consequence(withdrawal)
    interviews = store.interviews_of(family.key)
    keys = [i.key for i in interviews]
    _check_scope(store, keys, withdrawal.scope)
    whole = withdrawal.whole
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    action = "erase" if consequence.erase_collected else "edit"
    with store.edit(f"withdrawal of {family.code}", action=action,
                    keys=[family.key, family.code, withdrawal.withdrawal_id]) as db:
        db["withdrawals"].insert({
            "key": withdrawal.withdrawal_id,
            "family_key": family.key,
            "family_code": family.code,
            "withdrawn_on": withdrawn_on.isoformat(),
            "scope": str(withdrawal.scope),
            "communicated": withdrawal.communicated.value,
            "policy": withdrawal.policy.value,
            "erased": int(consequence.erase_collected),
            "recorded_at": now,
        })
        if consequence.erase_collected and whole:
            _erase_family(db, family.key, keys)
        elif consequence.erase_collected:
            _erase_components(db, keys, consequence.components)
        if whole and not consequence.erase_collected:
            for interview in interviews:
                if interview.status is not InterviewStatus.WITHDRAWN:
                    moved = interview.moved_to(InterviewStatus.WITHDRAWN)
                    db["interviews"].update(moved.key, {**interview_row(moved), "updated_at": now})
    if consequence.erase_collected:
        # If another program is reading, this records the erasure as pending (see
        # ``erasure_pending``): the caller tells the researcher; it finishes at close/open.
        wipe_free_space(store)
    return withdrawal


def erased_families(store: StudyStore) -> list[tuple[str, str]]:
    """(family code, withdrawal date) of every family whose data were erased entirely."""
    return [
        (row[0], row[1])
        for row in store.db.execute(
            "SELECT family_code, withdrawn_on FROM withdrawals WHERE erased = 1 AND scope IN "
            "('whole', 'interview') AND family_key NOT IN (SELECT key FROM families) "
            "ORDER BY family_code"
        )
    ]


def withdrawal_summary(store: StudyStore, family_key: str) -> list[str]:
    """Plain lines for the family page: what the family has withdrawn from, and what was done."""
    from fieldwork.domain.consent import CONSENT_COMPONENT_LABELS

    lines = []
    for row in store.db["withdrawals"].rows_where("family_key = ?", [family_key], order_by="withdrawn_on"):
        scope = "the whole study" if row["scope"] == WHOLE_STUDY else \
            CONSENT_COMPONENT_LABELS[row["scope"]].lower()
        kept = "data erased" if row["policy"] == WithdrawalPolicy.ERASE else "earlier data kept, nothing new recorded"
        lines.append(f"Withdrew from {scope} on {row['withdrawn_on']} ({kept}).")
    return lines
