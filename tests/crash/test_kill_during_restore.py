"""SIGKILL during a restore or a passphrase change: a study opens at its path after every kill.

Each restore round backs the study up, saves an acknowledged edit after the backup (the
round's marker), lets the edit worker run and kills it — so the study has recent saves
in its write-ahead log, not yet in the file — then runs the real `restore` command and
kills it: aimed at every step of the restore (``restore_worker.RESTORE_STOPS``) and at
random moments. After each kill the study at its path must open and be either the old
study with everything acknowledged, or the restored backup with everything the backup
held — and then the old study, kept under its '.replaced-' name, with everything
acknowledged. Passphrase rounds kill `passphrase` before, during and after the
re-encryption: the study opens under the old or the new passphrase (the new one once the
command said so) with every acknowledged edit. `CRASH_KILLS=<n>` makes more kills.
"""

from __future__ import annotations

import os
import random
import time
from collections import defaultdict
from pathlib import Path

from fieldwork.storage import database
from fieldwork.storage.backups import make_backup
from fieldwork.storage.schema import SCHEMA_VERSION
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.crash.restore_worker import PASSPHRASE_STOPS, RESTORE_STOPS
from tests.crash.study_checks import EditHistory, check_study, edit_and_kill, lost_edits
from tests.support.killed_worker import SEED, KilledWorker, kills

RESTORE_KILLS = kills(24)  # each of the 15 aimed stops once, and 9 at random moments
PASSPHRASE_KILLS = kills(12)  # each of the 3 aimed stops twice, and 6 at random moments


class _RandomMoments:
    """Random kill moments spread over how long a restore or re-encryption takes here."""

    def __init__(self, rng: random.Random, mode: str, arguments: list[str]) -> None:
        """Time one run straight through (``arguments``), to know the span to kill in."""
        self.rng, self.longest = rng, 0.0
        assert self.kill_at(mode, arguments, "finish"), "the timing run did not finish"

    def kill_at(self, mode: str, arguments: list[str], stop: str) -> bool:
        """Run the worker, kill it at ``stop`` (or a random moment); True if it had finished."""
        worker = KilledWorker("tests.crash.restore_worker", mode, *arguments,
                              "none" if stop == "finish" else stop)
        if stop == "finish":
            assert worker.finish() == 0, worker.errors
        elif stop == "none":
            worker.wait_for("READY")
            # Later restores take longer than the timing run (a log to fold in, a larger
            # study): spread the moments a little past it.
            time.sleep(self.rng.uniform(0.0, self.longest * 1.4))  # the random moment
        else:
            worker.wait_for(f"AT {stop}")
        worker.kill()
        done = [line for line in worker.lines if line.startswith("ACK done")]
        if done:  # machines differ (and so does load): learn how long the whole takes
            self.longest = max(self.longest, float(done[0].split()[2]))
        return bool(done)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _aimed(stops: tuple[str, ...], total: int, rng: random.Random) -> list[str]:
    """Every aimed stop, then random moments; repeated in that mix when more kills are asked."""
    block = [*stops, *["none"] * max(0, round(len(stops) * 0.6))]
    order = [block[i % len(block)] for i in range(total)]
    rng.shuffle(order)
    return order


def _replaced_files(path: Path) -> set[Path]:
    return {p for p in path.parent.glob(f"{path.name}.replaced-*")
            if not p.name.endswith(("-wal", "-shm", ".lock", ".lock-owner"))}


