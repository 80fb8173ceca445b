"""What every file of the analysts' bundle holds: one declared column list per file.

Owns ``Column`` and ``FileSpec`` and the specs of the case files (families, interviews,
consent, withdrawals). The network and questionnaire files declare theirs in
``network_columns`` and ``answer_columns``. The CSV writer refuses a row whose columns are
not exactly its file's declared columns, and ``codebook.csv`` is written from the same
declarations, so the data and their description cannot drift apart. Qt-free.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from fieldwork.domain.casebook import (
    CASE_TYPE_LABELS,
    INTERVIEW_MODE_LABELS,
    INTERVIEW_STATUS_LABELS,
    RESPONDENT_ROLE_LABELS,
    STOP_REASON_LABELS,
)
from fieldwork.domain.consent import CONSENT_COMPONENT_LABELS, HOW_GIVEN_LABELS
from fieldwork.domain.consent_gating import (
    WHOLE_STUDY,
    WITHDRAWAL_CHANNEL_LABELS,
    WITHDRAWAL_POLICY_LABELS,
)

# Column types as the codebook names them.
KEY = "key (UUID)"
CODE = "code"
TEXT = "text"
INTEGER = "integer"
NUMBER = "number"
DATE = "date (YYYY-MM-DD)"
FLAG = "0/1"
CODES = "codes separated by ;"
VERSION = "version (text, e.g. 1.0 or 1.10; never a number)"
MISSING = "missing-value reason code"
TYPES = (KEY, CODE, TEXT, INTEGER, NUMBER, DATE, FLAG, CODES, VERSION, MISSING)

MAX_NAME = 32
"""Stata's limit on a variable name; every column name is within it (SPSS allows 64)."""
MAX_CODED_NAME = 31
"""A coded column's value labels are named after it in a .dta file, and the Stata writer
(ReadStat) takes label names of 31 characters at most."""

MISSING_REASONS = {
    "declined": "The respondent declined (an item, or an item the value needs)",
    "not_asked": "Not asked (an item the value needs was never put to the respondent)",
    "not_answered": "Asked, but neither answered nor declined yet",
    "not_applicable": "Not applicable (e.g. no earlier wave to compare with, a ring the map "
                      "does not have, nobody on the map to divide by)",
    "withdrawn": "The family withdrew from this part of the study before it was asked",
    "not_scored": "The questionnaire version is not loaded in this app, so it was not scored",
    "not_rated": "The researcher has not given this rating",
}
"""Why a score or metric cell is empty, in a fixed order (the SPSS/Stata codes follow it:
declined = 1, not_asked = 2, ...; a new reason is only ever added at the end)."""

ALWAYS, FREE_TEXT, NAMES = "always", "free_text", "names"
"""When a column is in the bundle: always, only with --include-free-text, only with --include-names."""

YES_NO = {"1": "yes", "0": "no"}


def labels(codes: Mapping[object, str]) -> dict[str, str]:
    """Code → label with plain string codes (enum members become their values)."""
    return {str(getattr(code, "value", code)): label for code, label in codes.items()}


@dataclass(frozen=True)
class Column:
    """One column: its name, type, meaning, allowed codes, and whether it can identify someone."""

    name: str
    type: str
    meaning: str
    codes: Mapping[str, str] | None = None
    identifying: bool = False
    only_with: str = ALWAYS
    label: str = ""
    """A short variable label for SPSS/Stata (80 characters at most); the meaning's first
    sentence when not given."""

    def short_label(self) -> str:
        """The variable label written into .sav and .dta files."""
        text = self.label or self.meaning.split(". ")[0].rstrip(".")
        return text if len(text) <= 80 else text[:77].rstrip() + "..."


def missing_column(name: str, what: str, column_name: str = "") -> Column:
    """The reason ``name`` is empty: one of ``MISSING_REASONS``, empty when it has a value
    (named ``<name>_missing`` unless that is too long for a coded column)."""
    return Column(column_name or f"{name}_missing", MISSING, f"Why {what} ({name}) is empty: "
                  + ", ".join(MISSING_REASONS) + " (labels in the allowed codes); empty when "
                  f"{name} has a value.", MISSING_REASONS)


@dataclass(frozen=True)
class FileSpec:
    """One CSV file of the bundle: its name, what one row is, and its columns in order."""

    name: str
    one_row_per: str
    columns: tuple[Column, ...] = field(default_factory=tuple)
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    """(columns, other file, its columns): each row's columns are a row of the other file."""

    def included(self, free_text: bool, names: bool) -> tuple[Column, ...]:
        """The columns this export writes, given its options."""
        wanted = {ALWAYS} | ({FREE_TEXT} if free_text else set()) | ({NAMES} if names else set())
        return tuple(c for c in self.columns if c.only_with in wanted)


