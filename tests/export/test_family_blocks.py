"""The export's blocks of families: every family once, in bundle order, the last ones in
smaller blocks (so the worker processes end together); progress counts families done."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldwork.export import bundle_tables
from fieldwork.export.bundle import write_bundle
from fieldwork.export.study_reader import StudyData, family_blocks


def _outline(families: int) -> StudyData:
    return StudyData(study={}, researchers=[], families=[{"key": f"k{n:03d}"} for n in range(families)],
                     interviews=[], consent_records=[], consent_answers={}, withdrawals=[], maps={},
                     administrations=[], answers={})


@pytest.mark.parametrize(("families", "sizes"), [
    (500, [25] * 18 + [6] * 8 + [2]),  # a 1,000-interview study: its last 50 families by 6
    (60, [10, 6, 6, 6, 6, 6, 6, 6, 6, 2]),
    (30, [6, 6, 6, 6, 6]),  # fewer families than the tail: all in small blocks
    (0, []),
])
def test_blocks_hold_every_family_once_in_order_the_last_ones_smaller(families: int, sizes: list[int]) -> None:
    outline = _outline(families)
    blocks = list(family_blocks(outline, 25, 50))
    assert [len(block) for block in blocks] == sizes
    assert [key for block in blocks for key in block] == [f["key"] for f in outline.families]


def test_without_a_tail_and_with_blocks_of_one_every_block_is_the_size_asked() -> None:
    outline = _outline(7)
    assert [len(b) for b in family_blocks(outline, 3)] == [3, 3, 1]
    assert [len(b) for b in family_blocks(outline, 1, 2)] == [1] * 7


def test_progress_counts_the_families_done_block_by_block(demo_store, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(bundle_tables, "BLOCK", 4)  # blocks of 4, the last 8 families one by one
    said: list[str] = []
    write_bundle(demo_store.db, tmp_path / "bundle", progress=lambda done, total, what: said.append(what))
    families = demo_store.db.execute("SELECT count(*) FROM families").fetchone()[0]
    done = [int(what.split(": ")[1].split(" of ")[0]) for what in said if what.startswith("Each family's files")]
    assert done == sorted(done) and done[-1] == families and len(done) > 1
    assert said.count(f"Each family's files: {families} of {families} families done") == 1
