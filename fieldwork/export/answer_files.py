"""Rows of the questionnaire files: every item asked (long), and SCORE-15 scores recomputed.

Owns ``response_rows`` (one row per item asked, raw codes, per-item flags) and
``score15_rows``: each SCORE-15 administration scored again from its stored answers with
``score15.score_score15`` (pro-rating allowed and always in its own column), with the
change in total from the family's latest earlier wave with a complete total. Qt-free.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from fieldwork.domain.consent_gating import WHOLE_STUDY
from fieldwork.domain.instruments import Instrument
from fieldwork.domain.score15 import (
    DECLINED,
    OFFICIAL_SUBSCALE_ITEMS,
    SCORE15_ID,
    Answer,
    ReliableChangeSettings,
    ScaleScore,
    Score15Result,
    change_between_waves,
    score_score15,
    scored_items,
)
from fieldwork.export import score15_form_items
from fieldwork.export.answer_columns import SCALE_PREFIXES, SUBSCALE_COLUMNS, score15_spec
from fieldwork.export.case_files import flag, interview_link
from fieldwork.export.study_reader import Pseudonyms, Row, StudyData

FLAGS = ("interpreted_orally", "needed_explanation", "respondent_unsure")


def _english(instruments: Iterable[Instrument]) -> dict[tuple[str, str], Instrument]:
    return {(i.id, i.version): i for i in instruments if i.is_english}


def _administrations(data: StudyData) -> list[Row]:
    """Administrations of interviews still in the data, in bundle order."""
    order = {i["key"]: n for n, i in enumerate(data.interviews)}
    kept = [a for a in data.administrations if a["interview_key"] in order]
    return sorted(kept, key=lambda a: (order[a["interview_key"]], a["instrument_id"]))


def response_rows(data: StudyData, instruments: Iterable[Instrument], free_text: bool) -> list[Row]:
    english = _english(instruments)
    rows = []
    for adm in _administrations(data):
        link = interview_link(data, adm["interview_key"])
        instrument = english.get((adm["instrument_id"], adm["instrument_version"]))
        numbers = {item.id: item.number for item in instrument.items} if instrument else {}
        verbatim = {item.id: item.verbatim for item in instrument.items} if instrument else {}
        answers = sorted(data.answers.get(adm["key"], []),
                         key=lambda a: (numbers.get(a["item_id"], 10_000), a["item_id"]))
        for answer in answers:
            row: Row = {
                "administration_key": adm["key"], **link,
                "instrument_id": adm["instrument_id"], "instrument_version": adm["instrument_version"],
                "item_id": answer["item_id"], "item_number": numbers.get(answer["item_id"], ""),
                "answer_code": answer["answer_code"] or "",
                "declined": flag(answer["declined"]),
                "answered": flag(answer["answer_code"] is not None or answer["answer_text"] is not None),
                "answer_language": answer["answer_language"],
                "language_shown": adm["language_shown"],
                # Wording that is ours (reworded, or not checked) is never validated wording.
                "translation_validated": flag(answer["translation_validated"]
                                              and verbatim.get(answer["item_id"], False)),
                "wording_verbatim": flag(verbatim[answer["item_id"]])
                if answer["item_id"] in verbatim else "",
                **{name: flag(answer[name]) for name in FLAGS},
                "mode": adm["mode"],
            }
            if free_text:
                row["answer_text"] = answer["answer_text"] or ""
            rows.append(row)
    return rows


def score15_answers(answers: Iterable[Row]) -> dict[str, Answer]:
    """Stored answers in the form ``score_score15`` takes (absent = not yet asked)."""
    result: dict[str, Answer] = {}
    for answer in answers:
        if answer["declined"]:
            result[answer["item_id"]] = DECLINED
        elif answer["answer_code"] is not None:
            result[answer["item_id"]] = int(answer["answer_code"])
    return result


def _scale(prefix: str, scale: ScaleScore) -> Row:
    def number(value: float | None) -> float | str:
        return "" if value is None else round(value, 4)

    prefix = SUBSCALE_COLUMNS.get(prefix, prefix)
    return {prefix: "" if scale.score is None else scale.score,
            f"{prefix}_item_mean": number(scale.item_mean),
            f"{prefix}_prorated": number(scale.prorated_score),
            f"{prefix}_answered": scale.answered_count}


def _withdrew_from_score15(data: StudyData) -> set[str]:
    """Families that withdrew from the whole study or from SCORE-15 (items they were never
    asked are missing because they withdrew, not 'not asked')."""
    return {w["family_key"] for w in data.withdrawals if w["scope"] in (WHOLE_STUDY, "score15")}


def item_reasons(answers: Iterable[Row], item_ids: Iterable[str], withdrawn: bool) -> dict[str, str]:
    """Why each item has no answer code (an answered item gets '')."""
    by_item = {a["item_id"]: a for a in answers}
    reasons = {}
    for item in item_ids:
        answer = by_item.get(item)
        if answer is None:
            reasons[item] = "withdrawn" if withdrawn else "not_asked"
        elif answer["answer_code"] is not None:
            reasons[item] = ""
        elif answer["declined"]:
            reasons[item] = "declined"
        else:
            reasons[item] = "not_answered"
    return reasons


def scale_reason(reasons: dict[str, str], item_ids: Iterable[str]) -> str:
    """Why a scale over ``item_ids`` has no score: the first of declined, not_answered,
    withdrawn, not_asked among its items ('' when all are answered)."""
    found = {reasons.get(item, "not_asked") for item in item_ids}
    return next((r for r in ("declined", "not_answered", "withdrawn", "not_asked") if r in found), "")


def scale_items(instrument: Instrument) -> dict[str, list[str]]:
    """Column prefix → the scored item ids of the total and each subscale."""
    by_number = {i.number: i.id for i in scored_items(instrument)}
    scales = {"total": sorted(by_number.values())}
    for sid, numbers in OFFICIAL_SUBSCALE_ITEMS.items():
        scales[SUBSCALE_COLUMNS[sid]] = [by_number[n] for n in numbers if n in by_number]
    return scales


def _family_members(raw: str | None, family_key: str, codes: Pseudonyms) -> tuple[str, int, str]:
    members = json.loads(raw or "[]")
    on_map = [codes.person_code(family_key, m["person_key"]) for m in members if m.get("person_key")]
    others = sum(1 for m in members if not m.get("person_key"))
    return ";".join(c for c in on_map if c), others, "; ".join(m["label"] for m in members)


def score15_rows(data: StudyData, instruments: Iterable[Instrument], codes: Pseudonyms,
                 names: bool) -> tuple[list[Row], list[str]]:
    """(rows, problems): an administration whose instrument version is not loaded is kept
    with empty scores and named in the problems, for the manifest."""
    english = _english(instruments)
    withdrew = _withdrew_from_score15(data)
    problems: list[str] = []
    scored: list[tuple[Row, Row, Score15Result | None]] = []
    # Each loaded version's item ids, scored ids and scales, found once, not per administration.
    versions: dict[int, tuple[set[str], set[str], dict[str, list[str]]]] = {}
    for adm in _administrations(data):
        if adm["instrument_id"] != SCORE15_ID:
            continue
        link = interview_link(data, adm["interview_key"])
        answers = data.answers.get(adm["key"], [])
        instrument = english.get((SCORE15_ID, adm["instrument_version"]))
        result = None
        if instrument is not None and id(instrument) not in versions:
            versions[id(instrument)] = ({item.id for item in instrument.items},
                                        {i.id for i in scored_items(instrument)}, scale_items(instrument))
        if instrument is None:
            problems.append(f"SCORE-15 version {adm['instrument_version']} is not loaded: "
                            f"{link['family_code']} wave {link['wave']} is not scored.")
        else:
            # Answers to items the loaded file lacks (the study's own items, its folder not on
            # this laptop: the manifest says so) do not stop the 15 from being scored.
            known = versions[id(instrument)][0]
            result = score_score15(instrument, score15_answers(a for a in answers if a["item_id"] in known),
                                   prorate=True)
        # The counts are of the 15 scored items; the form's open questions and ratings
        # beside them are not among them.
        scored_ids = (versions[id(instrument)][1] if instrument is not None
                      else {a["item_id"] for a in answers})
        counted = [a for a in answers if a["item_id"] in scored_ids]
        on_map, others, named = _family_members(adm["family_members"], link["family_key"], codes)
        row: Row = {
            "administration_key": adm["key"], **link,
            "instrument_version": adm["instrument_version"],
            "language_shown": adm["language_shown"],
            "translation_validated": flag(adm["translation_validated"]),
            "mode": adm["mode"], "completed": flag(adm["completed_at"]),
            "items_interpreted_orally": sum(1 for a in counted if a["interpreted_orally"]),
            "items_not_validated_wording": sum(
                1 for a in counted if a["answer_code"] is not None and not a["translation_validated"]),
            "family_members_on_map": on_map, "family_members_not_on_map": others,
            "earlier_wave": "", "earlier_total": "", "change_from_earlier_wave": "",
            "reliable_change": "", "above_clinical_cutoff": "", "crossed_clinical_cutoff": "",
            "reliable_change_threshold": data.reliable_change.threshold,
            "clinical_cutoff": data.reliable_change.clinical_cutoff,
            "reliable_change_source": data.reliable_change.source,
        }
        if names:
            row["family_members"] = named
        # An answer row is an item put to the respondent, answered or not (e.g. only
        # flagged 'interpreted orally' so far): asked, so never counted as not asked.
        asked = {a["item_id"] for a in answers}
        row["items_asked_not_answered"] = sum(
            1 for a in counted if a["item_id"] in scored_ids
            and a["answer_code"] is None and a["answer_text"] is None and not a["declined"])
        if result is not None:
            row.update(items_answered=len(result.item_scores), items_declined=len(result.declined),
                       items_not_asked=sum(1 for i in scored_ids if i not in asked),
                       prorated=flag(result.prorated),
                       **_scale("total", result.total),
                       **{k: v for s in result.subscales for k, v in _scale(s.id, s).items()})
            reasons = item_reasons(answers, scored_ids, link["family_key"] in withdrew)
            for prefix, items in versions[id(instrument)][2].items():
                row[f"{prefix}_missing"] = "" if row[prefix] != "" else scale_reason(reasons, items)
        else:
            row.update(items_answered=sum(1 for a in answers if a["answer_code"] is not None),
                       items_declined=sum(1 for a in answers if a["declined"]), items_not_asked="",
                       prorated="")
            row.update({c.name: "" for c in score15_spec(data.reliable_change).included(
                False, False) if c.name not in row})
            row.update({f"{prefix}_missing": "not_scored" for prefix in SCALE_PREFIXES})
        row["change_missing"] = row["total_missing"]
        scored.append((row, link, result))
    _add_changes(scored, data.reliable_change)
    return [row for row, _link, _result in scored], problems


def _add_changes(scored: list[tuple[Row, Row, Score15Result | None]],
                 reliable: ReliableChangeSettings) -> None:
    """Fill the change from the family's latest earlier wave with a complete total, judged
    by the study's reliable change settings."""
    complete: dict[str, list[tuple[int, int]]] = {}
    for _row, link, result in scored:
        if result is not None and result.total.score is not None:
            complete.setdefault(link["family_key"], []).append((link["wave"], result.total.score))
    for row, link, result in scored:
        if result is None or result.total.score is None:
            continue
        row["above_clinical_cutoff"] = flag(result.total.score > reliable.clinical_cutoff)
        earlier = [(w, t) for w, t in complete.get(link["family_key"], []) if w < link["wave"]]
        if not earlier:
            row["change_missing"] = "not_applicable"
            continue
        wave, total = max(earlier)
        change = change_between_waves(total, result.total.score, reliable)
        row.update(change_missing="", earlier_wave=wave, earlier_total=total,
                   change_from_earlier_wave=change.change,
                   reliable_change=flag(change.is_reliable),
                   crossed_clinical_cutoff=flag(change.crossed_cutoff))


