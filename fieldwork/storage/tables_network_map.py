"""Tables for the family network map (one map per interview, its people and their ties).

``network_maps``: one row per interview that has a map: the centre person, the map's
settings (rings, prompts, sectors) as JSON, which interview it was carried forward from,
the researcher's own support rating, and the change summary the researcher confirmed
(wave 2 on). ``map_people``: everyone named, on or off the map; ``person_key`` is a UUID
kept across the waves of a family, so the same person has the same key at time 1 and
time 2. Ring, sector and angle are stored, never pixels. ``map_ties``: the ties between
two people other than the centre (``person_a`` < ``person_b``).
"""

from __future__ import annotations

import sqlite_utils


def network_map_tables(db: sqlite_utils.Database) -> None:
    db["network_maps"].create(
        {
            "interview_key": str,
            "centre_key": str,
            "centre_label": str,
            "centre_role": str,
            "settings": str,  # JSON: MapSettings.to_dict()
            "carried_from": str,  # the earlier interview whose map this one started from
            "researcher_support_level": str,  # strong / moderate / low, or NULL: not rated
            "researcher_support_note": str,
            "proposed_change_summary": str,  # what the app proposed when it was confirmed
            "change_summary": str,  # no_change / some_change / major_change, as confirmed
            "change_summary_note": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="interview_key",
        foreign_keys=[("interview_key", "interviews", "key")],
        not_null={"centre_key", "centre_label", "centre_role", "settings"},
    )
    db["map_people"].create(
        {
            "interview_key": str,
            "person_key": str,
            "position": int,  # the order people were named in
            "label": str,
            "relationship": str,
            "relationship_text": str,
            "sector": str,
            "ring": int,
            "angle": float,
            "closeness": str,
            "frequency": str,
            "support": str,  # JSON list of support codes
            "lives_in_household": int,
            "is_respondent": int,
            "note": str,
            "off_map_reason": str,
            "off_map_note": str,
            "updated_at": str,
        },
        pk=("interview_key", "person_key"),
        foreign_keys=[("interview_key", "network_maps", "interview_key")],
        not_null={"label", "relationship", "sector", "position"},
    )
    db["map_people"].create_index(["person_key"])
    db["map_ties"].create(
        {"interview_key": str, "person_a": str, "person_b": str, "closeness": str},
        pk=("interview_key", "person_a", "person_b"),
        foreign_keys=[("interview_key", "network_maps", "interview_key")],
        not_null={"closeness"},
    )
