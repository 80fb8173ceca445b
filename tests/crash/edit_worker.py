"""Child process of the crash harness: makes scripted edits until it is killed.

Usage: python -m tests.crash.edit_worker DB SEED MODE
MODE 'edits': open (or create) the study and edit forever; after each edit has committed it
prints one line 'ACK <json>' and flushes, so the parent knows exactly what was acknowledged.
MODE 'create': create a new study (all migrations) and print 'ACK created'.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date
from pathlib import Path

from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE, give_consent


def ack(**fields: object) -> None:
    sys.stdout.write("ACK " + json.dumps(fields) + "\n")
    sys.stdout.flush()


def edit_forever(path: Path, seed: int) -> None:
    store = (StudyStore.open(path, PASSPHRASE) if path.exists()
             else StudyStore.create(path, PASSPHRASE, "Crash study", "R01"))
    rng = random.Random(seed)
    families = [s.family.key for s in store.family_summaries()]
    # Numbers go on from the last round's, so every round's edits have their own range.
    done = store.db.execute(
        "SELECT max(CAST(substr(notes, 6) AS INTEGER)) FROM families WHERE notes LIKE 'note-%'"
    ).fetchone()[0] or 0
    closing = store.db.execute(
        "SELECT max(CAST(substr(closing_notes, 9) AS INTEGER)) FROM interviews"
    ).fetchone()[0] or 0
    counter = max(done, closing) + 1000
    print(f"READY {counter + 1}", flush=True)
    while True:
        counter += 1
        choice = rng.random()
        if choice < 0.25 or not families:
            family = store.add_family(notes=f"note-{counter}")
            families.append(family.key)
            ack(kind="family", key=family.key, notes=f"note-{counter}", n=counter)
        elif choice < 0.55:
            key = rng.choice(families)
            store.update_family(key, notes=f"note-{counter}")
            ack(kind="notes", key=key, notes=f"note-{counter}", n=counter)
        elif choice < 0.80:
            key = rng.choice(families)
            if store.next_wave(key) > 9:  # waves run 1-9: start with a new family instead
                families.remove(key)
                continue
            interview = store.add_interview(key, interview_date=date(2026, 1, 1 + counter % 28),
                                            closing_notes=f"closing-{counter}")
            store.change_status(interview.key, "in_progress")
            ack(kind="interview", key=interview.key, family=key, n=counter)
            give_consent(store, interview.key, refuse=("audio_recording",))
            ack(kind="consent", key=interview.key, n=counter)
        else:
            rows = store.db.execute(
                "SELECT key FROM interviews WHERE status = 'in_progress' ORDER BY rowid DESC LIMIT 5"
            ).fetchall()
            if rows:
                key = rng.choice(rows)[0]
                store.update_interview(key, closing_notes=f"closing-{counter}")
                ack(kind="closing", key=key, closing=f"closing-{counter}", n=counter)


def main() -> None:
    path, seed, mode = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    if mode == "create":
        print("READY 0", flush=True)
        StudyStore.create(path, PASSPHRASE, "Crash study", "R01").close()
        ack(kind="created")
        return
    edit_forever(path, seed)


if __name__ == "__main__":
    main()
