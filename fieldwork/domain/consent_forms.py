"""Consent forms as data files: loading them from JSON and pairing a translation with English.

Each file in ``resources/consent/`` holds one form in one language, e.g.
``family-interview.en.json``::

    {"form_id": "family-interview", "version": "1.0", "language": "en", "direction": "ltr",
     "title": "...", "information_sheet": ["paragraph", ...],
     "statements": [{"id": "interview", "component": "interview", "text": "..."}, ...],
     "note": "optional: where the text comes from"}

A bad file never stops the app: ``load_consent_forms`` returns the valid forms and one
``ResourceFileError`` per bad file, naming the file and the field (``statements[2].component``)
so whoever prepared it can mend it. A translation must ask the same statements, about the
same components, as the English version of the same form id and version, so an interpreter
can show both side by side and the family consents to the same things in either language.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldwork.domain.consent import (
    ConsentComponent,
    ConsentForm,
    ConsentStatement,
    TextDirection,
    is_language_tag,
)
from fieldwork.domain.errors import InvalidInput, ResourceFileError
from fieldwork.resource_files import resource_folder

CONSENT_FORMS_FOLDER = resource_folder("consent")

_TEXT_FIELDS = ("form_id", "version", "language", "direction", "title")
_FORM_FIELDS = frozenset(_TEXT_FIELDS + ("information_sheet", "statements", "note"))
_STATEMENT_FIELDS = frozenset({"id", "component", "text"})
_WHOLE_FILE = "file"


class _Problem(Exception):
    """A problem found in one field of the file being read."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys without a word; in a consent form the lost
    # text could be the one someone meant.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Problem(key, "appears twice in the same object.")
        result[key] = value
    return result


def _text(data: dict[str, Any], key: str, where: str) -> str:
    if key not in data:
        raise _Problem(where, "is missing.")
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise _Problem(where, "must be non-empty text.")
    return value


def _no_unknown_fields(data: dict[str, Any], known: frozenset[str], prefix: str) -> None:
    for key in data:
        if key not in known:
            name = key if key.strip() else f"{key!r} (a field with no name)"
            raise _Problem(f"{prefix}{name}", f"is not a known field; expected {_listed(known)}.")


def _listed(names: Iterable[str]) -> str:
    return ", ".join(f"'{name}'" for name in sorted(names))


def _statements(value: Any) -> tuple[ConsentStatement, ...]:
    if not isinstance(value, list) or not value:
        raise _Problem("statements", "must be a list with at least one statement.")
    first_seen: dict[str, int] = {}
    statements = []
    for index, item in enumerate(value):
        where = f"statements[{index}]"
        if not isinstance(item, dict):
            raise _Problem(where, "must be an object with 'id', 'component' and 'text'.")
        _no_unknown_fields(item, _STATEMENT_FIELDS, f"{where}.")
        statement_id = _text(item, "id", f"{where}.id")
        if statement_id in first_seen:
            raise _Problem(
                f"{where}.id", f"'{statement_id}' repeats statements[{first_seen[statement_id]}].id."
            )
        first_seen[statement_id] = index
        component = _text(item, "component", f"{where}.component")
        if component not in set(ConsentComponent):
            raise _Problem(
                f"{where}.component",
                f"'{component}' is not a consent component; expected {_listed(ConsentComponent)}.",
            )
        text = _text(item, "text", f"{where}.text")
        statements.append(ConsentStatement(statement_id, ConsentComponent(component), text))
    return tuple(statements)


