"""Families written by worker processes (``block_files``): the same bundle, byte for byte, as
one process writes; a worker that fails or is killed leaves no bundle and says so; workers
never outlive the export that started them."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fieldwork.export import block_files, bundle_tables
from fieldwork.export.block_files import WorkerStopped
from fieldwork.export.bundle import ExportOptions, write_bundle
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE

REPO = Path(__file__).resolve().parents[2]


def _contents(folder: Path) -> dict[str, bytes]:
    found = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    manifest = json.loads(found.pop("manifest.json"))
    manifest.pop("exported_at")
    found["manifest.json"] = json.dumps(manifest, sort_keys=True).encode()
    return found


def _record_pids(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Each block leaves the number of the process that wrote it in ``folder``."""
    folder.mkdir()
    original = block_files.write_block

    def recorded(db, work, index, keys):
        (folder / f"{index}-{os.getpid()}").touch()
        return original(db, work, index, keys)

    monkeypatch.setattr(block_files, "write_block", recorded)


@pytest.mark.parametrize("options", [ExportOptions(), ExportOptions(include_free_text=True,
                                                                    include_names=True, shift_dates=False)])
def test_workers_write_the_same_bundle_as_one_process(full_demo, tmp_path: Path, monkeypatch,
                                                      options: ExportOptions) -> None:
    monkeypatch.setattr(bundle_tables, "BLOCK", 3)  # the demo's families in several blocks
    alone = write_bundle(full_demo.db, tmp_path / "alone", options)
    _record_pids(monkeypatch, tmp_path / "pids")
    shared = write_bundle(full_demo.db, tmp_path / "shared", options, reader=full_demo.reader(), workers=3)

    writers = {int(name.split("-")[1]) for name in os.listdir(tmp_path / "pids")}
    blocks = {int(name.split("-")[0]) for name in os.listdir(tmp_path / "pids")}
    assert len(blocks) >= 4 and blocks == set(range(len(blocks)))
    assert writers and os.getpid() not in writers  # written by workers, not this process
    assert alone.row_counts == shared.row_counts
    one, many = _contents(alone.folder), _contents(shared.folder)
    assert one.keys() == many.keys()
    assert [name for name in one if one[name] != many[name]] == []
    assert not list(shared.folder.rglob(".blocks")) and not list(shared.folder.rglob("*.part*"))


def test_a_slot_is_written_again_only_after_its_block_was_handed_on(full_demo, tmp_path: Path,
                                                                   monkeypatch) -> None:
    """The workers hand their blocks' rows over in a few slot files, reused: with a block per
    family, every slot is reused several times, and with this process slow to hand each
    block on (a slow disk), the workers wait for their slot rather than overwrite rows not
    yet copied. The bundle is the one a single process writes; no slot file is left."""
    monkeypatch.setattr(bundle_tables, "BLOCK", 1)
    alone = write_bundle(full_demo.db, tmp_path / "alone")
    slots_used: list[str] = []
    stored_in = block_files.BlockResult.stored_in
    monkeypatch.setattr(block_files.BlockResult, "stored_in", lambda result, path: (
        (tmp_path / f"slot-{result.index}").write_text(path), stored_in(result, path))[-1])
    add = bundle_tables.AssembledCsv.append
    monkeypatch.setattr(bundle_tables.AssembledCsv, "append", lambda table, part, rows: (
        time.sleep(0.01) if table.spec.name == "families.csv" else None, add(table, part, rows))[-1])
    shared = write_bundle(full_demo.db, tmp_path / "shared", reader=full_demo.reader(), workers=2)
    slots_used = [(tmp_path / f"slot-{n}").read_text() for n in range(shared.row_counts["families.csv"])]
    assert len(slots_used) > 2 * len(set(slots_used)) and len(set(slots_used)) == block_files.AHEAD * 2
    one, many = _contents(alone.folder), _contents(shared.folder)
    assert [name for name in one if one[name] != many.get(name)] == [] and one.keys() == many.keys()
    assert not [p for p in shared.folder.rglob("*") if p.name.startswith(".")]


