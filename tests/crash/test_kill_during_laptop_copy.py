"""SIGKILL during `laptop-copy`: a copy that exists is one the team handed out, so its
check-in works; the team study always opens; a leftover '.partial' never stops the next copy.

Each round runs the real command in a child process and kills it at a random moment over
the span one copy takes here (timed first, straight through). Before this test the team
recorded the copy after renaming the file into place, and a kill in between left a copy
whose check-in was refused ('not a copy this team study handed out'), with the laptop's
work. `CRASH_KILLS=<n>` makes more kills.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from fieldwork.storage.laptop_copy import check_in_copy, copy_origin
from fieldwork.storage.study_merge import open_source
from fieldwork.storage.study_store import StudyStore
from tests.support.killed_worker import ROOT, SEED, kills

TEAM_PASSPHRASE = "team passphrase for the kill test"
COPY_PASSPHRASE = "laptop passphrase for the kill test"
KILLS = kills(8)


def _env() -> dict[str, str]:
    return {**os.environ, "FIELDWORK_PASSPHRASE": TEAM_PASSPHRASE,
            "FIELDWORK_COPY_PASSPHRASE": COPY_PASSPHRASE, "PYTHONPATH": str(ROOT)}


def _copy_command(team: Path, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "laptop-copy", "--db", str(team), "--out", str(out),
            "--site", "Borough A", "--label", out.stem]


def _handed_out(team: Path) -> set[str]:
    store = StudyStore.open(team, TEAM_PASSPHRASE)
    try:
        return {row[0] for row in store.db.execute("SELECT key FROM laptop_copies").fetchall()}
    finally:
        store.close()


def test_a_killed_laptop_copy_is_either_absent_or_checked_in(tmp_path: Path) -> None:
    team = tmp_path / "team.db"
    made = subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--db", str(team)],
                          cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    began = time.monotonic()
    whole = subprocess.run(_copy_command(team, tmp_path / "timed.db"), cwd=ROOT, env=_env(),
                           capture_output=True, text=True, timeout=300)
    span = time.monotonic() - began
    assert whole.returncode == 0, whole.stderr
    rng = random.Random(SEED)
    existing = 0
    for n in range(KILLS):
        out = tmp_path / f"laptop-{n}.db"
        child = subprocess.Popen(_copy_command(team, out), cwd=ROOT, env=_env(),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 1.05) * span)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        handed_out = _handed_out(team)  # the team study opens after every kill
        if out.exists():
            existing += 1
            copy = open_source(out, COPY_PASSPHRASE)
            try:
                origin = copy_origin(copy)
                assert origin is not None and origin["copy_key"] in handed_out, (n, origin)
                store = StudyStore.open(team, TEAM_PASSPHRASE)
                try:
                    check_in_copy(store, copy, out.name)  # never refused
                finally:
                    store.close()
            finally:
                copy.close()
    # A copy made after all the kills: any leftover '.partial' is cleared, and it works.
    last = tmp_path / "laptop-0.db"
    if last.exists():
        last = tmp_path / "after-the-kills.db"
    done = subprocess.run(_copy_command(team, last), cwd=ROOT, env=_env(), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert last.exists()
    print(f"{KILLS} kills over {span:.2f} s; {existing} left a whole copy, each checked in")
