"""Encrypted rotating backups, restore that never overwrites, and passphrase change."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldwork.storage.backups import (
    list_backups,
    make_backup,
    newest_good_backup,
    restore_backup,
)
from fieldwork.storage.database import DatabaseDamaged, WeakPassphrase, WrongPassphrase
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE


def test_a_backup_is_encrypted_and_holds_the_study(store: StudyStore) -> None:
    store.add_family(notes="Backed-up note about Grandma Amina")
    backup = make_backup(store)
    assert backup.parent.name == "study-backups"
    assert b"Grandma Amina" not in backup.read_bytes()
    copy = StudyStore.open(backup, PASSPHRASE)
    assert copy.family_summaries()[0].family.notes == "Backed-up note about Grandma Amina"
    copy.close()


def test_only_the_newest_are_kept(store: StudyStore) -> None:
    made = [make_backup(store, keep=3) for _ in range(5)]
    assert list_backups(store.path) == list(reversed(made))[:3]


def test_restore_sets_the_current_file_aside(store: StudyStore, study_path: Path) -> None:
    family = store.add_family(notes="before the backup")
    backup = make_backup(store)
    store.update_family(family.key, notes="after the backup")
    store.close()
    set_aside = restore_backup(backup, study_path, PASSPHRASE)
    restored = StudyStore.open(study_path, PASSPHRASE)
    assert restored.family(family.key).notes == "before the backup"
    restored.close()
    kept = StudyStore.open(set_aside, PASSPHRASE)
    assert kept.family(family.key).notes == "after the backup"
    kept.close()


def test_a_backup_that_does_not_open_moves_nothing(store: StudyStore, study_path: Path, tmp_path: Path) -> None:
    backup = make_backup(store)
    store.close()
    before = study_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        restore_backup(backup, study_path, "another passphrase entirely")
    assert study_path.read_bytes() == before
    assert not list(tmp_path.glob("*.replaced-*"))


def test_a_damaged_study_finds_its_newest_good_backup(store: StudyStore, study_path: Path) -> None:
    store.add_family()
    older = make_backup(store)
    newer = make_backup(store)
    store.close()
    newer.write_bytes(newer.read_bytes()[:-4096] + bytes(4096))  # the newest backup is damaged too
    data = bytearray(study_path.read_bytes())
    data[4096 * 2 + 10 : 4096 * 2 + 200] = bytes(190)
    study_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged):
        StudyStore.open(study_path, PASSPHRASE)
    assert newest_good_backup(study_path, PASSPHRASE) == older
    damaged_copy = bytes(data)
    restore_backup(older, study_path, PASSPHRASE)
    StudyStore.open(study_path, PASSPHRASE).close()
    [aside] = study_path.parent.glob("study.db.replaced-*")
    assert aside.read_bytes() == damaged_copy  # the damaged file is kept, never overwritten


def test_changing_the_passphrase(store: StudyStore, study_path: Path) -> None:
    store.add_family(notes="still here")
    with pytest.raises(WrongPassphrase):
        store.change_passphrase("not it at all", "a brand new passphrase")
    with pytest.raises(WeakPassphrase):
        store.change_passphrase(PASSPHRASE, "short")
    store.change_passphrase(PASSPHRASE, "a brand new passphrase", "a brand new passphrase")
    assert store.passphrase_is("a brand new passphrase")
    assert not store.passphrase_is(PASSPHRASE)
    store.close()
    with pytest.raises(WrongPassphrase):
        StudyStore.open(study_path, PASSPHRASE)
    reopened = StudyStore.open(study_path, "a brand new passphrase")
    assert reopened.family_summaries()[0].family.notes == "still here"
    reopened.close()
