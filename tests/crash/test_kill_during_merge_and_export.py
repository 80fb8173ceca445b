"""SIGKILL during a merge or an export: the team study is all-or-nothing, a bundle whole or absent."""

from __future__ import annotations

import hashlib
import json
import random
import signal
import time
from pathlib import Path

from fieldwork.demo import write_demo_study
from fieldwork.storage.study_merge import create_team_database
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.support.killed_worker import SEED, KilledWorker, kills

KILLS = kills(10)


def _kill_later(args: list[str], delay: float, after_one: bool = False) -> list[str]:
    """Kill the worker ``delay`` seconds after READY (``after_one``: after its first ACK)."""
    worker = KilledWorker("tests.crash.io_worker", *args)
    # The first round waits for one merge or export to finish, however loaded the machine:
    # the later rounds' acknowledged result is then always there to be checked.
    worker.wait_for("ACK " if after_one else "READY")
    time.sleep(delay)  # the moment of the kill is the random part of the test
    assert worker.kill() == -signal.SIGKILL, worker.errors
    return [line[4:] for line in worker.lines if line.startswith("ACK ")]


def test_kills_during_merges(tmp_path: Path) -> None:
    rng = random.Random(SEED + 2)
    laptop = tmp_path / "laptop.db"
    families = {s.family.key for s in write_demo_study(laptop, PASSPHRASE).family_summaries()}
    team_path = tmp_path / "team.db"
    create_team_database(team_path, PASSPHRASE, "Team").close()
    merged_once = False
    merges = 0
    for round_ in range(KILLS):
        acks = _kill_later(["merge", str(team_path), str(laptop)], rng.uniform(0.0, 1.5), round_ == 0)
        merged_once = merged_once or bool(acks)
        merges += len(acks)
        team = StudyStore.open(team_path, PASSPHRASE)
        assert team.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        present = {s.family.key for s in team.family_summaries()} & families
        # One transaction per source: every family of the laptop, or none of them.
        assert present in (set(), families), f"round {round_}: half a merge (CRASH_SEED={SEED})"
        if merged_once:
            assert present == families, f"round {round_}: an acknowledged merge was lost"
        team.close()
    assert merged_once, "no merge finished between the kills; the delays are too short"
    print(f"\ncrash harness: {KILLS} kills during merges, {merges} acknowledged merges checked, "
          "team study whole after each")


def _bundle_is_whole(folder: Path) -> bool:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return all(hashlib.sha256((folder / f["path"]).read_bytes()).hexdigest() == f["sha256"]
               for f in manifest["files"])


def test_kills_during_exports(tmp_path: Path) -> None:
    rng = random.Random(SEED + 3)
    study = tmp_path / "study.db"
    write_demo_study(study, PASSPHRASE).close()
    out = tmp_path / "bundles"
    out.mkdir()
    acknowledged: set[str] = set()
    for round_ in range(KILLS):
        acknowledged |= set(_kill_later(["export", str(study), str(out)], rng.uniform(0.0, 1.5), round_ == 0))
        for folder in out.glob("out-*"):
            # A bundle in place is always whole: it is written elsewhere and renamed in.
            assert _bundle_is_whole(folder), f"round {round_}: {folder.name} is half written"
            modes = {oct(p.stat().st_mode & 0o777) for p in (folder, *folder.rglob("*"))}
            assert modes <= {"0o600", "0o700"}, f"round {round_}: {folder.name} readable by others"
        for n in acknowledged:
            assert (out / f"out-{n}").is_dir(), f"round {round_}: acknowledged bundle out-{n} is gone"
        store = StudyStore.open(study, PASSPHRASE)
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        store.close()
    assert acknowledged, "no export finished between the kills; the delays are too short"
    print(f"\ncrash harness: {KILLS} kills during exports, {len(acknowledged)} acknowledged bundles "
          "checked, whole and owner-only")
