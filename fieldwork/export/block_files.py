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
connection must not cross a fork) and dies with the export (``PR_SET_PDEATHSIG``). Windows
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
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import sqlite_utils

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.instruments import Instrument
from fieldwork.export import answer_files, network_files
from fieldwork.export.columns import FileSpec
from fieldwork.export.csv_tables import CsvTable, ValueRows
from fieldwork.export.graphml_parts import GraphmlPart, PartKeys
from fieldwork.export.map_graphml import MapGraphml
from fieldwork.export.study_reader import Pseudonyms, Row, StudyData, read_study

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
    """What one block wrote: its part of each CSV (in memory, UTF-8), their rows, and the
    notes it has for the manifest."""

    index: int
    tables: dict[str, bytes]
    counts: dict[str, int]
    notes: list[str]
    graphml: dict[str, tuple[int, str]]
    """Each per-map GraphML file written: (bytes, SHA-256), for the manifest."""
    all_maps: PartKeys
    """The block's nodes and edges of all_maps.graphml, in memory."""


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


RESULT_PIPE = 1 << 20
"""Bytes the workers' result pipe holds (Linux's default is 64 KiB; 1 MiB is the most an
unprivileged process may ask for by default)."""


def _widen_result_pipe(pool: ProcessPoolExecutor) -> None:
    """Let the pipe the workers hand their blocks back through hold ``RESULT_PIPE`` bytes.

    A block's result is megabytes: through a 64 KiB pipe, a worker waits at every 64 KiB for
    the exporting process's reading thread, which needs the interpreter's lock that the
    exporting process holds while it writes the files (a tenth of the workers' time at
    10,000 interviews). The pipe is the executor's own (``_result_queue``): if a later
    Python has it otherwise, or the system refuses, the pipe is left as it is."""
    try:
        import fcntl  # POSIX only; workers run on Linux alone
    except ImportError:
        return
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    reader = getattr(getattr(pool, "_result_queue", None), "_reader", None)
    if set_size is None or reader is None:
        return
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fcntl.fcntl(reader.fileno(), set_size, RESULT_PIPE)


_work: BlockWork | None = None
_db: sqlite_utils.Database | None = None


def _start_worker(reader: Reader) -> None:
    global _db
    try:  # die with the export: a worker left behind would hold the study open
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (AttributeError, OSError):
        pass
    _db = reader()


def _write_in_worker(index: int, keys: list[str]) -> BlockResult:
    assert _db is not None and _work is not None, "worker started without its study"
    return write_block(_db, _work, index, keys)


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
    _widen_result_pipe(pool)
    try:
        # A block's rows are megabytes, held here from the moment its worker hands them back:
        # at most AHEAD blocks per worker are asked for beyond the one being handed on, so a
        # slow disk here cannot make the results of every block pile up in memory.
        waiting = iter(enumerate(blocks))
        futures: deque[Future[BlockResult]] = deque()

        def ask_next() -> None:
            block = next(waiting, None)
            if block is not None:
                futures.append(pool.submit(_write_in_worker, *block))

        for _ in range(AHEAD * count):
            ask_next()
        meanwhile()
        while futures:
            result = futures.popleft().result()
            ask_next()
            done(result)
    except BrokenProcessPool as error:
        raise WorkerStopped(
            "The export stopped: one of its worker processes ended before it had written its "
            "families (killed, or out of memory). Nothing was written; try the export again.") from error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _work = None
        if freezing:
            gc.unfreeze()