def _information_sheet(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _Problem("information_sheet", "must be a list with at least one paragraph.")
    for index, paragraph in enumerate(value):
        if not isinstance(paragraph, str) or not paragraph.strip():
            raise _Problem(f"information_sheet[{index}]", "must be non-empty text.")
    return tuple(value)


def _form_from_data(data: Any) -> ConsentForm:
    if not isinstance(data, dict):
        raise _Problem(_WHOLE_FILE, "must hold one JSON object (a consent form).")
    _no_unknown_fields(data, _FORM_FIELDS, "")
    texts = {key: _text(data, key, key) for key in _TEXT_FIELDS}
    if not is_language_tag(texts["language"]):
        raise _Problem("language", f"'{texts['language']}' is not a BCP-47 tag like 'en' or 'ar'.")
    if texts["direction"] not in set(TextDirection):
        raise _Problem("direction", f"'{texts['direction']}' must be 'ltr' or 'rtl'.")
    note = data.get("note", "")
    if not isinstance(note, str):
        raise _Problem("note", "must be text.")
    information_sheet = _information_sheet(data.get("information_sheet"))
    statements = _statements(data.get("statements"))
    if ConsentComponent.INTERVIEW not in {s.component for s in statements}:
        raise _Problem("statements", "must include a statement about the 'interview' component.")
    try:
        return ConsentForm(
            form_id=texts["form_id"],
            version=texts["version"],
            language=texts["language"],
            direction=TextDirection(texts["direction"]),
            title=texts["title"],
            information_sheet=information_sheet,
            statements=statements,
            note=note,
        )
    except InvalidInput as error:  # a rule of the form itself that the checks above missed
        raise _Problem(error.field, error.problem) from None


def read_consent_form(path: Path) -> ConsentForm:
    """The consent form in one JSON file; raises ``ResourceFileError`` naming the bad field."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
        return _form_from_data(json.loads(text, object_pairs_hook=_no_repeated_keys))
    except _Problem as problem:
        raise ResourceFileError(str(path), problem.field, problem.problem) from None
    except UnicodeDecodeError:
        raise ResourceFileError(str(path), _WHOLE_FILE, "is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        problem = f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        raise ResourceFileError(str(path), _WHOLE_FILE, problem) from None
    except OSError as error:
        raise ResourceFileError(str(path), _WHOLE_FILE, f"cannot be read ({error.strerror}).") from None
    except RecursionError:
        raise ResourceFileError(str(path), _WHOLE_FILE, "is nested too deeply to be a consent form.") from None


def is_english(form: ConsentForm) -> bool:
    return form.language.lower().split("-")[0] == "en"


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
    return None


def load_consent_forms(
    folder: Path = CONSENT_FORMS_FOLDER,
) -> tuple[list[ConsentForm], list[ResourceFileError]]:
    """Every valid consent form in ``folder`` (its ``*.json`` files), and one error per bad file.

    Two files claiming the same form id, version and language are both refused: a consent
    record names its form by those three, and two texts under one name would make it unclear
    what the family agreed to. A translation whose statements differ from its English
    version is refused too.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return [], [ResourceFileError(str(folder), "folder", "does not exist.")]
    errors: list[ResourceFileError] = []
    read: list[tuple[Path, ConsentForm]] = []
    for path in sorted(folder.glob("*.json")):
        try:
            read.append((path, read_consent_form(path)))
        except ResourceFileError as error:
            errors.append(error)

    def key(form: ConsentForm) -> tuple[str, str, str]:
        return form.form_id, form.version, form.language.lower()

    paths_by_key: dict[tuple[str, str, str], list[Path]] = {}
    for path, form in read:
        paths_by_key.setdefault(key(form), []).append(path)
    unique: list[tuple[Path, ConsentForm]] = []
    for path, form in read:
        others = [p.name for p in paths_by_key[key(form)] if p != path]
        if others:
            problem = (
                f"form '{form.form_id}' version '{form.version}' in '{form.language}' "
                f"is also in {_listed(others)}; neither file is used."
            )
            errors.append(ResourceFileError(str(path), "form_id, version, language", problem))
        else:
            unique.append((path, form))

    all_forms = [form for _, form in unique]
    forms: list[ConsentForm] = []
    for path, form in unique:
        english = english_version(form, all_forms)
        mismatch = None if english is None else _statement_mismatch(form, english)
        if mismatch:
            errors.append(ResourceFileError(str(path), "statements", mismatch))
        else:
            forms.append(form)
    errors.sort(key=lambda error: error.path)
    return forms, errors


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
