"""network_members.csv and network_ties.csv are made as tuples, under the declared columns of
each export's options, with each person's and each tie's own values."""

from __future__ import annotations

import pytest

from fieldwork.export import network_files
from fieldwork.export.study_reader import Pseudonyms, read_study


@pytest.fixture
def demo_data(demo_store):
    data = read_study(demo_store.db)
    return data, Pseudonyms(data, shift_dates=False)


@pytest.mark.parametrize(("free_text", "names"), [(False, False), (True, False), (False, True), (True, True)])
def test_member_and_tie_values_follow_the_declared_columns_of_each_export(demo_data, free_text: bool,
                                                                          names: bool) -> None:
    """network_members.csv and network_ties.csv are made as tuples (no dict per row): their
    columns are the declared ones for the export's options, and each value is the person's
    or the tie's own (checked here from the map, not from the function under test)."""
    from fieldwork.export.network_columns import MEMBERS, TIES

    data, codes = demo_data
    members = network_files.member_values(data, codes, free_text, names)
    assert members.columns == tuple(c.name for c in MEMBERS.included(free_text, names))
    rows = members.as_dicts()
    assert rows == network_files.member_rows(data, codes, free_text, names)
    assert ("label" in members.columns) == names and ("note" in members.columns) == free_text
    by_key = {(r["interview_key"], r["person_key"]): r for r in rows}
    for key, stored in data.maps.items():
        family = data.interview_by_key[key]["family_key"]
        centre = by_key[key, stored.network.centre.key]
        assert (centre["is_centre"], centre["ring"], centre["angle"], centre["support_emotional"]) == (1, 0, "", "")
        for p in stored.people():
            row = by_key[key, p.key]
            assert row["person_code"] == codes.person_code(family, p.key) and row["is_centre"] == 0
            assert row["on_map"] == int(p.on_map) and row["ring"] == ("" if p.ring is None else p.ring)
            assert row["angle"] == ("" if p.angle is None else round(p.angle, 2))
            # No support recorded: every support column empty (not asked), not 0.
            assert row["support_emotional"] == (int("emotional" in p.support) if p.support else "")
            assert row["off_map_reason"] == (p.off_map_reason or "")
            if names:
                assert row["label"] == p.label
            if free_text:
                assert (row["relationship_text"], row["note"]) == (p.relationship_text, p.note)
    assert len(rows) == sum(len(s.people()) + 1 for s in data.maps.values())
    ties = network_files.tie_values(data, codes)
    assert ties.columns == tuple(c.name for c in TIES.columns)
    tie_rows = ties.as_dicts()
    assert len(tie_rows) == sum(len(s.ties()) for s in data.maps.values()) > 0
    for row in tie_rows:
        assert row["person_a_code"] < row["person_b_code"]
        family = data.interview_by_key[row["interview_key"]]["family_key"]
        assert row["person_a_code"] == codes.person_code(family, row["person_a_key"])
