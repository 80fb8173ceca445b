"""Consent: the form a family is asked, their answers, and the confirmed record of them.

Consent is given per component (the interview itself, the network map, SCORE-15, ...),
each answered yes or no, against a named version of a consent form in a named language.
A confirmed ``ConsentRecord`` never changes: a mistake is mended by a new record that
``replaces`` it, so the history can be shown to whoever has to prove consent; the
correction chain gives that history and the record currently in force.
What a family's withdrawal means, and whether anything may be recorded for a component,
live in ``fieldwork.domain.consent_gating``.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from fieldwork.domain.consent_components import (  # noqa: F401 (kept importable from here)
    CONSENT_COMPONENT_LABELS,
    ComponentSpec,
    ConsentComponent,
    check_code,
    spec_or_default,
)
from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.language_tags import is_language_tag  # the one rule, kept importable from here

_Code = TypeVar("_Code", bound=StrEnum)


class TextDirection(StrEnum):
    LEFT_TO_RIGHT = "ltr"
    RIGHT_TO_LEFT = "rtl"


class HowGiven(StrEnum):
    SIGNED_ON_SCREEN = "signed_on_screen"
    VERBAL = "verbal"


HOW_GIVEN_LABELS = {
    HowGiven.SIGNED_ON_SCREEN: "Signed on screen",
    HowGiven.VERBAL: "Given verbally",
}

def _require_text(value: object, field_name: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(field_name, "is required and must be text.")


def _code(kind: type[_Code], value: object, field_name: str) -> _Code:
    """``value`` as a member of the code list ``kind``, or an error listing the codes."""
    try:
        return kind(value)
    except ValueError:
        codes = ", ".join(f"'{code}'" for code in kind)
        raise InvalidInput(field_name, f"'{value}' is not one of {codes}.") from None


def _set(instance: object, name: str, value: object) -> None:
    object.__setattr__(instance, name, value)  # normalising a frozen dataclass on build


@dataclass(frozen=True)
class ConsentStatement:
    """One thing the family says yes or no to; it belongs to exactly one component."""

    statement_id: str
    component: str  # a component id the form declares (ConsentComponent for the built-in ones)
    text: str

    def __post_init__(self) -> None:
        _require_text(self.statement_id, "statement id")
        _require_text(self.text, f"statement '{self.statement_id}' text")
        _set(self, "component", str(check_code(self.component, "statement component")))


@dataclass(frozen=True)
class ConsentForm:
    """A named version of a consent form in one language, as the family sees it."""

    form_id: str
    version: str
    language: str
    direction: TextDirection
    title: str
    information_sheet: tuple[str, ...]
    statements: tuple[ConsentStatement, ...]
    note: str = ""  # where the text comes from, e.g. 'validated translation'
    component_specs: tuple[ComponentSpec, ...] = ()  # empty: the built-in meanings of its ids
    waves: tuple[int, ...] = ()  # the waves the form is for; empty: any wave
    modes: tuple[str, ...] = ()  # 'in_person' / 'telephone'; empty: either
    easy_read: bool = False  # an easy-read version of the form for the same wave and mode
    retired: bool = False  # kept to show consent confirmed on it; never offered again

    def __post_init__(self) -> None:
        _require_text(self.form_id, "consent form id")
        _require_text(self.version, "consent form version")
        _require_text(self.title, "consent form title")
        if not is_language_tag(self.language):
            raise InvalidInput("consent form language", f"'{self.language}' is not like 'en'.")
        _set(self, "direction", _code(TextDirection, self.direction, "consent form direction"))
        _set(self, "information_sheet", tuple(self.information_sheet))
        _set(self, "statements", tuple(self.statements))
        for paragraph in self.information_sheet or ("",):
            _require_text(paragraph, "information sheet paragraph")
        seen: set[str] = set()
        for statement in self.statements:
            if statement.statement_id in seen:
                raise InvalidInput("statement id", f"'{statement.statement_id}' appears twice.")
            seen.add(statement.statement_id)
        _set(self, "component_specs", _specs_for(self.component_specs, self.statements))
        for spec in self.component_specs:
            if spec.component not in self.components:
                raise InvalidInput("consent components", f"'{spec.component}' has no statement.")
        _set(self, "waves", tuple(self.waves))
        _set(self, "modes", tuple(self.modes))
        if not any(spec.required for spec in self.component_specs):
            # Without consent to the interview nothing else may be recorded, so a form
            # that does not ask about it cannot let a visit start.
            raise InvalidInput("consent form statements", "must ask about the interview itself "
                               "(a component marked required).")

    @property
    def components(self) -> frozenset[str]:
        return frozenset(s.component for s in self.statements)

    def component(self, component: str) -> ComponentSpec:
        for spec in self.component_specs:
            if spec.component == component:
                return spec
        raise InvalidInput("consent component", f"'{component}' is not on form '{self.form_id}'.")

    def as_asked(self, wave: int | None, settings: Iterable[str] = ()) -> ConsentForm:
        """The form as the family is asked it at ``wave`` in a study with ``settings`` on:
        components not asked then (recontact after wave 1, audio in a study that does not
        record audio) are left out with their statements."""
        settings = tuple(settings)
        kept = tuple(spec for spec in self.component_specs if spec.asked(wave, settings))
        if len(kept) == len(self.component_specs):
            return self
        ids = {spec.component for spec in kept}
        return replace(self, component_specs=kept,
                       statements=tuple(s for s in self.statements if s.component in ids))

    def statement(self, statement_id: str) -> ConsentStatement:
        for statement in self.statements:
            if statement.statement_id == statement_id:
                return statement
        raise InvalidInput("statement id", f"'{statement_id}' is not on form '{self.form_id}'.")


@dataclass(frozen=True)
class ConsentAnswer:
    """The family's yes (``agreed=True``) or no to one statement."""

    statement_id: str
    component: str
    agreed: bool

    def __post_init__(self) -> None:
        _require_text(self.statement_id, "statement id")
        _set(self, "component", str(check_code(self.component, "consent component")))
        if not isinstance(self.agreed, bool):  # 'maybe', None or 1 is not an answer
            raise InvalidInput(f"answer to '{self.statement_id}'", "must be yes or no.")


