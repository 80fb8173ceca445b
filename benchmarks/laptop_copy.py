"""Caseloads on laptops (issue 11's row): a laptop copy of 50 families out of 5,000.

The team study is the progress benchmark's generated study (5,000 families, 20,000 contact
attempts, their change histories), set up once, not measured. Timed, best of 3: writing a
new encrypted copy holding 50 chosen families (key derivation for the new file and for
reading the team's included), and recording it in the team study.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.fieldwork_progress import FAMILIES, generated_study
from benchmarks.table import Row

COPIED = 50
COPY_PASSPHRASE = "benchmark laptop copy passphrase"


def rows() -> list[Row]:
    from fieldwork.storage.laptop_copy import choose_families, make_laptop_copy

    with tempfile.TemporaryDirectory(prefix="fieldwork-bench-copy-") as name:
        folder = Path(name)
        store = generated_study(folder / "team.db")
        try:
            codes = [f"F{n:04d}" for n in range(1, FAMILIES + 1, FAMILIES // COPIED)][:COPIED]
            chosen = choose_families(store.db, codes=codes)
            best = float("inf")
            for attempt in range(3):
                start = time.perf_counter()
                make_laptop_copy(store, folder / f"laptop-{attempt}.db", COPY_PASSPHRASE, chosen, "bench")
                best = min(best, time.perf_counter() - start)
        finally:
            store.close()
    return [Row(f"laptop copy of {COPIED} families out of {FAMILIES:,}", best, "s", "<= 2")]


if __name__ == "__main__":
    from benchmarks.table import as_table

    print(as_table(rows()))
