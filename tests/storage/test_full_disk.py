"""A full disk (a real file-size limit): refused with a clear message, the study intact.

An edit is not shown as saved; a restore leaves the study at its path as it was; a backup
leaves no partial file behind.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fieldwork.storage.backups import backup_folder, make_backup
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def test_a_full_disk_refuses_the_edit_and_keeps_the_study(store: StudyStore, study_path: Path) -> None:
    store.add_family(notes="the first family")
    store.close()
    limit = study_path.stat().st_size + 64 * 1024  # room for a few edits, then 'disk full'
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.full_disk_worker", str(study_path), str(limit)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    lines = result.stdout.splitlines()
    acked = [int(line.split()[1]) for line in lines if line.startswith("ACK ")]
    refused = [line for line in lines if line.startswith("REFUSED ")]
    assert acked, result.stderr
    assert len(refused) == 1, result.stdout + result.stderr
    assert refused[0].startswith("REFUSED saved=False Not saved")
    assert "the disk may be full" in refused[0]
    reopened = StudyStore.open(study_path, PASSPHRASE)
    assert reopened.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    first = reopened.family_summaries()[0].family
    assert first.notes.startswith(f"note-{acked[-1]} ") or first.notes.startswith(f"note-{acked[-1] + 1} ")
    reopened.close()


def _grown(store: StudyStore) -> None:
    for n in range(40):  # some size, so that half of it is a real limit
        store.add_family(notes=f"family-{n} " + "z" * 3000)


def _on_a_full_disk(study_path: Path, limit: int, *mode: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.full_disk_worker", str(study_path),
         str(limit), *mode], cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.stdout.startswith(("ACK ", "REFUSED ")), result.stdout + result.stderr
    return result.stdout.strip()


def test_a_restore_on_a_full_disk_keeps_the_study_at_its_path(store: StudyStore, study_path: Path) -> None:
    _grown(store)
    family = store.add_family(notes="as backed up")
    backup = make_backup(store)
    store.update_family(family.key, notes="saved after the backup")
    store.close()
    said = _on_a_full_disk(study_path, backup.stat().st_size // 2, "restore", str(backup))
    reopened = StudyStore.open(study_path, PASSPHRASE)  # a study opens at its path, as it was
    assert reopened.family(family.key).notes == "saved after the backup"
    reopened.close()
    beside = sorted(p.name for p in study_path.parent.glob("*study.db*") if "lock" not in p.name)
    assert beside == ["study.db"]  # no copy left half-written, nothing set aside
    assert said.startswith("REFUSED ") and "the disk is full" in said and "not changed" in said


def test_a_backup_on_a_full_disk_leaves_no_partial_file(store: StudyStore, study_path: Path) -> None:
    _grown(store)
    store.close()
    said = _on_a_full_disk(study_path, study_path.stat().st_size // 2, "backup")
    folder = backup_folder(study_path)
    assert [p.name for p in folder.iterdir() if not p.name.startswith(".making")] == []
    assert said.startswith("REFUSED ") and "No partial file was left" in said
