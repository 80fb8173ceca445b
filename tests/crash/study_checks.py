"""What the crash tests check after every kill: the study opens, and nothing acknowledged is lost.

``EditHistory`` keeps, across the rounds of one study, every edit the edit worker
acknowledged and the one edit each kill may have cut off after its commit (announced as
its INTENT). ``check_study`` reopens the study and proves each acknowledged value is
there (or the cut-off one that came after it), nothing is half-made (a consent record
always has all its answers) and SQLite's integrity and foreign-key checks pass.
"""

from __future__ import annotations

import copy
import signal
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.support.killed_worker import KilledWorker, acknowledged

CONSENT_STATEMENTS = 9  # the shipped wave-1 form (family-interview 2.0) that give_consent uses
VALUE_KINDS = ("notes", "closing", "ring", "answer")


@dataclass
class EditHistory:
    """Everything acknowledged on one study file, in order ('seq' runs across rounds)."""

    acks: list[dict] = field(default_factory=list)
    cut_off: list[dict] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    sequence: int = 0

    def add(self, acks: list[dict], pending: dict | None) -> None:
        # Edit numbers start again in every round; 'seq' orders them across rounds.
        for event in acks + ([pending] if pending else []):
            self.sequence += 1
            event["seq"] = self.sequence
        self.acks += acks
        self.cut_off += [pending] if pending else []
        for a in acks:
            self.kinds[a["kind"]] += 1

    def snapshot(self) -> EditHistory:
        return copy.deepcopy(self)


def run_and_kill(path: Path, seed: int, mode: str, delay: float,
                 passphrase: str = PASSPHRASE) -> tuple[list[dict], dict | None]:
    """Start the edit worker, let it work ``delay`` seconds after it is ready, SIGKILL it.

    Returns the acknowledged edits and the intent the kill may have cut off (or None).
    """
    worker = KilledWorker("tests.crash.edit_worker", str(path), str(seed), mode, passphrase)
    worker.wait_for("READY")
    time.sleep(delay)  # the moment of the kill is the random part of the test
    code = worker.kill()
    assert code in (-signal.SIGKILL, 0), worker.errors
    return acknowledged(worker.lines)


def edit_and_kill(path: Path, history: EditHistory, seed: int, delay: float,
                  passphrase: str = PASSPHRASE) -> None:
    history.add(*run_and_kill(path, seed, "edits", delay, passphrase))


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


def lost_edits(store: StudyStore, history: EditHistory) -> list[str]:
    """What of ``history`` is not in the open study (empty: nothing lost, nothing half-made)."""
    db = store.db
    problems: list[str] = []
    if db.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
        problems.append("integrity check failed")
    if db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append("foreign key check failed")
    latest: dict[tuple[str, str], dict] = {}
    for a in history.acks:
        if a["kind"] in VALUE_KINDS:
            latest[(a["kind"], a["key"])] = a
        elif a["kind"] == "interview":
            row = db.execute("SELECT family_key FROM interviews WHERE key = ?", [a["key"]]).fetchone()
            if row != (a["family"],):
                problems.append(f"acknowledged interview {a['key']} lost")
        elif a["kind"] == "consent":
            count = db.execute("SELECT count(*) FROM consent_records WHERE interview_key = ?",
                               [a["key"]]).fetchone()[0]
            if count != 1:
                problems.append(f"acknowledged consent for {a['key']} lost")
    for (kind, key), acked in latest.items():
        allowed = {acked["value"]} | {
            c["value"] for c in history.cut_off
            if c.get("kind") == kind and c.get("key") == key and c["seq"] > acked["seq"]
        }
        found = stored_value(db, kind, key)
        if found not in allowed:
            problems.append(f"{kind} of {key} is {found!r}, acknowledged {acked['value']!r}")
    half_made = db.execute(
        "SELECT r.key FROM consent_records r LEFT JOIN consent_answers a ON a.record_key = r.key "
        f"GROUP BY r.key HAVING count(a.statement_id) != {CONSENT_STATEMENTS}"
    ).fetchall()
    if half_made:
        problems.append("consent records without all their answers")
    return problems


def check_study(path: Path, history: EditHistory, where: str, passphrase: str = PASSPHRASE) -> None:
    """Everything acknowledged is there with its value; nothing is half-made."""
    store = StudyStore.open(path, passphrase)
    try:
        problems = lost_edits(store, history)
    finally:
        store.close()
    assert not problems, f"{where}: {problems[0]}"
