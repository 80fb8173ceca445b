"""Second connections for an export's workers: the key derived once, from the study's own salt,
and kept from the moment the study was opened or created."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3

from fieldwork.storage import database
from fieldwork.storage.database import SecondReader
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE


def test_a_second_reader_reads_the_study_with_the_derived_key(store) -> None:
    family = store.add_family(site="Borough A")
    reader = store.reader()
    reader.ready()
    assert reader._raw_key is not None and len(reader._raw_key) == 64  # the fast way was taken
    db = reader()
    try:
        assert db.execute("SELECT code FROM families").fetchall() == [(family.code,)]
        # its own fixed page cache, not SQLite's 2 MiB default (index pages read again and again)
        assert db.execute("PRAGMA cache_size").fetchone()[0] == -database.READER_CACHE_KIB
        with pytest.raises(sqlcipher3.Error, match="read-only"):
            db.execute("DELETE FROM families")
    finally:
        db.close()
    assert store.family(family.key).code == family.code  # nothing changed


def test_a_key_derived_another_way_falls_back_to_the_passphrase(store, monkeypatch) -> None:
    """A study whose file was keyed with other settings still opens (the slow way)."""
    monkeypatch.setattr(SecondReader, "KDF_ROUNDS", 1000)
    reader = SecondReader(store.path, PASSPHRASE)  # deriving its own key, with other rounds
    reader.ready()
    assert reader._raw_key is not None and reader._raw_key != store._key
    db = reader()
    try:
        assert db.execute("SELECT count(*) FROM families").fetchone()[0] == 0
    finally:
        db.close()


def test_a_second_reader_of_a_replaced_file_says_so(store, tmp_path) -> None:
    reader = store.reader()
    reader.ready()
    other = tmp_path / "other.db"
    other.write_bytes(b"\0" * 8192)
    reader.path = other
    with pytest.raises(Exception, match="no longer be read|not a database|cannot"):
        reader()


def _sqlcipher_opens(path: Path, passphrase: str) -> list[tuple]:
    """What SQLCipher itself reads from ``path`` keyed by the passphrase (its own derivation)."""
    connection = sqlcipher3.connect(str(path))
    try:
        connection.execute(f"PRAGMA key = {database.quoted(passphrase)}")
        return connection.execute("SELECT name FROM study").fetchall()
    finally:
        connection.close()


def test_a_new_study_opens_with_its_passphrase_as_sqlcipher_derives_it(study_path: Path) -> None:
    """The key given at creation is SQLCipher 4's own for the passphrase and the file's salt:
    the file is the same as one keyed by the passphrase, and opens that way."""
    created = StudyStore.create(study_path, PASSPHRASE, "Keyed study", "R01")
    created.close()
    salt = study_path.read_bytes()[:16]
    assert created._key == hashlib.pbkdf2_hmac("sha512", PASSPHRASE.encode(), salt, 256_000, 32).hex()
    assert _sqlcipher_opens(study_path, PASSPHRASE) == [("Keyed study",)]
    with pytest.raises(sqlcipher3.DatabaseError):
        _sqlcipher_opens(study_path, "not the passphrase at all")
    other = study_path.with_name("other.db")
    StudyStore.create(other, PASSPHRASE, "Another", "R01").close()
    assert other.read_bytes()[:16] != salt  # each file its own random salt


def test_an_opened_or_created_study_gives_its_readers_the_key(store, study_path: Path, monkeypatch) -> None:
    """No reader derives the key again (each derivation is a fifth of a second)."""
    derived: list[bytes] = []
    real = database.study_key
    monkeypatch.setattr(database, "study_key", lambda *a, **k: derived.append(a[1]) or real(*a, **k))
    reader = store.reader()
    reader.ready()
    assert derived == [] and reader._raw_key == store._key
    store.close()
    opened = StudyStore.open(study_path, PASSPHRASE, read_only=True)
    try:
        assert len(derived) == 1  # the open's own, once
        reader = opened.reader()
        reader.ready()
        assert len(derived) == 1 and reader._raw_key == opened._key
        db = reader()
        try:
            assert db.execute("SELECT count(*) FROM sites").fetchone()[0] == 2
        finally:
            db.close()
    finally:
        opened.close()


def test_a_study_keyed_by_sqlcipher_itself_opens_and_gives_its_readers_the_key(tmp_path: Path) -> None:
    """A study made before the key was derived here (SQLCipher drew its salt and derived the
    key from the passphrase) opens the same way."""
    path = tmp_path / "older.db"
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    connection.execute(f"PRAGMA key = {database.quoted(PASSPHRASE)}")
    connection.execute(f"PRAGMA application_id = {database.APPLICATION_ID}")
    connection.execute("CREATE TABLE note (text TEXT)")
    connection.close()
    db, key = database.open_with_key(path, PASSPHRASE, schema_version=10**6)
    try:
        assert key == database.study_key(PASSPHRASE, path.read_bytes()[:16])
        assert db.execute("SELECT count(*) FROM note").fetchone()[0] == 0
    finally:
        db.close()
    with pytest.raises(database.WrongPassphrase, match="passphrase is not right"):
        database.open_with_key(path, "not the passphrase at all", schema_version=10**6)


def test_after_a_passphrase_change_readers_use_the_new_one(store) -> None:
    store.change_passphrase(PASSPHRASE, "a brand new passphrase", "a brand new passphrase")
    reader = store.reader()
    reader.ready()
    db = reader()
    try:
        assert db.execute("SELECT count(*) FROM sites").fetchone()[0] == 2
    finally:
        db.close()