def family_columns() -> tuple[Column, ...]:
    """The two columns that tie a row to its family, in every file."""
    return (
        Column("family_key", KEY, "The family's key; the same in every export and every file."),
        Column("family_code", CODE, "The family's study code (F001, F002, ...)."),
    )


def interview_columns() -> tuple[Column, ...]:
    """The columns that tie a row to its interview, in every interview-level file."""
    return (
        Column("interview_key", KEY, "The interview's key; joins to interviews.csv."),
        *family_columns(),
        Column("wave", INTEGER, "Interview wave: 1 = time 1, 2 = time 2 (some months later)."),
    )


FAMILIES = FileSpec("families.csv", "family still in the study's data (erased families are only in withdrawals.csv)", (
    *family_columns(),
    Column("site", TEXT, "The study site (e.g. a borough) the family was recruited in."),
    Column("case_type", CODE, "The family's involvement with children's services.",
           labels(CASE_TYPE_LABELS)),
    Column("interviews", INTEGER, "Number of interviews of this family in the bundle."),
    Column("withdrawn", FLAG, "1 if the family withdrew from the whole study or a part of it "
           "and is still in the data (what was kept or erased: withdrawals.csv).", YES_NO),
    Column("withdrawn_from", CODES, "What the family withdrew from ('whole' = the whole "
           "study); empty if it has not withdrawn.",
           {WHOLE_STUDY: "The whole study", **labels(CONSENT_COMPONENT_LABELS)}),
    Column("notes", TEXT, "The researcher's notes about the family (free text).",
           identifying=True, only_with=FREE_TEXT),
), primary_key=("family_key",))

TO_INTERVIEW = ((("interview_key",), "interviews.csv", ("interview_key",)),)
TO_FAMILY = ((("family_key",), "families.csv", ("family_key",)),)

INTERVIEWS = FileSpec("interviews.csv", "interview (visit or telephone call)", (
    *interview_columns(),
    Column("interview_date", DATE, "Date of the interview (shifted per family if the manifest "
           "says dates are shifted; intervals within a family are kept)."),
    Column("days_since_first_interview", INTEGER,
           "Days from the family's first dated interview to this one."),
    Column("mode", CODE, "How the interview was done.", labels(INTERVIEW_MODE_LABELS)),
    Column("language", CODE, "Language of the interview (BCP-47 code: en, ar, pl, so, ...)."),
    Column("interpreter_present", FLAG, "1 if an interpreter took part.", YES_NO),
    Column("interpreter_code", CODE, "The interpreter as a code (I01, I02, ...), the same "
           "interpreter having the same code across the bundle; empty if none."),
    Column("interpreter", TEXT, "The interpreter's name or ID as recorded.",
           identifying=True, only_with=NAMES),
    Column("respondent_role", CODE, "Who answered.", labels(RESPONDENT_ROLE_LABELS)),
    Column("researcher_key", KEY, "The researcher's key (empty if not recorded)."),
    Column("researcher_code", CODE, "The researcher as a code (R01, R02, ... in the order "
           "researchers were added to the study)."),
    Column("researcher", TEXT, "The researcher's name as recorded.", identifying=True,
           only_with=NAMES),
    Column("status", CODE, "Where the interview stands.", labels(INTERVIEW_STATUS_LABELS)),
    Column("stop_reason", CODE, "Why a stopped interview was stopped; empty otherwise.",
           labels(STOP_REASON_LABELS)),
    Column("has_network_map", FLAG, "1 if a network map is in the bundle for this interview.",
           YES_NO),
    Column("has_score15", FLAG, "1 if SCORE-15 was started in this interview.", YES_NO),
    Column("family_withdrawn", FLAG, "1 if the family withdrew, wholly or from a part "
           "(as families.csv withdrawn).", YES_NO),
    Column("reopened", FLAG, "1 if the interview was reopened for correction after it was "
           "completed or stopped (status stays what happened on the day).", YES_NO),
    Column("reopened_on", DATE, "Date it was last reopened for correction (shifted if dates "
           "are shifted); empty if never."),
    Column("others_present", TEXT, "Who else was present (free text).", identifying=True,
           only_with=FREE_TEXT),
    Column("stop_note", TEXT, "The researcher's note on why the interview was stopped.",
           identifying=True, only_with=FREE_TEXT),
    Column("closing_notes", TEXT, "The researcher's closing notes (free text).",
           identifying=True, only_with=FREE_TEXT),
    Column("reopen_reason", TEXT, "Why the interview was last reopened for correction.",
           identifying=True, only_with=FREE_TEXT),
), primary_key=("interview_key",), foreign_keys=TO_FAMILY)

