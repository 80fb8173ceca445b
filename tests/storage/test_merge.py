"""Merging laptops' databases into a team database: idempotent, conflicts reported, erasure wins."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fieldwork.export.bundle import write_bundle
from fieldwork.storage.study_merge import (
    TABLES,
    MergeError,
    create_team_database,
    merge_source,
)
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import record_withdrawal
from tests.conftest import PASSPHRASE, give_consent

OTHER_PASSPHRASE = "another laptop's passphrase"


def counts(store: StudyStore) -> dict[str, int]:
    return {table: store.db[table].count for table in TABLES}


def snapshot(store: StudyStore) -> dict[str, list[tuple]]:
    return {table: sorted(map(tuple, store.db.execute(f"SELECT * FROM [{table}]").fetchall()),
                          key=repr) for table in TABLES}


@pytest.fixture
def team(tmp_path: Path):
    store = create_team_database(tmp_path / "team.db", PASSPHRASE, "Team study")
    yield store
    store.close()


@pytest.fixture
def laptop_b(tmp_path: Path):
    store = StudyStore.create(tmp_path / "b.db", OTHER_PASSPHRASE, "Study", "R02 Second Researcher")
    family = store.add_family(code="F101", site="Borough B", notes="Laptop B's family")
    interview = store.add_interview(family.key, interview_date=date(2015, 9, 1), language="so")
    store.change_status(interview.key, "in_progress")
    give_consent(store, interview.key)
    yield store
    store.close()


def test_merging_the_same_laptop_twice_equals_merging_it_once(team, demo_store) -> None:
    first = merge_source(team, demo_store.db, "laptop A")
    assert first.added["families"] == demo_store.db["families"].count and first.conflicts == []
    once = snapshot(team)
    second = merge_source(team, demo_store.db, "laptop A")
    assert not any(second.added.values()) and not any(second.updated.values())
    assert second.conflicts == []
    assert snapshot(team) == once
    assert counts(team) == {t: demo_store.db[t].count for t in TABLES}
    from fieldwork.storage.audit import audit_entries

    assert [e.action for e in audit_entries(team.db, limit=2)] == ["merge", "merge"]


def test_two_laptops_make_one_study_that_exports(team, demo_store, laptop_b, tmp_path: Path) -> None:
    merge_source(team, demo_store.db, "laptop A")
    merge_source(team, laptop_b.db, "laptop B")
    codes = [r[0] for r in team.db.execute("SELECT code FROM families ORDER BY code")]
    assert "F101" in codes and "F001" in codes
    assert team.db["researchers"].count == 2
    result = write_bundle(team.db, tmp_path / "team-bundle")
    assert result.row_counts["families.csv"] == demo_store.db["families"].count + 1
    assert result.row_counts["network_summary.csv"] == team.db["network_maps"].count >= 2


def test_a_record_changed_differently_on_both_sides_is_reported_not_overwritten(team, demo_store) -> None:
    merge_source(team, demo_store.db, "laptop A")
    family = next(s.family for s in demo_store.family_summaries() if s.family.code == "F002")
    team.update_family(family.key, notes="Edited in the office")
    demo_store.update_family(family.key, notes="Edited on the laptop")
    report = merge_source(team, demo_store.db, "laptop A")
    assert len(report.conflicts) == 1
    conflict = report.conflicts[0]
    assert (conflict.table, conflict.fields) == ("families", ("notes",))
    assert family.key in conflict.key
    assert team.family(family.key).notes == "Edited in the office"
    assert "CONFLICT" in report.summary()


def test_a_change_made_only_on_the_laptop_is_brought_in(team, demo_store) -> None:
    merge_source(team, demo_store.db, "laptop A")
    family = next(s.family for s in demo_store.family_summaries() if s.family.code == "F003")
    demo_store.update_family(family.key, notes="Added after the first merge")
    report = merge_source(team, demo_store.db, "laptop A")
    assert report.conflicts == [] and report.updated["families"] == 1
    assert team.family(family.key).notes == "Added after the first merge"
    # A change made only in the team database stays when the laptop is merged again.
    team.update_family(family.key, notes="Office correction")
    assert merge_source(team, demo_store.db, "laptop A").conflicts == []
    assert team.family(family.key).notes == "Office correction"


def test_an_erasure_on_a_laptop_erases_in_the_team_database(team, demo_store) -> None:
    merge_source(team, demo_store.db, "laptop A")
    family = next(s.family for s in demo_store.family_summaries() if s.family.code == "F001")
    record_withdrawal(demo_store, family.key, date(2016, 3, 1), "whole", "telephone", "erase")
    report = merge_source(team, demo_store.db, "laptop A")
    assert report.erased_families == ["F001"]
    assert team.db["families"].count_where("key = ?", [family.key]) == 0
    assert team.db.execute("SELECT count(*) FROM network_maps WHERE interview_key IN "
                           "(SELECT key FROM interviews WHERE family_key = ?)", [family.key]
                           ).fetchone()[0] == 0
    assert team.db["interviews"].count_where("family_key = ?", [family.key]) == 0


def test_a_laptop_still_holding_an_erased_family_cannot_bring_it_back(team, demo_store, laptop_b) -> None:
    merge_source(team, laptop_b.db, "laptop B")
    family = next(s.family for s in team.family_summaries() if s.family.code == "F101")
    record_withdrawal(team, family.key, date(2016, 3, 1), "whole", "in_person", "erase")
    report = merge_source(team, laptop_b.db, "laptop B")
    assert report.erased_families == ["F101"]
    assert team.db["families"].count_where("code = 'F101'") == 0
    assert team.db["interviews"].count == 0


def test_a_family_code_used_for_another_family_stops_that_source_whole(team, demo_store, tmp_path) -> None:
    merge_source(team, demo_store.db, "laptop A")
    before = snapshot(team)
    clash = StudyStore.create(tmp_path / "c.db", PASSPHRASE, "Study", "R03")
    clash.add_family(code="F099")
    clash.add_family(code="F001")
    with pytest.raises(MergeError, match="F001 belongs to a different family"):
        merge_source(team, clash.db, "laptop C")
    clash.close()
    assert snapshot(team) == before
