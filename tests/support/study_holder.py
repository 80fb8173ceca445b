"""Child process: hold a study open as another fieldwork window or command would.

Usage: python tests/support/study_holder.py MODE DB
  hold    open the study as the app does (writer lock) and wait
  edit    open it as the app does and save family notes every 10 ms, as a researcher typing
  read    open it read-only (as `export` does) and keep a read transaction open
Prints 'READY' once the study is open; stops when a line arrives on stdin (or stdin
closes), printing 'EDITS <n>' in edit mode. The passphrase is tests.conftest's.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from fieldwork.storage.study_store import StudyStore

PASSPHRASE = "correct horse battery staple"


def main() -> None:
    mode, path = sys.argv[1], Path(sys.argv[2])
    store = StudyStore.open(path, PASSPHRASE, read_only=(mode == "read"), holder="the test's app")
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
    if mode == "read":
        store.db.conn.execute("BEGIN")
        rows = store.db.conn.execute("SELECT notes FROM families").fetchall()
        assert rows is not None
    print("READY", flush=True)
    edits = 0
    if mode == "edit":
        family = store.family_summaries()[0].family
        # A save every 10 ms: faster than anyone types (the app saves at each keystroke).
        while not stop.wait(0.01):
            store.update_family(family.key, notes=f"typed {edits}")
            edits += 1
        print(f"EDITS {edits}", flush=True)
    else:
        stop.wait()
    if mode == "read":
        store.db.conn.execute("COMMIT")
    store.close()


if __name__ == "__main__":
    main()
