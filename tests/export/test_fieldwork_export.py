"""The fieldwork in the analysts' bundle: no contact details anywhere; progress recounted from the CSVs."""

from __future__ import annotations

import csv
import random
import zipfile
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from fieldwork.domain.fieldwork_progress import ALL_SITES, STAGES, format_progress
from fieldwork.domain.recruitment import ContactDetail, FieldworkOutcome, Recruitment
from fieldwork.export.bundle import ExportOptions, write_bundle
from fieldwork.storage.contact_details_store import save_contact_detail
from fieldwork.storage.fieldwork_store import (
    record_attempt,
    save_outcome,
    save_recruitment,
)
from fieldwork.storage.progress_store import study_progress
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import record_withdrawal

TODAY = date(2026, 11, 4)


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _demo_contacts(store: StudyStore) -> list[str]:
    values = [r["value"] for r in store.db["contact_details"].rows]
    values += [r["place"] for r in store.db["appointments"].rows if r["place"]]
    assert len(values) >= 6
    return values


def test_no_contact_detail_in_any_file_of_any_export(full_demo: StudyStore, tmp_path: Path) -> None:
    secrets = _demo_contacts(full_demo)
    # Details only this test adds, so no other column can hold them by chance.
    family = full_demo.family_summaries()[0].family.key
    for kind, value in (("phone", "07700 900999"), ("address", "99 Nowhere Crescent, Testborough")):
        save_contact_detail(full_demo, ContactDetail("", family, kind, value))
        secrets.append(value)
    for n, options in enumerate([ExportOptions(), ExportOptions(include_free_text=True, include_names=True,
                                                                maps=True, zip=True)]):
        out = tmp_path / f"bundle{n}"
        write_bundle(full_demo.db, out, options)
        blobs = [p.read_bytes() for p in out.rglob("*") if p.is_file()]
        if options.zip:
            with zipfile.ZipFile(out.with_name(out.name + ".zip")) as archive:
                blobs += [archive.read(name) for name in archive.namelist()]
        assert (out / "recruitment.csv").exists() and (out / "contact_attempts.csv").exists()
        for blob in blobs:
            for secret in secrets:
                assert secret.encode() not in blob
                assert secret.encode("utf-16-le") not in blob


def test_notes_only_with_free_text_and_every_column_in_the_codebook(full_demo: StudyStore,
                                                                     tmp_path: Path) -> None:
    plain, free = tmp_path / "plain", tmp_path / "free"
    write_bundle(full_demo.db, plain)
    write_bundle(full_demo.db, free, ExportOptions(include_free_text=True))
    assert "note" not in _read(plain, "contact_attempts.csv")[0]
    notes = {r["note"] for r in _read(free, "contact_attempts.csv")}
    assert "Mother prefers mornings." in notes
    codebook = {(r["file"], r["column"]) for r in _read(plain, "codebook.csv")}
    for name in ("recruitment.csv", "contact_attempts.csv", "fieldwork_outcomes.csv"):
        for column in _read(plain, name)[0]:
            assert (name, column) in codebook
    attempts = _read(plain, "contact_attempts.csv")
    assert len(attempts) == full_demo.db["contact_attempts"].count
    assert {r["channel"] for r in attempts} >= {"phone", "letter", "via_social_worker"}


@pytest.fixture
def random_study(store: StudyStore) -> StudyStore:
    """Forty families across three sites, with every kind of stage, drawn at random (seeded)."""
    rng = random.Random(11)
    store.add_site("Borough C")
    researcher = store.researchers()[0].key
    keys = []
    for _n in range(40):
        family = store.add_family(site=rng.choice(["Borough A", "Borough B", "Borough C", ""]))
        keys.append(family.key)
        approached = date(2025, 1, 1) + timedelta(days=rng.randint(0, 60))
        outcome = rng.choice(["agreed"] * 4 + ["declined", "not_contactable", "not_eligible",
                                               "gatekeeper_declined", None])
        save_recruitment(store, Recruitment(family.key, "sample_from_list", approached, researcher,
                                            outcome, True if outcome == "agreed" else None))
        for _ in range(rng.randint(0, 3)):
            record_attempt(store, family.key, 1, approached + timedelta(days=rng.randint(1, 9)),
                           "phone", rng.choice(["no_answer", "appointment_made", "declined"]))
        if outcome != "agreed":
            continue
        first = store.add_interview(family.key, 1, interview_date=approached + timedelta(days=20))
        status = rng.choice(["completed"] * 5 + ["terminated", "withdrawn", "planned"])
        if status != "planned":
            store.change_status(first.key, "in_progress")
            reason = "respondent_distressed" if status == "terminated" else None
            store.change_status(first.key, status, reason)
        if status != "completed":
            continue
        for day in range(rng.randint(0, 4)):
            record_attempt(store, family.key, 2, date(2025, 8, 1) + timedelta(days=day), "text",
                           rng.choice(["no_answer", "appointment_made", "declined", "moved_away"]))
        fate = rng.choice(["interview", "interview", "outcome", "open"])
        if fate == "interview":
            second = store.add_interview(family.key, 2, interview_date=date(2025, 9, 1))
            store.change_status(second.key, "in_progress")
            store.change_status(second.key, rng.choice(["completed", "completed", "terminated"]),
                                "respondent_distressed")
        elif fate == "outcome":
            save_outcome(store, FieldworkOutcome(family.key, 2, "not_interviewed", rng.choice(
                ["refused", "uncontactable", "moved_away", "withdrew", "case_closed_declined", "other"])))
    # Stages chance might miss: one withdrew at wave 1, one declined by telephone at wave 2.
    withdrew, declined = store.add_family(site="Borough A"), store.add_family(site="Borough B")
    for family in (withdrew, declined):
        interview = store.add_interview(family.key, 1, interview_date=date(2025, 2, 1))
        store.change_status(interview.key, "in_progress")
        store.change_status(interview.key, "withdrawn" if family is withdrew else "completed")
    record_attempt(store, declined.key, 2, date(2025, 8, 3), "phone", "declined")
    # One erased family: in no count, only in the line below the table.
    record_withdrawal(store, keys[7], date(2025, 10, 1), "whole", "telephone", "erase")
    return store


