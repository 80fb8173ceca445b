"""Consent gating and withdrawal: what a family's consent allows, now and after withdrawing.

This module owns:

* withdrawal: ``Withdrawal`` (from the whole study, ``WHOLE_STUDY``, or one component),
  how it was communicated (``WithdrawalChannel``), what happens to data already collected
  (``WithdrawalPolicy``), and what it means for the data (``withdrawal_consequence``,
  ``components_to_erase``). Erasing data is the storage layer's job: this module only
  says which components it concerns;
* gating: where a component stands for an interview (``component_status``,
  ``ConsentStatus``) and whether anything may be recorded for it (``may_record``,
  ``RecordingPermission`` with a ``RecordingReason``);
* the later wave: ``earlier_wave_answers``, what the family said at the earlier wave,
  for display only.

The consent form, its answers, confirmed records and the correction chain live in
``fieldwork.domain.consent``; this module builds on them and never the other way round.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from fieldwork.domain.consent import (
    ConsentComponent,
    ConsentForm,
    ConsentRecord,
    _code,
    _require_text,
    _set,
    check_code,
    current_record,
)
from fieldwork.domain.errors import InvalidInput


class WithdrawalChannel(StrEnum):
    IN_PERSON = "in_person"
    TELEPHONE = "telephone"
    LETTER_OR_EMAIL = "letter_or_email"
    VIA_SOCIAL_WORKER = "via_social_worker"
    OTHER = "other"


WITHDRAWAL_CHANNEL_LABELS = {
    WithdrawalChannel.IN_PERSON: "In person",
    WithdrawalChannel.TELEPHONE: "By telephone",
    WithdrawalChannel.LETTER_OR_EMAIL: "By letter or email",
    WithdrawalChannel.VIA_SOCIAL_WORKER: "Through their social worker",
    WithdrawalChannel.OTHER: "Another way",
}


class WithdrawalPolicy(StrEnum):
    ERASE = "erase"
    KEEP_COLLECTED = "keep_collected"


WITHDRAWAL_POLICY_LABELS = {
    WithdrawalPolicy.ERASE: "Erase the data already collected",
    WithdrawalPolicy.KEEP_COLLECTED: "Keep the data already collected; record nothing new",
}

WHOLE_STUDY = "whole"


@dataclass(frozen=True)
class Withdrawal:
    """A family's withdrawal, from the whole study (``scope='whole'``) or one component."""

    family_id: str
    withdrawn_on: date
    scope: str  # WHOLE_STUDY or a component id (any component a form declared)
    communicated: WithdrawalChannel
    policy: WithdrawalPolicy
    note: str = ""
    withdrawal_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def __post_init__(self) -> None:
        _require_text(self.family_id, "family")
        _require_text(self.withdrawal_id, "withdrawal id")
        if not isinstance(self.withdrawn_on, date) or isinstance(self.withdrawn_on, datetime):
            raise InvalidInput("withdrawal date", "must be a date.")
        if self.scope != WHOLE_STUDY:
            _set(self, "scope", str(check_code(self.scope, "withdrawal scope")))
        _set(self, "communicated", _code(WithdrawalChannel, self.communicated, "how communicated"))
        _set(self, "policy", _code(WithdrawalPolicy, self.policy, "withdrawal policy"))

    @property
    def whole(self) -> bool:
        """From the whole study, or from the interview itself (every other part hangs on it)."""
        return self.scope in (WHOLE_STUDY, ConsentComponent.INTERVIEW)

    @property
    def components(self) -> frozenset[str]:
        """The components the withdrawal covers; for a whole withdrawal every built-in id
        (``covers`` answers for any id, a study's own components included)."""
        if self.whole:
            return frozenset(ConsentComponent)
        return frozenset({self.scope})

    def covers(self, component: str, required: frozenset[str] | set[str] = frozenset()) -> bool:
        """Does this withdrawal take away consent to ``component``? Withdrawing from a
        component the form marked required (the visit cannot go ahead without it) covers all."""
        return self.whole or self.scope == component or self.scope in required


@dataclass(frozen=True)
class WithdrawalConsequence:
    """What a withdrawal means for the data: the storage layer acts on it."""

    components: frozenset[str]
    erase_collected: bool  # False: data collected before the withdrawal stay
    record_nothing_new: bool = True  # always: a withdrawal is never followed by new data


def withdrawal_consequence(withdrawal: Withdrawal) -> WithdrawalConsequence:
    return WithdrawalConsequence(
        components=withdrawal.components,
        erase_collected=withdrawal.policy is WithdrawalPolicy.ERASE,
    )


def components_to_erase(withdrawals: Iterable[Withdrawal]) -> frozenset[str]:
    """Every component whose collected data must be erased under the family's withdrawals."""
    result: set[ConsentComponent] = set()
    for withdrawal in withdrawals:
        if withdrawal.policy is WithdrawalPolicy.ERASE:
            result |= withdrawal.components
    return frozenset(result)


def _family_withdrawals(withdrawals: Iterable[Withdrawal]) -> list[Withdrawal]:
    found = list(withdrawals)
    if len({w.family_id for w in found}) > 1:
        raise InvalidInput("withdrawals", "belong to more than one family.")
    return found


class ConsentStatus(StrEnum):
    NO_CONSENT_YET = "no_consent_yet"
    CONSENTED = "consented"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


CONSENT_STATUS_LABELS = {
    ConsentStatus.NO_CONSENT_YET: "No consent yet",
    ConsentStatus.CONSENTED: "Consented",
    ConsentStatus.REFUSED: "Refused",
    ConsentStatus.WITHDRAWN: "Withdrawn",
}


