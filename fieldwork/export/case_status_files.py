"""Case status and social workers in the analysts' bundle: ``case_status.csv``, ``social_workers.csv``.

Owns their declared columns (written into the codebook like every other file) and their
rows. Social workers appear only as their practitioner codes (SW01, ...), never a name; the
researcher's notes only with the export's free-text option. Dates are shifted per family
when the export shifts dates. Families erased after withdrawing have no rows here (their
rows went with them). Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from fieldwork.domain.case_status import CASE_STATUS_LABELS, CASE_STATUS_SOURCE_LABELS, WITH_SOCIAL_WORKER
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

CASE_STATUS = FileSpec("case_status.csv", "family's children's services case status at a wave", (
    Column("case_status_key", KEY, "The record's key."),
    *family_columns(),
    Column("wave", INTEGER, "The wave the status is for (1 = time 1, 2 = time 2)."),
    Column("status", CODE, "The family's children's services status at that wave. Recorded only when "
           "the family consented to information from children's services records.",
           labels(CASE_STATUS_LABELS)),
    Column("has_social_worker", FLAG, "1 if the status means the family still had a social worker "
           "(child in need, child protection plan, looked after, open of unknown type); 0 if stepped "
           "down, closed or other.", YES_NO),
    Column("as_of", DATE, "The date the status applied or was checked (shifted if dates are shifted); "
           "empty if not recorded."),
    Column("source", CODE, "Where the information came from.", labels(CASE_STATUS_SOURCE_LABELS)),
    Column("note", TEXT, "The researcher's note on the status (free text).", identifying=True,
           only_with=FREE_TEXT),
))

SOCIAL_WORKERS = FileSpec("social_workers.csv",
                          "practitioner linked to a family (a family can have several)", (
    Column("link_key", KEY, "The link's key."),
    *family_columns(),
    Column("practitioner_code", CODE, "The practitioner's pseudonymous code (SW01, ...), the same for "
           "every family they work with; never a name. Joins to the study's practitioner interviews."),
    Column("role", TEXT, "The practitioner's role with the family as recorded (e.g. allocated social "
           "worker); empty if not recorded."),
    Column("interviewed", FLAG, "1 if the practitioner was interviewed about their work with this "
           "family, 0 if not.", YES_NO),
    Column("interviewed_on", DATE, "Date of that interview (shifted if dates are shifted); empty if "
           "not interviewed or not recorded."),
    Column("note", TEXT, "The researcher's note (free text).", identifying=True, only_with=FREE_TEXT),
))

CASE_STATUS_FILES = (CASE_STATUS, SOCIAL_WORKERS)


def _rows(db: sqlite_utils.Database, sql: str) -> list[Row]:
    cursor = db.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def case_status_rows(db: sqlite_utils.Database, data: StudyData, codes: Pseudonyms,
                     free_text: bool) -> list[Row]:
    rows = []
    for s in _rows(db, "SELECT c.key, c.family_key, c.wave, c.status, c.as_of, c.source, c.note "
                       "FROM case_status c JOIN families f ON f.key = c.family_key "
                       "ORDER BY f.code, c.wave, c.as_of, c.updated_at, c.key"):
        family = data.family_by_key.get(s["family_key"])
        if family is None:  # not in this export
            continue
        row: Row = {"case_status_key": s["key"], "family_key": family["key"], "family_code": family["code"],
                    "wave": s["wave"], "status": s["status"],
                    "has_social_worker": int(s["status"] in WITH_SOCIAL_WORKER),
                    "as_of": codes.date(family["key"], s["as_of"]), "source": s["source"]}
        if free_text:
            row["note"] = s["note"] or ""
        rows.append(row)
    return rows


def social_worker_rows(db: sqlite_utils.Database, data: StudyData, codes: Pseudonyms,
                       free_text: bool) -> list[Row]:
    rows = []
    for w in _rows(db, "SELECT w.key, w.family_key, w.practitioner_code, w.role, w.interviewed, "
                       "w.interviewed_on, w.note FROM family_social_workers w JOIN families f ON "
                       "f.key = w.family_key ORDER BY f.code, w.practitioner_code"):
        family = data.family_by_key.get(w["family_key"])
        if family is None:
            continue
        row: Row = {"link_key": w["key"], "family_key": family["key"], "family_code": family["code"],
                    "practitioner_code": w["practitioner_code"], "role": w["role"] or "",
                    "interviewed": int(bool(w["interviewed"])),
                    "interviewed_on": codes.date(family["key"], w["interviewed_on"])}
        if free_text:
            row["note"] = w["note"] or ""
        rows.append(row)
    return rows


def case_status_tables(db: sqlite_utils.Database, data: StudyData, codes: Pseudonyms,
                       free_text: bool) -> list[tuple[FileSpec, Callable[[], list[Row]]]]:
    """The bundle's case-status files with what writes each (for ``bundle._write_all``)."""
    return [
        (CASE_STATUS, lambda: case_status_rows(db, data, codes, free_text)),
        (SOCIAL_WORKERS, lambda: social_worker_rows(db, data, codes, free_text)),
    ]
