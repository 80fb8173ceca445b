"""Child process of the crash harness for merges and exports, killed at random.

Usage: python -m tests.crash.io_worker merge TEAM LAPTOP
       python -m tests.crash.io_worker export STUDY OUT_FOLDER
'merge' merges the laptop into the team study again and again ('ACK merged' after each);
'export' writes bundles out-0, out-1, ... into OUT_FOLDER ('ACK <n>' after each).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fieldwork.export.bundle import write_bundle
from fieldwork.storage.study_merge import merge_source, open_source
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE


def main() -> None:
    mode, first, second = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    store = StudyStore.open(first, PASSPHRASE)
    print("READY 0", flush=True)
    if mode == "merge":
        source = open_source(second, PASSPHRASE)
        while True:
            merge_source(store, source, second.name)
            print("ACK merged", flush=True)
    n = len(list(second.glob("out-*")))
    while True:
        write_bundle(store.db, second / f"out-{n}")
        print(f"ACK {n}", flush=True)
        n += 1


if __name__ == "__main__":
    main()
