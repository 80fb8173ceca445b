"""Consent forms as data files: the rules beyond their schema, and pairing a translation with English.

Each file in ``resources/consent/`` (or a study's own ``consent/`` folder) holds one form in
one language, e.g. ``family-interview.en.json``::

    {"form_id": "family-interview", "version": "2.0", "language": "en", "direction": "ltr",
     "title": "...", "information_sheet": ["paragraph", ...],
     "used_for": {"waves": [1], "modes": ["in_person"]}, "easy_read": false,
     "components": [{"id": "interview", "label": "The interview", "required": true,
                     "gates": ["interview", "other_questions"]},
                    {"id": "case_records", "label": "...", "required": false, "gates": ["case_status"]},
                    {"id": "recontact", ..., "waves": [1]}, ...],
     "statements": [{"id": "interview", "component": "interview", "text": "..."}, ...],
     "note": "optional: where the text comes from"}

The form's ``components`` are the study's consent components (``consent_components``): what
each gates is data, so a form with an extra component gates what that component declares.
A form without ``components`` (version 1.0 files) is read with the built-in meanings of its
statements' component ids, and any other id in it is refused.

The resource library (``resource_library``) reads a file and checks it against
``resources/schemas/consent_form.schema.json``; ``form_from_document`` checks what a schema
cannot say (statement ids not repeated, a statement about the interview). A bad file never
stops the app: the good forms load, and each bad file is named with the JSON path of its
problem (``$.statements[2].component``) so whoever prepared it can mend it. A translation
must ask the same statements, about the same components, as the English version of the
same form id and version, so an interpreter can show both side by side and the family
consents to the same things in either language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fieldwork.domain.consent import (
    ComponentSpec,
    ConsentForm,
    ConsentStatement,
    TextDirection,
)
from fieldwork.domain.consent_components import CODE_PATTERN, built_in_spec
from fieldwork.domain.errors import InvalidInput, ResourceFileError
from fieldwork.domain.language_tags import is_english as _is_english_tag
from fieldwork.resource_files import resource_folder

CONSENT_FORMS_FOLDER = resource_folder("consent")

CONSENT_KIND = "consent"
"""The folder of consent forms in a resources folder, and the kind the resource library reads."""


def _listed(names: Iterable[str]) -> str:
    return ", ".join(f"'{name}'" for name in sorted(names))


def _declared_components(data: dict[str, Any], shown: str) -> tuple[ComponentSpec, ...]:
    specs: list[ComponentSpec] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data.get("components") or ()):
        where = f"$.components[{index}]"
        if item["id"] in seen:
            raise ResourceFileError(shown, f"{where}.id",
                                    f"'{item['id']}' repeats components[{seen[item['id']]}].id.")
        seen[item["id"]] = index
        try:
            specs.append(ComponentSpec(item["id"], item["label"], item["required"], tuple(item["gates"]),
                                       tuple(item.get("waves") or ()), item.get("study_setting")))
        except InvalidInput as error:
            raise ResourceFileError(shown, where, f"{error.field}: {error.problem}") from None
    return tuple(specs)


def form_from_document(data: dict[str, Any], shown: str) -> ConsentForm:
    """The form in a document the schema has passed; the rules a schema cannot say are checked here."""
    specs = _declared_components(data, shown)
    declared = {spec.component for spec in specs}
    first_seen: dict[str, int] = {}
    statements = []
    for index, item in enumerate(data["statements"]):
        statement_id, component = item["id"], item["component"]
        if statement_id in first_seen:
            raise ResourceFileError(shown, f"$.statements[{index}].id",
                                    f"'{statement_id}' repeats statements[{first_seen[statement_id]}].id.")
        first_seen[statement_id] = index
        if specs and component not in declared:
            raise ResourceFileError(shown, f"$.statements[{index}].component",
                                    f"'{component}' is not declared in $.components: {_listed(declared)}.")
        if not specs and built_in_spec(component) is None:
            problem = ("is not a built-in consent component; declare the form's components in "
                       "$.components to use your own." if CODE_PATTERN.match(str(component))
                       else "is not a code like 'case_records' (a-z, 0-9, _).")
            raise ResourceFileError(shown, f"$.statements[{index}].component", f"'{component}' {problem}")
        statements.append(ConsentStatement(statement_id, component, item["text"]))
    for index, spec in enumerate(specs):
        if not any(s.component == spec.component for s in statements):
            raise ResourceFileError(shown, f"$.components[{index}]", f"'{spec.component}' has no statement.")
    required = [spec for spec in specs] if specs else [built_in_spec(s.component) for s in statements]
    if not any(spec is not None and spec.required for spec in required):
        raise ResourceFileError(shown, "$.statements",
                                "must include a statement about the 'interview' component "
                                "(a component marked required).")
    used_for = data.get("used_for") or {}
    try:
        return ConsentForm(
            form_id=data["form_id"],
            version=data["version"],
            language=data["language"],
            direction=TextDirection(data["direction"]),
            title=data["title"],
            information_sheet=tuple(data["information_sheet"]),
            statements=tuple(statements),
            note=data.get("note", ""),
            component_specs=specs,
            waves=tuple(used_for.get("waves") or ()),
            modes=tuple(used_for.get("modes") or ()),
            easy_read=bool(data.get("easy_read", False)),
            retired=bool(data.get("retired", False)),
        )
    except InvalidInput as error:  # a rule of the form itself that the checks above missed
        raise ResourceFileError(shown, f"$.{error.field}", error.problem) from None


def consent_form_identity(form: ConsentForm) -> tuple[str, str, str]:
    """What a consent record names a form by: two files with it would leave unclear what was agreed."""
    return form.form_id, form.version, form.language.lower()


def is_english(form: ConsentForm) -> bool:
    return _is_english_tag(form.language)


def _statement_mismatch(form: ConsentForm, english: ConsentForm) -> str | None:
    """Why ``form`` cannot be shown beside ``english``, or None when the statements match."""
    ours = {s.statement_id: s.component for s in form.statements}
    theirs = {s.statement_id: s.component for s in english.statements}
    if set(ours) != set(theirs):
        missing = sorted(set(theirs) - set(ours))
        extra = sorted(set(ours) - set(theirs))
        return f"do not match the English version: missing {missing}, not in English {extra}."
    for statement_id, component in ours.items():
        if theirs[statement_id] != component:
            return f"'{statement_id}' is about '{component}' here but '{theirs[statement_id]}' in English."
    # The family consents to the same things in either language: what each component gates,
    # whether it is required and when it is asked must not differ (its label may be translated).
    def meaning(f: ConsentForm) -> dict[str, tuple[object, ...]]:
        return {c.component: (c.required, c.gates, c.waves, c.study_setting) for c in f.component_specs}
    if meaning(form) != meaning(english):
        return "declare their components differently from the English version (required, gates, waves)."
    if (form.waves, form.modes, form.easy_read) != (english.waves, english.modes, english.easy_read):
        return "are for other waves or modes than the English version."
    return None


def refuse_mismatched_translations(
    forms: list[tuple[str, ConsentForm]],
) -> tuple[list[tuple[str, ConsentForm]], list[ResourceFileError]]:
    """The (file, form) pairs that can be shown beside their English, and an error for the others."""
    all_forms = [form for _, form in forms]
    kept: list[tuple[str, ConsentForm]] = []
    errors: list[ResourceFileError] = []
    for shown, form in forms:
        english = english_version(form, all_forms)
        mismatch = None if english is None else _statement_mismatch(form, english)
        if mismatch:
            errors.append(ResourceFileError(shown, "$.statements", mismatch))
        else:
            kept.append((shown, form))
    return kept, errors


def english_version(form: ConsentForm, forms: Iterable[ConsentForm]) -> ConsentForm | None:
    """The English form with the same form id and version ('en' before 'en-GB'), or None.

    An English form is its own English version.
    """
    if is_english(form):
        return form
    candidates = [
        other
        for other in forms
        if other.form_id == form.form_id and other.version == form.version and is_english(other)
    ]
    candidates.sort(key=lambda other: (other.language.lower() != "en", other.language))
    return candidates[0] if candidates else None


@dataclass(frozen=True)
class SideBySideForm:
    """A form in the family's language beside its English version, statement by statement."""

    form: ConsentForm
    english: ConsentForm
    statements: tuple[tuple[ConsentStatement, ConsentStatement], ...]  # (family's, English)


def side_by_side(form: ConsentForm, forms: Iterable[ConsentForm]) -> SideBySideForm | None:
    """``form`` paired with its English version for the interpreter, or None if there is none."""
    english = english_version(form, forms)
    if english is None:
        return None
    mismatch = _statement_mismatch(form, english)
    if mismatch:
        raise InvalidInput("consent form statements", mismatch)
    by_id = {s.statement_id: s for s in english.statements}
    pairs = tuple((s, by_id[s.statement_id]) for s in form.statements)
    return SideBySideForm(form=form, english=english, statements=pairs)


def newest_form(forms: Iterable[ConsentForm], form_id: str, language: str = "en") -> ConsentForm | None:
    """The newest version of ``form_id`` in ``language`` still offered (retired ones are not)."""
    def version(form: ConsentForm) -> tuple[int | str, ...]:
        return tuple(int(p) if p.isdigit() else p for p in form.version.split("."))
    candidates = [f for f in forms if f.form_id == form_id and f.language == language and not f.retired]
    return max(candidates, key=version) if candidates else None
