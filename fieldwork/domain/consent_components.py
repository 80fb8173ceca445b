"""Consent components as data: what each one is called, whether the visit needs it, what it gates.

A study's consent components come from its form files: each form declares its components
(``ComponentSpec``: id, label, required, gates, the waves it is asked at, the study setting
it needs) and its statements name them. What a component *gates* is a list of codes for the
data or steps that may only be recorded with it: ``network_map``, ``score15``, ``interview``
(the visit itself, its other questions), ``case_status`` (information from children's
services records), ``social_workers`` (practitioner codes and their interviews about the
family), or any code a study's own form uses. Gating follows whichever components the form
defines: a form with an extra component gates what that component declares.

``BUILT_IN_COMPONENTS`` is what the built-in ids meant on the forms shipped before forms
declared their components (v1.0: interview, network map, SCORE-15, audio, quotes, archiving,
recontact) plus the built-in ids the later shipped forms use. A form file that does not
declare its components, and a consent record confirmed before records kept their components,
are read with these meanings, so existing studies keep what their records meant. Nothing here
assumes the set is fixed: ``ConsentComponent`` only names the built-in ids for the code that
records built-in steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from fieldwork.domain.errors import InvalidInput

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

# A study setting a component may depend on (the component is asked only when it is on).
RECORDS_AUDIO = "records_audio"
STUDY_SETTINGS_FOR_COMPONENTS = (RECORDS_AUDIO,)


class ConsentComponent(StrEnum):
    """The built-in component ids (a form may declare others)."""

    INTERVIEW = "interview"
    NETWORK_MAP = "network_map"
    SCORE15 = "score15"
    AUDIO_RECORDING = "audio_recording"
    ANONYMOUS_QUOTES = "anonymous_quotes"
    ARCHIVING = "archiving"
    RECONTACT = "recontact"
    SOCIAL_WORKER_INTERVIEW = "social_worker_interview"
    CASE_RECORDS = "case_records"
    CASE_STUDY = "case_study"


class Gate(StrEnum):
    """What the app itself records under consent; a form's component lists the ones it allows."""

    INTERVIEW = "interview"
    NETWORK_MAP = "network_map"
    SCORE15 = "score15"
    CASE_STATUS = "case_status"
    SOCIAL_WORKERS = "social_workers"


def check_code(value: object, what: str) -> str:
    if not isinstance(value, str) or not CODE_PATTERN.match(value):
        raise InvalidInput(what, f"'{value}' is not a code like 'case_records' (a-z, 0-9, _).")
    return value


@dataclass(frozen=True)
class ComponentSpec:
    """One consent component as a form declares it.

    ``required``: the visit cannot go ahead without it (nothing at all is recorded unless
    the family agreed to every required component). ``gates``: what may be recorded only
    with it. ``waves``: the waves it is asked at (empty: every wave), e.g. recontact for a
    second interview only at wave 1. ``study_setting``: asked only in studies with that
    setting on (audio recording only in studies that record audio).
    """

    component: str
    label: str
    required: bool = False
    gates: tuple[str, ...] = ()
    waves: tuple[int, ...] = ()
    study_setting: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "component", str(check_code(self.component, "consent component")))
        if not isinstance(self.label, str) or not self.label.strip():
            raise InvalidInput(f"component '{self.component}' label", "is required and must be text.")
        object.__setattr__(self, "gates", tuple(str(check_code(g, "gate")) for g in self.gates))
        object.__setattr__(self, "waves", tuple(self.waves))
        if not isinstance(self.required, bool):
            raise InvalidInput(f"component '{self.component}' required", "must be true or false.")
        if self.study_setting is not None and self.study_setting not in STUDY_SETTINGS_FOR_COMPONENTS:
            raise InvalidInput(f"component '{self.component}' study setting",
                               f"'{self.study_setting}' is not one of {STUDY_SETTINGS_FOR_COMPONENTS}.")

    def asked(self, wave: int | None, settings: Iterable[str] = ()) -> bool:
        """Is this component asked at ``wave`` in a study with ``settings`` switched on?"""
        if wave is not None and self.waves and wave not in self.waves:
            return False
        return self.study_setting is None or self.study_setting in set(settings)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.component, "label": self.label, "required": self.required,
                "gates": list(self.gates), "waves": list(self.waves), "study_setting": self.study_setting}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> ComponentSpec:
        return cls(component=str(data["id"]), label=str(data["label"]), required=bool(data["required"]),
                   gates=tuple(data.get("gates") or ()),  # type: ignore[arg-type]
                   waves=tuple(data.get("waves") or ()),  # type: ignore[arg-type]
                   study_setting=data.get("study_setting"))  # type: ignore[arg-type]


C = ConsentComponent
BUILT_IN_COMPONENTS: dict[str, ComponentSpec] = {spec.component: spec for spec in (
    ComponentSpec(C.INTERVIEW, "The interview", True, (Gate.INTERVIEW, "other_questions")),
    ComponentSpec(C.NETWORK_MAP, "Family network map", False, (Gate.NETWORK_MAP,)),
    ComponentSpec(C.SCORE15, "SCORE-15 questionnaire", False, (Gate.SCORE15,)),
    ComponentSpec(C.AUDIO_RECORDING, "Audio recording", False, ("audio_recording",)),
    ComponentSpec(C.ANONYMOUS_QUOTES, "Anonymous quotes in reports", False, ("anonymous_quotes",)),
    ComponentSpec(C.ARCHIVING, "Archiving the data", False, ("archiving",)),
    ComponentSpec(C.RECONTACT, "Being contacted again", False, ("recontact",)),
    ComponentSpec(C.SOCIAL_WORKER_INTERVIEW, "Interviewing the family's social worker", False,
                  (Gate.SOCIAL_WORKERS,)),
    ComponentSpec(C.CASE_RECORDS, "Information from children's services records", False,
                  (Gate.CASE_STATUS,)),
    ComponentSpec(C.CASE_STUDY, "Publishing an anonymised case study or map", False, ("case_study",)),
)}


class _Labels(dict[str, str]):
    """Labels of the built-in ids; any other id is shown in words rather than failing."""

    def __missing__(self, key: str) -> str:
        return str(key).replace("_", " ").capitalize()


CONSENT_COMPONENT_LABELS: dict[str, str] = _Labels(
    {ConsentComponent(cid): spec.label for cid, spec in BUILT_IN_COMPONENTS.items()})


def built_in_spec(component: str) -> ComponentSpec | None:
    return BUILT_IN_COMPONENTS.get(str(component))


def spec_or_default(component: str) -> ComponentSpec:
    """The built-in meaning of ``component``; an unknown id gates only itself (a record
    whose own spec went missing must still never be read as allowing something else)."""
    spec = built_in_spec(component)
    return spec if spec is not None else ComponentSpec(str(component), CONSENT_COMPONENT_LABELS[component],
                                                       False, (str(component),))
