"""Crash safety, proven: scripted edits in a child process killed with SIGKILL at random.

After every kill the study is reopened and checked (``study_checks.check_study``): every
edit acknowledged before the kill is there with its value (or the value of the one edit
the kill cut off after its commit, which the worker announced as its intent), nothing
half-made is, and SQLite's integrity check passes. Seeded: a failing round names its seed,
and `CRASH_SEED=<n>` replays the run; `CRASH_KILLS=<n>` makes more kills.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from pathlib import Path

from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.schema import SCHEMA_VERSION
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.crash.study_checks import EditHistory, check_study, edit_and_kill, run_and_kill
from tests.support.killed_worker import SEED, KilledWorker, kills

STUDIES = 4
EDIT_KILLS = kills(40)  # 10 per study; the restore and passphrase tests kill edits too
CREATE_KILLS = kills(20)  # kills while a new study runs its migrations


def test_kills_during_edits_lose_nothing_acknowledged(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    made = 0
    kinds: dict[str, int] = defaultdict(int)
    per_study = -(-EDIT_KILLS // STUDIES)
    for study in range(STUDIES):
        path = tmp_path / f"study-{study}.db"
        history = EditHistory()
        for round_ in range(per_study):
            seed = rng.randrange(1 << 30)
            edit_and_kill(path, history, seed, rng.uniform(0.05, 0.4))
            made += 1
            check_study(path, history, f"study {study} round {round_} seed {seed} (CRASH_SEED={SEED})")
        for kind, count in history.kinds.items():
            kinds[kind] += count
    for kind in ("family", "notes", "interview", "consent", "closing", "ring", "answer"):
        assert kinds[kind] > 0, f"no '{kind}' edit was acknowledged between the kills"
    print(f"\ncrash harness: {made} kills during edits, {sum(kinds.values())} acknowledged "
          f"edits checked ({dict(kinds)}), 0 lost")


def test_kills_while_a_study_is_created_leave_no_half_migrated_file(tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    outcomes: dict[str, int] = defaultdict(int)
    # How long a creation takes here (machines and load differ): the kills are spread over it.
    timing = KilledWorker("tests.crash.edit_worker", str(tmp_path / "timing.db"), "0", "create")
    timing.wait_for("READY")
    started = time.monotonic()
    assert timing.finish() == 0, timing.errors
    takes = time.monotonic() - started
    for attempt in range(CREATE_KILLS):
        path = tmp_path / f"new-{attempt}.db"
        acks, _pending = run_and_kill(path, 0, "create", rng.uniform(0.0, takes * 1.2))
        if not path.exists():
            assert not acks, "an acknowledged study is not there"
            outcomes["nothing written"] += 1
            continue
        try:
            store = StudyStore.open(path, PASSPHRASE)
        except FieldworkError as error:
            assert not acks, f"an acknowledged study does not open: {error}"
            outcomes["refused clearly"] += 1
            continue
        # It opened: the migrations had all run, or the rest ran now, one transaction each.
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert store.schema_version == SCHEMA_VERSION
        if acks:
            assert store.study().name == "Crash study"
            outcomes["acknowledged and opens"] += 1
        else:
            outcomes["opens"] += 1
        store.close()
    assert sum(outcomes.values()) == CREATE_KILLS
    print(f"\ncrash harness: {CREATE_KILLS} kills while creating (a creation takes {takes:.2f} s here): "
          f"{dict(outcomes)}")
