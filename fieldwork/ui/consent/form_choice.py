"""Which consent form the consent step shows for an interview, and its English partner.

Owns the choice only (no widgets): the forms come from the study's resource library (the
shipped forms and the study's own). A form says which waves and modes it is for
(``used_for``; none said: any); retired forms are never offered. The study's own forms
(``ResourceLibrary.study_consent_forms``: form ids the app does not ship) come first: where
any of them fits the interview's wave and mode, only the study's own forms are offered
(standard and easy-read alike), and the shipped forms only where none of the study's fits.
A translation of a shipped form is not a form of the study's own. Among the forms offered,
the one in the interview language is chosen by the one fallback
rule (``language_tags.choose_language``: exact tag, shorter tag, the same base language,
e.g. 'ar' finds 'ar-x-test'); a form naming the wave and mode beats a general one, then the
newest version. When there is none in the language the English form is used and the choice
says so, so the page can tell the researcher plainly and the record names the language
actually used. An easy-read version for the same wave, mode and language is offered beside
the standard one. The chosen form is shown *as asked* at that wave in that study: components
not asked then (recontact after wave 1; audio recording in a study that does not record
audio) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from fieldwork.domain.casebook import Interview, InterviewMode
from fieldwork.domain.consent import ConsentForm, ConsentStatement, HowGiven
from fieldwork.domain.consent_forms import is_english, side_by_side
from fieldwork.domain.errors import FieldworkError, InvalidInput
from fieldwork.domain.language_tags import choose_language
from fieldwork.domain.language_tags import is_english as is_english_tag


def _version_key(version: str) -> tuple[tuple[int, object], ...]:
    parts = re.findall(r"\d+|[^\d.]+", version)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def ways_of_giving(mode: InterviewMode | str) -> tuple[HowGiven, ...]:
    """How consent can be given in this mode: by telephone there is nothing to sign on."""
    if InterviewMode(mode) is InterviewMode.TELEPHONE:
        return (HowGiven.VERBAL,)
    return (HowGiven.SIGNED_ON_SCREEN, HowGiven.VERBAL)


@dataclass(frozen=True)
class FormChoice:
    """The form shown to the family, its English version when it is not English itself."""

    form: ConsentForm | None
    english: ConsentForm | None = None
    wanted_language: str = "en"
    fell_back_to_english: bool = False
    errors: tuple[FieldworkError, ...] = field(default_factory=tuple)
    easy_read: FormChoice | None = None  # the easy-read version, when there is one
    ways: tuple[HowGiven, ...] = (HowGiven.SIGNED_ON_SCREEN, HowGiven.VERBAL)

    @property
    def two_columns(self) -> bool:
        return self.english is not None

    def english_statement(self, statement: ConsentStatement) -> ConsentStatement | None:
        if self.english is None:
            return None
        return self.english.statement(statement.statement_id)


def _fits(form: ConsentForm, wave: int | None, mode: str | None) -> bool:
    if form.retired:
        return False
    if wave is not None and form.waves and wave not in form.waves:
        return False
    return mode is None or not form.modes or mode in form.modes


def _best(candidates: list[ConsentForm]) -> ConsentForm | None:
    # A form written for this wave and mode beats a general one; then the newest version.
    candidates.sort(key=lambda f: (bool(f.waves), bool(f.modes), _version_key(f.version), f.form_id))
    return candidates[-1] if candidates else None


def _pick(language: str, forms: Sequence[ConsentForm], fitting: list[ConsentForm], easy_read: bool,
          wave: int | None, settings: tuple[str, ...], problems: list[FieldworkError]) -> FormChoice:
    pool = [f for f in fitting if f.easy_read == easy_read]
    tag = choose_language(language, {f.language for f in pool})
    chosen = _best([f for f in pool if tag is not None and f.language.lower() == tag.lower()])
    if chosen is None:
        return FormChoice(None, None, language, errors=tuple(problems))
    asked = chosen.as_asked(wave, settings)
    if is_english(chosen):
        return FormChoice(asked, None, language, fell_back_to_english=not is_english_tag(language),
                          errors=tuple(problems))
    try:
        paired = side_by_side(chosen, forms)
    except FieldworkError as error:  # statements differ from English: cannot pair them
        problems.append(error)
        paired = None
    english = paired.english.as_asked(wave, settings) if paired else None
    return FormChoice(asked, english, language, errors=tuple(problems))


def offered(forms: Sequence[ConsentForm], wave: int | None, mode: str | None,
            study_forms: Collection[str] = ()) -> list[ConsentForm]:
    """The forms offered at ``wave`` in ``mode``: the study's own that fit, when any does;
    otherwise the others that fit (the one place this rule lives)."""
    fitting = [f for f in forms if _fits(f, wave, mode)]
    own = [f for f in fitting if f.form_id in study_forms]
    return own or [f for f in fitting if f.form_id not in study_forms]


def choose_form(language: str, forms: Sequence[ConsentForm], errors: Sequence[FieldworkError] = (),
                *, wave: int | None = None, mode: InterviewMode | str | None = None,
                settings: Iterable[str] = (), study_forms: Collection[str] = ()) -> FormChoice:
    """The form for an interview held in ``language`` at ``wave`` in ``mode``, from the valid
    ``forms``; ``settings`` are the study settings switched on (e.g. 'records_audio');
    ``study_forms`` the form ids of the study's own forms (offered first)."""
    problems = list(errors)
    mode_code = None if mode is None else InterviewMode(mode).value
    settings = tuple(settings)
    fitting = offered(forms, wave, mode_code, study_forms)
    ways = ways_of_giving(mode_code or InterviewMode.IN_PERSON)
    standard = _pick(language, forms, fitting, False, wave, settings, problems)
    easy = _pick(language, forms, fitting, True, wave, settings, list(problems))
    if standard.form is None and easy.form is None and forms:
        what = " ".join(p for p in (f"wave {wave}" if wave else "", f"by {mode_code.replace('_', ' ')}"
                                    if mode_code else "") if p)
        problems.append(InvalidInput("consent forms", f"none of the installed forms is for {what}."))
        return FormChoice(None, None, language, errors=tuple(problems), ways=ways)
    if standard.form is None:  # only an easy-read version exists: that is the form
        return FormChoice(easy.form, easy.english, language, easy.fell_back_to_english, easy.errors,
                          None, ways)
    return FormChoice(standard.form, standard.english, language, standard.fell_back_to_english,
                      standard.errors, easy if easy.form is not None else None, ways)


def choose_form_for(interview: Interview, forms: Sequence[ConsentForm],
                    errors: Sequence[FieldworkError] = (), settings: Iterable[str] = (),
                    study_forms: Collection[str] = ()) -> FormChoice:
    """The form for ``interview``: its language, wave and mode."""
    return choose_form(interview.language, forms, errors, wave=interview.wave, mode=interview.mode,
                       settings=settings, study_forms=study_forms)
