"""consent_components.csv, and the consent component codes of a study's bundle.

A study's consent components come from its form files, so the bundle cannot declare them
once and for all: ``study_components`` lists the codes this study's records use (the
built-in ones first, in their fixed order, so their SPSS/Stata numbers never change; then
the components the study's own forms declared, in the order first confirmed, each with its
label as an English form named it where there is one). ``case_specs`` gives the case files
(families, consent, withdrawals) with those codes, so codebook.csv, datapackage.json and
the .sav/.dta files know every component a record or a withdrawal can name.

``consent_components.csv`` has one row per confirmed consent record and component its form
declared (as the record kept it: ``consent_record_components``): the form and version, the
component's label, whether it was required, what it gates, when it is asked, and whether
the family agreed. A record confirmed before records kept their components is read with the
built-in meanings of its components (``declared_on_form`` = 0), as the app reads it. Rows
are written a block of families at a time, read straight from the study; nothing in them
names a person or holds free text. Qt-free.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

import sqlite_utils

from fieldwork.domain.consent_components import (
    CONSENT_COMPONENT_LABELS,
    RECORDS_AUDIO,
    Gate,
    spec_or_default,
)
from fieldwork.domain.consent_gating import WHOLE_STUDY
from fieldwork.domain.language_tags import is_english
from fieldwork.export.columns import (
    CASE_FILES,
    CODE,
    CODES,
    FLAG,
    INTEGER,
    KEY,
    TEXT,
    TO_INTERVIEW,
    VERSION,
    YES_NO,
    Column,
    FileSpec,
    interview_columns,
    labels,
)
from fieldwork.export.study_reader import Row, StudyData, family_blocks

CONSENT_COMPONENTS = "consent_components.csv"
BLOCK = 100

GATE_LABELS = {
    Gate.INTERVIEW.value: "The visit itself and its conversation",
    "other_questions": "The visit's other questions",
    Gate.NETWORK_MAP.value: "The family network map",
    Gate.SCORE15.value: "The SCORE-15 questionnaire",
    Gate.CASE_STATUS.value: "Information from children's services records (case type and status)",
    Gate.SOCIAL_WORKERS.value: "The family's social workers (practitioner codes and their interviews)",
    "audio_recording": "Audio recording of the interview",
    "anonymous_quotes": "Quoting the family, anonymously, in reports",
    "archiving": "Archiving the data for other researchers",
    "recontact": "Contacting the family again",
    "case_study": "Publishing an anonymised case study or map",
}
"""What each gate the app and its shipped forms use allows; a study's own gate is named in words."""

STUDY_SETTING_LABELS = {RECORDS_AUDIO: "Asked only in studies that record audio"}


def _rows(db: sqlite_utils.Database, sql: str, params: Sequence[str] = ()) -> list[Row]:
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _in_words(code: str, whose: str) -> str:
    return f"{str(code).replace('_', ' ').capitalize()} ({whose})"


def study_components(db: sqlite_utils.Database) -> dict[str, str]:
    """Code → label of every consent component this study's bundle can name."""
    found = labels(CONSENT_COMPONENT_LABELS)
    own: dict[str, str] = {}
    english: dict[str, str] = {}
    for row in _rows(db, "SELECT c.component, c.label, r.language FROM consent_record_components c "
                         "JOIN consent_records r ON r.key = c.record_key "
                         "ORDER BY r.confirmed_at, r.rowid, c.rowid"):
        if row["component"] in found:
            continue
        own.setdefault(row["component"], row["label"])
        if is_english(row["language"]):
            english.setdefault(row["component"], row["label"])
    found.update({code: english.get(code, label) for code, label in own.items()})
    # A withdrawal can name a component no record still holds (its records erased).
    for (scope,) in db.execute("SELECT DISTINCT scope FROM withdrawals ORDER BY scope").fetchall():
        if scope != WHOLE_STUDY and scope not in found:
            found[scope] = _in_words(scope, "a component of the study's own form")
    return found


def _with_codes(spec: FileSpec, codes: Mapping[str, Mapping[str, str]]) -> FileSpec:
    columns = tuple(replace(c, codes=dict(codes[c.name])) if c.name in codes else c for c in spec.columns)
    return replace(spec, columns=columns)


def case_specs(components: Mapping[str, str]) -> tuple[FileSpec, ...]:
    """The case files (``columns.CASE_FILES``) with this study's component codes."""
    scopes = {WHOLE_STUDY: "The whole study", **components}
    families, interviews, consent, withdrawals = CASE_FILES
    return (_with_codes(families, {"withdrawn_from": scopes}), interviews,
            _with_codes(consent, {"component": components}), _with_codes(withdrawals, {"scope": scopes}))


