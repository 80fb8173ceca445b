"""The bundle's per-family CSV files written as a stream: a block of families read, its rows written.

Owns ``write_tables``: the study's outline is read once for the codes, then the families are
written ``BLOCK`` at a time by ``block_files`` (in worker processes where it can), each block's
rows handed back in memory and appended (``csv_tables.AssembledCsv``, and
``graphml_parts.GraphmlJoin`` for all_maps.graphml) to the bundle's files in bundle order, so
an export of 10,000 interviews holds a few blocks in memory, not the study. Files about the
whole study (withdrawals, fieldwork) are written from the outline. Also fills the network
summary's missing-value reasons (its rows come from ``network_files``). Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import sqlite_utils

from fieldwork.domain.instruments import Instrument
from fieldwork.domain.map_geometry import MAX_RINGS
from fieldwork.export import (
    answer_files,
    case_files,
    case_status_files,
    consent_files,
    conversation_files,
    fieldwork_files,
    network_files,
)
from fieldwork.export.answer_columns import responses_spec, score15_spec, score15_wide_spec
from fieldwork.export.block_files import (
    BlockResult,
    BlockWork,
    MapPictures,
    Reader,
    maps_before_blocks,
    write_blocks,
)
from fieldwork.export.columns import CASE_FILES, FileSpec
from fieldwork.export.csv_tables import AssembledCsv, CsvTable, ValueRows
from fieldwork.export.graphml_parts import GraphmlJoin
from fieldwork.export.network_columns import CHANGES, MEMBERS, TIES, summary_spec
from fieldwork.export.study_reader import (
    Pseudonyms,
    Row,
    StudyData,
    family_blocks,
    sector_codes,
)

BLOCK = 25
"""Families read and written at a time: large enough that the per-block queries cost
little (blocks of 25 and of 100 cost the same), small enough that memory stays flat and
that the workers share the work evenly (a 1,000-interview study is 20 blocks)."""
TAIL_BLOCKS = 2
"""The study's last ``TAIL_BLOCKS`` × ``BLOCK`` families are written in blocks a quarter of
``BLOCK``: the export ends when the last worker ends its last block, and the others wait
for it (at 1,000 interviews, one worker waited for the other's last block for a tenth of
the export's 1.6 s)."""

Progress = Callable[[int, int, str], None]


def with_summary_reasons(rows: Iterable[Row], sectors: list[str]) -> Iterable[Row]:
    """network_summary.csv rows with why each empty metric is empty (``network_files``
    leaves them empty; the reasons are the export's declarations, so they are added here)."""
    for row in rows:
        for ring in range(1, MAX_RINGS + 1):
            row[f"ring_{ring}_missing"] = "not_applicable" if row[f"ring_{ring}"] == "" else ""
        row["sectors_not_on_map"] = ";".join(c for c in sectors if row[f"sector_{c}"] == "")
        row["professionals_share_missing"] = "not_applicable" if row["professionals_share"] == "" else ""
        row["researcher_support_missing"] = "not_rated" if row["researcher_support_level"] == "" else ""
        yield row


def block_tables(outline: StudyData, instruments: list[Instrument], sectors: list[str],
                 case: tuple[FileSpec, ...] = CASE_FILES) -> list[FileSpec]:
    """The files written a block of families at a time, in the bundle's order (``case``: the
    case files with the study's consent component codes, ``consent_files.case_specs``)."""
    return [case[0], case[1], case[2], MEMBERS, TIES, summary_spec(sectors),
            CHANGES, responses_spec(instruments), score15_spec(outline.reliable_change),
            score15_wide_spec(instruments)]


def _block_rows(spec: FileSpec, block: StudyData, instruments: list[Instrument], codes: Pseudonyms,
                graphml: dict[str, str], free: bool, names: bool, sectors: list[str],
                scores: list[Row]) -> Iterable[Row] | ValueRows:
    name = spec.name
    if name == "families.csv":
        return case_files.family_rows(block, free)
    if name == "interviews.csv":
        return case_files.interview_rows(block, codes, free, names)
    if name == "consent.csv":
        return case_files.consent_rows(block, codes)
    if name == "network_members.csv":
        return network_files.member_values(block, codes, free, names)
    if name == "network_ties.csv":
        return network_files.tie_values(block, codes)
    if name == "network_summary.csv":
        return with_summary_reasons(network_files.summary_rows(block, codes, graphml, free), sectors)
    if name == "network_changes.csv":
        return network_files.change_rows(block, codes, free)
    if name == "responses.csv":
        return answer_files.response_rows(block, instruments, free)
    if name == "score15_scores.csv":
        return scores
    return answer_files.score15_wide_rows(block, instruments, scores, free)


@dataclass
class BlockOutput:
    """What the per-family files came to: the specs written, in order, their row counts, and
    the (bytes, SHA-256) of the files hashed as they were written (for the manifest)."""

    specs: list[FileSpec]
    counts: dict[str, int]
    hashed: dict[str, tuple[int, str]]
    steps: int


def write_tables(db: sqlite_utils.Database, outline: StudyData, instruments: list[Instrument],
                 codes: Pseudonyms, folder: Path, free: bool, names: bool, notes: list[str],
                 tell: Progress, steps_after: int = 0, pictures: MapPictures | None = None,
                 reader: Reader | None = None, workers: int | None = None) -> BlockOutput:
    """Write every CSV of the bundle into ``folder``, with the GraphML files (each map's, and
    all_maps.graphml) and the map pictures (``pictures``), a block of families at a time
    (``block_files``: in worker processes when ``reader`` can open the study again there).
    Progress counts one step per block and one for the whole-study files, of a total that
    includes the caller's ``steps_after``."""
    sectors = sector_codes(db)
    components = consent_files.study_components(db)
    case = consent_files.case_specs(components)
    specs = block_tables(outline, instruments, sectors, case)
    blocks = list(family_blocks(outline, BLOCK, TAIL_BLOCKS * BLOCK))
    families_done = list(accumulate(map(len, blocks)))
    total = len(blocks) + 1 + steps_after
    maps = db.execute("SELECT count(*) FROM network_maps WHERE interview_key IN (SELECT key FROM interviews)"
                      ).fetchone()[0]
    about = network_files.StudyGraph(maps, str(outline.study.get("name", ""))).about

    def rows(spec: FileSpec, block: StudyData, graphml: dict[str, str], scores: list[Row]) -> Iterable[Row] | ValueRows:
        return _block_rows(spec, block, instruments, codes, graphml, free, names, sectors, scores)

    work = BlockWork(folder, specs, rows, instruments, codes, free, names, maps,
                     str(outline.study.get("name", "")), maps_before_blocks(db, blocks), pictures)
    graphml: dict[str, tuple[int, str]] = {}
    all_maps = GraphmlJoin(folder / network_files.ALL_MAPS_GRAPHML, {**about, "maps": maps})
    tables = [AssembledCsv(folder / spec.name, spec, free, names) for spec in specs]
    tell(0, total, "families.csv and each family's other files")

    def add(result: BlockResult) -> None:  # in bundle order, as each block is done
        for table in tables:
            table.append(result.tables[table.spec.name], result.counts[table.spec.name])
        notes.extend(result.notes)
        graphml.update(result.graphml)
        all_maps.add(result.all_maps)
        tell(result.index + 1, total,
             f"Each family's files: {families_done[result.index]} of {len(outline.families)} families done")

    counts: dict[str, int] = {}
    whole_specs: list[FileSpec] = []

    def write_whole_study_files() -> None:  # from the outline: while the workers write blocks
        whole: list[tuple[FileSpec, Callable[[], Iterable[Row]]]] = [
            (case[3], lambda: case_files.withdrawal_rows(outline, codes)),
            *consent_files.consent_component_tables(db, outline, components),
            *fieldwork_files.fieldwork_tables(db, outline, codes, free),
            *conversation_files.conversation_tables(db, outline, codes, free),
            *case_status_files.case_status_tables(db, outline, codes, free),
        ]
        for spec, make in whole:
            with CsvTable(folder / spec.name, spec, free, names) as table:
                table.write(make())
            counts[spec.name] = table.count
            whole_specs.append(spec)

    try:
        write_blocks(db, work, blocks, add, reader, workers, write_whole_study_files)
    except BaseException:
        all_maps.discard()
        raise
    finally:
        hashed = {table.spec.name: table.close() for table in tables}
    maps_written = len(graphml)
    tell(len(blocks), total, "The study's own files and graphml/all_maps.graphml")
    if graphml:  # every map in one file too, for network tools (network_files.StudyGraph)
        hashed[network_files.ALL_MAPS_GRAPHML] = all_maps.close({**about, "maps": maps_written})
    else:
        all_maps.discard()
    counts.update({table.spec.name: table.count for table in tables})
    order = [*specs[:3], case[3], *specs[3:], *whole_specs[1:]]
    return BlockOutput(order, {spec.name: counts[spec.name] for spec in order} | {"graphml/": maps_written},
                       graphml | hashed, len(blocks) + 1)
