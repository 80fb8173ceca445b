"""Schema step: every map says whose ties it records; relationship to the respondent.

``network_maps.ties_meaning`` (a ``network_codes.TIES_MEANINGS`` code) and
``map_people.relationship_to_respondent`` (a relationship code, or NULL: not recorded).

Maps drawn before this step asked 'Relationship', 'Closeness', 'Contact' and 'Support
given' without saying to whom, and stored closeness and contact as the tie to the centre.
They keep that meaning: they are marked ``unstated``, never silently re-read as the
respondent's view. New maps are ``respondent_view`` (the map store writes it).
"""

from __future__ import annotations

import sqlite_utils


def respondent_view_columns(db: sqlite_utils.Database) -> None:
    db["network_maps"].add_column("ties_meaning", str)
    db["map_people"].add_column("relationship_to_respondent", str)
    db.execute("UPDATE network_maps SET ties_meaning = 'unstated'")
