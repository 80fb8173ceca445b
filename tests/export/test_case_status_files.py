"""case_status.csv and social_workers.csv in the bundle: codes, never names, in the codebook."""

from __future__ import annotations

import csv
from pathlib import Path

from fieldwork.export.bundle import ExportOptions, write_bundle
from fieldwork.storage.study_store import StudyStore


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_case_status_and_social_workers_are_exported_with_codebook_rows(full_demo: StudyStore,
                                                                         tmp_path: Path) -> None:
    write_bundle(full_demo.db, tmp_path / "b")
    statuses = _read(tmp_path / "b" / "case_status.csv")
    family_x = [(r["wave"], r["status"], r["source"], r["has_social_worker"])
                for r in statuses if r["family_code"] == "F001"]
    assert family_x == [("1", "child_in_need", "childrens_services_records", "1"),
                        ("2", "closed", "family", "0")]
    assert "note" not in statuses[0]  # free text only when asked for
    workers = _read(tmp_path / "b" / "social_workers.csv")
    assert [r["practitioner_code"] for r in workers if r["family_code"] == "F002"] == ["SW02", "SW05"]
    assert all(r["interviewed"] in ("0", "1") for r in workers)
    codebook = _read(tmp_path / "b" / "codebook.csv")
    described = {(r["file"], r["column"]): r for r in codebook}
    for spec, column in (("case_status.csv", "status"), ("case_status.csv", "as_of"),
                         ("case_status.csv", "source"), ("social_workers.csv", "practitioner_code"),
                         ("social_workers.csv", "interviewed")):
        assert described[(spec, column)]["meaning"], (spec, column)
    assert "closed = Closed" in described[("case_status.csv", "status")]["allowed_codes"]
    assert "never a name" in described[("social_workers.csv", "practitioner_code")]["meaning"]


def test_wave_2_counts_match_the_rows(full_demo: StudyStore, tmp_path: Path) -> None:
    """The report's kind of figure ('still had a social worker', 'closed') from the CSV alone."""
    write_bundle(full_demo.db, tmp_path / "b", ExportOptions(include_free_text=True))
    wave2 = [r for r in _read(tmp_path / "b" / "case_status.csv") if r["wave"] == "2"]
    assert sum(r["has_social_worker"] == "1" for r in wave2) == 2  # F002 (child in need), F004
    assert sum(r["status"] == "closed" for r in wave2) == 1  # Family X
    assert any("closed her case" in r["note"] for r in wave2)


def test_a_practitioner_name_typed_in_a_note_stays_out_without_free_text(full_demo: StudyStore,
                                                                        tmp_path: Path) -> None:
    from fieldwork.domain.case_status import SocialWorkerLink
    from fieldwork.storage.case_status_store import save_social_worker

    family = next(s.family for s in full_demo.family_summaries() if s.family.code == "F001")
    save_social_worker(full_demo, SocialWorkerLink(family.key, "SW07", note="Called Ms Harriet Example"))
    write_bundle(full_demo.db, tmp_path / "b")
    for path in (tmp_path / "b").rglob("*.csv"):
        assert "Harriet Example" not in path.read_text(encoding="utf-8-sig"), path.name
