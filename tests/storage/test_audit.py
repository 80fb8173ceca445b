"""The audit log: every event with its record keys, inside the encrypted file, no personal content."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fieldwork.storage.audit import audit_entries
from fieldwork.storage.backups import make_backup
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import record_withdrawal
from tests.conftest import PASSPHRASE


def test_events_are_logged_with_keys_and_without_content(store: StudyStore, study_path: Path) -> None:
    family = store.add_family(notes="Aunt Magdalena helps on Fridays")
    interview = store.add_interview(family.key, interpreter_present=True, interpreter="Interpreter Ali")
    make_backup(store)
    record_withdrawal(store, family.key, date(2026, 5, 1), "whole", "telephone", "erase")
    store.close()
    reopened = StudyStore.open(study_path, PASSPHRASE)
    entries = audit_entries(reopened.db)
    actions = [e.action for e in reversed(entries)]
    assert actions[:2] == ["create", "edit"]  # the study, then its sites and families
    assert actions[-3:] == ["backup", "erase", "unlock"]
    family_entry = next(e for e in reversed(entries) if family.key in e.record_keys)
    assert family_entry.record_keys == (family.key, "F001")
    assert any(interview.key in e.record_keys for e in entries)
    assert all(e.researcher_key == reopened.researchers()[0].key for e in entries)
    logged = " ".join(" ".join(e.record_keys) + e.action for e in entries)
    assert "Magdalena" not in logged and "Ali" not in logged
    reopened.close()
