"""Rows of the case files: families, interviews, consent statements and withdrawals.

Owns turning the case records of ``StudyData`` into rows shaped as declared in
``columns``: keys beside readable codes, names replaced by codes, free text and names
only when the options ask for them, dates as ISO dates (shifted per family if asked).
Families erased after withdrawing are not in the data any more: they appear only in
``withdrawals.csv``. Qt-free.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from fieldwork.domain.consent_gating import WHOLE_STUDY
from fieldwork.export.study_reader import Pseudonyms, Row, StudyData


def flag(value: Any) -> int:
    return 1 if value else 0


def _withdrawn_scopes(data: StudyData) -> dict[str, list[str]]:
    scopes: dict[str, list[str]] = defaultdict(list)
    for w in data.withdrawals:
        if w["family_key"] in data.family_by_key and w["scope"] not in scopes[w["family_key"]]:
            scopes[w["family_key"]].append(w["scope"])
    return scopes


def interview_link(data: StudyData, interview_key: str) -> Row:
    """The columns that tie a row to its interview and family."""
    interview = data.interview_by_key[interview_key]
    family = data.family_by_key[interview["family_key"]]
    return {"interview_key": interview_key, "family_key": family["key"],
            "family_code": family["code"], "wave": interview["wave"]}


def family_rows(data: StudyData, free_text: bool) -> list[Row]:
    scopes = _withdrawn_scopes(data)
    counts: dict[str, int] = defaultdict(int)
    for interview in data.interviews:
        counts[interview["family_key"]] += 1
    rows = []
    for family in data.families:
        row: Row = {
            "family_key": family["key"], "family_code": family["code"],
            "site": family["site"] or "", "case_type": family["case_type"],
            "interviews": counts[family["key"]], "withdrawn": flag(scopes.get(family["key"])),
            "withdrawn_from": ";".join(scopes.get(family["key"], [])),
        }
        if free_text:
            row["notes"] = family["notes"] or ""
        rows.append(row)
    return rows


def interview_rows(data: StudyData, codes: Pseudonyms, free_text: bool, names: bool) -> list[Row]:
    scopes = _withdrawn_scopes(data)
    researcher_names = {r["key"]: r["name"] for r in data.researchers}
    with_score15 = {a["interview_key"] for a in data.administrations
                    if a["instrument_id"] == "score15"}
    first_date: dict[str, date] = {}
    for interview in data.interviews:
        if interview["interview_date"]:
            day = date.fromisoformat(interview["interview_date"])
            family = interview["family_key"]
            first_date[family] = min(day, first_date.get(family, day))
    rows = []
    for i in data.interviews:
        family = i["family_key"]
        since = ""
        if i["interview_date"]:
            since = (date.fromisoformat(i["interview_date"]) - first_date[family]).days
        row: Row = {
            **interview_link(data, i["key"]),
            "interview_date": codes.date(family, i["interview_date"]),
            "days_since_first_interview": since,
            "mode": i["mode"], "language": i["language"],
            "interpreter_present": flag(i["interpreter_present"]),
            "interpreter_code": codes.interpreter(i["interpreter"]),
        }
        if names:
            row["interpreter"] = i["interpreter"] or ""
        row.update({"respondent_role": i["respondent_role"],
                    "researcher_key": i["researcher_key"] or "",
                    "researcher_code": codes.researcher_by_key.get(i["researcher_key"] or "", "")})
        if names:
            row["researcher"] = researcher_names.get(i["researcher_key"] or "", "")
        row.update({
            "status": i["status"], "stop_reason": i["stop_reason"] or "",
            "has_network_map": flag(i["key"] in data.maps),
            "has_score15": flag(i["key"] in with_score15),
            "family_withdrawn": flag(scopes.get(family)),
            # Finished, then reopened for correction (steps helper, issue 10).
            "reopened": flag(i.get("reopened_at")),
            "reopened_on": codes.date(family, i.get("reopened_at")),
        })
        if free_text:
            row.update(others_present=i["others_present"] or "", stop_note=i["stop_note"] or "",
                       closing_notes=i["closing_notes"] or "", reopen_reason=i.get("reopen_reason") or "")
        rows.append(row)
    return rows


def consent_rows(data: StudyData, codes: Pseudonyms) -> list[Row]:
    """Each statement's answer, the interviews in bundle order (family code, wave), each
    interview's records in the order confirmed."""
    replaced = {r["replaces"] for r in data.consent_records if r["replaces"]}
    place = {interview["key"]: n for n, interview in enumerate(data.interviews)}
    records = sorted((r for r in data.consent_records if r["interview_key"] in place),
                     key=lambda r: place[r["interview_key"]])
    rows = []
    for record in records:
        link = interview_link(data, record["interview_key"])
        base = {
            "consent_key": record["key"], **link,
            "form_id": record["form_id"], "form_version": record["form_version"],
            "form_language": record["language"], "how_given": record["how_given"],
            "confirmed_on": codes.date(link["family_key"], record["confirmed_at"]),
            "in_force": flag(record["key"] not in replaced),
            "replaces_consent_key": record["replaces"] or "",
            "interpreter_present": flag(record["interpreter_present"]),
            "interpreter_code": codes.interpreter(record["interpreter_confirmation"]),
            "researcher_code": codes.researcher(record["researcher_confirmation"]),
        }
        for answer in data.consent_answers.get(record["key"], []):
            rows.append({**base, "statement_id": answer["statement_id"],
                         "component": answer["component"], "agreed": flag(answer["agreed"])})
    return rows


def withdrawal_rows(data: StudyData, codes: Pseudonyms) -> list[Row]:
    return [{
        "withdrawal_key": w["key"], "family_key": w["family_key"], "family_code": w["family_code"],
        "withdrawn_on": codes.date(w["family_key"], w["withdrawn_on"]), "scope": w["scope"],
        "communicated": w["communicated"], "policy": w["policy"], "erased": flag(w["erased"]),
        "family_in_bundle": flag(w["family_key"] in data.family_by_key),
    } for w in data.withdrawals]


def erased_family_keys(data: StudyData) -> set[str]:
    """Families erased after withdrawing from the whole study (only their withdrawal is left)."""
    return {w["family_key"] for w in data.withdrawals
            if w["erased"] and w["scope"] in (WHOLE_STUDY, "interview")
            and w["family_key"] not in data.family_by_key}
