"""The report's shared arithmetic and its flow and question tables.

Owns the helpers every table uses (waves, numbers from CSV text, group statistics), the
flow of families (``flow_table``, from ``recruitment_flow.csv``: the same counts as the
Fieldwork view and the ``progress`` command), the other questions as counts like the
evaluation's Tables 3.11–3.13 (``question_tables``, from ``responses.csv``) and Table 3.14,
closeness by frequency of contact with social workers (``social_worker_table``, from
``network_members.csv``). Every count has a key, so suppression can follow it across
tables. Qt-free.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable

from fieldwork.domain.fieldwork_progress import ALL_SITES, STAGE_LABELS, STAGES
from fieldwork.domain.network_codes import CLOSENESS, FREQUENCY
from fieldwork.export.report.sources import Rows
from fieldwork.export.report.suppression import Cell, ReportTable, count, label, stat, total

QUESTIONNAIRE = "family_questions"
NO_ANSWER = "Declined or not answered"
NOT_RECORDED = "Not recorded"

# What each question table mirrors: the evaluation's title, its items and its own counts.
QUESTION_TABLES = (
    ("3.11", "Perspectives on relationships with professionals",
     ("professionals_dislike_talking", "professionals_good_at_getting_help",
      "professionals_dont_understand_social_workers"),
     "Evaluation (2016), Table 3.11 'Perspectives on relationships with professionals', 17 "
     "families (Disagree / Agree / Not sure): 'I don't like talking to professionals like "
     "social workers, health visitors and so on' 9 / 5 / 3; 'I am good at getting help when I "
     "need it' 01 / 14 / 02; 'I don't understand how to deal with social workers' 12 / 03 / 02."),
    ("3.12", "Feelings about being involved with social workers", ("feelings_about_services",),
     "Evaluation (2016), Table 3.12 'Feelings about being involved with social workers' "
     "(Positive / Negative / Neutral / Mixed Feelings): 'Feelings about being involved with "
     "services' 10 / 2 / 2 / 3."),
    ("3.13", "Agreement with social workers about priorities", ("agreement_on_priorities",),
     "Evaluation (2016), Table 3.13 'Agreement with social workers about priorities' (Yes / "
     "No / Some disagreement / Not sure): 'Agreement with social workers about priorities for "
     "change' 12 / 1 / 3 / 1."),
)
TABLE_3_14_SOURCE = (
    "Evaluation (2016), Table 3.14 'Closeness of contact with social workers': frequency of "
    "contact (rows) by Very close / Moderately Close / Loose Tie / Difficult; 'During the "
    "Family Network exercise, almost half of all respondents reported very close "
    "relationships with social workers and nearly three quarters reported moderate or close "
    "ties.'")
FLOW_SOURCE = (
    "Evaluation (2016): '19 families two unused in analysis due to i) withdrawal of consent; "
    "ii) termination of interview as distressing'; 'We re-interviewed 13 of our original 17 "
    "families: the remaining 4 were uncontactable or refused to be re-interviewed.'")


def number(text: str) -> float | None:
    """A number from a CSV cell; None for an empty cell."""
    return None if text in ("", None) else float(text)


def waves(rows: Iterable[dict[str, str]], column: str = "wave") -> list[int]:
    return sorted({int(r[column]) for r in rows if r.get(column, "") != ""})


def group_stats(values: list[float], group: str) -> list[Cell]:
    """Mean, SD, median and range of a group (shown only for a large enough group)."""
    if not values:
        return [stat(None, group) for _ in range(4)]
    spread = statistics.stdev(values) if len(values) > 1 else None
    low, high = min(values), max(values)
    shown_range = f"{low:g}–{high:g}"
    return [stat(statistics.fmean(values), group), stat(spread, group),
            stat(float(statistics.median(values)), group), stat(shown_range, group)]


STATS_HEADER = ["Mean", "SD", "Median", "Range"]


def flow_table(flow: Rows) -> ReportTable:
    """The flow of families at each wave, all sites, as the flow diagram shows it."""
    stages = [s for s in STAGES]
    rows = []
    for wave in waves(flow):
        counts = {r["stage"]: int(r["families"]) for r in flow
                  if int(r["wave"]) == wave and r["site"] == ALL_SITES}
        key = {stage: f"flow:{wave}:{stage}" for stage in stages}
        cells: dict[str, Cell] = {stage: count(counts.get(stage, 0), key[stage]) for stage in stages}
        # What adds up: those approached became agreed or were not taken further; those who
        # agreed were interviewed, stopped or withdrew. Hiding these totals keeps a
        # suppressed count from being worked out by subtraction.
        cells["approached"] = total(counts.get("approached", 0), [key[s] for s in (
            "agreed", "declined", "uncontactable", "not_eligible")], key["approached"])
        cells["agreed"] = total(counts.get("agreed", 0), [key[s] for s in (
            "interviewed", "stopped", "withdrew")], key["agreed"])
        rows.append([label(f"Wave {wave}"), *(cells[s] for s in stages)])
    return ReportTable("flow", "Flow of families through the fieldwork (all sites)",
                       ["Wave", *(STAGE_LABELS[s] for s in stages)], rows, FLOW_SOURCE,
                       "Families at each stage of each wave, as in recruitment_flow.csv and the "
                       "Fieldwork view. A family can be at several stages (approached ⊇ agreed ⊇ "
                       "interviewed).", figure="flow")


def question_tables(responses: Rows, questions: dict[str, tuple[str, list[tuple[str, str]]]]
                    ) -> list[ReportTable]:
    """Tables 3.11–3.13: answers to the other questions as counts, one row per item and wave."""
    asked = [r for r in responses if r["instrument_id"] == QUESTIONNAIRE]
    tables = []
    for number_, title, items, source in QUESTION_TABLES:
        options = questions[items[0]][1]
        header = ["Question (wave)", *(text for _code, text in options), NO_ANSWER, "Asked"]
        rows = []
        for wave in waves(asked):
            for item in items:
                answers = Counter(r["answer_code"] if r["answer_code"] in dict(options) else ""
                                  for r in asked if r["item_id"] == item and int(r["wave"]) == wave)
                keys = [f"q:{item}:{wave}:{code}" for code, _text in options]
                no_answer = f"q:{item}:{wave}:none"
                rows.append([label(f"{questions[item][0]} (wave {wave})"),
                             *(count(answers[code], key)
                               for (code, _t), key in zip(options, keys, strict=True)),
                             count(answers[""], no_answer),
                             total(sum(answers.values()), [*keys, no_answer], f"q:{item}:{wave}")])
        tables.append(ReportTable(f"table_{number_.replace('.', '_')}", f"Table {number_}: {title}",
                                  header, rows, source, "One row per question and wave: every "
                                  "time the question was put (responses.csv, instrument "
                                  "family_questions).", figure="questions"))
    return tables


def social_worker_table(members: Rows) -> list[ReportTable]:
    """Table 3.14: social workers on the maps, frequency of contact by closeness, per wave."""
    social_workers = [m for m in members if m["relationship"] == "social_worker"
                      and m["is_centre"] == "0" and m["on_map"] == "1"]
    closeness = [*CLOSENESS, ""]
    frequency = [*FREQUENCY, ""]
    tables = []
    for wave in waves(members):
        at_wave = Counter((m["frequency"] if m["frequency"] in FREQUENCY else "",
                           m["closeness"] if m["closeness"] in CLOSENESS else "")
                          for m in social_workers if int(m["wave"]) == wave)

        def key(f: str, c: str, wave: int = wave) -> str:
            return f"sw:{wave}:{f or 'none'}:{c or 'none'}"

        rows = []
        for f in frequency:
            keys = [key(f, c) for c in closeness]
            rows.append([label(FREQUENCY.get(f, NOT_RECORDED)),
                         *(count(at_wave[f, c], k) for c, k in zip(closeness, keys, strict=False)),
                         total(sum(at_wave[f, c] for c in closeness), keys, f"sw:{wave}:{f or 'none'}")])
        column_totals = [total(sum(at_wave[f, c] for f in frequency), [key(f, c) for f in frequency],
                               f"sw:{wave}:all:{c or 'none'}") for c in closeness]
        rows.append([label("All social workers on the maps"), *column_totals,
                     total(sum(at_wave.values()), [key(f, c) for f in frequency for c in closeness],
                           f"sw:{wave}:all")])
        tables.append(ReportTable(
            f"table_3_14_wave{wave}", f"Table 3.14: Closeness of contact with social workers "
            f"(wave {wave})", ["Frequency of contact", *(CLOSENESS.get(c, NOT_RECORDED)
                                                         for c in closeness), "All"],
            rows, TABLE_3_14_SOURCE, "Social workers placed on the maps (network_members.csv, "
            "relationship social_worker): a family can have more than one, so these are "
            "social workers, not families. Closeness and contact are the respondent's own tie."))
    return tables
