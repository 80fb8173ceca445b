"""The bundle's per-family files, written a block of families at a time, by worker processes
where the platform allows it.

Owns ``BlockWork`` (what every block needs, all fixed before the first block is read),
``write_block`` (one block read, its per-map GraphML files and map pictures written, and its
rows and its share of ``all_maps.graphml`` written in memory and handed back) and
``write_blocks`` (every block, in this process or in workers, each block's result handed
back in bundle order). A block's output depends only on its own families and on the codes
fixed before the first block, so the bundle is the same, byte for byte, whichever way and
in whatever order the blocks ran (the tests compare both ways).

Workers: on Linux, when the caller gives a way to open the study again (``reader``), the
blocks go to worker processes started by ``fork``; each opens its own connection (an SQLite
connection must not cross a fork) and dies with the export (``PR_SET_PDEATHSIG``). A worker
stores its block's rows and all_maps elements (megabytes) in one of a few slot files in the
bundle's staging folder (``BlockResult.stored_in``), each reused once its block has been
handed on and removed at the end, and sends back only where they are. Windows
and macOS have no safe fork, and forking the app's window (Qt's threads) is not safe either:
there, and for a study of one block, the blocks are written here, one after another.
Qt-free.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import sqlite_utils

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.instruments import Instrument
from fieldwork.export import answer_files, network_files
from fieldwork.export.columns import FileSpec
from fieldwork.export.csv_tables import CsvTable, ValueRows
from fieldwork.export.graphml_parts import GraphmlPart, PartKeys
from fieldwork.export.hashed_file import StoredBytes
from fieldwork.export.map_graphml import MapGraphml
from fieldwork.export.study_reader import Pseudonyms, Row, StudyData, read_study
from fieldwork.storage.private_files import create_private

Reader = Callable[[], sqlite_utils.Database]
"""Opens the study again, in a worker process."""
RowMaker = Callable[[FileSpec, StudyData, dict[str, str], list[Row]], Iterable[Row] | ValueRows]
"""A file's rows of one block: (its spec, the block, its GraphML file names, its scores)."""
MAX_WORKERS = 4
AHEAD = 2
"""Blocks asked of each worker ahead of the one being handed on (``write_blocks``)."""


class WorkerStopped(FieldworkError):
    """A worker process of the export stopped before its block was written."""


class MapPictures(Protocol):
    def draw(self, block: StudyData, codes: Pseudonyms, files: dict[str, str]) -> None: ...


@dataclass
class BlockWork:
    """What every block of one export needs; fixed before the first block is read."""

    folder: Path
    """The bundle's (staging) folder: the GraphML files and pictures go straight into it."""
    specs: list[FileSpec]
    rows: RowMaker
    instruments: list[Instrument]
    codes: Pseudonyms
    free: bool
    names: bool
    maps_in_study: int
    study_name: str
    first_map: list[int]
    """For each block, how many maps the blocks before it hold (its place in all_maps)."""
    pictures: MapPictures | None = None


@dataclass
class BlockResult:
    """What one block wrote: its part of each CSV (UTF-8, in memory or ``StoredBytes``),
    their rows, and the notes it has for the manifest."""

    index: int
    tables: dict[str, bytes | StoredBytes]
    counts: dict[str, int]
    notes: list[str]
    graphml: dict[str, tuple[int, str]]
    """Each per-map GraphML file written: (bytes, SHA-256), for the manifest."""
    all_maps: PartKeys
    """The block's nodes and edges of all_maps.graphml, in memory or stored."""

    def stored_in(self, path: str) -> BlockResult:
        """The same result with its CSV parts and all_maps elements written to the file
        ``path`` (owner-only) one after another from its start, each given as where it is.
        Written over, not emptied first: emptying a slot of megabytes and filling it again
        took five times as long (the system freeing its pages and finding them again)."""
        tables: dict[str, bytes | StoredBytes] = {}
        chunks = self.all_maps.chunks
        with open(create_private(path, overwrite=True), "wb") as file:
            for name, part in self.tables.items():
                start = file.tell()
                file.write(part if isinstance(part, bytes) else part.read())
                tables[name] = StoredBytes(path, start, file.tell() - start)
            if chunks is not None:
                start = file.tell()
                file.writelines(c if isinstance(c, bytes) else c.read() for c in chunks)
                chunks = [StoredBytes(path, start, file.tell() - start)]
        return replace(self, tables=tables, all_maps=replace(self.all_maps, chunks=chunks))


