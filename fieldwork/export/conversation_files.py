"""The conversation's files in the analysts' bundle: services, themes, notes and quotes.

Owns their declared columns (written into the codebook like every other file) and their
rows. Always: ``services.csv`` (the services checklist as codes: used / wanted but not got
/ not relevant, how often) and ``conversation_themes.csv`` (which guide, each theme
discussed or skipped, the interpreter flags; codes only). Only with the export's free-text
option: ``conversation_notes.csv`` (the researcher's notes per theme) and ``quotes.csv``
(the passages marked as quotes, each with the consent record that allowed it). A quote is
written only while the family's consent still allows quoting them: the record in force for
the interview says yes to the interview and to anonymous quotes, and no withdrawal covers
quotes (withdrawing keeps-collected still takes quotes out of every later bundle). Families
erased after withdrawing have no rows. Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import sqlite_utils

from fieldwork.domain.consent import ConsentComponent
from fieldwork.domain.consent_gating import Withdrawal
from fieldwork.domain.conversation import (
    QUOTES_COMPONENT,
    SERVICE_FREQUENCY,
    SERVICE_USE,
    SERVICES,
    THEME_FLAGS,
    THEME_STATES,
)
from fieldwork.export.case_files import flag, interview_link
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
    interview_columns,
)
from fieldwork.export.study_reader import Pseudonyms, Row, StudyData

THEME_ID = Column("theme_id", CODE, "The theme of the topic guide (its id in the guide file named "
                  "in conversation_themes.csv; the same id in every language).")

SERVICES_FILE = FileSpec("services.csv", "service asked about in an interview's conversation "
                         "(services not asked about have no row)", (
    *interview_columns(),
    Column("service", CODE, "The service of the checklist.", dict(SERVICES)),
    Column("use", CODE, "Whether the family used it, wanted it but did not get it, or it did "
           "not apply to them.", dict(SERVICE_USE)),
    Column("frequency", CODE, "How often a used service is seen (the network map's contact "
           "scale); empty if not recorded or not used.", dict(SERVICE_FREQUENCY)),
))

THEMES_FILE = FileSpec("conversation_themes.csv", "theme of the topic guide reached in an "
                       "interview's conversation (themes not reached have no row)", (
    *interview_columns(),
    Column("guide_id", CODE, "The topic guide used (resources/guides/)."),
    Column("guide_version", CODE, "The version of the topic guide used."),
    Column("guide_language", CODE, "The language the guide was shown in (BCP-47 code)."),
    Column("guide_validated", FLAG, "1 if the wording shown was the original or a validated "
           "translation; 0 if any text was marked not validated.", YES_NO),
    THEME_ID,
    Column("position", INTEGER, "The theme's place in the guide (0 = first)."),
    Column("state", CODE, "Whether the theme was discussed or skipped; empty if notes were "
           "typed but neither was marked.", dict(THEME_STATES)),
    *(Column(name, FLAG, f"1 if ticked for this theme: {label.lower()} (as for SCORE-15 items).",
             YES_NO) for name, label in THEME_FLAGS.items()),
    Column("has_notes", FLAG, "1 if the researcher typed notes on this theme (the text is in "
           "conversation_notes.csv, only in bundles with free text).", YES_NO),
))

NOTES_FILE = FileSpec("conversation_notes.csv", "theme with notes in an interview's conversation", (
    *interview_columns(),
    THEME_ID,
    Column("notes", TEXT, "The researcher's notes on the theme, as typed during the visit (free "
           "text; may name people).", identifying=True, only_with=FREE_TEXT),
))

QUOTES_FILE = FileSpec("quotes.csv", "passage of the notes marked as a quote, while the family's "
                       "consent to anonymous quotes stands", (
    Column("quote_key", KEY, "The quote's key."),
    *interview_columns(),
    THEME_ID,
    Column("consent_key", KEY, "The consent record in force when the passage was marked, whose "
           "'anonymous quotes' answer allowed it; joins to consent.csv."),
    Column("marked_on", DATE, "Date the passage was marked (shifted if dates are shifted)."),
    Column("quote", TEXT, "The passage, as in the notes (free text; check it identifies no one "
           "before it is published).", identifying=True, only_with=FREE_TEXT),
))

CONVERSATION_FILES = (SERVICES_FILE, THEMES_FILE, NOTES_FILE, QUOTES_FILE)


def _rows(db: sqlite_utils.Database, sql: str) -> list[Row]:
    cursor = db.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _in_bundle(data: StudyData, rows: list[Row]) -> list[Row]:
    """Rows of interviews in the bundle, in the bundle's interview order."""
    order = {key: index for index, key in enumerate(data.interview_by_key)}
    return sorted((r for r in rows if r["interview_key"] in order), key=lambda r: order[r["interview_key"]])


