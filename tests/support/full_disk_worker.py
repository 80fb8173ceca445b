"""Child process: edit a study until the file-size limit (a stand-in for a full disk) bites.

Usage: python tests/support/full_disk_worker.py DB LIMIT_BYTES
Prints 'ACK <n>' after each committed edit and 'REFUSED <message>' for the first refusal,
then tries one more edit after the refusal and prints whether the store still answers.
"""

from __future__ import annotations

import resource
import signal
import sys
from pathlib import Path

from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.study_store import SaveEvent, StudyStore

PASSPHRASE = "correct horse battery staple"


def main() -> None:
    path, limit = Path(sys.argv[1]), int(sys.argv[2])
    store = StudyStore.open(path, PASSPHRASE)
    heard: list[SaveEvent] = []
    store.add_save_listener(heard.append)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    family = store.family_summaries()[0].family
    for n in range(100_000):
        try:
            store.update_family(family.key, notes=f"note-{n} " + "x" * 3000)
            store.add_family(notes=f"filler-{n} " + "y" * 3000)
        except FieldworkError as error:
            last = heard[-1]
            print(f"REFUSED saved={last.saved} {error}", flush=True)
            break
        print(f"ACK {n}", flush=True)
    store.close()


if __name__ == "__main__":
    main()
