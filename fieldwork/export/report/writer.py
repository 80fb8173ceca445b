"""Builds the report from a ``ReportSource`` and writes ``report.html`` and ``report.pdf``.

Owns ``Report`` (the tables after suppression, the figures as PNG and ``Figure``, the notes)
``build_report`` and ``write_report``: the output folder is new or empty, written under a
temporary name and renamed into place when complete, owner-only like the bundle (the report
holds only aggregates and pseudonymised maps, but it is about families). Qt-free.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldwork.domain.errors import FieldworkError
from fieldwork.export.report import figures
from fieldwork.export.report.network_tables import (
    LEVEL_COLUMNS,
    change_table,
    network_size_table,
    support_level_table,
    used_level,
)
from fieldwork.export.report.score_tables import (
    reliable_change_table,
    score_by_level_table,
    score_by_wave_table,
)
from fieldwork.export.report.sources import ReportSource
from fieldwork.export.report.suppression import DEFAULT_THRESHOLD, ReportTable, suppress
from fieldwork.export.report.tables import (
    QUESTIONNAIRE,
    flow_table,
    question_tables,
    social_worker_table,
)

SUPPRESSION_RULE = (
    "Counts from 1 to {last} are shown as '<{k}' (zero is shown); a total is hidden ('x') "
    "when any count it adds up is suppressed or hidden, repeated until nothing changes, and a "
    "number that appears in several tables is hidden in all of them; means, SDs, medians and "
    "ranges are shown only for groups of {k} or more ('n<{k}'). Figures are drawn from the "
    "tables as shown. The rule protects within the report's tables; check any other numbers "
    "you publish beside them (e.g. the number of families interviewed) before release.")


class ReportError(FieldworkError):
    """The report cannot be written where asked; nothing was written."""


@dataclass
class Figure:
    key: str
    title: str
    png: bytes
    figure: Any = None  # the matplotlib Figure, for the PDF (the flow is a PNG only)


@dataclass
class Report:
    study_name: str
    origin: str
    threshold: int
    tables: list[ReportTable]
    figures: list[Figure] = field(default_factory=list)
    maps: list[tuple[str, bytes]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    made_at: str = ""

    def table(self, key: str) -> ReportTable:
        return next(t for t in self.tables if t.key == key)

    @property
    def rule(self) -> str:
        return SUPPRESSION_RULE.format(last=self.threshold - 1, k=self.threshold)


@dataclass
class ReportResult:
    folder: Path
    files: list[str]

    def summary(self) -> str:
        return f"Wrote {', '.join(self.files)} to {self.folder}."


def question_texts() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """Item id → (English wording, [(answer code, label)]) of the shipped family questions."""
    from fieldwork.domain.resource_library import load_resource_library

    found = {}
    for instrument in load_resource_library().instruments:
        if instrument.id == QUESTIONNAIRE and instrument.is_english:
            scales = {s.id: [(str(o.code), o.label) for o in s.options] for s in instrument.scales}
            found = {i.id: (i.text, scales[i.scale_id]) for i in instrument.items}
    return found


def build_report(source: ReportSource, threshold: int = DEFAULT_THRESHOLD,
                 with_figures: bool = True) -> Report:
    """Every table computed from ``source`` and suppressed; figures drawn unless not wanted."""
    scores = source.rows("score15_scores.csv")
    summaries = source.rows("network_summary.csv")
    tables = [flow_table(source.rows("recruitment_flow.csv")),
              support_level_table(summaries),
              score_by_wave_table(scores, source.reliable_change),
              score_by_level_table(scores, summaries),
              reliable_change_table(scores, source.reliable_change),
              network_size_table(summaries),
              change_table(source.rows("network_changes.csv")),
              *question_tables(source.rows("responses.csv"), question_texts()),
              *social_worker_table(source.rows("network_members.csv"))]
    suppress(tables, threshold)
    erased = sum(1 for w in source.rows("withdrawals.csv") if w.get("erased") == "1")
    if erased:  # gone from every count above, yet part of the flow (the evaluation's 'withdrawal of consent')
        shown = str(erased) if erased >= threshold else f"<{threshold}"
        flow = tables[0]
        flow.note += (f" Not in these counts: {shown} families erased after withdrawing from the "
                      "whole study (their records are gone; withdrawals.csv lists each "
                      "withdrawal).")
    report = Report(source.study_name, source.origin, threshold, tables, notes=list(source.notes),
                    made_at=datetime.now(UTC).isoformat(timespec="seconds"))
    if with_figures:
        _draw(report, source)
    return report


def _draw(report: Report, source: ReportSource) -> None:
    k = report.threshold
    report.figures.append(Figure("flow", "Flow of families", figures.flow_picture(
        report.table("flow"), report.study_name)))
    level_of = {s["interview_key"]: used_level(s) for s in source.rows("network_summary.csv")}
    groups: dict[tuple[int, str], list[float]] = {}
    for s in source.rows("score15_scores.csv"):
        if s["total"] != "":
            groups.setdefault((int(s["wave"]), level_of.get(s["interview_key"], "")), []).append(
                float(s["total"]))
    drawn = [
        ("score15", "SCORE-15 totals by wave and network support level",
         figures.score_figure(report.table("score15_by_level"), dict(sorted(
             groups.items(), key=lambda item: (item[0][0], LEVEL_COLUMNS.index(item[0][1])))), k,
                              source.reliable_change.clinical_cutoff)),
        ("network_size", "Network composition at each wave",
         figures.composition_figure(report.table("network_size"), [
             "Family / household", "Friends / neighbours", "Community", "Professionals"])),
    ]
    change = report.table("network_change")
    bars = [("network_change", "Change in networks between waves (used in this report)", change,
             [r for r in change.rows if "used" in str(r[0].value)], change.header[1:4],
             "No / some / major change between waves")]
    bars += [(table.key, table.title, table, table.rows, table.header[1:-2], table.title)
             for table in report.tables
             if table.key.startswith("table_3_1") and table.figure == "questions"]
    for key, caption, table, rows, columns, title in bars:
        if figures.any_count_shown(table, rows, columns):
            drawn.append((key, caption, figures.count_bars(table, rows, columns, title)))
        else:  # said in words: an empty frame would look like a chart of nothing
            report.figures.append(Figure(key, f"{caption}: no figure, as every count is withheld "
                                         f"(below {k}) or zero.", b""))
    for key, title, figure in drawn:
        report.figures.append(Figure(key, title, figures.png_of(figure), figure))
    report.maps = [(f"{m.family_code}, wave {m.wave}", m.png()) for m in source.maps]


def write_report(report: Report, out: Path | str, pdf: bool = True) -> ReportResult:
    """Write report.html (and report.pdf) to the new or empty folder ``out``."""
    from fieldwork.export.report.html import report_html
    from fieldwork.storage.private_files import make_private_tree

    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ReportError(f"{out} is a file or a folder that is not empty; give a new folder.")
    if not out.parent.is_dir():
        raise ReportError(f"The folder {out.parent} does not exist.")
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    try:
        (staging / "report.html").write_text(report_html(report), encoding="utf-8")
        files = ["report.html"]
        if pdf:
            from fieldwork.export.report.pdf import write_pdf

            write_pdf(report, staging / "report.pdf")
            files.append("report.pdf")
        make_private_tree(staging)
        if out.is_dir():
            out.rmdir()
        os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ReportResult(out, files)


__all__ = ["Report", "ReportResult", "build_report", "write_report"]
