"""A restore never leaves the researcher without a study: killed, refused, or onto itself.

Real processes and real kills (SIGKILL) for a restore cut short; the study's own
write-ahead log (recent saves not yet in the file) is folded in before the backup takes
its place, never left beside the restored file and never lost.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from fieldwork.storage.backups import make_backup, restore_backup
from fieldwork.storage.database import StorageError
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.crash.study_checks import EditHistory, check_study, edit_and_kill
from tests.support.killed_worker import KilledWorker
from tests.test_cli import _one_clear_line, run


def _study_with_backup(path: Path) -> tuple[str, Path]:
    store = StudyStore.create(path, PASSPHRASE, "Study", "R01")
    family = store.add_family(notes="as backed up")
    backup = make_backup(store)
    store.update_family(family.key, notes="saved after the backup")
    store.close()
    return family.key, backup


def _notes(path: Path, key: str) -> str:
    store = StudyStore.open(path, PASSPHRASE)
    try:
        return store.family(key).notes
    finally:
        store.close()


def test_a_restore_killed_while_copying_leaves_the_study_at_its_path(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    key, backup = _study_with_backup(path)
    worker = KilledWorker("tests.crash.restore_worker", "restore", str(path), str(backup), "open:backup")
    worker.wait_for("AT open:backup")  # the backup is being opened to be copied in
    worker.kill()
    assert path.is_file(), f"no study at its path; left: {sorted(p.name for p in tmp_path.iterdir())}"
    assert _notes(path, key) == "saved after the backup"


def test_a_restore_killed_after_the_old_study_got_its_second_name(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    key, backup = _study_with_backup(path)
    worker = KilledWorker("tests.crash.restore_worker", "restore", str(path), str(backup),
                          "after:_keep_replaced")
    worker.wait_for("AT after:_keep_replaced")
    worker.kill()
    assert _notes(path, key) == "saved after the backup"
    # The next restore clears that second name (it is still the study itself) and runs through.
    restore_backup(backup, path, PASSPHRASE)
    assert _notes(path, key) == "as backed up"
    [kept] = tmp_path.glob("study.db.replaced-*")
    assert _notes(kept, key) == "saved after the backup"
    assert not list(tmp_path.glob(".study.db.*"))


@pytest.mark.parametrize("name_of_the_study", ["itself", "a hard link to it"])
def test_restoring_the_study_onto_itself_is_refused(tmp_path: Path, name_of_the_study: str) -> None:
    path = tmp_path / "study.db"
    key, _backup = _study_with_backup(path)
    source = path
    if name_of_the_study != "itself":
        source = tmp_path / "other-name.db"
        os.link(path, source)
    before = path.read_bytes()
    line = _one_clear_line(run("restore", "--db", str(path), "--from", str(source)))
    assert "is the study itself" in line
    assert path.read_bytes() == before
    assert _notes(path, key) == "saved after the backup"
    assert not list(tmp_path.glob("study.db.replaced-*"))


def test_the_studys_own_log_is_folded_in_never_applied_to_the_restored_file(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    StudyStore.create(path, PASSPHRASE, "Study", "R01").close()
    history = EditHistory()
    edit_and_kill(path, history, seed=7, delay=0.3)  # killed: its saves are in study.db-wal
    store = StudyStore.open(path, PASSPHRASE)
    backup = make_backup(store)  # the backup holds them too, then more saves after it
    store.close()
    edit_and_kill(path, history, seed=8, delay=0.3)
    log = Path(f"{path}-wal")
    assert log.stat().st_size > 0, "the killed worker left no log: nothing to test"
    kept = restore_backup(backup, path, PASSPHRASE)
    assert not (log.exists() and log.stat().st_size)  # no log of the old study beside the new
    StudyStore.open(path, PASSPHRASE).close()  # the restored file opens (a stale log would not)
    check_study(kept, history, "the study the restore replaced")  # every acknowledged save kept


def test_a_study_under_another_passphrase_keeps_its_log_too(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    _key, backup = _study_with_backup(path)
    other = tmp_path / "other.db"
    StudyStore.create(other, "another study's passphrase", "Other", "R02").close()
    history = EditHistory()
    edit_and_kill(other, history, seed=9, delay=0.3, passphrase="another study's passphrase")
    path.unlink()
    shutil.copyfile(other, path)  # the study is now under another passphrase, with a log
    shutil.copyfile(f"{other}-wal", f"{path}-wal")
    assert Path(f"{path}-wal").stat().st_size > 0
    kept = restore_backup(backup, path, PASSPHRASE)
    assert not (Path(f"{path}-wal").exists() and Path(f"{path}-wal").stat().st_size)
    StudyStore.open(path, PASSPHRASE).close()
    # Folding a log in copies its pages as they are (encrypted): no passphrase needed.
    check_study(kept, history, "the study the restore replaced", "another study's passphrase")


def test_a_study_open_elsewhere_is_not_replaced_under_it(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    key, backup = _study_with_backup(path)
    reader = StudyStore.open(path, PASSPHRASE)  # as `export` or `backup` would, without the writer lock
    try:
        with pytest.raises(StorageError, match="is open in another fieldwork window or command"):
            restore_backup(backup, path, PASSPHRASE)
        assert reader.family(key).notes == "saved after the backup"
    finally:
        reader.close()
    assert not list(tmp_path.glob("study.db.replaced-*")) and not list(tmp_path.glob(".study.db.*"))
    restore_backup(backup, path, PASSPHRASE)  # closed there: now it is restored
    assert _notes(path, key) == "as backed up"
