"""The export shows which interviews were reopened for correction after they were finished."""

from __future__ import annotations

from pathlib import Path

from fieldwork.export.bundle import ExportOptions, write_bundle
from tests.export.test_bundle import read


def _f001_wave1(store) -> str:
    family = next(s.family for s in store.family_summaries() if s.family.code == "F001")
    return next(i for i in store.interviews_of(family.key) if i.wave == 1).key


def test_a_reopened_interview_is_flagged_with_its_date_and_reason(full_demo, tmp_path: Path) -> None:
    key = _f001_wave1(full_demo)
    reopened = full_demo.reopen_for_correction(key, "Item 15 keyed wrongly")
    full_demo.finish_correction(key)
    write_bundle(full_demo.db, tmp_path / "plain", ExportOptions())
    write_bundle(full_demo.db, tmp_path / "text", ExportOptions(include_free_text=True))

    rows = {r["interview_key"]: r for r in read(tmp_path / "plain", "interviews.csv")}
    assert rows[key]["reopened"] == "1" and rows[key]["status"] == "completed"
    assert rows[key]["reopened_on"] == reopened.reopened_at.date().isoformat()
    assert "reopen_reason" not in rows[key]  # free text only when asked for
    others = [r for k, r in rows.items() if k != key]
    assert others and all(r["reopened"] == "0" and r["reopened_on"] == "" for r in others)
    with_text = {r["interview_key"]: r for r in read(tmp_path / "text", "interviews.csv")}
    assert with_text[key]["reopen_reason"] == "Item 15 keyed wrongly"
