"""The report's tables, recomputed independently with pandas from the exported bundle's CSVs.

The study is exported with ``write_bundle`` (the files an analyst gets); the report is built
from the study file with nothing suppressed (threshold 1) and every number it shows is
compared with the same number computed here from the CSV files. The demo study has every
kind of record; a generated study of 60 interviews has groups large enough for statistics.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from fieldwork.export.bundle import write_bundle
from fieldwork.export.report.sources import source_from_bundle, source_from_study
from fieldwork.export.report.writer import Report, build_report, question_texts
from tests.conftest import PASSPHRASE

LEVELS = {"strong": "Strong", "moderate": "Moderate", "low": "Low"}


@pytest.fixture(scope="module", params=["demo", "generated"])
def exported(request, tmp_path_factory) -> Iterator[tuple[Report, Path, object]]:
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "demo":
        from fieldwork.demo import write_demo_study

        store = write_demo_study(folder / "study.db", PASSPHRASE)
    else:
        from benchmarks.report import report_study

        store = report_study(folder / "study.db", 60)
    try:
        write_bundle(store.db, folder / "bundle")
        report = build_report(source_from_study(store.db, 0), threshold=1, with_figures=False)
        yield report, folder / "bundle", store
    finally:
        store.close()


def csv(bundle: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(bundle / name, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def numbers(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(frame[column].replace("", None))


def shown(report: Report, table: str, row: str, column: str) -> str:
    return report.table(table).cell(row, column).shown


def level_used(summary: pd.DataFrame) -> pd.Series:
    used = summary["researcher_support_level"].where(summary["researcher_support_level"] != "",
                                                     summary["suggested_support_level"])
    return used.where(used.isin(list(LEVELS)), "")


def test_flow_matches_recruitment_flow_csv(exported) -> None:
    report, bundle, _store = exported
    flow = csv(bundle, "recruitment_flow.csv")
    flow = flow[flow["site"] == "All sites"]
    for _i, row in flow.iterrows():
        column = row["stage"].replace("_", " ").capitalize()
        assert shown(report, "flow", f"Wave {row['wave']}", column) == row["families"]


def test_support_levels_match_network_summary_csv(exported) -> None:
    report, bundle, _store = exported
    summary = csv(bundle, "network_summary.csv")
    summary["used"] = level_used(summary)
    for wave, at_wave in summary.groupby("wave"):
        counts = at_wave["used"].value_counts()
        row = f"Wave {wave}, used in this report"
        for code, words in LEVELS.items():
            assert shown(report, "support_levels", row, words) == str(counts.get(code, 0))
        assert shown(report, "support_levels", row, "No level") == str(counts.get("", 0))
        assert shown(report, "support_levels", row, "Maps") == str(len(at_wave))


def _stats(values: pd.Series) -> list[str]:
    if values.empty:
        return ["–"] * 4
    sd = "–" if len(values) < 2 else f"{values.std():.1f}"
    return [f"{values.mean():.1f}", sd, f"{values.median():.1f}", f"{values.min():g}–{values.max():g}"]


def test_score15_by_wave_matches_scores_csv(exported) -> None:
    report, bundle, _store = exported
    scores = csv(bundle, "score15_scores.csv")
    cutoff = float(scores["clinical_cutoff"].iloc[0]) if len(scores) else 51.92
    scales = {"total": "Total (15–75)", "strengths": "Strengths and adaptability",
              "overwhelmed": "Overwhelmed by difficulties",
              "disrupted_comm": "Disrupted communication"}
    for wave, at_wave in scores.groupby("wave"):
        for column, words in scales.items():
            values = numbers(at_wave, column).dropna()
            row = f"Wave {wave}: {words}"
            table = report.table("score15_by_wave")
            assert [table.cell(row, h).shown for h in ("Complete", "Mean", "SD", "Median", "Range")] \
                == [str(len(values)), *_stats(values)]
            if column == "total":
                assert table.cell(row, f"Above cut-off {cutoff:g}").shown == str(int((values > cutoff).sum()))


def test_score15_by_support_level_matches_the_joined_csvs(exported) -> None:
    report, bundle, _store = exported
    scores = csv(bundle, "score15_scores.csv")
    summary = csv(bundle, "network_summary.csv")
    summary["level"] = level_used(summary)
    joined = scores.merge(summary[["interview_key", "level"]], on="interview_key", how="left")
    joined["level"] = joined["level"].fillna("")
    joined["total_n"] = numbers(joined, "total")
    complete = joined.dropna(subset=["total_n"])
    table = report.table("score15_by_level")
    for wave in sorted(scores["wave"].unique()):
        for code, words in [*LEVELS.items(), ("", "No level")]:
            group = complete[(complete["wave"] == wave) & (complete["level"] == code)]
            row = f"Wave {wave}: {words}"
            assert table.cell(row, "Complete").shown == str(len(group))
            assert [table.cell(row, f"Total: {h}").shown for h in ("mean", "sd", "median", "range")] \
                == _stats(group["total_n"])
            if len(group):
                mean = numbers(group, "disrupted_comm").mean()
                assert table.cell(row, "Disrupted communication: mean").shown == f"{mean:.1f}"
        assert table.cell(f"Wave {wave}: all", "Complete").shown == str(
            len(complete[complete["wave"] == wave]))


def test_reliable_change_matches_scores_csv(exported) -> None:
    report, bundle, _store = exported
    scores = csv(bundle, "score15_scores.csv")
    changed = scores[scores["change_from_earlier_wave"] != ""].copy()
    changed["change"] = numbers(changed, "change_from_earlier_wave")
    table = report.table("reliable_change")
    assert len(table.rows) == changed.groupby(["earlier_wave", "wave"]).ngroups
    for (earlier, later), pair in changed.groupby(["earlier_wave", "wave"]):
        row = f"Wave {earlier} to {later}"
        reliable = pair["reliable_change"] == "1"
        assert table.cell(row, "Families").shown == str(len(pair))
        assert table.cell(row, "Reliably better").shown == str(int((reliable & (pair["change"] < 0)).sum()))
        assert table.cell(row, "Reliably worse").shown == str(int((reliable & (pair["change"] > 0)).sum()))
        assert table.cell(row, "No reliable change").shown == str(int((~reliable).sum()))
        assert table.cell(row, "Crossed the cut-off").shown == str(
            int((pair["crossed_clinical_cutoff"] == "1").sum()))
        assert table.cell(row, "Mean change").shown == f"{pair['change'].mean():.1f}"


def test_network_size_matches_network_summary_csv(exported) -> None:
    report, bundle, _store = exported
    summary = csv(bundle, "network_summary.csv")
    columns = {"people_named": "People named", "people_on_map": "On the map", "ring_1": "Ring 1 (closest)",
               "sector_professionals": "Professionals", "informal_support": "Informal support",
               "ties_between": "Ties between others", "off_map_total": "Named, off the map"}
    for wave, at_wave in summary.groupby("wave"):
        assert shown(report, "network_size", f"Wave {wave}", "Maps") == str(len(at_wave))
        for column, words in columns.items():
            assert shown(report, "network_size", f"Wave {wave}", words) == \
                f"{numbers(at_wave, column).mean():.1f}"


def test_change_counts_match_network_changes_csv(exported) -> None:
    report, bundle, _store = exported
    changes = csv(bundle, "network_changes.csv")
    used = changes["researcher_change_summary"].where(changes["researcher_change_summary"] != "",
                                                      changes["suggested_change_summary"])
    words = {"no_change": "No change", "some_change": "Some change", "major_change": "Major change"}
    for (earlier, later), pair in changes.assign(used=used).groupby(["from_wave", "to_wave"]):
        row = f"Wave {earlier} to {later}, used in this report"
        for code, column in words.items():
            assert shown(report, "network_change", row, column) == str(int((pair["used"] == code).sum()))
        assert shown(report, "network_change", row, "Families") == str(len(pair))


def test_question_tables_match_responses_csv(exported) -> None:
    report, bundle, _store = exported
    responses = csv(bundle, "responses.csv")
    asked = responses[responses["instrument_id"] == "family_questions"]
    tables = [t for t in report.tables if t.key in ("table_3_11", "table_3_12", "table_3_13")]
    assert len(tables) == 3
    rows = {str(r[0].value): (t, r) for t in tables for r in t.rows}
    assert len(rows) == asked.groupby(["item_id", "wave"]).ngroups
    texts = question_texts()
    for (item, wave), answers in asked.groupby(["item_id", "wave"]):
        table, row = rows[f"{texts[item][0]} (wave {wave})"]
        assert row[-1].shown == str(len(answers))
        counts = answers["answer_code"].value_counts()
        codes = dict((label, code) for code, label in texts[item][1])
        for header, cell in zip(table.header[1:-2], row[1:-2], strict=False):
            assert cell.shown == str(counts.get(codes[header], 0))
        assert row[-2].shown == str(int((answers["answer_code"] == "").sum()))


def test_table_3_14_matches_network_members_csv(exported) -> None:
    report, bundle, _store = exported
    members = csv(bundle, "network_members.csv")
    workers = members[(members["relationship"] == "social_worker") & (members["on_map"] == "1")]
    for wave in sorted(members["wave"].unique()):
        table = report.table(f"table_3_14_wave{wave}")
        at_wave = workers[workers["wave"] == wave]
        assert table.cell("All social workers on the maps", "All").shown == str(len(at_wave))
        very_close_weekly = at_wave[(at_wave["closeness"] == "very_close")
                                    & (at_wave["frequency"] == "daily_weekly")]
        assert table.cell("Daily to weekly", "Very close").shown == str(len(very_close_weekly))
        assert table.cell("All social workers on the maps", "Loose tie").shown == str(
            int((at_wave["closeness"] == "loose").sum()))


def test_the_bundle_gives_the_same_report_as_the_study(exported) -> None:
    report, bundle, _store = exported
    from_bundle = build_report(source_from_bundle(bundle, 0), threshold=1, with_figures=False)
    assert [[c.shown for c in row] for t in from_bundle.tables for row in t.rows] == \
        [[c.shown for c in row] for t in report.tables for row in t.rows]


def test_rules_are_given_in_words_not_as_file_paths(exported) -> None:
    """Issue 16: 'The codebook says only "rules in fieldwork/domain/network_metrics.py"'."""
    from fieldwork.export.report.html import report_html

    report, bundle, _store = exported
    codebook = (bundle / "codebook.csv").read_text(encoding="utf-8")
    page = report_html(report)
    for text in (codebook, page):
        assert "fieldwork/domain/" not in text and ".py" not in text
    assert "someone joined or left the innermost ring" in codebook
    assert "someone joined or left the innermost ring" in page
