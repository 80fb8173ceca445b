"""Contact details: only in the encrypted study; erased with the family; cleared in bulk."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.recruitment import Appointment, ContactDetail, ContactKind, Recruitment
from fieldwork.storage.audit import audit_entries
from fieldwork.storage.contact_details_store import (
    clear_all_contact_details,
    contact_details_of,
    save_contact_detail,
)
from fieldwork.storage.fieldwork_store import record_attempt, save_appointment, save_recruitment
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import record_withdrawal
from tests.conftest import PASSPHRASE
from tests.support.sqlcipher_pages import decrypted_pages

PHONE, ADDRESS, PLACE = "07700 900461", "14 Larkspur Mews, Flat 3", "Kestrel Road Family Hub"


def _family_with_contacts(store: StudyStore, phone: str = PHONE, address: str = ADDRESS,
                          place: str = PLACE) -> str:
    family = store.add_family(site="Borough A")
    save_contact_detail(store, ContactDetail("", family.key, ContactKind.PHONE, phone, "mother"))
    save_contact_detail(store, ContactDetail("", family.key, ContactKind.ADDRESS, address))
    save_recruitment(store, Recruitment(family.key, "sample_from_list", date(2026, 1, 5), None,
                                        "agreed", True, "note on recruitment"))
    record_attempt(store, family.key, 1, date(2026, 1, 6), "phone", "appointment_made")
    save_appointment(store, Appointment("", family.key, 1, datetime(2026, 1, 9, 14), place))
    return family.key


def test_contact_details_are_saved_and_checked(store: StudyStore) -> None:
    key = _family_with_contacts(store)
    details = contact_details_of(store, key)
    assert {(d.kind, d.value, d.whose) for d in details} == {
        (ContactKind.PHONE, PHONE, "mother"), (ContactKind.ADDRESS, ADDRESS, "")}
    with pytest.raises(InvalidInput, match="phone number: 'call me' does not look"):
        save_contact_detail(store, ContactDetail("", key, "phone", "call me"))
    with pytest.raises(InvalidInput, match="address: it is empty"):
        save_contact_detail(store, ContactDetail("", key, "address", "  "))
    # The audit log names records, never what they hold.
    assert all(PHONE not in " ".join(e.record_keys) for e in audit_entries(store.db))


def _pages(path: Path) -> bytes:
    return decrypted_pages(path, PASSPHRASE)


def test_erased_with_the_family_even_from_free_pages(store: StudyStore, study_path: Path) -> None:
    _family_with_contacts(store, "07700 900111", "1 Kept Street", "Kept Hub")
    key = _family_with_contacts(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert PHONE.encode() in _pages(study_path)  # the scan can see them while they are there
    record_withdrawal(store, key, date(2026, 2, 1), "whole", "telephone", "erase")
    for table in ("recruitment", "contact_attempts", "appointments", "contact_details", "fieldwork_outcomes"):
        assert store.db[table].count_where("family_key = ?", [key]) == 0
    store.close()
    plain = _pages(study_path)
    for words in (PHONE, ADDRESS, PLACE):
        assert words.encode() not in plain
    assert b"07700 900111" in plain and b"1 Kept Street" in plain  # the other family keeps its own


def test_cleared_in_bulk_at_the_end_of_fieldwork(store: StudyStore, study_path: Path) -> None:
    first = _family_with_contacts(store)
    _family_with_contacts(store, "07700 900222", "2 Other Road", "Other Hub")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert clear_all_contact_details(store) == 6  # 4 details and 2 appointment places
    assert store.db["contact_details"].count == 0
    assert store.db.execute("SELECT count(*) FROM appointments WHERE place != ''").fetchone()[0] == 0
    assert store.db["contact_attempts"].count == 2  # the attempts themselves are study data
    assert audit_entries(store.db, 1)[0].action == "erase"
    assert contact_details_of(store, first) == []
    store.close()
    plain = _pages(study_path)
    for words in (PHONE, ADDRESS, PLACE, "07700 900222", "2 Other Road", "Other Hub"):
        assert words.encode() not in plain
