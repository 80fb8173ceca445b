"""The change history a merge relies on: written by every edit, and by migrating old studies."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from fieldwork.storage import database
from fieldwork.storage.schema import migrations
from fieldwork.storage.study_merge import create_team_database, merge_source, open_source
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.tables_change_log import IGNORED_FIELDS, TRACKED_TABLES
from tests.conftest import PASSPHRASE


def test_every_column_of_every_merged_table_is_watched(store: StudyStore) -> None:
    # A later migration that adds a column must call refresh_change_tracking; this says so.
    for table in TRACKED_TABLES:
        sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                               [f"change_log_{table}_update"]).fetchone()[0]
        for column in store.db[table].columns:
            if column.name not in IGNORED_FIELDS:
                assert f"OLD.[{column.name}] IS NOT NEW.[{column.name}]" in sql, (table, column.name)


def test_each_edit_and_removal_is_a_change_with_when_and_who(consented_interview) -> None:
    from fieldwork.storage.map_store import StoredMap

    store, interview_key = consented_interview
    stored = StoredMap.start(store, interview_key, "Mother")
    person = stored.add_person("Nan", "grandparent", ring=1, sector="family_household", angle=90)
    stored.update_person(person.key, note="Visits on Sundays")
    stored.remove_person(person.key)
    changes = store.db.execute(
        "SELECT kind, parent_id IS NOT NULL, researcher_key, at FROM row_changes WHERE "
        "table_name = 'map_people' ORDER BY seq").fetchall()
    assert [(kind, has_parent) for kind, has_parent, _r, _a in changes] == [
        ("insert", 0), ("update", 1), ("delete", 1)]
    assert {r for _k, _p, r, _a in changes} == {store.researcher_key}
    assert all(datetime.fromisoformat(at.replace("Z", "+00:00")) for *_x, at in changes)
    # Only bookkeeping changed (the map's 'updated_at' on every action): no change recorded.
    assert store.db["row_changes"].count_where("table_name = 'network_maps'") == 1


def _study_of_the_old_schema(path: Path) -> str:
    """A study written before change histories existed, with one family."""
    db = database.create_encrypted(path, PASSPHRASE)
    before = next(m.name for m in migrations.pending(db) if m.name.endswith("_change_log_tables"))
    migrations.apply(db, stop_before=before)
    now = "2026-01-01T10:00:00+00:00"
    with db.atomic():
        db["study"].insert({"key": "study-1", "name": "Old study", "created_at": now,
                            "created_by_version": "0.1"})
        db["researchers"].insert({"key": "researcher-1", "name": "R01", "created_at": now})
        for key, code in (("family-1", "F001"), ("family-2", "F002")):
            db["families"].insert({"key": key, "code": code, "case_type": "child_in_need",
                                   "notes": "Before the update", "created_at": now, "updated_at": now})
    db.close()
    return "family-1"


def test_copies_of_a_study_made_before_the_update_still_tell_their_edits_apart(tmp_path: Path) -> None:
    family = _study_of_the_old_schema(tmp_path / "old.db")
    for name, notes in (("a.db", "Edited on A"), ("b.db", "Edited on B")):
        shutil.copy(tmp_path / "old.db", tmp_path / name)
        copy = StudyStore.open(tmp_path / name, PASSPHRASE)  # migrated here, separately
        copy.update_family(family, notes=notes)
        copy.close()
    team = create_team_database(tmp_path / "team.db", PASSPHRASE, "Team")
    reports = []
    for name in ("a.db", "b.db"):
        source = open_source(tmp_path / name, PASSPHRASE)
        reports.append(merge_source(team, source, name))
        source.close()
    # The untouched family has the same history in both copies; the edited one conflicts.
    assert [c.key for c in reports[1].conflicts] == ['["family-1"]']
    assert team.db["merge_conflicts"].count == 1
    assert team.family(family).notes == "Edited on A"
    team.close()