CONSENT = FileSpec("consent.csv", "statement answered on a confirmed consent record", (
    Column("consent_key", KEY, "The consent record's key (one record, several statements)."),
    *interview_columns(),
    Column("form_id", CODE, "The consent form used."),
    Column("form_version", VERSION, "The version of the consent form used."),
    Column("form_language", CODE, "The language of the form shown (BCP-47 code)."),
    Column("how_given", CODE, "How consent was given.", labels(HOW_GIVEN_LABELS)),
    Column("confirmed_on", DATE, "Date the record was confirmed (shifted if dates are shifted)."),
    Column("in_force", FLAG, "1 for the record in force; 0 for one later corrected.", YES_NO),
    Column("replaces_consent_key", KEY, "The record this one corrects; empty if none."),
    Column("interpreter_present", FLAG, "1 if an interpreter witnessed.", YES_NO),
    Column("interpreter_code", CODE, "The witnessing interpreter as a code (as in interviews.csv)."),
    Column("researcher_code", CODE, "The confirming researcher as a code (as in interviews.csv)."),
    Column("statement_id", CODE, "The statement on the form (see its component)."),
    Column("component", CODE, "The part of the study the statement is about: one the app "
           "knows, or one the study's own form declared (what each allows: consent_components.csv).",
           labels(CONSENT_COMPONENT_LABELS)),
    Column("agreed", FLAG, "1 = yes, 0 = no.", YES_NO),
), primary_key=("consent_key", "statement_id"), foreign_keys=TO_INTERVIEW)

WITHDRAWALS = FileSpec("withdrawals.csv", "withdrawal recorded (also for families whose data were erased)", (
    Column("withdrawal_key", KEY, "The withdrawal's key."),
    *family_columns(),
    Column("withdrawn_on", DATE, "Date of the withdrawal (shifted if dates are shifted)."),
    Column("scope", CODE, "What the family withdrew from.",
           {WHOLE_STUDY: "The whole study", **labels(CONSENT_COMPONENT_LABELS)}),
    Column("communicated", CODE, "How the family told the study.",
           labels(WITHDRAWAL_CHANNEL_LABELS)),
    Column("policy", CODE, "What the study's policy did with the data already collected.",
           labels(WITHDRAWAL_POLICY_LABELS)),
    Column("erased", FLAG, "1 if the data of the scope were erased (for 'whole': the family "
           "is in no other file).", YES_NO),
    Column("family_in_bundle", FLAG, "1 if the family still appears in families.csv.", YES_NO),
), primary_key=("withdrawal_key",))

CASE_FILES = (FAMILIES, INTERVIEWS, CONSENT, WITHDRAWALS)

CODEBOOK = FileSpec("codebook.csv", "column of a file in this bundle", (
    Column("file", TEXT, "The file the column is in."),
    Column("column", TEXT, "The column's name, as in the file's header row."),
    Column("type", TEXT, "The kind of value: " + ", ".join(TYPES) + ". Empty cell = missing; "
           "where a score or metric can be empty, its <name>_missing column says why."),
    Column("meaning", TEXT, "What the column holds."),
    Column("allowed_codes", TEXT, "The codes the column may hold and their English labels "
           "(code = label, separated by ' | '); empty for free values."),
    Column("identifying", CODE, "yes if the column can identify a person (present only when "
           "the export was asked to include names or free text).", {"yes": "yes", "no": "no"}),
    Column("one_row_per", TEXT, "What one row of the file is."),
    Column("spss_stata_codes", TEXT, "In the .sav and .dta files (export --formats sav,dta) "
           "a coded column holds numbers: number = code, in the fixed order the codes are "
           "declared (the same in every export); empty when the column is not coded there."),
), primary_key=("file", "column"))


def codebook_rows(specs: tuple[FileSpec, ...], free_text: bool, names: bool) -> list[dict[str, str]]:
    """One codebook row per column actually written, for every file (the codebook included)."""
    rows = []
    for spec in (*specs, CODEBOOK):
        for column in spec.included(free_text, names):
            codes = " | ".join(f"{code} = {label}" for code, label in (column.codes or {}).items())
            numbers = " | ".join(f"{n} = {code}" for code, n in numeric_codes(column).items())
            rows.append({
                "file": spec.name, "column": column.name, "type": column.type,
                "meaning": column.meaning, "allowed_codes": codes,
                "identifying": "yes" if column.identifying else "no",
                "one_row_per": spec.one_row_per, "spss_stata_codes": numbers,
            })
    return rows


def numeric_codes(column: Column) -> dict[str, int]:
    """Code → number for the .sav/.dta files: 1, 2, ... in the declared order (a 0/1 flag
    keeps its 0 and 1), never from the values found in the data, so a code keeps its
    number in every export; an integer column with codes, e.g. a 1-10 rating labelled at
    its ends, keeps its own numbers. Empty for uncoded columns and code lists (CODES)."""
    if not column.codes or column.type in (CODES, TEXT):
        return {}
    if column.type == FLAG:
        return {"0": 0, "1": 1}
    if column.type == INTEGER:  # a rating's codes are its own numbers (1 = 1, 10 = 10)
        return {code: int(code) for code in column.codes}
    return {code: n for n, code in enumerate(column.codes, 1)}
