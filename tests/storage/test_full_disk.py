"""A full disk: the edit is refused with a clear message, not shown as saved, the study intact."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def test_a_full_disk_refuses_the_edit_and_keeps_the_study(store: StudyStore, study_path: Path) -> None:
    store.add_family(notes="the first family")
    store.close()
    limit = study_path.stat().st_size + 64 * 1024  # room for a few edits, then 'disk full'
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "support" / "full_disk_worker.py"), str(study_path), str(limit)],
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