def components_spec(components: Mapping[str, str], gates: Iterable[str] = ()) -> FileSpec:
    """consent_components.csv: its columns, the study's component codes and gates among them."""
    gate_labels = {**GATE_LABELS, **{g: _in_words(g, "a gate the study's own form declared")
                                     for g in gates if g not in GATE_LABELS}}
    return FileSpec(CONSENT_COMPONENTS, "component a confirmed consent record's form declared, with "
                    "the family's answer to it", (
        Column("consent_key", KEY, "The consent record's key; joins to consent.csv (its statements) "
               "and to quotes in the conversation files."),
        *interview_columns(),
        Column("form_id", CODE, "The consent form the record was given on (the study's own form "
               "or one that came with the app)."),
        Column("form_version", VERSION, "The version of that consent form."),
        Column("form_language", CODE, "The language of the form shown (BCP-47 code)."),
        Column("in_force", FLAG, "1 for the record in force; 0 for one later corrected (as in "
               "consent.csv).", YES_NO),
        Column("component", CODE, "The part of the study the form asked consent for: one the app "
               "knows, or one the study's own form declared.", dict(components)),
        Column("component_label", TEXT, "The component's name as the form declared it, in the "
               "form's language (for a record from before records kept their components: the "
               "app's name for it)."),
        Column("required", FLAG, "1 if the form made this component a condition of the visit: "
               "nothing at all is recorded unless the family agreed to it.", YES_NO),
        Column("gates", CODES, "What may be recorded only with consent to this component, as "
               "the form declared it.", gate_labels),
        Column("asked_at_waves", CODES, "The waves at which the form asks this component, "
               "separated by ; (e.g. 1: being contacted again is asked at time 1 only); empty "
               "when it is asked at every wave."),
        Column("study_setting", CODE, "The study setting the component is asked under; empty "
               "when it is asked in every study.", STUDY_SETTING_LABELS),
        Column("declared_on_form", FLAG, "1 if the record kept the component as its form "
               "declared it; 0 for a record confirmed before records kept their components, read "
               "with the app's built-in meaning of the component.", YES_NO),
        Column("statements", INTEGER, "How many statements on the form were about this component."),
        Column("agreed", FLAG, "1 if the family agreed to every statement about this component; "
               "0 if they said no to any (each statement's answer: consent.csv).", YES_NO),
    ), primary_key=("consent_key", "component"), foreign_keys=TO_INTERVIEW)


def _placeholders(keys: Sequence[str]) -> str:
    return ", ".join("?" for _ in keys)


def _declared(record_key: str, components: dict[str, list[Row]],
              answers: list[Row]) -> list[tuple[dict[str, object], bool]]:
    """(component as declared, declared on the form?) in the form's order."""
    kept = components.get(record_key)
    if kept:
        return [({"component": c["component"], "label": c["label"], "required": bool(c["required"]),
                  "gates": json.loads(c["gates"]), "waves": json.loads(c["waves"] or "[]"),
                  "study_setting": c["study_setting"]}, True) for c in kept]
    named = dict.fromkeys(a["component"] for a in answers)
    return [({"component": spec.component, "label": spec.label, "required": spec.required,
              "gates": list(spec.gates), "waves": list(spec.waves), "study_setting": spec.study_setting},
             False) for spec in map(spec_or_default, named)]


def _block_rows(db: sqlite_utils.Database, outline: StudyData, family_keys: list[str]) -> Iterator[Row]:
    records = _rows(db, "SELECT r.key, r.interview_key, r.form_id, r.form_version, r.language, r.replaces "
                        "FROM consent_records r JOIN interviews i ON i.key = r.interview_key "
                        f"WHERE i.family_key IN ({_placeholders(family_keys)}) "
                        "ORDER BY r.interview_key, r.confirmed_at, r.rowid", family_keys)
    records = [r for r in records if r["interview_key"] in outline.interview_by_key]
    keys = [r["key"] for r in records]
    if not keys:
        return
    where = f"WHERE record_key IN ({_placeholders(keys)}) ORDER BY rowid"
    answers: dict[str, list[Row]] = {}
    for row in _rows(db, f"SELECT record_key, component, agreed FROM consent_answers {where}", keys):
        answers.setdefault(row["record_key"], []).append(row)
    components: dict[str, list[Row]] = {}
    for row in _rows(db, f"SELECT * FROM consent_record_components {where}", keys):
        components.setdefault(row["record_key"], []).append(row)
    replaced = {r["replaces"] for r in records if r["replaces"]}

    def order(record: Row) -> tuple[str, int]:
        interview = outline.interview_by_key[record["interview_key"]]
        return outline.family_by_key[interview["family_key"]]["code"], interview["wave"]

    for record in sorted(records, key=order):  # sorted() keeps confirmation order within an interview
        interview = outline.interview_by_key[record["interview_key"]]
        family = outline.family_by_key[interview["family_key"]]
        given = answers.get(record["key"], [])
        for spec, on_form in _declared(record["key"], components, given):
            about = [a for a in given if a["component"] == spec["component"]]
            yield {
                "consent_key": record["key"], "interview_key": record["interview_key"],
                "family_key": family["key"], "family_code": family["code"], "wave": interview["wave"],
                "form_id": record["form_id"], "form_version": record["form_version"],
                "form_language": record["language"], "in_force": int(record["key"] not in replaced),
                "component": spec["component"], "component_label": spec["label"],
                "required": int(bool(spec["required"])), "gates": ";".join(spec["gates"]),  # type: ignore[arg-type]
                "asked_at_waves": ";".join(str(w) for w in spec["waves"]),  # type: ignore[attr-defined]
                "study_setting": spec["study_setting"] or "", "declared_on_form": int(on_form),
                "statements": len(about),
                "agreed": int(all(a["agreed"] for a in about)) if about else "",
            }


def component_rows(db: sqlite_utils.Database, outline: StudyData) -> Iterator[Row]:
    """consent_components.csv's rows in bundle order, read a block of families at a time."""
    for keys in family_blocks(outline, BLOCK):
        yield from _block_rows(db, outline, keys)


Table = tuple[FileSpec, Callable[[], Iterable[Row]]]


def consent_component_tables(db: sqlite_utils.Database, outline: StudyData,
                             components: Mapping[str, str]) -> list[Table]:
    """(spec, rows) of consent_components.csv, for the bundle's whole-study files."""
    gates = [g for (text,) in db.execute("SELECT DISTINCT gates FROM consent_record_components").fetchall()
             for g in json.loads(text)]
    return [(components_spec(components, dict.fromkeys(gates)), lambda: component_rows(db, outline))]
