"""The declared columns of the questionnaire files: ``responses.csv`` and ``score15_scores.csv``.

Owns both ``FileSpec``s. Item ids and answer codes are described from the loaded English
instrument files (the same files the app asks from), so the codebook names every item
and every answer code with its English wording. Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable

from fieldwork.domain.casebook import INTERVIEW_MODE_LABELS
from fieldwork.domain.instruments import Instrument
from fieldwork.domain.score15 import (
    OFFICIAL_REVERSE_KEYED_ITEMS,
    OFFICIAL_SUBSCALE_ITEMS,
    ReliableChangeSettings,
)
from fieldwork.export.columns import (
    CODE,
    CODES,
    FLAG,
    FREE_TEXT,
    INTEGER,
    KEY,
    MISSING,
    MISSING_REASONS,
    NAMES,
    NUMBER,
    TEXT,
    VERSION,
    YES_NO,
    Column,
    FileSpec,
    interview_columns,
    labels,
    missing_column,
)
from fieldwork.export.score15_form_items import wide_columns

SUBSCALE_LABELS = {
    "strengths_and_adaptability": "Strengths and adaptability",
    "overwhelmed_by_difficulties": "Overwhelmed by difficulties",
    "disrupted_communication": "Disrupted communication",
}
SUBSCALE_COLUMNS = {
    "strengths_and_adaptability": "strengths",
    "overwhelmed_by_difficulties": "overwhelmed",
    "disrupted_communication": "disrupted_comm",
}
"""The subscale's column prefix: short enough that every column stays within Stata's 32
characters (the full names made strengths_and_adaptability_item_mean, 36)."""
SCALE_PREFIXES = ("total", *SUBSCALE_COLUMNS.values())
TO_ADMINISTRATION = ((("administration_key",), "score15_scores.csv", ("administration_key",)),)
FLAGS = ("interpreted_orally", "needed_explanation", "respondent_unsure")
_FLAG_MEANINGS = {
    "interpreted_orally": "1 if the interpreter rendered the item orally (not validated wording).",
    "needed_explanation": "1 if the item needed explaining.",
    "respondent_unsure": "1 if the respondent was unsure of the answer.",
}


def _english(instruments: Iterable[Instrument]) -> list[Instrument]:
    return [i for i in instruments if i.is_english]


def responses_spec(instruments: Iterable[Instrument]) -> FileSpec:
    english = _english(instruments)
    items = {i.id: f"{inst.id} item {i.number}: {i.text}" + (
        " (the study's own item, from its resources folder; not shipped with the app)"
        if i.from_study else "") for inst in english for i in inst.items}
    found: dict[str, list[str]] = {}
    for inst in english:
        for scale in inst.scales:
            for option in scale.options:
                seen = found.setdefault(str(option.code), [])
                if option.label not in seen:
                    seen.append(option.label)
    answers = {code: " / ".join(words) for code, words in found.items()}
    return FileSpec("responses.csv", "questionnaire item asked in an interview", (
        Column("administration_key", KEY, "One questionnaire given in one interview "
               "(joins to score15_scores.csv)."),
        *interview_columns(),
        Column("instrument_id", CODE, "The questionnaire.",
               {inst.id: inst.title for inst in english}),
        Column("instrument_version", VERSION, "The version of the questionnaire file."),
        Column("item_id", CODE, "The item (its English wording in the allowed codes). The "
               "other questions are the rows of the evaluation's Tables 3.11-3.13 word for word. "
               "Table 3.12: the app asks 'Feelings about being involved with services', the "
               "words of the table's row; the table's title ('Feelings about being involved with "
               "social workers') and the report's text ('felt positive about social work "
               "involvement') speak of social workers, and the report does not say which words "
               "families heard. Closeness and contact with social workers (Table 3.14) are not "
               "asked here: they are in network_members.csv, one row per social worker on the "
               "map (relationship social_worker). SCORE-15 item 16 is the form's open question "
               "on the words that describe the family (free text, not scored); items after 16 are "
               "the form's other open questions and ratings as a study added them from its own "
               "copy of the form (not scored; their wording is the study's).", items),
        Column("item_number", INTEGER, "The item's number on the questionnaire."),
        Column("answer_code", CODE, "The raw answer code. For SCORE-15 items 1–15, 1–5 as "
               "answered (item reverse keying is applied only in score15_scores.csv); for a "
               "rating the form asks beside them, the number given (its end labels in the "
               "allowed codes). Empty: declined, not yet answered, or a free-text item.", answers),
        Column("declined", FLAG, "1 if the respondent chose not to answer.", YES_NO),
        Column("answered", FLAG, "1 if an answer (code or own words) was recorded; 0 with "
               "declined 0 = asked and flagged but not answered.", YES_NO),
        Column("answer_language", CODE, "The language the answer was given in (BCP-47)."),
        Column("language_shown", CODE, "The language of the wording shown on screen."),
        Column("translation_validated", FLAG, "1 if the respondent answered validated wording "
               "in the language it was shown: 0 for an interpreter's oral rendering, and 0 for "
               "an item whose wording is not the source's own (wording_verbatim 0).", YES_NO),
        Column("wording_verbatim", FLAG, "1 if the item's English wording is word for word its "
               "source's (the published SCORE-15 form; for the other questions, the evaluation "
               "report's tables); 0 if the wording is ours (reworded, or its source could not "
               "be checked); empty if the item is not in the loaded file.", YES_NO),
        *(Column(flag, FLAG, _FLAG_MEANINGS[flag], YES_NO) for flag in FLAGS),
        Column("mode", CODE, "How the questionnaire was given.", labels(INTERVIEW_MODE_LABELS)),
        Column("answer_text", TEXT, "The respondent's own words (free-text items).",
               identifying=True, only_with=FREE_TEXT),
    ), primary_key=("administration_key", "item_id"),
        foreign_keys=((("interview_key",), "interviews.csv", ("interview_key",)),))


def _scale_columns(scale_id: str, what: str, items: int) -> tuple[Column, ...]:
    low, high = items, items * 5
    return (
        Column(scale_id, INTEGER, f"{what}: sum of the {items} item scores ({low}–{high}, higher "
               "= more difficulty); empty unless every item was answered."),
        missing_column(scale_id, what),
        Column(f"{scale_id}_item_mean", NUMBER, f"{what}: mean item score (1–5); empty unless "
               f"every item was answered (why: {scale_id}_missing)."),
        Column(f"{scale_id}_prorated", NUMBER, f"{what} pro-rated: mean of the answered item "
               f"scores × {items}, given only when one item (for the total: at most one per "
               f"subscale) is missing. Empty when {scale_id} has a value (not applicable) or "
               f"too many items are missing (why: {scale_id}_missing). Never mixed into the "
               "complete score."),
        Column(f"{scale_id}_answered", INTEGER, f"{what}: items answered (of {items})."),
    )


def score15_spec(reliable: ReliableChangeSettings) -> FileSpec:
    """score15_scores.csv; the reliable change columns say the study's threshold, cut-off
    and their source (study settings)."""
    reverse = ", ".join(map(str, sorted(OFFICIAL_REVERSE_KEYED_ITEMS)))
    subscales = tuple(c for sid, numbers in OFFICIAL_SUBSCALE_ITEMS.items()
                      for c in _scale_columns(SUBSCALE_COLUMNS[sid], f"{SUBSCALE_LABELS[sid]} "
                                              f"(items {', '.join(map(str, numbers))})", 5))
    return FileSpec("score15_scores.csv", "SCORE-15 administration (one respondent, one interview); "
                    f"item score = answer, or 6 − answer for items {reverse}", (
        Column("administration_key", KEY, "The administration (joins to responses.csv)."),
        *interview_columns(),
        Column("instrument_version", VERSION, "The version of the SCORE-15 file."),
        Column("language_shown", CODE, "The language of the wording shown (BCP-47)."),
        Column("translation_validated", FLAG, "1 if the wording shown on screen is the original "
               "or a validated translation (item by item: responses.csv).", YES_NO),
        Column("mode", CODE, "How SCORE-15 was given.", labels(INTERVIEW_MODE_LABELS)),
        Column("completed", FLAG, "1 if the researcher marked the questionnaire completed.",
               YES_NO),
        Column("items_answered", INTEGER, "Scored items answered (of 15). Here and in the "
               "other item counts, only the 15 scored items count: the form's open questions "
               "and ratings beside them are in responses.csv and score15_wide.csv."),
        Column("items_declined", INTEGER, "Scored items (of 15) the respondent declined."),
        Column("items_not_asked", INTEGER, "Scored items (of 15) never put to the respondent (no row in "
               "responses.csv). An item asked but not yet answered is not counted here."),
        Column("items_asked_not_answered", INTEGER, "Items put to the respondent (a row in "
               "responses.csv, e.g. flagged interpreted orally) but neither answered nor declined "
               "yet. answered + declined + asked_not_answered + not_asked = 15."),
        Column("items_interpreted_orally", INTEGER, "Scored items rendered orally by an interpreter."),
        Column("items_not_validated_wording", INTEGER, "Scored items answered in wording that is not a "
               "validated translation (oral rendering, or answered in another language than "
               "shown); see translation_validated in responses.csv."),
        *_scale_columns("total", "Total (items 1–15)", 15),
        *subscales,
        Column("prorated", FLAG, "1 if any value in this row is pro-rated.", YES_NO),
        Column("earlier_wave", INTEGER, "The family's latest earlier wave with a complete total "
               "(empty if none; why: change_missing)."),
        Column("earlier_total", INTEGER, "The total at that wave."),
        Column("change_from_earlier_wave", INTEGER, "total − earlier_total (negative = "
               "improvement). Complete totals only; pro-rated totals are never compared."),
        Column("change_missing", MISSING, "Why earlier_wave, earlier_total, "
               "change_from_earlier_wave, reliable_change and crossed_clinical_cutoff are empty: "
               "total_missing's reason when this total is missing; not_applicable when no "
               "earlier wave has a complete total; empty when there is a change.",
               MISSING_REASONS),
        Column("reliable_change", FLAG, f"1 if the change (either way) is at least "
               f"{reliable.threshold:g} points, the study's reliable change threshold "
               f"(source: {reliable.source}); empty when there is no change to judge.", YES_NO),
        Column("above_clinical_cutoff", FLAG, f"1 if the total is above the study's clinical "
               f"cut-off of {reliable.clinical_cutoff:g} (source: {reliable.source}); empty "
               "without a complete total (why: total_missing).", YES_NO),
        Column("crossed_clinical_cutoff", FLAG, "1 if the total moved across the clinical "
               "cut-off since earlier_total (either way); empty when there is no change.", YES_NO),
        Column("reliable_change_threshold", NUMBER, "The threshold this row was judged by "
               "(a study setting)."),
        Column("clinical_cutoff", NUMBER, "The clinical cut-off this row was judged by (a study "
               "setting)."),
        Column("reliable_change_source", TEXT, "Where the threshold and cut-off come from."),
        Column("family_members_on_map", CODES, "Who the respondent counted as 'the family': "
               "person codes of people on their network map."),
        Column("family_members_not_on_map", INTEGER, "How many others ('someone else') the "
               "respondent counted as family."),
        Column("family_members", TEXT, "Who the respondent counted as family, as named.",
               identifying=True, only_with=NAMES),
    ), primary_key=("administration_key",),
        foreign_keys=((("interview_key",), "interviews.csv", ("interview_key",)),))


def score15_wide_spec(instruments: Iterable[Instrument] = ()) -> FileSpec:
    """score15_wide.csv: one row per administration, one column per item (as answered),
    beside the long responses.csv: the 15 scored items, then the form's other items of the
    loaded SCORE-15 files (its open questions and ratings, ``score15_form_items``)."""
    items: list[Column] = []
    for number in range(1, 16):
        reverse = " (reverse keyed: scored 6 − answer)" if number in OFFICIAL_REVERSE_KEYED_ITEMS else ""
        items.append(Column(f"item_{number:02d}", INTEGER, f"SCORE-15 item {number}: the answer "
                            f"as given, 1–5{reverse}; empty: see item_{number:02d}_missing.",
                            label=f"SCORE-15 item {number} (answer 1-5)"))
        items.append(missing_column(f"item_{number:02d}", f"SCORE-15 item {number}'s answer"))
    scales: list[Column] = [Column("total", INTEGER, "Total (items 1–15), as in "
                                   "score15_scores.csv; empty unless every item was answered."),
                            missing_column("total", "the total")]
    for sid, numbers in OFFICIAL_SUBSCALE_ITEMS.items():
        prefix = SUBSCALE_COLUMNS[sid]
        what = f"{SUBSCALE_LABELS[sid]} (items {', '.join(map(str, numbers))})"
        scales += [Column(prefix, INTEGER, f"{what}: sum of the 5 item scores, as in "
                          "score15_scores.csv; empty unless every item was answered."),
                   missing_column(prefix, what)]
    return FileSpec("score15_wide.csv", "SCORE-15 administration (as score15_scores.csv), items "
                    "side by side", (
        Column("administration_key", KEY, "The administration (joins to score15_scores.csv and "
               "responses.csv)."),
        *interview_columns(),
        Column("instrument_version", VERSION, "The version of the SCORE-15 file."),
        *items, *scales, *wide_columns(instruments),
    ), primary_key=("administration_key",), foreign_keys=TO_ADMINISTRATION)
