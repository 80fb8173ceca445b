"""Child process: edit a study until the file-size limit (a stand-in for a full disk) bites.

Usage: python -m tests.support.full_disk_worker DB LIMIT_BYTES [edits | backup | restore BACKUP]
'edits' (the default) prints 'ACK <n>' after each committed edit and 'REFUSED <message>'
for the first refusal. 'backup' makes one backup of DB and 'restore' puts BACKUP in place
of DB (the real functions, the limit set just before): 'ACK <path>' if it was written,
'REFUSED <message>' if it was refused.
"""

from __future__ import annotations

import resource
import signal
import sys
from pathlib import Path

from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.study_store import SaveEvent, StudyStore

PASSPHRASE = "correct horse battery staple"


def full_disk(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def backup_or_restore(path: Path, limit: int, mode: str) -> None:
    from fieldwork.storage.backups import make_backup, restore_backup

    store = StudyStore.open(path, PASSPHRASE) if mode == "backup" else None
    full_disk(limit)
    try:
        made = make_backup(store) if store else restore_backup(Path(sys.argv[4]), path, PASSPHRASE)
    except FieldworkError as error:
        print(f"REFUSED {error}", flush=True)
    else:
        print(f"ACK {made}", flush=True)
    if store:
        store.close()


def main() -> None:
    path, limit = Path(sys.argv[1]), int(sys.argv[2])
    mode = sys.argv[3] if len(sys.argv) > 3 else "edits"
    if mode != "edits":
        backup_or_restore(path, limit, mode)
        return
    store = StudyStore.open(path, PASSPHRASE)
    heard: list[SaveEvent] = []
    store.add_save_listener(heard.append)
    full_disk(limit)
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