def _independent_counts(folder: Path) -> Counter[tuple[int, str, str]]:
    """Counts recomputed from the CSVs alone, stage by stage as the codebook describes them."""
    site = {r["family_key"]: r["site"] or "(no site)" for r in _read(folder, "families.csv")}
    recruitment = {r["family_key"]: r for r in _read(folder, "recruitment.csv")}
    statuses: dict[tuple[str, int], set[str]] = defaultdict(set)
    for r in _read(folder, "interviews.csv"):
        statuses[r["family_key"], int(r["wave"])].add(r["status"])
    attempts: dict[tuple[str, int], list[dict[str, str]]] = defaultdict(list)
    for r in _read(folder, "contact_attempts.csv"):
        attempts[r["family_key"], int(r["wave"])].append(r)
    reasons = {(r["family_key"], int(r["wave"])): r["attrition_reason"]
               for r in _read(folder, "fieldwork_outcomes.csv")}
    counts: Counter[tuple[int, str, str]] = Counter()
    for key in site:
        for wave in (1, 2):
            s = statuses[key, wave]
            tries = sorted(attempts[key, wave], key=lambda r: int(r["attempt_number"]))
            said = recruitment[key]["outcome"] if wave == 1 else ""
            reason = reasons.get((key, wave), "")
            stage = {
                "approached": bool(s or tries or (wave == 1 and (said or recruitment[key]["approached_on"]))),
                "agreed": said == "agreed" or bool(s & {"in_progress", "completed", "terminated"})
                or any(t["outcome"] == "appointment_made" for t in tries),
                "interviewed": "completed" in s,
                "stopped": "terminated" in s and "completed" not in s,
                "withdrew": "withdrawn" in s or reason == "withdrew",
                "declined": said in ("declined", "gatekeeper_declined")
                or reason in ("refused", "case_closed_declined")
                or ("completed" not in s and bool(tries) and tries[-1]["outcome"] == "declined"),
                "uncontactable": said == "not_contactable" or reason in ("uncontactable", "moved_away"),
                "not_eligible": said == "not_eligible",
            }
            for name, reached in stage.items():
                if reached:
                    counts[wave, site[key], name] += 1
                    counts[wave, ALL_SITES, name] += 1
    return counts


def test_progress_counts_match_a_count_from_the_exported_csvs(random_study: StudyStore,
                                                              tmp_path: Path) -> None:
    write_bundle(random_study.db, tmp_path / "b", ExportOptions(maps=True))  # with the pictures
    expected = _independent_counts(tmp_path / "b")
    progress = study_progress(random_study, TODAY)
    assert progress.erased_families == 1
    seen = 0
    for row in progress.rows:
        for stage in STAGES:
            assert row.counts[stage] == expected[row.wave, row.site, stage], (row.wave, row.site, stage)
            seen += row.counts[stage]
    assert seen > 100  # the random study reaches every stage somewhere
    assert all(progress.row(w).counts[s] for w in (1, 2) for s in ("approached", "interviewed", "declined"))
    assert all(progress.row(1).counts[s] for s in STAGES)
    # The flow figure's table in the bundle holds the same figures.
    flow = {(int(r["wave"]), r["site"], r["stage"]): int(r["families"])
            for r in _read(tmp_path / "b", "recruitment_flow.csv")}
    assert flow == {key: expected[key] for key in flow} and len(flow) == len(progress.rows) * len(STAGES)
    assert (tmp_path / "b" / "recruitment_flow.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert progress.overdue == 3 and not progress.due_this_week  # all due in 2025
    assert "Overdue for wave 2 (due before this week, still open): 3" in format_progress(progress, TODAY)
