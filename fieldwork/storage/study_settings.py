"""The study's settings in the database: for now, the map's rings and sectors."""

from __future__ import annotations

import json
from datetime import datetime

from fieldwork.domain.map_geometry import MapSettings
from fieldwork.storage.study_store import StudyStore

MAP_SETTINGS = "map"


def map_settings(store: StudyStore) -> MapSettings:
    """The study's map settings; the defaults (three convoy rings, four sectors) until changed."""
    row = store.db.execute("SELECT value FROM study_settings WHERE name = ?", [MAP_SETTINGS]).fetchone()
    return MapSettings() if row is None else MapSettings.from_dict(json.loads(row[0]))


def save_map_settings(store: StudyStore, settings: MapSettings) -> None:
    """Keep ``settings`` (already checked by ``MapSettings``) for every new map of the study."""
    with store.edit("map settings") as db:
        db["study_settings"].upsert(
            {"name": MAP_SETTINGS, "value": json.dumps(settings.to_dict()),
             "updated_at": datetime.now().astimezone().isoformat(timespec="seconds")},
            pk="name",
        )
