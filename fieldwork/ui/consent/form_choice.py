"""Which consent form the consent step shows for an interview, and its English partner.

Owns the choice only (no widgets): the forms are read from one or more folders (the
shipped ``resources/consent`` and, in tests, a test-only pack); the form in the interview
language is preferred (exact tag, then the same base language, e.g. 'ar' finds
'ar-x-test'), newest version first; when there is none the English form is used and the
choice says so, so the page can tell the researcher plainly and the record names the
language actually used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fieldwork.domain.consent import ConsentForm, ConsentStatement
from fieldwork.domain.consent_forms import (
    CONSENT_FORMS_FOLDER,
    is_english,
    load_consent_forms,
    side_by_side,
)
from fieldwork.domain.errors import FieldworkError, ResourceFileError

DEFAULT_FORM_FOLDERS: tuple[Path, ...] = (CONSENT_FORMS_FOLDER,)


def load_forms(folders: Iterable[Path]) -> tuple[list[ConsentForm], list[ResourceFileError]]:
    """The valid forms of every folder (a form already read from an earlier folder is kept)."""
    forms: list[ConsentForm] = []
    errors: list[ResourceFileError] = []
    seen: set[tuple[str, str, str]] = set()
    for folder in folders:
        found, problems = load_consent_forms(Path(folder))
        errors.extend(problems)
        for form in found:
            key = (form.form_id, form.version, form.language.lower())
            if key not in seen:
                seen.add(key)
                forms.append(form)
    return forms, errors


def _version_key(version: str) -> tuple[tuple[int, object], ...]:
    parts = re.findall(r"\d+|[^\d.]+", version)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def _base(language: str) -> str:
    return language.lower().split("-")[0]


@dataclass(frozen=True)
class FormChoice:
    """The form shown to the family, its English version when it is not English itself."""

    form: ConsentForm | None
    english: ConsentForm | None = None
    wanted_language: str = "en"
    fell_back_to_english: bool = False
    errors: tuple[FieldworkError, ...] = field(default_factory=tuple)

    @property
    def two_columns(self) -> bool:
        return self.english is not None

    def english_statement(self, statement: ConsentStatement) -> ConsentStatement | None:
        if self.english is None:
            return None
        return self.english.statement(statement.statement_id)


def choose_form(language: str, forms: Sequence[ConsentForm],
                errors: Sequence[FieldworkError] = ()) -> FormChoice:
    """The form for an interview held in ``language``, from the valid ``forms``."""
    problems = list(errors)

    def newest(candidates: list[ConsentForm]) -> ConsentForm | None:
        candidates.sort(key=lambda f: (_version_key(f.version), f.form_id))
        return candidates[-1] if candidates else None

    exact = newest([f for f in forms if f.language.lower() == language.lower()])
    chosen = exact or newest([f for f in forms if _base(f.language) == _base(language)])
    if chosen is None:
        english = newest([f for f in forms if is_english(f)])
        return FormChoice(english, None, language, fell_back_to_english=not _base(language) == "en",
                          errors=tuple(problems))
    if is_english(chosen):
        return FormChoice(chosen, None, language, errors=tuple(problems))
    try:
        paired = side_by_side(chosen, forms)
    except FieldworkError as error:  # statements differ from English: cannot pair them
        problems.append(error)
        paired = None
    return FormChoice(chosen, paired.english if paired else None, language, errors=tuple(problems))
