"""Owner-only files on POSIX: the study, its backups and what a restore puts in place (0600, 0700).

Run under the usual umask (022), under which a file written without care is 0644 —
readable by every account on the computer.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldwork.storage.backups import backup_folder, make_backup, restore_backup
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.support.killed_worker import KilledWorker
from tests.test_cli import run

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_backups_and_their_folder_are_owner_only(store: StudyStore, study_path: Path) -> None:
    backup = make_backup(store)
    assert (mode(backup), mode(backup_folder(study_path))) == (0o600, 0o700)


def test_a_restored_study_and_the_one_it_replaced_are_owner_only(store: StudyStore, study_path: Path) -> None:
    backup = make_backup(store)
    store.close()
    kept = restore_backup(backup, study_path, PASSPHRASE)
    assert (mode(study_path), mode(kept)) == (0o600, 0o600)


def test_a_study_left_readable_by_an_older_version_is_tightened(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "study.db"
    store = StudyStore.create(path, PASSPHRASE, "Study", "R01")
    make_backup(store)
    store.close()
    path.chmod(0o644)  # as an older restore left it
    for older in backup_folder(path).iterdir():
        older.chmod(0o644)
    monkeypatch.setenv("FIELDWORK_NEW_PASSPHRASE", "the study's new passphrase")
    assert run("passphrase", "--db", str(path)).returncode == 0
    assert mode(path) == 0o600
    assert run("backup", "--db", str(path), passphrase="the study's new passphrase").returncode == 0
    assert {mode(b) for b in backup_folder(path).glob("*.db")} == {0o600}


def test_a_backup_cut_short_by_a_kill_is_cleared_by_the_next(store: StudyStore, study_path: Path) -> None:
    store.add_family(notes="in every backup")
    store.close()
    worker = KilledWorker("tests.crash.restore_worker", "backup", str(study_path), "after:copy")
    worker.wait_for("AT after:copy")  # copied into its partial file, not yet renamed
    worker.kill()
    folder = backup_folder(study_path)
    assert [p.name for p in folder.iterdir() if ".partial" in p.name], "the kill left no partial file"
    reopened = StudyStore.open(study_path, PASSPHRASE)
    made = make_backup(reopened)
    reopened.close()
    assert [p.name for p in folder.iterdir() if not p.name.startswith(".")] == [made.name]


def test_a_tree_made_private_is_owner_only_throughout_and_a_link_out_of_it_is_left_alone(tmp_path: Path) -> None:
    from fieldwork.storage.private_files import make_private_tree

    tree, outside = tmp_path / "bundle", tmp_path / "someone_elses.txt"
    (tree / "graphml" / "deeper").mkdir(parents=True)
    for name in ("a.csv", "graphml/F001_wave1.graphml", "graphml/deeper/b.txt"):
        (tree / name).write_text("x")
    outside.write_text("not the bundle's")
    outside.chmod(0o644)
    (tree / "link.txt").symlink_to(outside)
    make_private_tree(tree)
    assert {p.relative_to(tree).as_posix(): mode(p) for p in (tree, *tree.rglob("*")) if not p.is_symlink()} == {
        ".": 0o700, "graphml": 0o700, "graphml/deeper": 0o700,
        "a.csv": 0o600, "graphml/F001_wave1.graphml": 0o600, "graphml/deeper/b.txt": 0o600}
    assert mode(outside) == 0o644  # what the link points to is not the bundle's to change


def test_a_file_opened_to_be_written_over_is_owner_only_and_keeps_its_later_bytes(tmp_path: Path) -> None:
    """``overwrite`` (a slot file an export reuses): a new file is made owner-only, one left
    there is tightened and written over from its start, its bytes beyond kept; ``replace``
    empties it; neither refuses a file that is there, as a plain create does."""
    from fieldwork.storage.private_files import create_private

    path = tmp_path / "slot"
    with open(create_private(path, overwrite=True), "wb") as file:
        file.write(b"0123456789")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)
    with open(create_private(path, overwrite=True), "wb") as file:
        file.write(b"abc")
    assert path.read_bytes() == b"abc3456789" and stat.S_IMODE(path.stat().st_mode) == 0o600
    with open(create_private(path, replace=True), "wb") as file:
        file.write(b"xy")
    assert path.read_bytes() == b"xy"
    with pytest.raises(FileExistsError):
        create_private(path)
