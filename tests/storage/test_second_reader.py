"""Second connections for an export's workers: the key derived once, from the study's own salt."""

from __future__ import annotations

import pytest
import sqlcipher3

from fieldwork.storage.database import SecondReader


def test_a_second_reader_reads_the_study_with_the_derived_key(store) -> None:
    family = store.add_family(site="Borough A")
    reader = store.reader()
    reader.ready()
    assert reader._raw_key is not None and len(reader._raw_key) == 64  # the fast way was taken
    db = reader()
    try:
        assert db.execute("SELECT code FROM families").fetchall() == [(family.code,)]
        with pytest.raises(sqlcipher3.Error, match="read-only"):
            db.execute("DELETE FROM families")
    finally:
        db.close()
    assert store.family(family.key).code == family.code  # nothing changed


def test_a_key_derived_another_way_falls_back_to_the_passphrase(store, monkeypatch) -> None:
    """A study whose file was keyed with other settings still opens (the slow way)."""
    monkeypatch.setattr(SecondReader, "KDF_ROUNDS", 1000)
    reader = store.reader()
    reader.ready()
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
