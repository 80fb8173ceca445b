"""Case status and social-worker codes in the study: only with the family's consent, erased with it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fieldwork.domain.case_status import CaseStatus, SocialWorkerLink
from fieldwork.domain.consent import HowGiven, answers_from_choices, confirm_consent
from fieldwork.domain.consent_forms import CONSENT_FORMS_FOLDER
from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.resource_loading import load_consent_forms
from fieldwork.storage.case_status_store import (
    case_statuses_of,
    delete_case_status,
    record_case_status,
    remove_social_worker,
    save_social_worker,
    social_workers_of,
)
from fieldwork.storage.consent_store import ConsentRequired, save_consent
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import record_withdrawal
from tests.conftest import give_consent


def _family(store: StudyStore, refuse: tuple[str, ...] = (), consent: bool = True) -> str:
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key)
    if consent:
        give_consent(store, interview.key, refuse=refuse)
    return family.key


def _on_old_form(store: StudyStore) -> str:
    """A family whose consent was taken on the v1.0 form, which never asked about records."""
    forms, _ = load_consent_forms(CONSENT_FORMS_FOLDER)
    [old] = [f for f in forms if f.form_id == "family-interview" and f.version == "1.0"]
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key)
    save_consent(store, confirm_consent(
        old, interview_id=interview.key, answers=answers_from_choices(old, {s.statement_id: True
                                                                           for s in old.statements}),
        how_given=HowGiven.VERBAL, researcher_confirmation="R01", confirmed_at=datetime.now(UTC)))
    return family.key


def test_a_status_lands_in_the_database_with_its_date_and_source(store: StudyStore) -> None:
    family = _family(store)
    record_case_status(store, CaseStatus(family, 1, "child_protection_plan", "childrens_services_records",
                                         date(2015, 7, 1)))
    record_case_status(store, CaseStatus(family, 2, "closed", "family", date(2016, 1, 26), "Case closed."))
    rows = list(store.db.execute("SELECT wave, status, as_of, source, note FROM case_status "
                                 "WHERE family_key = ? ORDER BY wave", [family]))
    assert rows == [(1, "child_protection_plan", "2015-07-01", "childrens_services_records", ""),
                    (2, "closed", "2016-01-26", "family", "Case closed.")]
    [first, _second] = case_statuses_of(store, family)
    delete_case_status(store, first.key)
    assert [s.wave for s in case_statuses_of(store, family)] == [2]


@pytest.mark.parametrize(("make", "reason"), [
    (lambda store: _family(store, consent=False), "consent has not been recorded"),
    (lambda store: _family(store, refuse=("case_records",)), "did not agree to this part"),
    (_on_old_form, "the consent form used did not ask about this part"),
])
def test_without_consent_to_records_no_case_status_is_recorded(store: StudyStore, make, reason: str) -> None:
    family = make(store)
    with pytest.raises(ConsentRequired, match=reason) as refused:
        record_case_status(store, CaseStatus(family, 1, "child_in_need", "social_worker"))
    assert "case status" in str(refused.value)
    assert store.db["case_status"].count == 0


def test_a_withdrawal_from_records_stops_recording_and_erases_what_was_recorded(store: StudyStore) -> None:
    family = _family(store)
    record_case_status(store, CaseStatus(family, 1, "child_in_need", "childrens_services_records"))
    save_social_worker(store, SocialWorkerLink(family, "SW01", True, date(2015, 9, 1)))
    record_withdrawal(store, family, date(2015, 10, 1), "case_records", "telephone", "erase")
    assert store.db["case_status"].count == 0
    assert [link.practitioner_code for link in social_workers_of(store, family)] == ["SW01"]  # other part
    with pytest.raises(ConsentRequired, match="withdrawn consent for this part"):
        record_case_status(store, CaseStatus(family, 2, "closed", "family"))


def test_a_family_can_have_two_social_workers_as_codes_never_names(store: StudyStore) -> None:
    family = _family(store)
    save_social_worker(store, SocialWorkerLink(family, "sw02", True, date(2015, 9, 1), "allocated"))
    save_social_worker(store, SocialWorkerLink(family, "SW05", True, date(2016, 2, 3)))
    assert [(w.practitioner_code, w.interviewed) for w in social_workers_of(store, family)] == [
        ("SW02", True), ("SW05", True)]
    for bad in ("Jane Smith", "jane", "SW 01", ""):
        with pytest.raises(InvalidInput, match="practitioner code"):
            save_social_worker(store, SocialWorkerLink(family, bad))
    with pytest.raises(InvalidInput, match="already linked"):
        save_social_worker(store, SocialWorkerLink(family, "SW02"))
    with pytest.raises(InvalidInput, match="not interviewed"):
        save_social_worker(store, SocialWorkerLink(family, "SW07", False, date(2016, 1, 1)))
    remove_social_worker(store, social_workers_of(store, family)[0].key)
    assert [w.practitioner_code for w in social_workers_of(store, family)] == ["SW05"]


def test_social_workers_need_consent_to_their_interview(store: StudyStore) -> None:
    family = _family(store, refuse=("social_worker_interview",))
    with pytest.raises(ConsentRequired, match="did not agree to this part"):
        save_social_worker(store, SocialWorkerLink(family, "SW01"))


def test_erasing_the_family_leaves_no_case_status_or_social_worker(store: StudyStore) -> None:
    family = _family(store)
    record_case_status(store, CaseStatus(family, 1, "looked_after", "childrens_services_records",
                                         note="Placed with grandmother"))
    save_social_worker(store, SocialWorkerLink(family, "SW09", role="team manager"))
    record_withdrawal(store, family, date(2015, 10, 1), "whole", "letter_or_email", "erase")
    for table in ("case_status", "family_social_workers", "consent_record_components"):
        assert store.db[table].count == 0, table


def test_case_status_and_social_workers_are_change_tracked_for_merging(store: StudyStore) -> None:
    family = _family(store)
    status = record_case_status(store, CaseStatus(family, 1, "child_in_need", "family"))
    save_social_worker(store, SocialWorkerLink(family, "SW01"))
    tracked = {row[0] for row in store.db.execute("SELECT DISTINCT table_name FROM row_changes")}
    assert {"case_status", "family_social_workers", "consent_record_components"} <= tracked
    assert store.db.execute("SELECT count(*) FROM row_heads WHERE table_name = 'case_status' AND row_key = ?",
                            [f'["{status.key}"]']).fetchone()[0] == 1


def test_a_future_date_or_unknown_code_is_refused(store: StudyStore) -> None:
    family = _family(store)
    with pytest.raises(InvalidInput, match="in the future"):
        record_case_status(store, CaseStatus(family, 1, "closed", "family", date(2999, 1, 1)))
    with pytest.raises(InvalidInput, match="case status"):
        record_case_status(store, CaseStatus(family, 1, "sort of open", "family"))
    with pytest.raises(InvalidInput, match="wave"):
        record_case_status(store, CaseStatus(family, 0, "closed", "family"))
    assert store.db["case_status"].count == 0


def test_a_record_stored_before_records_kept_components_keeps_its_meaning(store: StudyStore) -> None:
    """An existing study's records have no component rows: the built-in meanings apply."""
    from fieldwork.storage.consent_store import recording_permission

    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key)
    give_consent(store, interview.key, refuse=("score15",))
    with store.edit("as an older study") as db:
        db.execute("DELETE FROM consent_record_components")  # what a study migrated from before has
    assert recording_permission(store, interview.key, "network_map")
    assert not recording_permission(store, interview.key, "score15")
    record_case_status(store, CaseStatus(family.key, 1, "child_in_need", "family"))  # case_records: yes
    assert store.db["case_status"].count == 1