def service_rows(db: sqlite_utils.Database, data: StudyData) -> list[Row]:
    position = {code: index for index, code in enumerate(SERVICES)}
    rows = _rows(db, "SELECT interview_key, service, use, frequency FROM conversation_services")
    rows.sort(key=lambda r: position.get(r["service"], len(position)))
    rows = _in_bundle(data, rows)  # a stable sort: interviews first, checklist order within
    return [{**interview_link(data, r["interview_key"]), "service": r["service"], "use": r["use"],
             "frequency": r["frequency"] or ""} for r in rows]


def theme_rows(db: sqlite_utils.Database, data: StudyData) -> list[Row]:
    guides = {r["interview_key"]: r for r in _rows(db, "SELECT * FROM conversations")}
    rows = _in_bundle(data, _rows(db, "SELECT * FROM conversation_themes ORDER BY position, theme_id"))
    result = []
    for r in rows:
        guide = guides.get(r["interview_key"], {})
        result.append({
            **interview_link(data, r["interview_key"]), "guide_id": guide.get("guide_id") or "",
            "guide_version": guide.get("guide_version") or "",
            "guide_language": guide.get("language_shown") or "",
            "guide_validated": "" if not guide else flag(guide["translation_validated"]),
            "theme_id": r["theme_id"], "position": r["position"], "state": r["state"] or "",
            **{name: flag(r[name]) for name in THEME_FLAGS},
            "has_notes": flag((r["notes"] or "").strip()),
        })
    return result


def note_rows(db: sqlite_utils.Database, data: StudyData) -> list[Row]:
    rows = _in_bundle(data, _rows(db, "SELECT interview_key, theme_id, notes FROM conversation_themes "
                                      "WHERE trim(coalesce(notes, '')) != '' ORDER BY position, theme_id"))
    return [{**interview_link(data, r["interview_key"]), "theme_id": r["theme_id"], "notes": r["notes"]}
            for r in rows]


def _quoting_allowed(db: sqlite_utils.Database, data: StudyData) -> set[str]:
    """The interviews whose family's consent in force still allows quoting them (consent read
    from the study itself: the export's outline of the study carries no consent statements)."""
    withdrawn = set()
    for w in data.withdrawals:
        scope = Withdrawal(family_id=w["family_key"], withdrawn_on=date.fromisoformat(w["withdrawn_on"]),
                           scope=w["scope"], communicated=w["communicated"], policy=w["policy"],
                           withdrawal_id=w["key"])
        if QUOTES_COMPONENT in scope.components:
            withdrawn.add(w["family_key"])
    records = _rows(db, "SELECT key, interview_key, replaces FROM consent_records ORDER BY interview_key, "
                        "confirmed_at, rowid")
    answers_of: dict[str, list[Row]] = {}
    for answer in _rows(db, "SELECT record_key, component, agreed FROM consent_answers"):
        answers_of.setdefault(answer["record_key"], []).append(answer)
    replaced = {r["replaces"] for r in records if r["replaces"]}
    allowed = set()
    for record in records:
        interview = data.interview_by_key.get(record["interview_key"])
        if record["key"] in replaced or interview is None or interview["family_key"] in withdrawn:
            continue
        answers = answers_of.get(record["key"], [])
        needed = (ConsentComponent.INTERVIEW.value, QUOTES_COMPONENT.value)
        said = {c: [bool(a["agreed"]) for a in answers if a["component"] == c] for c in needed}
        if all(said[c] and all(said[c]) for c in needed):  # asked, and every answer yes
            allowed.add(record["interview_key"])
    return allowed


def quote_rows(db: sqlite_utils.Database, data: StudyData, codes: Pseudonyms) -> list[Row]:
    allowed = _quoting_allowed(db, data)
    rows = _in_bundle(data, _rows(db, "SELECT * FROM conversation_quotes ORDER BY marked_at, key"))
    result = []
    for r in rows:
        if r["interview_key"] not in allowed:
            continue
        link = interview_link(data, r["interview_key"])
        result.append({"quote_key": r["key"], **link, "theme_id": r["theme_id"],
                       "consent_key": r["consent_record_key"],
                       "marked_on": codes.date(link["family_key"], r["marked_at"]), "quote": r["passage"]})
    return result


def conversation_tables(db: sqlite_utils.Database, data: StudyData, codes: Pseudonyms,
                        free_text: bool) -> list[tuple[FileSpec, Callable[[], list[Row]]]]:
    """The bundle's conversation files with what writes each (for ``bundle._write_all``)."""
    tables: list[tuple[FileSpec, Callable[[], list[Row]]]] = [
        (SERVICES_FILE, lambda: service_rows(db, data)),
        (THEMES_FILE, lambda: theme_rows(db, data)),
    ]
    if free_text:  # the notes and the quotes are nothing but free text: no file at all without it
        tables += [(NOTES_FILE, lambda: note_rows(db, data)),
                   (QUOTES_FILE, lambda: quote_rows(db, data, codes))]
    return tables