def test_a_full_disk_while_a_worker_stores_its_block_leaves_no_bundle_and_says_where(
        full_demo, tmp_path: Path, monkeypatch) -> None:
    """The disk fills as a worker writes its block to its slot file: the export stops with the
    system's own words and the file, nothing of the bundle (its slots included) is left, and
    the study is as it was."""
    import errno

    monkeypatch.setattr(bundle_tables, "BLOCK", 1)

    def full(result, path):
        if result.index == 3:
            raise OSError(errno.ENOSPC, "No space left on device", path)
        return stored_in(result, path)

    stored_in = block_files.BlockResult.stored_in
    monkeypatch.setattr(block_files.BlockResult, "stored_in", full)
    families = full_demo.db.execute("SELECT count(*) FROM families").fetchone()[0]
    (tmp_path / "out").mkdir()
    with pytest.raises(OSError) as raised:
        write_bundle(full_demo.db, tmp_path / "out" / "bundle", reader=full_demo.reader(), workers=2)
    assert raised.value.errno == errno.ENOSPC and raised.value.filename.endswith(".part")
    assert list((tmp_path / "out").iterdir()) == []
    assert full_demo.db.execute("SELECT count(*) FROM families").fetchone()[0] == families


def test_consent_rows_follow_the_families_and_waves(full_demo, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(bundle_tables, "BLOCK", 2)  # blocks cut through the study
    folder = write_bundle(full_demo.db, tmp_path / "b", reader=full_demo.reader(), workers=2).folder

    def rows(name: str) -> list[dict[str, str]]:
        with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    order = {row["interview_key"]: n for n, row in enumerate(rows("interviews.csv"))}
    consent = [order[row["interview_key"]] for row in rows("consent.csv")]
    assert consent and consent == sorted(consent)


def test_a_worker_that_fails_leaves_no_bundle(full_demo, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(bundle_tables, "BLOCK", 3)

    def broken(*_args, **_kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(block_files.MapGraphml, "write", broken)
    with pytest.raises(RuntimeError, match="the disk is full"):
        write_bundle(full_demo.db, tmp_path / "bundle", reader=full_demo.reader(), workers=2)
    assert [p.name for p in tmp_path.iterdir() if "bundle" in p.name] == []


def test_a_refusal_in_a_worker_arrives_as_itself(full_demo, tmp_path: Path, monkeypatch) -> None:
    """The app's own errors cross from the worker whole: the words say what and where."""
    from fieldwork.domain.errors import InvalidInput

    monkeypatch.setattr(bundle_tables, "BLOCK", 3)

    def refused(*_args, **_kwargs):
        raise InvalidInput("tie", "the stored tie joins someone who is not on the map.")

    monkeypatch.setattr(block_files.MapGraphml, "write", refused)
    with pytest.raises(InvalidInput, match="^tie: the stored tie joins someone") as raised:
        write_bundle(full_demo.db, tmp_path / "bundle", reader=full_demo.reader(), workers=2)
    assert raised.value.field == "tie"
    assert [p.name for p in tmp_path.iterdir() if "bundle" in p.name] == []


def test_a_killed_worker_leaves_no_bundle_and_says_so(full_demo, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(bundle_tables, "BLOCK", 3)
    original = block_files.write_block

    def killed_at_the_third_block(db, work, index, keys):
        if index == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(db, work, index, keys)

    monkeypatch.setattr(block_files, "write_block", killed_at_the_third_block)
    with pytest.raises(WorkerStopped, match="worker processes ended.*Nothing was written"):
        write_bundle(full_demo.db, tmp_path / "bundle", reader=full_demo.reader(), workers=2)
    assert [p.name for p in tmp_path.iterdir() if "bundle" in p.name] == []


_SLOW_EXPORT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from fieldwork.export import block_files, bundle_tables
    from fieldwork.export.bundle import write_bundle
    from fieldwork.storage.study_store import StudyStore

    def slow(db, work, index, keys):
        # One write of the whole line: with PYTHONUNBUFFERED, print writes "WORKER" and
        # its newline apart, and two workers starting together made "WORKERWORKER".
        sys.stdout.write("WORKER\\n")
        sys.stdout.flush()
        time.sleep(120)

    bundle_tables.BLOCK = 2
    block_files.write_block = slow
    store = StudyStore.open(Path(sys.argv[1]), sys.argv[2], read_only=True)
    write_bundle(store.db, Path(sys.argv[3]), reader=store.reader(), workers=2)
""")


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def test_workers_end_when_the_export_is_killed(full_demo, tmp_path: Path) -> None:
    full_demo.close()
    process = subprocess.Popen([sys.executable, "-c", _SLOW_EXPORT, str(full_demo.path), PASSPHRASE,
                                str(tmp_path / "bundle")], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "WORKER"
        workers = _children(process.pid)
        assert workers, "the export started no worker"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers), "a worker outlived the export"
        assert not (tmp_path / "bundle").exists()  # only a hidden staging folder, cleared by the next export
        reopened = StudyStore.open(full_demo.path, PASSPHRASE, read_only=True)
        try:
            again = write_bundle(reopened.db, tmp_path / "bundle")
        finally:
            reopened.close()
        assert (again.folder / "manifest.json").is_file()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bundle")] == []
    finally:
        process.kill()
        process.wait()


def test_only_a_few_blocks_are_asked_for_ahead_of_the_one_handed_on(full_demo, tmp_path: Path,
                                                                     monkeypatch) -> None:
    """A block's rows are held by the exporting process from the moment its worker sends
    them: were every block asked for at once, a slow disk here would let the results of
    every block pile up in memory. At most ``AHEAD`` blocks per worker are asked for beyond
    the one being handed on, and the blocks are still handed on in order, each once."""
    monkeypatch.setattr(bundle_tables, "BLOCK", 1)  # one family a block: many blocks
    asked: list[int] = []
    handed: list[tuple[int, int]] = []
    submit = block_files.ProcessPoolExecutor.submit

    def counted(pool, function, index, keys, slot):
        asked.append(index)
        return submit(pool, function, index, keys, slot)

    monkeypatch.setattr(block_files.ProcessPoolExecutor, "submit", counted)
    add = bundle_tables.AssembledCsv.append
    monkeypatch.setattr(bundle_tables.AssembledCsv, "append", lambda table, part, rows: (
        handed.append((table.count, len(asked))) if table.spec.name == "families.csv" else None,
        time.sleep(0.01) if table.spec.name == "families.csv" else None,  # a slow disk here
        add(table, part, rows))[-1])
    result = write_bundle(full_demo.db, tmp_path / "bundle", reader=full_demo.reader(), workers=2)
    blocks = result.row_counts["families.csv"]
    assert blocks > 3 * block_files.AHEAD * 2
    assert asked == list(range(blocks))
    for handed_on, asked_by_then in handed:
        assert asked_by_then <= handed_on + 1 + block_files.AHEAD * 2


def test_what_the_exporting_process_holds_is_frozen_only_while_the_workers_run(
        full_demo, tmp_path: Path, monkeypatch) -> None:
    """gc.freeze before the fork (Python's advice): the collector does not walk the outline
    and the codes again between blocks, nor touch them in the workers; afterwards the
    process is as it was, after a failed export too, and a freeze made by someone else is
    left to them."""
    import gc

    monkeypatch.setattr(bundle_tables, "BLOCK", 3)
    seen: list[int] = []
    append = bundle_tables.AssembledCsv.append
    monkeypatch.setattr(bundle_tables.AssembledCsv, "append", lambda table, part, rows: (
        seen.append(gc.get_freeze_count()), append(table, part, rows))[-1])
    assert gc.get_freeze_count() == 0
    write_bundle(full_demo.db, tmp_path / "bundle", reader=full_demo.reader(), workers=2)
    assert seen and min(seen) > 0  # frozen while the blocks came back
    assert gc.get_freeze_count() == 0

    def broken(*_args, **_kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(block_files.MapGraphml, "write", broken)
    with pytest.raises(RuntimeError, match="the disk is full"):
        write_bundle(full_demo.db, tmp_path / "failed", reader=full_demo.reader(), workers=2)
    assert gc.get_freeze_count() == 0

    gc.freeze()  # someone else's
    try:
        theirs = gc.get_freeze_count()
        with pytest.raises(RuntimeError, match="the disk is full"):
            write_bundle(full_demo.db, tmp_path / "theirs", reader=full_demo.reader(), workers=2)
        assert gc.get_freeze_count() > theirs * 0.9  # still theirs (a few frozen objects freed)
    finally:
        gc.unfreeze()
