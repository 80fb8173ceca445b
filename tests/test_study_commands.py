"""`backup`, `restore` and `passphrase` at the command line, run as real processes."""

from __future__ import annotations

from pathlib import Path

from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.test_cli import _one_clear_line, run


def test_backup_then_restore_keeps_the_replaced_file(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    store = StudyStore.create(path, PASSPHRASE, "Study", "R01")
    family = store.add_family(notes="as backed up")
    store.close()
    made = run("backup", "--db", str(path))
    assert made.returncode == 0, made.stderr
    assert "Backed up to" in made.stdout
    store = StudyStore.open(path, PASSPHRASE)
    store.update_family(family.key, notes="changed later")
    store.close()
    listed = run("restore", "--db", str(path), "--list", passphrase=None)
    assert listed.returncode == 0 and "study-backups" in listed.stdout
    restored = run("restore", "--db", str(path))
    assert restored.returncode == 0, restored.stderr
    assert "The file it replaced is kept at" in restored.stdout
    store = StudyStore.open(path, PASSPHRASE)
    assert store.family(family.key).notes == "as backed up"
    store.close()
    [aside] = tmp_path.glob("study.db.replaced-*")
    kept = StudyStore.open(aside, PASSPHRASE)
    assert kept.family(family.key).notes == "changed later"
    kept.close()


def test_restore_without_a_good_backup_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    StudyStore.create(path, PASSPHRASE, "Study", "R01").close()
    before = path.read_bytes()
    assert "No backup" in _one_clear_line(run("restore", "--db", str(path)))
    assert path.read_bytes() == before


def test_changing_the_passphrase(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "study.db"
    StudyStore.create(path, PASSPHRASE, "Study", "R01").close()
    monkeypatch.setenv("FIELDWORK_NEW_PASSPHRASE", "short")
    assert "at least 10" in _one_clear_line(run("passphrase", "--db", str(path)))
    monkeypatch.setenv("FIELDWORK_NEW_PASSPHRASE", "the new study passphrase")
    assert "passphrase is not right" in _one_clear_line(
        run("passphrase", "--db", str(path), passphrase="not the old one"))
    changed = run("passphrase", "--db", str(path))
    assert changed.returncode == 0, changed.stderr
    StudyStore.open(path, "the new study passphrase").close()
