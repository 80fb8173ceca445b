"""Crash safety, proven: scripted edits in a child process killed with SIGKILL at random.

After every kill the study is reopened and checked: every edit acknowledged before the
kill is there with its value (or the value of the one edit the kill cut off after its
commit, which the worker announced as its intent), nothing half-made is (a consent record
always has all its answers, every interview its family), and SQLite's integrity check
passes. Seeded: a failing round names its seed, and `CRASH_SEED=<n>` replays the run.
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
from typing import Any

from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.schema import SCHEMA_VERSION
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("CRASH_SEED", "20261126"))
STUDIES, KILLS_PER_STUDY = 4, 20  # 80 kills during edits
CREATE_KILLS = 20  # 20 kills while a new study runs its migrations
CONSENT_STATEMENTS = 7


def run_and_kill(path: Path, seed: int, mode: str, delay: float) -> tuple[list[dict], dict | None]:
    """Start the worker, let it work ``delay`` seconds after it is ready, SIGKILL it.

    Returns the acknowledged edits and the intent the kill may have cut off (or None).
    """
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crash.edit_worker", str(path), str(seed), mode],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    ready = child.stdout.readline()
    assert ready.strip() == "READY", child.stderr.read() if child.stderr else ready
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate()
    assert child.returncode in (-signal.SIGKILL, 0), err
    acks: list[dict] = []
    pending: dict | None = None
    for line in out.splitlines():
        word, _, body = line.partition(" ")
        if word == "INTENT":
            pending = json.loads(body)
        elif word == "ACK":
            fields = json.loads(body)
            acks.append(fields)
            if pending == fields:
                pending = None
    return acks, pending


def stored_value(db: Any, kind: str, key: str) -> object:
    queries = {
        "notes": ("SELECT notes FROM families WHERE key = ?", [key]),
        "closing": ("SELECT closing_notes FROM interviews WHERE key = ?", [key]),
        "ring": ("SELECT ring FROM map_people WHERE interview_key = ? AND person_key = ?", key.split("/")),
        "answer": ("SELECT CAST(answer_code AS INTEGER) FROM instrument_answers "
                   "WHERE administration_key = ? AND item_id = ?", key.split("/")),
    }
    sql, params = queries[kind]
    row = db.execute(sql, params).fetchone()
    return None if row is None else row[0]


def check_study(path: Path, acks: list[dict], cut_off: list[dict], where: str) -> None:
    """Everything acknowledged is there with its value; nothing is half-made."""
    store = StudyStore.open(path, PASSPHRASE)
    try:
        db = store.db
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], where
        assert db.execute("PRAGMA foreign_key_check").fetchall() == [], where
        latest: dict[tuple[str, str], dict] = {}
        for a in acks:
            if a["kind"] in ("notes", "closing", "ring", "answer"):
                latest[(a["kind"], a["key"])] = a
            elif a["kind"] == "interview":
                row = db.execute("SELECT family_key FROM interviews WHERE key = ?", [a["key"]]).fetchone()
                assert row == (a["family"],), f"{where}: acknowledged interview {a['key']} lost"
            elif a["kind"] == "consent":
                count = db.execute("SELECT count(*) FROM consent_records WHERE interview_key = ?",
                                   [a["key"]]).fetchone()[0]
                assert count == 1, f"{where}: acknowledged consent for {a['key']} lost"
        for (kind, key), acked in latest.items():
            allowed = {acked["value"]} | {
                c["value"] for c in cut_off
                if c.get("kind") == kind and c.get("key") == key and c["seq"] > acked["seq"]
            }
            found = stored_value(db, kind, key)
            assert found in allowed, f"{where}: {kind} of {key} is {found!r}, acknowledged {acked['value']!r}"
        half_made = db.execute(
            "SELECT r.key FROM consent_records r LEFT JOIN consent_answers a ON a.record_key = r.key "
            f"GROUP BY r.key HAVING count(a.statement_id) != {CONSENT_STATEMENTS}"
        ).fetchall()
        assert half_made == [], f"{where}: consent records without all their answers"
    finally:
        store.close()


def test_kills_during_edits_lose_nothing_acknowledged(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    kills = 0
    kinds: dict[str, int] = defaultdict(int)
    sequence = 0
    for study in range(STUDIES):
        path = tmp_path / f"study-{study}.db"
        history: list[dict] = []
        cut_off: list[dict] = []
        for round_ in range(KILLS_PER_STUDY):
            seed = rng.randrange(1 << 30)
            acks, pending = run_and_kill(path, seed, "edits", rng.uniform(0.05, 0.4))
            kills += 1
            # Edit numbers start again in every round; 'seq' orders them across rounds.
            for event in acks + ([pending] if pending else []):
                sequence += 1
                event["seq"] = sequence
            history += acks
            cut_off += [pending] if pending else []
            for a in acks:
                kinds[a["kind"]] += 1
            check_study(path, history, cut_off, f"study {study} round {round_} seed {seed} (CRASH_SEED={SEED})")
    assert kills == STUDIES * KILLS_PER_STUDY
    for kind in ("family", "notes", "interview", "consent", "closing", "ring", "answer"):
        assert kinds[kind] > 0, f"no '{kind}' edit was acknowledged between the kills"
    print(f"\ncrash harness: {kills} kills during edits, {sum(kinds.values())} acknowledged "
          f"edits checked ({dict(kinds)}), 0 lost")


def test_kills_while_a_study_is_created_leave_no_half_migrated_file(tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    outcomes: dict[str, int] = defaultdict(int)
    for attempt in range(CREATE_KILLS):
        path = tmp_path / f"new-{attempt}.db"
        acks, _pending = run_and_kill(path, 0, "create", rng.uniform(0.0, 0.2))
        if not path.exists():
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
        outcomes["opens"] += 1
        store.close()
    assert sum(outcomes.values()) == CREATE_KILLS
    print(f"\ncrash harness: {CREATE_KILLS} kills while creating: {dict(outcomes)}")
