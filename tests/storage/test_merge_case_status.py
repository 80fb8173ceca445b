"""Case status, social workers and the components of consent records travel with a merge,
and an erasure of the family's consent to records erases them in the team study too."""

from __future__ import annotations

from datetime import date

import pytest

from fieldwork.domain.case_status import CaseStatus
from fieldwork.storage.case_status_store import record_case_status
from fieldwork.storage.study_merge import create_team_database, merge_source
from fieldwork.storage.withdrawal_store import record_withdrawal
from tests.conftest import PASSPHRASE

TABLES = ("case_status", "family_social_workers", "consent_record_components")


@pytest.fixture
def team(tmp_path):
    store = create_team_database(tmp_path / "team.db", PASSPHRASE, "Team study")
    yield store
    store.close()


def test_the_new_records_are_merged_and_a_later_one_is_brought_in(team, demo_store) -> None:
    merge_source(team, demo_store.db, "laptop A")
    for table in TABLES:
        assert team.db[table].count == demo_store.db[table].count > 0, table
    family = next(s.family for s in demo_store.family_summaries() if s.family.code == "F003")
    record_case_status(demo_store, CaseStatus(family.key, 2, "closed", "childrens_services_records",
                                             date(2016, 2, 1)))
    report = merge_source(team, demo_store.db, "laptop A")
    assert report.conflicts == [] and report.added["case_status"] == 1
    assert team.db.execute("SELECT status FROM case_status WHERE family_key = ? AND wave = 2",
                           [family.key]).fetchall() == [("closed",)]


def test_erasing_the_consent_to_records_on_a_laptop_erases_the_status_in_the_team(team, demo_store) -> None:
    merge_source(team, demo_store.db, "laptop A")
    family = next(s.family for s in demo_store.family_summaries() if s.family.code == "F002")
    record_withdrawal(demo_store, family.key, date(2016, 3, 1), "case_records", "telephone", "erase")
    merge_source(team, demo_store.db, "laptop A")
    assert team.db["case_status"].count_where("family_key = ?", [family.key]) == 0
    assert team.db["family_social_workers"].count_where("family_key = ?", [family.key]) == 2  # kept