def graphml_names(data: StudyData) -> dict[str, str]:
    """Each map's GraphML file, named by family code and wave."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for key in network_files.map_interviews(data):
        interview = data.interview_by_key[key]
        name = f"graphml/{data.family_by_key[interview['family_key']]['code']}_wave{interview['wave']}.graphml"
        if name in taken:  # two interviews of one family at the same wave
            name = name.replace(".graphml", f"_{key}.graphml")
        taken.add(name)
        names[key] = name
    return names


def maps_before_blocks(db: sqlite_utils.Database, blocks: list[list[str]]) -> list[int]:
    """For each block of family keys, the number of maps in the blocks before it."""
    per_family: dict[str, int] = dict(db.execute(
        "SELECT i.family_key, count(*) FROM network_maps m JOIN interviews i "
        "ON i.key = m.interview_key GROUP BY i.family_key").fetchall())
    before, total = [], 0
    for keys in blocks:
        before.append(total)
        total += sum(per_family.get(key, 0) for key in keys)
    return before


def write_block(db: sqlite_utils.Database, work: BlockWork, index: int, keys: list[str]) -> BlockResult:
    """Read the families ``keys`` and write everything of theirs (see the module's words)."""
    collecting = gc.isenabled()
    gc.disable()  # a block makes a million small objects and lets them all go: no cycles to look for
    try:
        block = read_study(db, keys)
        work.codes.add_people(block)
        try:
            return _write_read_block(work, index, block)
        finally:
            work.codes.forget_people()
    finally:
        if collecting:
            gc.enable()


def _write_read_block(work: BlockWork, index: int, block: StudyData) -> BlockResult:
    files = graphml_names(block)
    scores, notes = answer_files.score15_rows(block, work.instruments, work.codes, work.names)
    tables, counts = {}, {}
    for spec in work.specs:
        with CsvTable(None, spec, work.free, work.names) as table:
            table.write(work.rows(spec, block, files, scores))
        tables[spec.name], counts[spec.name] = table.part(), table.count
    part = GraphmlPart()
    maps = MapGraphml(part, work.maps_in_study, work.first_map[index], work.free, work.names)
    folder = os.fspath(work.folder)  # a path per map: joined as text, not as a Path (1 % of the export)
    written = {name: maps.write(block, key, work.codes, os.path.join(folder, name)) for key, name in files.items()}
    if work.pictures is not None:
        work.pictures.draw(block, work.codes, files)
    return BlockResult(index, tables, counts, notes, written, part.finish())


def workers_for(blocks: int, reader: Reader | None, asked: int | None = None) -> int:
    """How many worker processes to use: none (0) without a reader, off Linux, or for one
    block; else ``asked`` or one per processor this process may use, at most ``MAX_WORKERS``."""
    if reader is None or blocks < 2 or not sys.platform.startswith("linux"):
        return 0
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    available = len(os.sched_getaffinity(0))
    wanted = asked if asked is not None else min(available, MAX_WORKERS)
    return max(0, min(wanted, blocks)) if wanted > 1 else 0


_work: BlockWork | None = None
_db: sqlite_utils.Database | None = None


def _start_worker(reader: Reader) -> None:
    global _db
    try:  # die with the export: a worker left behind would hold the study open
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (AttributeError, OSError):
        pass
    _db = reader()


def _write_in_worker(index: int, keys: list[str], slot: str) -> BlockResult:
    assert _db is not None and _work is not None, "worker started without its study"
    return write_block(_db, _work, index, keys).stored_in(slot)


def slot_files(folder: Path, count: int) -> list[str]:
    """The files the workers store their blocks' results in, hidden in the staging folder:
    block n in slot n % count, so a slot is written again only after its last block was
    handed on. Reused, never removed during the export: ext4 without a journal passes over
    every inode freed in the last seconds each time it makes a file, and an export makes
    one per map."""
    return [os.path.join(os.fspath(folder), f".block-{n}.part") for n in range(count)]


def write_blocks(db: sqlite_utils.Database, work: BlockWork, blocks: list[list[str]],
                 done: Callable[[BlockResult], None], reader: Reader | None = None,
                 workers: int | None = None, meanwhile: Callable[[], None] = lambda: None) -> None:
    """Write every block, calling ``done`` with each result in block order (as soon as it and
    the blocks before it are written), and ``meanwhile`` once: while the workers write their
    first blocks (other work of this process), or after the blocks when there are none.

    With workers, what this process holds when they start (the outline, the codes, the app's
    own objects) is frozen (``gc.freeze``) until they end, as Python's documentation advises
    before a fork: it lives until the export ends anyway, and frozen, the collector neither
    walks it again here between blocks (a full collection took 0.15 s of a 1,000-interview
    export) nor touches it in the workers, which would copy its pages into each of them."""
    count = workers_for(len(blocks), reader, workers)
    if count == 0:
        for index, keys in enumerate(blocks):
            done(write_block(db, work, index, keys))
        meanwhile()
        return
    global _work
    _work = work  # the workers are forked after this: each has its own copy
    ready = getattr(reader, "ready", None)
    if ready is not None:  # a key being derived in a thread: it must be there before the fork
        ready()
    freezing = gc.get_freeze_count() == 0  # someone else's freeze is theirs to undo
    if freezing:
        gc.freeze()  # see the docstring
    pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker, initargs=(reader,))
    # At most AHEAD blocks per worker are asked for beyond the one being handed on, so a
    # slow disk here cannot make the results of every block pile up; the next block is
    # asked for once this one is handed on, so its slot is free to be written again.
    slots = slot_files(work.folder, AHEAD * count)
    try:
        waiting = iter(enumerate(blocks))
        futures: deque[Future[BlockResult]] = deque()

        def ask_next() -> None:
            block = next(waiting, None)
            if block is not None:
                index, keys = block
                futures.append(pool.submit(_write_in_worker, index, keys, slots[index % len(slots)]))

        for _ in range(AHEAD * count):
            ask_next()
        meanwhile()
        while futures:
            done(futures.popleft().result())
            ask_next()
    except BrokenProcessPool as error:
        raise WorkerStopped(
            "The export stopped: one of its worker processes ended before it had written its "
            "families (killed, or out of memory). Nothing was written; try the export again.") from error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _work = None
        if freezing:
            gc.unfreeze()
        for slot in slots:
            with contextlib.suppress(FileNotFoundError):
                os.remove(slot)