def component_status(
    records: Iterable[ConsentRecord],
    withdrawals: Iterable[Withdrawal],
    component: str,
) -> ConsentStatus:
    """Where ``component`` stands for an interview, from its records and the family's withdrawals.

    A withdrawal is final whatever its date: a later correction of an older record must
    never quietly undo it. A component the current form did not ask about has no consent.
    """
    component = str(component)
    record = current_record(records)
    required = set(record.required_components) if record is not None else {ConsentComponent.INTERVIEW.value}
    if any(w.covers(component, required) for w in _family_withdrawals(withdrawals)):
        return ConsentStatus.WITHDRAWN
    if record is None:
        return ConsentStatus.NO_CONSENT_YET
    answers = record.answers_for(component)
    if not answers:
        return ConsentStatus.NO_CONSENT_YET
    if all(a.agreed for a in answers):
        return ConsentStatus.CONSENTED
    return ConsentStatus.REFUSED


class RecordingReason(StrEnum):
    CONSENTED = "consented"
    NO_CONSENT_RECORD = "no_consent_record"
    NOT_ASKED_ON_FORM = "not_asked_on_form"
    INTERVIEW_REFUSED = "interview_refused"
    INTERVIEW_WITHDRAWN = "interview_withdrawn"
    COMPONENT_REFUSED = "component_refused"
    COMPONENT_WITHDRAWN = "component_withdrawn"


@dataclass(frozen=True)
class RecordingPermission:
    """Whether something may be recorded for a component, and the reason as a code."""

    allowed: bool
    reason: RecordingReason

    def __bool__(self) -> bool:
        return self.allowed


_INTERVIEW_BLOCKS = {
    ConsentStatus.WITHDRAWN: RecordingReason.INTERVIEW_WITHDRAWN,
    ConsentStatus.NO_CONSENT_YET: RecordingReason.NO_CONSENT_RECORD,
    ConsentStatus.REFUSED: RecordingReason.INTERVIEW_REFUSED,
}
_COMPONENT_BLOCKS = {
    ConsentStatus.WITHDRAWN: RecordingReason.COMPONENT_WITHDRAWN,
    ConsentStatus.NO_CONSENT_YET: RecordingReason.NOT_ASKED_ON_FORM,
    ConsentStatus.REFUSED: RecordingReason.COMPONENT_REFUSED,
}


_WORST_FIRST = (ConsentStatus.WITHDRAWN, ConsentStatus.REFUSED, ConsentStatus.NO_CONSENT_YET)


def _worst(statuses: Iterable[ConsentStatus]) -> ConsentStatus:
    found = set(statuses)
    return next((status for status in _WORST_FIRST if status in found), ConsentStatus.CONSENTED)


def may_record(
    gate: str,
    records: Iterable[ConsentRecord],
    withdrawals: Iterable[Withdrawal],
) -> RecordingPermission:
    """May anything be recorded for ``gate`` now (``network_map``, ``case_status``, ...)?

    Only with consent to every component the form marked required (the interview itself)
    and to every component of the form that gates it; a form with no component gating it
    did not ask, so nothing may be recorded for it. Which components gate what comes from
    the record (as its form declared them), never from a fixed list.
    """
    records, withdrawals = list(records), list(withdrawals)
    record = current_record(records)
    if record is None:
        if any(w.whole for w in _family_withdrawals(withdrawals)):
            return RecordingPermission(False, RecordingReason.INTERVIEW_WITHDRAWN)
        return RecordingPermission(False, RecordingReason.NO_CONSENT_RECORD)
    required = _worst(component_status(records, withdrawals, c) for c in record.required_components)
    if required in _INTERVIEW_BLOCKS:
        return RecordingPermission(False, _INTERVIEW_BLOCKS[required])
    gating = record.components_gating(str(gate))
    if not gating:
        return RecordingPermission(False, RecordingReason.NOT_ASKED_ON_FORM)
    status = _worst(component_status(records, withdrawals, c) for c in gating)
    if status in _COMPONENT_BLOCKS:
        return RecordingPermission(False, _COMPONENT_BLOCKS[status])
    return RecordingPermission(True, RecordingReason.CONSENTED)


def earlier_wave_answers(
    earlier_records: Iterable[ConsentRecord],
    form: ConsentForm,
    withdrawals: Iterable[Withdrawal] = (),
) -> dict[str, bool]:
    """The earlier wave's answers, keyed by the statement ids of ``form``, for display only.

    The family answers again at the later wave: these only show what they said before.
    A statement is matched by its id and component; failing that, by its component when
    the earlier answers to that component all agreed or all refused. Components the family
    has since withdrawn are left out, so a past 'yes' is never shown as if it stood.
    """
    record = current_record(earlier_records)
    if record is None:
        return {}
    family_withdrawals = _family_withdrawals(withdrawals)
    required = set(record.required_components)
    by_id = {a.statement_id: a for a in record.answers}
    shown: dict[str, bool] = {}
    for statement in form.statements:
        if any(w.covers(statement.component, required) for w in family_withdrawals):
            continue
        same = by_id.get(statement.statement_id)
        if same is not None and same.component == statement.component:
            shown[statement.statement_id] = same.agreed
            continue
        earlier = {a.agreed for a in record.answers_for(statement.component)}
        if len(earlier) == 1:
            shown[statement.statement_id] = earlier.pop()
    return shown
