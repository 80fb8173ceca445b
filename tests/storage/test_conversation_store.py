"""The conversation in the study: guide pinned, notes per theme, skips, flags, services as codes,
quotes only with consent, erasure by withdrawal (even from free pages), and migration."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.resource_library import load_resource_library
from fieldwork.storage import conversation_store as conversation
from fieldwork.storage.consent_store import ConsentRequired
from fieldwork.storage.schema import SCHEMA_VERSION
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import record_withdrawal
from tests.conftest import PASSPHRASE, give_consent
from tests.support.sqlcipher_pages import decrypted_pages

GUIDES = load_resource_library().topic_guides
SAID = "my social worker listened to my concerns and asked my mum"


def _interview(store: StudyStore, refuse: tuple[str, ...] = ()) -> str:
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key)
    store.change_status(interview.key, "in_progress")
    give_consent(store, interview.key, refuse)
    return interview.key


def test_notes_skips_flags_and_the_guide_are_recorded(store: StudyStore) -> None:
    key = _interview(store)
    pair = conversation.guide_for(store, key, GUIDES)
    assert pair is not None and pair.shown.wave == 1
    conversation.start_conversation(store, key, pair)
    conversation.save_notes(store, key, "social_worker", "She said " + SAID, position=4)
    conversation.set_theme_state(store, key, "social_worker", "discussed", position=4)
    conversation.set_theme_state(store, key, "anything_else", "skipped", position=5)
    conversation.set_theme_flag(store, key, "social_worker", "needed_explanation", True)
    found = conversation.themes(store, key)
    assert found["social_worker"].notes == "She said " + SAID
    assert found["social_worker"].state == "discussed"
    assert found["social_worker"].flags == {"needed_explanation"}
    assert found["anything_else"].state == "skipped"
    assert "family_now" not in found  # not reached: no row
    assert conversation.started_guide(store, key)["guide_id"] == "family-conversation"
    with pytest.raises(InvalidInput):
        conversation.set_theme_state(store, key, "social_worker", "half_done")
    audit = " ".join(r[0] for r in store.db.execute(
        "SELECT action || ' ' || coalesce(record_keys, '') FROM audit_log"))
    assert "listened" not in audit  # the audit log names records, never what was said


def test_nothing_is_recorded_without_consent_to_the_interview(store: StudyStore) -> None:
    family = store.add_family()
    key = store.add_interview(family.key).key
    with pytest.raises(ConsentRequired):
        conversation.save_notes(store, key, "family_now", "anything")
    with pytest.raises(ConsentRequired):
        conversation.set_service(store, key, "gp", "used")
    assert store.db["conversation_themes"].count == store.db["conversation_services"].count == 0


def test_services_are_stored_as_codes(store: StudyStore) -> None:
    key = _interview(store)
    conversation.set_service(store, key, "speech_language_therapy", "used", "daily_weekly")
    conversation.set_service(store, key, "housing", "wanted_not_got")
    conversation.set_service(store, key, "gp", "used")
    conversation.set_service(store, key, "gp", None)  # not asked after all
    assert {code: (a.use, a.frequency) for code, a in conversation.services(store, key).items()} == {
        "speech_language_therapy": ("used", "daily_weekly"), "housing": ("wanted_not_got", None)}
    with pytest.raises(InvalidInput):
        conversation.set_service(store, key, "housing", "maybe")


def test_a_quote_needs_consent_to_quotes_and_names_the_record(store: StudyStore) -> None:
    refused = _interview(store, refuse=("anonymous_quotes",))
    conversation.save_notes(store, refused, "social_worker", SAID)
    assert not conversation.quotes_allowed(store, refused)
    with pytest.raises(ConsentRequired, match="anonymous quotes"):
        conversation.mark_quote(store, refused, "social_worker", "listened to my concerns")
    assert store.db["conversation_quotes"].count == 0

    key = _interview(store)
    conversation.save_notes(store, key, "social_worker", SAID)
    quote = conversation.mark_quote(store, key, "social_worker", "listened to my concerns")
    record = store.db.execute("SELECT key FROM consent_records WHERE interview_key = ?", [key]).fetchone()[0]
    assert quote.consent_record_key == record
    with pytest.raises(InvalidInput, match="words from the notes"):
        conversation.mark_quote(store, key, "social_worker", "never said this")
    # Typing the passage away takes its quote with it.
    conversation.save_notes(store, key, "social_worker", "my social worker asked my mum")
    assert conversation.quotes(store, key) == []


def test_withdrawing_consent_to_quotes_erases_quotes_and_keeps_the_notes(store: StudyStore) -> None:
    key = _interview(store)
    conversation.save_notes(store, key, "social_worker", SAID)
    conversation.mark_quote(store, key, "social_worker", "listened to my concerns")
    record_withdrawal(store, store.interview(key).family_key, date(2026, 4, 1), "anonymous_quotes",
                      "telephone", "erase")
    assert conversation.quotes(store, key) == []
    assert conversation.themes(store, key)["social_worker"].notes == SAID
    with pytest.raises(ConsentRequired):
        conversation.mark_quote(store, key, "social_worker", "listened to my concerns")


def test_a_family_erased_leaves_no_conversation_even_in_free_pages(store: StudyStore,
                                                                   study_path: Path) -> None:
    key = _interview(store)
    words = "Quotable Wilhelmina Fairweather-Osei"
    conversation.save_notes(store, key, "social_worker", words)
    conversation.mark_quote(store, key, "social_worker", words)
    conversation.set_service(store, key, "legal", "used", "monthly_six_monthly")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the words in the main file, not only the log
    assert words.encode() in decrypted_pages(study_path, PASSPHRASE)
    family = store.interview(key).family_key
    record_withdrawal(store, family, date(2026, 4, 1), "interview", "telephone", "erase")
    for table in ("conversations", "conversation_themes", "conversation_services", "conversation_quotes"):
        assert store.db[table].count == 0
    store.close()
    assert words.encode() not in decrypted_pages(study_path, PASSPHRASE)


def test_the_earlier_wave_is_found_for_the_later_one(store: StudyStore) -> None:
    first = _interview(store)
    conversation.set_service(store, first, "housing", "wanted_not_got")
    conversation.save_notes(store, first, "services_not_got", "wants her own place")
    family = store.interview(first).family_key
    second = store.add_interview(family, wave=2).key
    earlier = conversation.earlier_wave(store, second, GUIDES)
    assert earlier is not None and earlier.interview.wave == 1
    assert earlier.services["housing"].use == "wanted_not_got"
    assert earlier.themes["services_not_got"].notes == "wants her own place"
    assert earlier.guide is not None and earlier.guide.wave == 1
    assert conversation.earlier_wave(store, first, GUIDES) is None


def test_a_study_from_before_gets_the_tables_and_their_change_tracking(store: StudyStore,
                                                                       study_path: Path) -> None:
    from tests.support.schema_history import roll_back_to_before

    db = store.db
    roll_back_to_before(db, "conversation_tables")
    db.conn.commit()
    store.close()
    reopened = StudyStore.open(study_path, PASSPHRASE)
    try:
        assert reopened.schema_version == SCHEMA_VERSION
        key = _interview(reopened)
        conversation.set_service(reopened, key, "gp", "used")
        changes = reopened.db.execute("SELECT count(*) FROM row_changes WHERE table_name = "
                                      "'conversation_services'").fetchone()[0]
        assert changes == 1
    finally:
        reopened.close()
