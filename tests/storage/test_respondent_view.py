"""Whose ties a stored map records: new maps say so; maps drawn before keep their meaning."""

from __future__ import annotations

from fieldwork.domain.network_codes import RESPONDENT_VIEW, UNSTATED
from fieldwork.domain.network_metrics import measure
from fieldwork.storage.map_store import StoredMap, load_map
from fieldwork.storage.schema import SCHEMA_VERSION
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE, give_consent


def _child_centred_map(store: StudyStore, key: str) -> StoredMap:
    """Appendix 6: 'she placed her child in centre of map, and her sister, mother and
    herself close by' - the respondent is on her own child-centred map."""
    stored = StoredMap.start(store, key, "Child X", centre_role="child")
    stored.add_person("Mother X", "mother", ring=1, sector="family_household",
                      is_respondent=True, closeness="very_close", frequency="daily_weekly")
    stored.add_person("Sister", "other_relative", ring=1, sector="family_household",
                      relationship_to_respondent="sibling", relationship_text="aunt",
                      closeness="very_close", frequency="monthly_six_monthly",
                      support={"practical_children"})
    return stored


def test_a_child_centred_map_names_its_centre_and_who_answers(consented_interview):
    store, key = consented_interview
    stored = _child_centred_map(store, key)
    again = load_map(store, key)
    assert again.ties_meaning == RESPONDENT_VIEW
    assert again.centre.label == "Child X" and again.centre.role == "child"
    assert again.respondent.label == "Mother X"
    sister = next(p for p in again.people() if p.label == "Sister")
    # relationship to the centre (the child's aunt) and to the respondent (her sister)
    assert (sister.relationship, sister.relationship_to_respondent) == ("other_relative", "sibling")
    # her help with the children is support the respondent can call on, seen less than monthly
    assert measure(again).support_level == "strong"
    assert stored.network.ties_meaning == RESPONDENT_VIEW


def _as_before_this_version(store: StudyStore) -> None:
    """Turn the file back into one written before maps said whose ties they record (and so
    before the later steps too: the fieldwork tables and the change log)."""
    from fieldwork.storage.schema import _steps

    db = store.db
    for (trigger,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                 "AND name LIKE 'change_log_%'").fetchall():
        db.execute(f"DROP TRIGGER [{trigger}]")
    from tests.support.schema_history import tables_added_from

    for table in tables_added_from("respondent_view_columns"):
        db.execute(f"DROP TABLE IF EXISTS [{table}]")
    db.execute("ALTER TABLE map_people DROP COLUMN relationship_to_respondent")
    db.execute("ALTER TABLE network_maps DROP COLUMN ties_meaning")
    later = _steps[_steps.index("respondent_view_columns"):]
    for name in later:
        db.execute("DELETE FROM _sqlite_migrations WHERE name LIKE ?", [f"%{name}"])
    db.execute(f"PRAGMA user_version = {_steps.index('respondent_view_columns')}")
    db.conn.commit()


def test_maps_drawn_before_keep_the_meaning_they_were_drawn_with(consented_interview, study_path):
    store, key = consented_interview
    stored = _child_centred_map(store, key)
    family = store.add_family(site="Borough A")
    other = store.add_interview(family.key)
    store.change_status(other.key, "in_progress")
    give_consent(store, other.key)
    own = StoredMap.start(store, other.key, "Ana")
    own.add_person("Sister", "sibling", ring=1, sector="family_household",
                   closeness="very_close", frequency="daily_weekly", support={"emotional"})
    del stored
    _as_before_this_version(store)
    store.close()

    reopened = StudyStore.open(study_path, PASSPHRASE)
    try:
        assert reopened.schema_version == SCHEMA_VERSION
        child_map, own_map = load_map(reopened, key), load_map(reopened, other.key)
        assert child_map.ties_meaning == own_map.ties_meaning == UNSTATED
        assert all(p.relationship_to_respondent is None for p in child_map.people())
        # a child-centred map from before: whose support was recorded is not known
        got = measure(child_map)
        assert (got.support_level, got.support_reason) == (
            "not_enough_information", "support_recipient_unstated")
        # the respondent at the centre: her own map, read as her support
        assert measure(own_map).support_level == "strong"
        # carried into the next wave, the values keep the meaning they were recorded with
        assert child_map.carried_forward().ties_meaning == UNSTATED
    finally:
        reopened.close()
