"""The fieldwork's files in the analysts' bundle: recruitment, contact attempts, wave outcomes.

Owns their declared columns (``FIELDWORK_FILES``, written into the codebook like every
other file) and their rows. What is never here: phone numbers, addresses, appointment
places (the ``contact_details`` and ``appointments`` tables are not read at all), and the
researchers' free-text notes unless the export's free-text option is on. Researchers appear
as codes (R01, ...), dates are shifted per family when the export shifts dates. Families
erased after withdrawing have no rows here. Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

from fieldwork.domain.fieldwork_progress import STAGE_LABELS, Progress
from fieldwork.domain.recruitment import (
    ATTEMPT_OUTCOME_LABELS,
    ATTRITION_REASON_LABELS,
    CONTACT_CHANNEL_LABELS,
    RECRUITMENT_OUTCOME_LABELS,
    RECRUITMENT_ROUTE_LABELS,
    WAVE_OUTCOME_LABELS,
)
from fieldwork.export.columns import (
    CODE,
    DATE,
    FLAG,
    FREE_TEXT,
    INTEGER,
    KEY,
    TEXT,
    YES_NO,
    Column,
    FileSpec,
    family_columns,
    labels,
)
from fieldwork.export.study_reader import Pseudonyms, Row, StudyData

WAVE = Column("wave", INTEGER, "The wave the attempt or outcome is for (1 = time 1, 2 = time 2).")

RECRUITMENT = FileSpec("recruitment.csv", "family still in the study's data", (
    *family_columns(),
    Column("site", TEXT, "The study site the family was recruited in (as families.csv)."),
    Column("route", CODE, "How the family came to the study; empty if not recorded.",
           labels(RECRUITMENT_ROUTE_LABELS)),
    Column("approached_on", DATE, "Date the family was approached (shifted if dates are shifted)."),
    Column("approached_by_code", CODE, "The researcher who approached the family, as a code "
           "(as researcher_code in interviews.csv); empty if not recorded."),
    Column("outcome", CODE, "What the family said when approached; empty: not yet known.",
           labels(RECRUITMENT_OUTCOME_LABELS)),
    Column("consent_to_contact", FLAG, "1 if the family agreed to be contacted by the study, "
           "0 if not; empty if not recorded.", YES_NO),
    Column("contact_attempts", INTEGER, "Number of contact attempts recorded for this family "
           "(every wave; see contact_attempts.csv)."),
    Column("note", TEXT, "The researcher's note on recruitment (free text).", identifying=True,
           only_with=FREE_TEXT),
))

CONTACT_ATTEMPTS = FileSpec("contact_attempts.csv", "attempt to reach a family for a wave", (
    Column("attempt_key", KEY, "The attempt's key."),
    *family_columns(),
    WAVE,
    Column("attempted_on", DATE, "Date of the attempt (shifted if dates are shifted)."),
    Column("attempt_number", INTEGER, "1 for the family's first attempt at this wave, 2 for the "
           "second, ... (in date order)."),
    Column("channel", CODE, "How the study tried to reach the family.", labels(CONTACT_CHANNEL_LABELS)),
    Column("outcome", CODE, "What came of the attempt.", labels(ATTEMPT_OUTCOME_LABELS)),
    Column("researcher_code", CODE, "The researcher who made the attempt, as a code."),
    Column("note", TEXT, "The researcher's note on the attempt (free text).", identifying=True,
           only_with=FREE_TEXT),
))

FIELDWORK_OUTCOMES = FileSpec("fieldwork_outcomes.csv", "family and wave whose fieldwork outcome "
                              "was recorded when the wave closed", (
    *family_columns(),
    WAVE,
    Column("outcome", CODE, "Where the family ended at this wave.", labels(WAVE_OUTCOME_LABELS)),
    Column("attrition_reason", CODE, "Why a family was not interviewed; empty if interviewed.",
           labels(ATTRITION_REASON_LABELS)),
    Column("note", TEXT, "The researcher's note on the outcome (free text).", identifying=True,
           only_with=FREE_TEXT),
))

RECRUITMENT_FLOW = FileSpec("recruitment_flow.csv", "wave, site and stage of the recruitment flow "
                            "(the figures of recruitment_flow.png)", (
    Column("wave", INTEGER, "The wave (1 = time 1, 2 = time 2)."),
    Column("site", TEXT, "The study site; 'All sites' for the whole study (what the figure shows)."),
    Column("stage", CODE, "The stage (a family can be at several: approached includes agreed, "
           "agreed includes interviewed).", dict(STAGE_LABELS)),
    Column("families", INTEGER, "Number of families at the stage (families erased after "
           "withdrawing are not counted)."),
))

FIELDWORK_FILES = (RECRUITMENT, CONTACT_ATTEMPTS, FIELDWORK_OUTCOMES, RECRUITMENT_FLOW)
FLOW_PICTURE = "recruitment_flow.png"


def _rows(db: sqlite_utils.Database, sql: str) -> list[Row]:
    cursor = db.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _flag(value: Any) -> int | str:
    return "" if value is None else int(bool(value))


def recruitment_rows(db: sqlite_utils.Database, data: StudyData, codes: Pseudonyms,
                     free_text: bool) -> list[Row]:
    recruited = {r["family_key"]: r for r in _rows(db, "SELECT family_key, route, approached_on, "
                                                        "approached_by, outcome, consent_to_contact, "
                                                        "note FROM recruitment")}
    attempts = dict(db.execute(
        "SELECT family_key, count(*) FROM contact_attempts GROUP BY family_key").fetchall())
    rows = []
    for family in data.families:
        r = recruited.get(family["key"], {})
        row: Row = {
            "family_key": family["key"], "family_code": family["code"], "site": family["site"] or "",
            "route": r.get("route") or "", "approached_on": codes.date(family["key"], r.get("approached_on")),
            "approached_by_code": codes.researcher_by_key.get(r.get("approached_by") or "", ""),
            "outcome": r.get("outcome") or "", "consent_to_contact": _flag(r.get("consent_to_contact")),
            "contact_attempts": attempts.get(family["key"], 0),
        }
        if free_text:
            row["note"] = r.get("note") or ""
        rows.append(row)
    return rows


def attempt_rows(db: sqlite_utils.Database, data: StudyData, codes: Pseudonyms, free_text: bool) -> list[Row]:
    rows, numbers = [], {}
    for a in _rows(db, "SELECT a.key, a.family_key, a.wave, a.attempted_on, a.channel, a.outcome, "
                       "a.researcher_key, a.note FROM contact_attempts a JOIN families f ON "
                       "f.key = a.family_key ORDER BY f.code, a.wave, a.attempted_on, a.created_at, a.key"):
        family = data.family_by_key[a["family_key"]]
        numbers[(family["key"], a["wave"])] = numbers.get((family["key"], a["wave"]), 0) + 1
        row: Row = {
            "attempt_key": a["key"], "family_key": family["key"], "family_code": family["code"],
            "wave": a["wave"], "attempted_on": codes.date(family["key"], a["attempted_on"]),
            "attempt_number": numbers[(family["key"], a["wave"])], "channel": a["channel"],
            "outcome": a["outcome"],
            "researcher_code": codes.researcher_by_key.get(a["researcher_key"] or "", ""),
        }
        if free_text:
            row["note"] = a["note"] or ""
        rows.append(row)
    return rows


def outcome_rows(db: sqlite_utils.Database, data: StudyData, free_text: bool) -> list[Row]:
    rows = []
    for o in _rows(db, "SELECT o.family_key, o.wave, o.outcome, o.reason, o.note FROM "
                       "fieldwork_outcomes o JOIN families f ON f.key = o.family_key "
                       "ORDER BY f.code, o.wave"):
        family = data.family_by_key[o["family_key"]]
        row: Row = {"family_key": family["key"], "family_code": family["code"], "wave": o["wave"],
                    "outcome": o["outcome"], "attrition_reason": o["reason"] or ""}
        if free_text:
            row["note"] = o["note"] or ""
        rows.append(row)
    return rows


def _progress(db: sqlite_utils.Database) -> Progress:
    from fieldwork.storage.progress_store import progress_of

    return progress_of(db)


def fieldwork_tables(db: sqlite_utils.Database, data: StudyData, codes: Pseudonyms,
                     free_text: bool) -> list[tuple[FileSpec, Callable[[], list[Row]]]]:
    """The bundle's fieldwork files with what writes each (for ``bundle._write_all``)."""
    from fieldwork.export.flow_figure import flow_table

    return [
        (RECRUITMENT, lambda: recruitment_rows(db, data, codes, free_text)),
        (CONTACT_ATTEMPTS, lambda: attempt_rows(db, data, codes, free_text)),
        (FIELDWORK_OUTCOMES, lambda: outcome_rows(db, data, free_text)),
        (RECRUITMENT_FLOW, lambda: flow_table(_progress(db))),
    ]


def write_flow_picture(db: sqlite_utils.Database, data: StudyData, folder: Path) -> str:
    """recruitment_flow.png in the bundle (with the pictures option, as the map pictures):
    the flow diagram of recruitment_flow.csv."""
    from fieldwork.export.flow_figure import save_flow_figure

    save_flow_figure(_progress(db), folder / FLOW_PICTURE, data.study.get("name", ""))
    return FLOW_PICTURE
