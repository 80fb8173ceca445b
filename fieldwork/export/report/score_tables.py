"""The report's SCORE-15 tables: by wave, by network support level, and reliable change.

Owns ``score_by_wave_table`` (totals and subscales at each wave, with the clinical
cut-off), ``score_by_level_table`` (totals and subscales by the network support level of
the same interview's map, with Stratton's reference means and the evaluation's ranges)
and ``reliable_change_table`` (families with a complete total at two waves, by the study's
reliable change threshold). Complete scores only: pro-rated scores are never mixed in.
Qt-free.
"""

from __future__ import annotations

from fieldwork.domain.score15 import (
    MEAN_TOTAL_AT_START_OF_THERAPY,
    MEAN_TOTAL_NON_CLINICAL,
    ReliableChangeSettings,
)
from fieldwork.export.report.network_tables import LEVEL_COLUMNS, LEVEL_HEADERS, used_level
from fieldwork.export.report.sources import Rows
from fieldwork.export.report.suppression import ReportTable, count, label, stat, total
from fieldwork.export.report.tables import STATS_HEADER, group_stats, waves

SCALES = (("total", "Total (15–75)"), ("strengths", "Strengths and adaptability"),
          ("overwhelmed", "Overwhelmed by difficulties"),
          ("disrupted_comm", "Disrupted communication"))
REFERENCE_SOURCE = (
    "Evaluation (2016), 3.2.6 and note 3: 'Within each family network type there was a wide "
    "range of SCORE-15 marks: from 16 - 27 among those with strong networks; 20 - 51 among "
    "those with a moderate network and 25- 48 among those with low levels of support in "
    "their network map'; Stratton: 'families at the start of therapy averaged 39, and "
    "non-clinical families averaged 26'.")
EVALUATION_RANGES = {"strong": "16–27", "moderate": "20–51", "low": "25–48"}
CHANGE_SOURCE = (
    "Evaluation (2016), 4: 'we did not repeat the SCORE-15 measure in the follow up interviews "
    "as these interviews were undertaken by telephone' (so it has no table of change).")


def _complete(rows: Rows, column: str = "total") -> Rows:
    return [r for r in rows if r.get(column, "") != ""]


def score_by_wave_table(scores: Rows, reliable: ReliableChangeSettings) -> ReportTable:
    rows = []
    for wave in waves(scores):
        at_wave = [s for s in scores if int(s["wave"]) == wave]
        for column, words in SCALES:
            values = [float(s[column]) for s in _complete(at_wave, column)]
            group = f"s15:{wave}:{column}"
            above = (count(sum(1 for v in values if v > reliable.clinical_cutoff), f"s15:{wave}:above")
                     if column == "total" else label(""))
            rows.append([label(f"Wave {wave}: {words}"), count(len(values), group),
                         *group_stats(values, group), above])
    return ReportTable("score15_by_wave", "SCORE-15 totals and subscales at each wave",
                       ["Wave and scale", "Complete", *STATS_HEADER,
                        f"Above cut-off {reliable.clinical_cutoff:g}"], rows,
                       REFERENCE_SOURCE,
                       "Higher scores mean more difficulty (total 15–75, subscales 5–25). "
                       "'Complete': administrations with every item of the scale answered "
                       f"(score15_scores.csv). Reference means: {MEAN_TOTAL_AT_START_OF_THERAPY} "
                       f"at the start of family therapy, {MEAN_TOTAL_NON_CLINICAL} non-clinical "
                       f"(Stratton); clinical cut-off {reliable.clinical_cutoff:g} ("
                       f"{reliable.source}).", figure="score15")


def score_by_level_table(scores: Rows, summaries: Rows) -> ReportTable:
    level_of = {s["interview_key"]: used_level(s) for s in summaries}
    rows = []
    for wave in waves(scores):
        complete = _complete([s for s in scores if int(s["wave"]) == wave])
        keys = []
        for level, words in zip(LEVEL_COLUMNS, LEVEL_HEADERS, strict=False):
            group = f"s15lvl:{wave}:{level or 'none'}"
            keys.append(group)
            found = [s for s in complete if level_of.get(s["interview_key"], "") == level]
            totals = [float(s["total"]) for s in found]
            subscales = [stat(sum(float(s[c]) for s in found) / len(found) if found else None, group)
                         for c, _w in SCALES[1:]]
            rows.append([label(f"Wave {wave}: {words}"), count(len(found), group),
                         *group_stats(totals, group), *subscales,
                         stat(EVALUATION_RANGES.get(level, ""), "")])
        rows.append([label(f"Wave {wave}: all"), total(len(complete), keys, f"s15:{wave}:total"),
                     *(label("") for _ in range(len(STATS_HEADER) + 4))])
    references = (("Reference: families starting family therapy (Stratton)",
                   MEAN_TOTAL_AT_START_OF_THERAPY),
                  ("Reference: non-clinical families (Stratton)", MEAN_TOTAL_NON_CLINICAL))
    for words, mean in references:
        rows.append([label(words), label(""), stat(float(mean), ""),
                     *(label("") for _ in range(len(STATS_HEADER) + 3))])
    return ReportTable("score15_by_level", "SCORE-15 by network support level",
                       ["Wave and support level", "Complete", *(f"Total: {h.lower()}"
                                                                for h in STATS_HEADER),
                        *(f"{w}: mean" for _c, w in SCALES[1:]), "Evaluation 2016 range"],
                       rows, REFERENCE_SOURCE,
                       "Complete totals, by the support level of the same interview's map (the "
                       "researcher's rating, or the app's suggestion where there is none); 'No "
                       "level': no map at that interview, or a map without a level.",
                       figure="score15")


def reliable_change_table(scores: Rows, reliable: ReliableChangeSettings) -> ReportTable:
    changed = [s for s in scores if s.get("change_from_earlier_wave", "") != ""]
    rows = []
    for earlier, later in sorted({(int(s["earlier_wave"]), int(s["wave"])) for s in changed}):
        pair = [s for s in changed if (int(s["earlier_wave"]), int(s["wave"])) == (earlier, later)]
        change = [float(s["change_from_earlier_wave"]) for s in pair]
        better = sum(1 for s, c in zip(pair, change, strict=False) if s["reliable_change"] == "1" and c < 0)
        worse = sum(1 for s, c in zip(pair, change, strict=False) if s["reliable_change"] == "1" and c > 0)
        keys = [f"rc:{earlier}-{later}:{k}" for k in ("better", "worse", "same")]
        group = f"rc:{earlier}-{later}"
        rows.append([label(f"Wave {earlier} to {later}"), total(len(pair), keys, group),
                     count(better, keys[0]), count(worse, keys[1]),
                     count(len(pair) - better - worse, keys[2]),
                     count(sum(1 for s in pair if s["crossed_clinical_cutoff"] == "1"),
                           f"rc:{earlier}-{later}:crossed"),
                     stat(sum(change) / len(change), group)])
    return ReportTable("reliable_change", "SCORE-15 reliable change between waves",
                       ["Waves", "Families", "Reliably better", "Reliably worse",
                        "No reliable change", "Crossed the cut-off", "Mean change"], rows,
                       CHANGE_SOURCE,
                       f"Families with a complete total at both waves. Reliable: a change of at "
                       f"least {reliable.threshold:g} points; better = lower total. Cut-off "
                       f"{reliable.clinical_cutoff:g}. Source of both: {reliable.source}.")