def score15_wide_rows(data: StudyData, instruments: Iterable[Instrument],
                      score_rows: list[Row], free_text: bool = False) -> list[Row]:
    """One row per SCORE-15 administration: the 15 answers side by side with why each is
    missing, and the total and subscales of ``score_rows`` (score15_scores.csv's rows), then
    the form's other items (``score15_form_items``; own words only with ``free_text``)."""
    instruments = list(instruments)
    english = _english(instruments)
    form_items = score15_form_items.form_item_columns(instruments)
    withdrew = _withdrew_from_score15(data)
    administrations = {a["key"]: a for a in data.administrations}
    rows = []
    for scores in score_rows:
        adm = administrations[scores["administration_key"]]
        answers = data.answers.get(adm["key"], [])
        instrument = english.get((SCORE15_ID, adm["instrument_version"]))
        by_number = ({i.number: i.id for i in scored_items(instrument)}
                     if instrument is not None else {})
        every_item = [i.id for i in instrument.items] if instrument is not None else []
        reasons = item_reasons(answers, every_item, scores["family_key"] in withdrew)
        codes = {a["item_id"]: a["answer_code"] for a in answers}
        row: Row = {name: scores[name] for name in ("administration_key", "interview_key", "family_key",
                                                    "family_code", "wave", "instrument_version")}
        for number in range(1, 16):
            item = by_number.get(number)
            code = codes.get(item) if item else None
            row[f"item_{number:02d}"] = "" if code is None else int(code)
            row[f"item_{number:02d}_missing"] = ("not_scored" if item is None
                                                 else reasons.get(item, "not_asked"))
        for prefix in SCALE_PREFIXES:
            row[prefix] = scores[prefix]
            row[f"{prefix}_missing"] = scores[f"{prefix}_missing"]
        row.update(score15_form_items.wide_values(instrument, answers, reasons, form_items, free_text))
        rows.append(row)
    return rows
