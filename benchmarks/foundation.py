"""Start-up, unlock and commit latency of the encrypted study database (issue 2's rows)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.table import Row

PASSPHRASE = "benchmark passphrase, not secret"
ROOT = Path(__file__).resolve().parent.parent

# The same start-up path as `python main.py`: the command line, the Qt application and the
# unlock window, stopped as soon as the window has been shown.
_START_PROBE = """
import sys
from pathlib import Path
import fieldwork.cli
from fieldwork.ui.application import make_application
from fieldwork.ui.unlock_dialog import UnlockDialog
app = make_application()
dialog = UnlockDialog(Path(sys.argv[1]))
dialog.show()
app.processEvents()
print("shown", flush=True)
"""


def start_to_unlock_window(folder: Path, runs: int = 5) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", _START_PROBE, str(folder / "study.db")],
            stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT,
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        times.append(time.perf_counter() - began)
        child.wait()
        assert line.strip() == "shown", "the unlock window did not show"
    return statistics.median(times)


def _study_with_families(path: Path, families: int):  # noqa: ANN202
    from fieldwork.storage.study_store import StudyStore

    store = StudyStore.create(path, PASSPHRASE, "Benchmark study", "R01")
    for site in ("Borough A", "Borough B", "Borough C"):
        store.add_site(site)
    with store.db.atomic():  # one transaction: this is set-up, not what is measured
        for n in range(families):
            family = store.add_family(site=f"Borough {'ABC'[n % 3]}", notes=f"family {n}")
            first = store.add_interview(family.key)
            if n % 2:
                store.change_status(first.key, "in_progress")
    return store


def unlock_to_main_window(folder: Path, families: int = 500) -> tuple[float, float]:
    """(key derivation, the rest of unlocking up to the main window shown) in seconds."""
    import sqlcipher3

    from fieldwork.storage.study_store import StudyStore
    from fieldwork.ui.application import make_application
    from fieldwork.ui.main_window import MainWindow

    path = folder / "families.db"
    _study_with_families(path, families).close()
    app = make_application()
    derivations, totals = [], []
    for _ in range(3):
        began = time.perf_counter()
        raw = sqlcipher3.connect(str(path))
        raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
        derivations.append(time.perf_counter() - began)
        raw.close()

        began = time.perf_counter()
        store = StudyStore.open(path, PASSPHRASE)
        window = MainWindow(store)
        window.show()
        app.processEvents()
        totals.append(time.perf_counter() - began)
        assert window.family_list.filter.rowCount() == families
        window.close()
        window.deleteLater()
        app.processEvents()
        store.close()
    key = statistics.median(derivations)
    return key, max(0.0, statistics.median(totals) - key)


def commit_latency(folder: Path, edits: int = 1000) -> tuple[float, float]:
    """p50 and p99 of one committed edit (a family's notes changed), in milliseconds."""
    store = _study_with_families(folder / "edits.db", 50)
    keys = [s.family.key for s in store.family_summaries()]
    times = []
    for n in range(edits):
        began = time.perf_counter()
        store.update_family(keys[n % len(keys)], notes=f"edited note number {n}")
        times.append((time.perf_counter() - began) * 1000)
    store.close()
    times.sort()
    return times[len(times) // 2], times[int(len(times) * 0.99) - 1]


def rows() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="fieldwork-bench-") as name:
        folder = Path(name)
        start = start_to_unlock_window(folder)
        key, rest = unlock_to_main_window(folder)
        p50, p99 = commit_latency(folder)
    return [
        Row("process start to unlock window shown (offscreen)", start, "s", "<= 1.0"),
        Row("key derivation (SQLCipher PBKDF2) at unlock", key, "s", "reported"),
        Row("unlock to main window, 500 families, beyond key derivation", rest, "s", "<= 0.5"),
        Row("commit latency p50, 1,000 edits, encrypted", p50, "ms", "reported"),
        Row("commit latency p99, 1,000 edits, encrypted", p99, "ms", "<= 5"),
    ]