SignaturePoint = tuple[float, float, float]  # x, y, milliseconds since the first touch
SignatureStroke = tuple[SignaturePoint, ...]


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _signature_strokes(strokes: Iterable[Iterable[Iterable[float]]]) -> tuple[SignatureStroke, ...]:
    result = []
    for stroke in strokes:
        points = [tuple(point) for point in stroke]
        if not all(len(p) == 3 and all(_is_number(v) for v in p) for p in points):
            raise InvalidInput("signature", "each point must be three numbers: x, y and time.")
        if points:
            result.append(tuple((float(x), float(y), float(t)) for x, y, t in points))
    return tuple(result)


@dataclass(frozen=True)
class ConsentRecord:
    """What a family agreed to at one interview, confirmed and never changed afterwards.

    ``researcher_confirmation`` is the name (or staff code) of the researcher confirming the
    answers are as the family gave them; ``interpreter_confirmation`` the interpreter's name
    when one was present. ``replaces`` is the id of the record this one corrects.
    ``components``: the components as the form declared them when the family answered
    (label, required, what each gates), so the record keeps its meaning whatever later
    form files say; empty for a record confirmed before records kept them, which is read
    with the built-in meanings of its component ids.
    """

    record_id: str
    interview_id: str
    form_id: str
    version: str
    language: str
    answers: tuple[ConsentAnswer, ...]
    how_given: HowGiven
    signature: tuple[SignatureStroke, ...]
    interpreter_present: bool
    interpreter_confirmation: str | None
    researcher_confirmation: str
    confirmed_at: datetime
    replaces: str | None = None
    components: tuple[ComponentSpec, ...] = ()

    def __post_init__(self) -> None:
        _set(self, "components", _specs_for(self.components, self.answers))
        for value, name in (
            (self.record_id, "consent record id"),
            (self.interview_id, "interview"),
            (self.form_id, "consent form id"),
            (self.version, "consent form version"),
            (self.language, "consent form language"),
        ):
            _require_text(value, name)
        _set(self, "how_given", _code(HowGiven, self.how_given, "how consent was given"))
        _set(self, "answers", tuple(self.answers))
        _set(self, "signature", _signature_strokes(self.signature))
        if not self.answers:
            raise InvalidInput("answers", "a consent record needs the family's answers.")
        ids = [a.statement_id for a in self.answers]
        for statement_id in ids:
            if ids.count(statement_id) > 1:
                raise InvalidInput(f"answer to '{statement_id}'", "is given more than once.")
        if self.how_given is HowGiven.SIGNED_ON_SCREEN and not self.signature:
            raise InvalidInput("signature", "is required when consent is signed on screen.")
        if self.how_given is HowGiven.VERBAL and self.signature:
            raise InvalidInput("signature", "must be empty when consent was given verbally.")
        if not isinstance(self.interpreter_present, bool):
            raise InvalidInput("interpreter present", "must be yes or no.")
        if self.interpreter_present:
            _require_text(self.interpreter_confirmation, "interpreter's name")
        elif self.interpreter_confirmation:
            raise InvalidInput("interpreter's name", "is given but no interpreter was present.")
        _require_text(self.researcher_confirmation, "researcher's confirmation")
        if not isinstance(self.confirmed_at, datetime) or self.confirmed_at.tzinfo is None:
            # Records from several laptops are merged: a time without its zone is ambiguous.
            raise InvalidInput("confirmed at", "must be a date and time with its time zone.")
        if self.replaces is not None and self.replaces == self.record_id:
            raise InvalidInput("replaces", "must be the id of another consent record.")

    def answers_for(self, component: str) -> tuple[ConsentAnswer, ...]:
        return tuple(a for a in self.answers if a.component == component)

    def spec(self, component: str) -> ComponentSpec | None:
        return next((s for s in self.components if s.component == component), None)

    @property
    def required_components(self) -> tuple[str, ...]:
        return tuple(s.component for s in self.components if s.required)

    def components_gating(self, gate: str) -> tuple[str, ...]:
        """The components of this record whose consent allows recording ``gate``."""
        return tuple(s.component for s in self.components if gate in s.gates)


