"""The study's own resources folder (a study setting) and the resource library a study uses.

A study can keep its own consent forms, translated instruments and map prompts in a folder
of its own (laid out like the shipped ``resources``: ``consent/``, ``instruments/``,
``map_prompts/``), without touching the app. The folder is remembered in the study's
settings (the ``study_settings`` table, row ``resources_folder``); ``load_study_resources``
reads the shipped resources with that folder over them, checked the same way. The folder
is not copied into the study file: a study moved to another laptop needs the folder too,
and a folder that is missing is reported, never silently ignored. Never imports Qt.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import sqlite_utils

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.resource_library import Folder, ResourceLibrary, load_resource_library
from fieldwork.storage.study_store import StudyStore

RESOURCES_FOLDER_SETTING = "resources_folder"


def study_resources_folder(store: StudyStore) -> Path | None:
    """The study's own resources folder, or None when the study uses only the shipped ones."""
    return resources_folder_in(store.db)


def resources_folder_in(db: sqlite_utils.Database) -> Path | None:
    """``study_resources_folder`` for an open study database (the export reads it this way)."""
    row = db.execute("SELECT value FROM study_settings WHERE name = ?", [RESOURCES_FOLDER_SETTING]).fetchone()
    value = None if row is None else json.loads(row[0])
    return Path(value) if value else None


def save_study_resources_folder(store: StudyStore, folder: Path | None) -> None:
    """Use ``folder`` (an existing folder, kept as an absolute path) for the study; None for none."""
    if folder is not None:
        folder = Path(folder).expanduser().resolve()
        if not folder.is_dir():
            raise InvalidInput("study resources folder", f"{folder} is not a folder.")
    with store.edit("study resources folder") as db:
        db["study_settings"].upsert(
            {"name": RESOURCES_FOLDER_SETTING, "value": json.dumps(None if folder is None else str(folder)),
             "updated_at": datetime.now().astimezone().isoformat(timespec="seconds")},
            pk="name",
        )


def load_study_resources(store: StudyStore, shipped: Folder | None = None) -> ResourceLibrary:
    """The resource library for ``store``'s study: shipped files, the study's own over them."""
    return load_resource_library(shipped, study_resources_folder(store))
