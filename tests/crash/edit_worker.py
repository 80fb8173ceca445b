"""Child process of the crash harness: makes scripted edits until it is killed.

Usage: python -m tests.crash.edit_worker DB SEED MODE [PASSPHRASE]
MODE 'edits': open (or create) the study and edit forever. Before each edit it prints
'INTENT <json>' and, once the edit has committed, 'ACK <json>' (flushed each time), so the
parent knows exactly what was acknowledged and which one edit a kill may have cut off.
Edits: families and their notes, interviews, consent, closing notes, map people and moves,
SCORE-15 answers.
MODE 'create': create a new study (all migrations) and print 'ACK created'.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from fieldwork.storage.answer_store import AnswerStore, load_shipped_instruments
from fieldwork.storage.map_store import StoredMap
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE, give_consent

SECTORS = ("family_household", "friends_neighbours", "community", "professionals")


def say(word: str, fields: dict[str, Any]) -> None:
    sys.stdout.write(f"{word} {json.dumps(fields)}\n")
    sys.stdout.flush()


def edit(intent: dict[str, Any], change: Callable[[], Any]) -> Any:
    say("INTENT", intent)
    result = change()
    say("ACK", intent)
    return result


class Worker:
    def __init__(self, path: Path, seed: int, passphrase: str) -> None:
        self.store = (StudyStore.open(path, passphrase) if path.exists()
                      else StudyStore.create(path, passphrase, "Crash study", "R01"))
        self.rng = random.Random(seed)
        self.families = [s.family.key for s in self.store.family_summaries()]
        instruments, _errors = load_shipped_instruments()
        self.answers = AnswerStore(self.store, instruments)
        self.score15 = next(i for i in instruments if i.id == "score15" and i.language == "en")

    def one_edit(self, n: int) -> None:
        store, rng = self.store, self.rng
        choice = rng.random()
        if choice < 0.2 or not self.families:
            family = edit({"kind": "family", "n": n}, lambda: store.add_family(notes=f"note-{n}"))
            self.families.append(family.key)
            say("ACK", {"kind": "notes", "key": family.key, "value": f"note-{n}", "n": n})
        elif choice < 0.4:
            key = rng.choice(self.families)
            edit({"kind": "notes", "key": key, "value": f"note-{n}", "n": n},
                 lambda: store.update_family(key, notes=f"note-{n}"))
        elif choice < 0.55:
            key = rng.choice(self.families)
            if store.next_wave(key) > 9:  # waves run 1-9: use another family next time
                self.families.remove(key)
                return
            interview = store.add_interview(key, interview_date=date(2026, 1, 1 + n % 28))
            store.change_status(interview.key, "in_progress")
            say("ACK", {"kind": "interview", "key": interview.key, "family": key, "n": n})
            edit({"kind": "consent", "key": interview.key, "n": n},
                 lambda: give_consent(store, interview.key, refuse=("audio_recording",)))
        else:
            rows = store.db.execute(
                "SELECT i.key FROM interviews i JOIN consent_records c ON c.interview_key = i.key "
                "WHERE i.status = 'in_progress' ORDER BY i.rowid DESC LIMIT 5").fetchall()
            if rows:
                self.interview_edit(rng.choice(rows)[0], n)

    def interview_edit(self, key: str, n: int) -> None:
        store, rng = self.store, self.rng
        action = rng.random()
        if action < 0.3:
            edit({"kind": "closing", "key": key, "value": f"closing-{n}", "n": n},
                 lambda: store.update_interview(key, closing_notes=f"closing-{n}"))
        elif action < 0.65:
            stored = StoredMap.open(store, key) or edit(
                {"kind": "map", "key": key, "n": n}, lambda: StoredMap.start(store, key, "Respondent"))
            people = stored.network.people_on_map()
            if len(people) < 3:
                person = stored.add_person(f"person-{n}", "friend", ring=1, sector="friends_neighbours")
                say("ACK", {"kind": "ring", "key": f"{key}/{person.key}", "value": 1, "n": n})
            else:
                person = rng.choice(people)
                ring, sector = rng.randint(1, 3), rng.choice(SECTORS)
                angle = stored.network.settings.middle_angle(sector)
                edit({"kind": "ring", "key": f"{key}/{person.key}", "value": ring, "n": n},
                     lambda: stored.move_person(person.key, ring, sector, angle))
        else:
            administration = (self.answers.administration(key, "score15")
                              or self.answers.start(key, self.score15))
            item = self.score15.items[n % 15]
            value = 1 + rng.randrange(5)
            edit({"kind": "answer", "key": f"{administration.key}/{item.id}", "value": value, "n": n},
                 lambda: self.answers.answer(administration.key, item.id, value))


def main() -> None:
    path, seed, mode = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    passphrase = sys.argv[4] if len(sys.argv) > 4 else PASSPHRASE
    if mode == "create":
        print("READY", flush=True)
        StudyStore.create(path, PASSPHRASE, "Crash study", "R01").close()
        say("ACK", {"kind": "created"})
        return
    worker = Worker(path, seed, passphrase)
    print("READY", flush=True)
    n = 0
    while True:
        n += 1
        worker.one_edit(n)


if __name__ == "__main__":
    main()
