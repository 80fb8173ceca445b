"""The study file on disk: encrypted, refused when the passphrase or schema is wrong, never damaged."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from fieldwork.storage.database import (
    APPLICATION_ID,
    DatabaseDamaged,
    DatabaseExists,
    DatabaseMissing,
    NewerSchema,
    NotAFieldworkDatabase,
    WeakPassphrase,
    WrongPassphrase,
)
from fieldwork.storage.schema import SCHEMA_VERSION
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE

SECRET_NOTE = "Mother's sister Zofia Kowalczyk visits on Sundays"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files_of(path: Path) -> list[Path]:
    return [p for p in path.parent.iterdir() if p.name.startswith(path.name)]


def _filled(path: Path) -> None:
    store = StudyStore.create(path, PASSPHRASE, "Secret study name", "Researcher Ruth")
    family = store.add_family(code="F042", site="Borough A", notes=SECRET_NOTE)
    store.add_interview(family.key, interpreter_present=True, interpreter="Interpreter Ingrid",
                        language="pl", closing_notes="Closing words nobody may read")
    store.close()


def test_the_file_holds_none_of_the_text_written_into_it(study_path: Path) -> None:
    store = StudyStore.create(study_path, PASSPHRASE, "Secret study name", "Researcher Ruth")
    family = store.add_family(code="F042", site="Borough A", notes=SECRET_NOTE)
    store.add_interview(family.key, interpreter_present=True, interpreter="Interpreter Ingrid",
                        language="pl", closing_notes="Closing words nobody may read")
    # While the study is open, the write-ahead log holds the recent edits: it too is encrypted.
    open_files = _files_of(study_path)
    assert any(p.name.endswith("-wal") for p in open_files)
    store.close()
    needles = [b"F042", b"Zofia", b"Kowalczyk", b"Secret study", b"Ruth", b"Ingrid",
               b"Borough", b"Closing words", b"SQLite format 3", b"families"]
    for path in open_files + [study_path]:
        if path.exists():
            data = path.read_bytes()
            assert [n for n in needles if n in data] == [], path.name
            assert [n for n in needles if n.decode().encode("utf-16-le") in data] == [], path.name


def test_plain_sqlite_cannot_read_it(study_path: Path) -> None:
    _filled(study_path)
    connection = sqlite3.connect(study_path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        connection.execute("SELECT * FROM sqlite_master").fetchall()
    connection.close()


def test_everything_written_is_there_after_reopening(study_path: Path) -> None:
    _filled(study_path)
    store = StudyStore.open(study_path, PASSPHRASE)
    [summary] = store.family_summaries()
    assert summary.family.code == "F042"
    assert summary.family.notes == SECRET_NOTE
    [interview] = store.interviews_of(summary.family.key)
    assert (interview.language, interview.interpreter) == ("pl", "Interpreter Ingrid")
    assert interview.closing_notes == "Closing words nobody may read"
    assert store.study().name == "Secret study name"
    assert [r.name for r in store.researchers()] == ["Researcher Ruth"]
    store.close()


def test_a_wrong_passphrase_is_refused_and_the_file_is_unchanged(study_path: Path) -> None:
    _filled(study_path)
    before = {p.name: _digest(p) for p in _files_of(study_path)}
    with pytest.raises(WrongPassphrase, match="passphrase is not right"):
        StudyStore.open(study_path, "not the passphrase at all")
    assert {p.name: _digest(p) for p in _files_of(study_path)} == before
    # ... and the right one still opens it.
    StudyStore.open(study_path, PASSPHRASE).close()


def _raw(path: Path) -> sqlcipher3.Connection:
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    connection.execute("PRAGMA key = '" + PASSPHRASE + "'")
    return connection


def test_a_newer_schema_is_refused_and_the_file_is_unchanged(study_path: Path) -> None:
    _filled(study_path)
    raw = _raw(study_path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = _digest(study_path)
    with pytest.raises(NewerSchema, match=f"schema {SCHEMA_VERSION + 1}.*not changed"):
        StudyStore.open(study_path, PASSPHRASE)
    assert _digest(study_path) == before


def test_an_encrypted_database_of_another_program_is_refused(study_path: Path) -> None:
    raw = _raw(study_path)
    raw.execute("CREATE TABLE notes(text)")
    raw.close()
    with pytest.raises(NotAFieldworkDatabase, match="not a fieldwork study"):
        StudyStore.open(study_path, PASSPHRASE)


def test_a_plain_sqlite_file_is_refused(study_path: Path) -> None:
    sqlite3.connect(study_path).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(NotAFieldworkDatabase, match="unencrypted SQLite"):
        StudyStore.open(study_path, PASSPHRASE)


def test_a_truncated_file_is_reported_as_damaged(study_path: Path) -> None:
    _filled(study_path)
    data = study_path.read_bytes()
    study_path.write_bytes(data[: len(data) - 1000])
    with pytest.raises(DatabaseDamaged, match="cut short"):
        StudyStore.open(study_path, PASSPHRASE)


def test_a_page_overwritten_with_garbage_is_reported_as_damaged(study_path: Path) -> None:
    _filled(study_path)
    data = bytearray(study_path.read_bytes())
    assert len(data) >= 3 * 4096
    data[2 * 4096 + 100 : 2 * 4096 + 200] = bytes(100)
    study_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged, match="damaged"):
        StudyStore.open(study_path, PASSPHRASE)


def test_missing_file_empty_file_and_text_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing, match="no study database"):
        StudyStore.open(tmp_path / "absent.db", PASSPHRASE)
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(NotAFieldworkDatabase, match="empty"):
        StudyStore.open(tmp_path / "empty.db", PASSPHRASE)
    (tmp_path / "notes.txt").write_text("shopping list\n" * 400)
    with pytest.raises(NotAFieldworkDatabase, match="text file"):
        StudyStore.open(tmp_path / "notes.txt", PASSPHRASE)


def test_creating_never_replaces_a_file_and_needs_a_long_passphrase(study_path: Path) -> None:
    with pytest.raises(WeakPassphrase, match="at least 10"):
        StudyStore.create(study_path, "short", "Study", "Researcher")
    assert not study_path.exists()
    _filled(study_path)
    before = _digest(study_path)
    with pytest.raises(DatabaseExists, match="already exists"):
        StudyStore.create(study_path, PASSPHRASE, "Other", "Someone")
    assert _digest(study_path) == before


def test_the_file_is_marked_as_a_fieldwork_study_with_its_schema_version(study_path: Path) -> None:
    _filled(study_path)
    raw = _raw(study_path)
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    raw.close()
