"""Which consent form the consent step shows for an interview, and its English partner.

Owns the choice only (no widgets): the forms come from the study's resource library (the
shipped forms and the study's own); the form in the interview language is chosen by the one
fallback rule (``language_tags.choose_language``: exact tag, shorter tag, the same base
language, e.g. 'ar' finds 'ar-x-test'), newest version first; when there is none the English
form is used and the choice says so, so the page can tell the researcher plainly and the
record names the language actually used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from fieldwork.domain.consent import ConsentForm, ConsentStatement
from fieldwork.domain.consent_forms import is_english, side_by_side
from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.language_tags import choose_language
from fieldwork.domain.language_tags import is_english as is_english_tag


def _version_key(version: str) -> tuple[tuple[int, object], ...]:
    parts = re.findall(r"\d+|[^\d.]+", version)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


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

    tag = choose_language(language, {f.language for f in forms})
    chosen = newest([f for f in forms if tag is not None and f.language.lower() == tag.lower()])
    if chosen is None:
        return FormChoice(None, None, language, errors=tuple(problems))
    if is_english(chosen) and not is_english_tag(language):
        return FormChoice(chosen, None, language, fell_back_to_english=True, errors=tuple(problems))
    if is_english(chosen):
        return FormChoice(chosen, None, language, errors=tuple(problems))
    try:
        paired = side_by_side(chosen, forms)
    except FieldworkError as error:  # statements differ from English: cannot pair them
        problems.append(error)
        paired = None
    return FormChoice(chosen, paired.english if paired else None, language, errors=tuple(problems))