def _specs_for(declared: Iterable[ComponentSpec],
               answered: Iterable[ConsentStatement | ConsentAnswer]) -> tuple[ComponentSpec, ...]:
    """The declared specs, checked against the statements (or answers) that name them;
    none declared: the built-in meaning of each id named, in the order first named."""
    declared = tuple(declared)
    named = list(dict.fromkeys(item.component for item in answered))
    if not declared:
        return tuple(spec_or_default(component) for component in named)
    ids = [spec.component for spec in declared]
    for component in ids:
        if ids.count(component) > 1:
            raise InvalidInput("consent components", f"'{component}' is declared twice.")
    for component in named:
        if component not in ids:
            raise InvalidInput("consent components", f"'{component}' is used but not declared.")
    return declared


def answers_from_choices(
    form: ConsentForm, choices: Mapping[str, bool]
) -> tuple[ConsentAnswer, ...]:
    """Answers for the statements of ``form`` from {statement id: yes/no}, in form order."""
    for statement_id in choices:
        form.statement(statement_id)  # an unknown id is an error, never silently dropped
    return tuple(
        ConsentAnswer(s.statement_id, s.component, choices[s.statement_id])
        for s in form.statements
        if s.statement_id in choices
    )


def confirm_consent(
    form: ConsentForm,
    *,
    interview_id: str,
    answers: Sequence[ConsentAnswer],
    how_given: HowGiven,
    researcher_confirmation: str,
    confirmed_at: datetime,
    signature: Iterable[Iterable[Iterable[float]]] = (),
    interpreter_present: bool = False,
    interpreter_confirmation: str | None = None,
    corrects: ConsentRecord | None = None,
    record_id: str | None = None,
) -> ConsentRecord:
    """Build a confirmed record, checking every statement of ``form`` is answered once.

    ``corrects`` is the earlier record of the same interview that this one replaces.
    """
    answered: dict[str, ConsentAnswer] = {}
    for answer in answers:
        statement = form.statement(answer.statement_id)
        if answer.statement_id in answered:
            raise InvalidInput(f"answer to '{answer.statement_id}'", "is given more than once.")
        if answer.component != statement.component:
            raise InvalidInput(
                f"answer to '{answer.statement_id}'",
                f"belongs to '{statement.component}', not '{answer.component}'.",
            )
        answered[answer.statement_id] = answer
    for statement in form.statements:
        if statement.statement_id not in answered:
            raise InvalidInput(f"answer to '{statement.statement_id}'", "is missing.")
    if corrects is not None and corrects.interview_id != interview_id:
        raise InvalidInput("replaces", "a correction must be for the same interview.")
    return ConsentRecord(
        record_id=record_id or str(uuid.uuid4()),
        interview_id=interview_id,
        form_id=form.form_id,
        version=form.version,
        language=form.language,
        answers=tuple(answered[s.statement_id] for s in form.statements),
        how_given=how_given,
        signature=signature,  # type: ignore[arg-type]  # normalised to tuples on build
        interpreter_present=interpreter_present,
        interpreter_confirmation=interpreter_confirmation,
        researcher_confirmation=researcher_confirmation,
        confirmed_at=confirmed_at,
        replaces=corrects.record_id if corrects is not None else None,
        components=tuple(spec for spec in form.component_specs
                         if any(s.component == spec.component for s in form.statements)),
    )


def correction_chain(records: Iterable[ConsentRecord]) -> list[ConsentRecord]:
    """All records of one interview, newest (the current one) first.

    Rejects records of several interviews, corrections of unknown records, a record
    corrected twice (a branch) and loops: any of these means the history cannot be proved.
    """
    by_id: dict[str, ConsentRecord] = {}
    for record in records:
        if record.record_id in by_id:
            raise InvalidInput("consent records", f"record '{record.record_id}' appears twice.")
        by_id[record.record_id] = record
    if not by_id:
        return []
    if len({r.interview_id for r in by_id.values()}) > 1:
        raise InvalidInput("consent records", "belong to more than one interview.")
    replaced: dict[str, str] = {}
    for record in by_id.values():
        if record.replaces is None:
            continue
        if record.replaces not in by_id:
            raise InvalidInput("consent records", f"'{record.record_id}' corrects a missing one.")
        if record.replaces in replaced:
            raise InvalidInput("consent records", f"'{record.replaces}' is corrected twice.")
        replaced[record.replaces] = record.record_id
    heads = [r for r in by_id.values() if r.record_id not in replaced]
    if len(heads) != 1:
        problem = "form a loop." if not heads else "hold more than one current record."
        raise InvalidInput("consent records", problem)
    chain = [heads[0]]
    while chain[-1].replaces is not None:
        chain.append(by_id[chain[-1].replaces])
    if len(chain) != len(by_id):  # the rest corrects itself in a circle
        raise InvalidInput("consent records", "form a loop.")
    return chain


def current_record(records: Iterable[ConsentRecord]) -> ConsentRecord | None:
    """The record in force for one interview (the head of its correction chain), if any."""
    chain = correction_chain(records)
    return chain[0] if chain else None