def test_kills_during_restores_leave_a_study_that_opens(tmp_path: Path) -> None:
    rng = random.Random(SEED + 4)
    path = tmp_path / "study.db"
    store = StudyStore.create(path, PASSPHRASE, "Crash study", "R01")
    first = make_backup(store)
    store.close()
    moments = _RandomMoments(rng, "restore", [str(path), str(first)])
    history = EditHistory()
    backups: list[tuple[Path, EditHistory]] = []
    kept = _replaced_files(path)  # the study the timing run replaced
    outcomes: dict[str, int] = defaultdict(int)
    checked = acknowledged = 0
    for round_, stop in enumerate(_aimed(RESTORE_STOPS, RESTORE_KILLS, rng)):
        where = f"restore round {round_} stop {stop} (CRASH_SEED={SEED})"
        store = StudyStore.open(path, PASSPHRASE)
        backups.append((make_backup(store, keep=RESTORE_KILLS + 1), history.snapshot()))
        marker = store.add_family(notes=f"after-backup-{round_}")
        store.close()
        history.add([{"kind": "notes", "key": marker.key, "value": f"after-backup-{round_}"}], None)
        # Recent saves left in the log beside the study, as after a flat battery.
        before = len(history.acks)
        edit_and_kill(path, history, rng.randrange(1 << 30), rng.uniform(0.05, 0.2))
        acknowledged += len(history.acks) - before
        backup, in_backup = rng.choice(backups)
        finished = moments.kill_at("restore", [str(path), str(backup)], stop)

        store = StudyStore.open(path, PASSPHRASE)  # a study opens at its path, whatever the step
        try:
            old = store.db.execute("SELECT 1 FROM families WHERE key = ?", [marker.key]).fetchone()
            problems = lost_edits(store, history if old else in_backup)
        finally:
            store.close()
        assert not problems, f"{where}: {'old' if old else 'restored'} study: {problems[0]}"
        assert _mode(path) == 0o600, f"{where}: the study is {oct(_mode(path))}"
        if old:
            assert not finished, f"{where}: the restore said it was done, the study is the old one"
            outcomes["old study at its path"] += 1
            checked += len(history.acks)
            continue
        outcomes["restored study at its path"] += 1
        [replaced] = {p for p in _replaced_files(path) - kept if not os.path.samefile(p, path)}
        check_study(replaced, history, f"{where} (the study it replaced, {replaced.name})")
        assert _mode(replaced) == 0o600
        kept.add(replaced)
        checked += len(history.acks) + len(in_backup.acks)
        history = in_backup.snapshot()

    # What killed restores leave (a copy being checked; the old study's second name given
    # but the rename never made) is cleared by the next restore that runs through.
    moments.kill_at("restore", [str(path), str(backups[-1][0])], "inside:check")
    assert (tmp_path / ".study.db.restoring").exists()
    moments.kill_at("restore", [str(path), str(backups[-1][0])], "after:_keep_replaced")
    assert any(os.path.samefile(p, path) for p in _replaced_files(path))
    through = KilledWorker("tests.crash.restore_worker", "restore", str(path), str(backups[0][0]), "none")
    assert through.finish() == 0, through.errors
    leftovers = [p.name for p in tmp_path.iterdir()
                 if ".restoring" in p.name or ".replacing" in p.name
                 or (p in _replaced_files(path) and os.path.samefile(p, path))]
    assert leftovers == [], f"left behind by killed restores: {leftovers}"
    assert outcomes["old study at its path"] and outcomes["restored study at its path"]
    print(f"\ncrash harness: {RESTORE_KILLS} kills during restores ({dict(outcomes)}); "
          f"{RESTORE_KILLS} kills during the edits before them, {acknowledged} edits acknowledged; "
          f"{checked} checks of an acknowledged edit at the study's path or in the study it replaced, 0 lost")


def _opens_with(path: Path, passphrase: str) -> bool:
    try:
        database.open_encrypted(path, passphrase, schema_version=SCHEMA_VERSION).close()
    except database.WrongPassphrase:
        return False
    return True


def test_kills_during_passphrase_changes_leave_the_old_or_the_new_passphrase(tmp_path: Path) -> None:
    rng = random.Random(SEED + 5)
    path = tmp_path / "study.db"
    store = StudyStore.create(path, PASSPHRASE, "Crash study", "R01")
    for n in range(300):  # a study of some size, so the re-encryption takes a while to kill in
        store.add_family(notes=f"filler-{n} " + "x" * 4000)
    store.close()
    history = EditHistory()
    current = "the crash study's first passphrase"
    moments = _RandomMoments(rng, "passphrase", [str(path), PASSPHRASE, current])
    outcomes: dict[str, int] = defaultdict(int)
    checked = edit_kills = 0
    for round_, stop in enumerate(_aimed(PASSPHRASE_STOPS, PASSPHRASE_KILLS, rng)):
        where = f"passphrase round {round_} stop {stop} (CRASH_SEED={SEED})"
        if round_ % 2 == 0:  # recent saves still in the log when the re-encryption starts
            edit_and_kill(path, history, rng.randrange(1 << 30), rng.uniform(0.05, 0.2), current)
            edit_kills += 1
        new = f"crash passphrase {round_:04d} of the study"
        finished = moments.kill_at("passphrase", [str(path), current, new], stop)
        opens = [p for p in (current, new) if _opens_with(path, p)]
        assert len(opens) == 1, f"{where}: {len(opens)} of the old and the new passphrase open the study"
        if finished:
            assert opens == [new], f"{where}: the change was acknowledged, the old passphrase still opens"
        outcomes["new passphrase" if opens == [new] else "old passphrase"] += 1
        current = opens[0]
        check_study(path, history, where, current)
        checked += len(history.acks)
        assert _mode(path) == 0o600, f"{where}: the study is {oct(_mode(path))}"
    assert outcomes["new passphrase"] and outcomes["old passphrase"]
    print(f"\ncrash harness: {PASSPHRASE_KILLS} kills during passphrase changes ({dict(outcomes)}); "
          f"{edit_kills} kills during the edits between them, {len(history.acks)} edits acknowledged; "
          f"{checked} checks of an acknowledged edit, 0 lost")
