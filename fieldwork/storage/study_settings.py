"""The study's settings in the database: the map's rings and sectors, and SCORE-15's
reliable change rule (threshold, clinical cut-off and their source)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fieldwork.domain.map_geometry import MapSettings
from fieldwork.domain.score15 import DEFAULT_RELIABLE_CHANGE, ReliableChangeSettings
from fieldwork.storage.study_store import StudyStore

MAP_SETTINGS = "map"
RELIABLE_CHANGE = "score15_reliable_change"


def _read(store: StudyStore, name: str) -> Any | None:
    row = store.db.execute("SELECT value FROM study_settings WHERE name = ?", [name]).fetchone()
    return None if row is None else json.loads(row[0])


def _write(store: StudyStore, name: str, what: str, value: dict[str, Any]) -> None:
    with store.edit(what) as db:
        db["study_settings"].upsert(
            {"name": name, "value": json.dumps(value),
             "updated_at": datetime.now().astimezone().isoformat(timespec="seconds")},
            pk="name",
        )


def map_settings(store: StudyStore) -> MapSettings:
    """The study's map settings; the defaults (three convoy rings, four sectors) until changed."""
    value = _read(store, MAP_SETTINGS)
    return MapSettings() if value is None else MapSettings.from_dict(value)


def save_map_settings(store: StudyStore, settings: MapSettings) -> None:
    """Keep ``settings`` (already checked by ``MapSettings``) for every new map of the study."""
    _write(store, MAP_SETTINGS, "map settings", settings.to_dict())


def reliable_change_settings(store: StudyStore) -> ReliableChangeSettings:
    """The study's reliable change rule; Nebeker Adams (2018) 17.51 / 51.92 until changed."""
    value = _read(store, RELIABLE_CHANGE)
    return DEFAULT_RELIABLE_CHANGE if value is None else ReliableChangeSettings.from_dict(value)


def save_reliable_change_settings(store: StudyStore, settings: ReliableChangeSettings) -> None:
    """Keep the study's own threshold, cut-off and source (checked by the settings class)."""
    _write(store, RELIABLE_CHANGE, "SCORE-15 reliable change settings", settings.to_dict())
