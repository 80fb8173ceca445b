"""Crash safety, proven: scripted edits in a child process killed with SIGKILL at random.

After every kill the study is reopened and checked: every edit acknowledged before the
kill is there (at most one newer, unacknowledged edit may also have landed), nothing
half-made is (a consent record always has all its answers, every interview its family),
and SQLite's integrity check passes. Seeded: the seed of a failing round is in the
assertion message, and `CRASH_SEED=<n>` replays it.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("CRASH_SEED", "20261126"))
STUDIES, KILLS_PER_STUDY = 4, 20  # 80 kills during edits
CREATE_KILLS = 20  # 20 kills while a new study runs its migrations


def run_and_kill(path: Path, seed: int, mode: str, delay: float) -> tuple[int, list[dict]]:
    """Start the worker, let it work for ``delay`` seconds after it is ready, SIGKILL it.

    Returns the first edit number of the round and the acknowledgements it printed.
    """
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crash.edit_worker", str(path), str(seed), mode],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    ready = child.stdout.readline()
    assert ready.startswith("READY "), child.stderr.read() if child.stderr else ready
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate()
    assert child.returncode in (-signal.SIGKILL, 0), err
    return int(ready.split()[1]), [json.loads(line[4:]) for line in out.splitlines() if line.startswith("ACK ")]


def number(text: str) -> int:
    return int(text.rsplit("-", 1)[1])


def in_flight(found: int, rounds: list[tuple[int, int]]) -> bool:
    """Was edit ``found`` the one a kill cut off after its commit, before its acknowledgement?

    ``rounds`` holds (first edit number, highest acknowledged number) of every round.
    """
    for index, (start, acked) in enumerate(rounds):
        end = rounds[index + 1][0] if index + 1 < len(rounds) else float("inf")
        if start <= found < end:
            return found > acked
    return False


def check_study(path: Path, acks: list[dict], rounds: list[tuple[int, int]], where: str) -> int:
    """Everything acknowledged is there, nothing half-made; returns the edits checked."""
    store = StudyStore.open(path, PASSPHRASE)
    try:
        db = store.db
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], where
        assert db.execute("PRAGMA foreign_key_check").fetchall() == [], where
        latest: dict[tuple[str, str], int] = {}
        for a in acks:
            if a["kind"] in ("family", "notes"):
                latest[("notes", a["key"])] = a["n"]
            elif a["kind"] == "closing":
                latest[("closing", a["key"])] = a["n"]
            elif a["kind"] == "interview":
                row = db.execute("SELECT family_key FROM interviews WHERE key = ?", [a["key"]]).fetchone()
                assert row == (a["family"],), f"{where}: acknowledged interview {a['key']} lost"
            elif a["kind"] == "consent":
                count = db.execute("SELECT count(*) FROM consent_records WHERE interview_key = ?",
                                   [a["key"]]).fetchone()[0]
                assert count == 1, f"{where}: acknowledged consent for {a['key']} lost"
        for (field, key), n in latest.items():
            column, table = ("notes", "families") if field == "notes" else ("closing_notes", "interviews")
            row = db.execute(f"SELECT {column} FROM {table} WHERE key = ?", [key]).fetchone()
            assert row is not None, f"{where}: acknowledged {field} of {key} lost"
            found = number(row[0])
            # The stored value is the acknowledged one, or one newer edit that committed
            # just before the kill and never got to say so.
            assert found == n or (found > n and in_flight(found, rounds)), \
                f"{where}: {field} of {key} is {row[0]}, acknowledged {n}"
        half_made = db.execute(
            "SELECT r.key FROM consent_records r LEFT JOIN consent_answers a ON a.record_key = r.key "
            "GROUP BY r.key HAVING count(a.statement_id) != 7"
        ).fetchall()
        assert half_made == [], f"{where}: consent records without all their answers"
        return len(acks)
    finally:
        store.close()


def test_kills_during_edits_lose_nothing_acknowledged(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    kills = checked = 0
    for study in range(STUDIES):
        path = tmp_path / f"study-{study}.db"
        history: list[dict] = []
        rounds: list[tuple[int, int]] = []
        for round_ in range(KILLS_PER_STUDY):
            seed = rng.randrange(1 << 30)
            start, acks = run_and_kill(path, seed, "edits", rng.uniform(0.01, 0.25))
            kills += 1
            history += acks
            rounds.append((start, max((a["n"] for a in acks), default=start - 1)))
            checked += len(acks)
            check_study(path, history, rounds, f"study {study} round {round_} seed {seed} (CRASH_SEED={SEED})")
    assert kills == STUDIES * KILLS_PER_STUDY
    assert checked > kills  # the worker really got edits in between the kills
    print(f"\ncrash harness: {kills} kills during edits, {checked} acknowledged edits checked, 0 lost")


def test_kills_while_a_study_is_created_leave_no_half_migrated_file(tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    outcomes: dict[str, int] = defaultdict(int)
    for attempt in range(CREATE_KILLS):
        path = tmp_path / f"new-{attempt}.db"
        _start, acks = run_and_kill(path, 0, "create", rng.uniform(0.0, 0.2))
        if not path.exists():
            outcomes["nothing written"] += 1
            continue
        try:
            store = StudyStore.open(path, PASSPHRASE)
        except Exception as error:  # noqa: BLE001 - every refusal must be a clear FieldworkError
            from fieldwork.domain.errors import FieldworkError

            assert isinstance(error, FieldworkError), repr(error)
            assert not acks, f"an acknowledged study does not open: {error}"
            outcomes["refused clearly"] += 1
            continue
        # It opened: the migrations either all ran or were finished now, one transaction each.
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        from fieldwork.storage.schema import SCHEMA_VERSION

        assert store.schema_version == SCHEMA_VERSION
        if acks:
            assert store.study().name == "Crash study"
        outcomes["opens"] += 1
        store.close()
    assert sum(outcomes.values()) == CREATE_KILLS
    print(f"\ncrash harness: {CREATE_KILLS} kills while creating: {dict(outcomes)}")
