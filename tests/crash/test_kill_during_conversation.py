"""Notes typed into the Conversation step survive a kill: the real page in a child process,
typing key by key, killed with SIGKILL; every batch it saw saved is in the study after."""

from __future__ import annotations

import json
import signal
from pathlib import Path

from fieldwork.storage import conversation_store as conversation
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE, give_consent
from tests.support.killed_worker import KilledWorker


def test_notes_saved_as_typed_are_there_after_a_kill(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    store = StudyStore.create(path, PASSPHRASE, "Crash study", "R01")
    family = store.add_family()
    key = store.add_interview(family.key).key
    store.change_status(key, "in_progress")
    give_consent(store, key)
    store.close()

    worker = KilledWorker("tests.crash.conversation_worker", str(path), key)
    worker.wait_for("READY")
    worker.wait_for('ACK {"theme": "family_now", "notes": "She lives with her"')  # four batches saved
    assert worker.kill() == -signal.SIGKILL
    acks = [json.loads(line[4:]) for line in worker.lines if line.startswith("ACK ")]
    last = acks[-1]["notes"]

    reopened = StudyStore.open(path, PASSPHRASE)
    try:
        saved = conversation.themes(reopened, key)["family_now"].notes
        # Everything acknowledged is there; at most the batch typed after it is there too.
        assert saved.startswith(last), (saved, last)
        assert reopened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        reopened.close()
