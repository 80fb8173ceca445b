"""Topic guides: the shipped guides follow the evaluation's themes; which guide an interview
gets; a translation must keep its English version's themes; the services codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldwork.domain.conversation import SERVICES, ServiceAnswer, conversation_done, quote_problem
from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.resource_library import check_resource_folder, load_resource_library
from fieldwork.domain.topic_guides import choose_guide
from tests.support.resource_packs import rtl_test_library

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "guides"


def test_the_shipped_guides_ask_the_evaluations_themes_in_order() -> None:
    guides = load_resource_library().topic_guides
    wave1 = choose_guide(guides, 1, "en")
    wave2 = choose_guide(guides, 2, "en")
    assert wave1 is not None and wave2 is not None
    assert wave1.shown.theme_ids == ("family_now", "services_used", "services_not_got", "professionals",
                                     "social_worker", "anything_else")
    assert wave2.shown.theme_ids == ("what_changed", "services_now", "new_professionals",
                                     "social_workers_again", "anything_else")
    assert all(theme.questions for theme in wave1.shown.themes + wave2.shown.themes)
    assert choose_guide(guides, 3, "en") is None


def test_an_interview_language_gets_its_translation_beside_the_english(tmp_path: Path) -> None:
    library = rtl_test_library(tmp_path)
    pair = choose_guide(library.topic_guides, 1, "ar")
    assert pair is not None and pair.translated
    assert (pair.shown.language, pair.shown.direction, pair.english.language) == ("ar-x-test", "rtl", "en")
    assert pair.shown.theme_ids == pair.english.theme_ids
    assert not pair.shown.translation_validated
    # Wave 2 has no test translation: the English guide, shown once.
    english_only = choose_guide(library.topic_guides, 2, "ar")
    assert english_only is not None and not english_only.translated


def test_a_study_guide_for_a_wave_replaces_the_shipped_default(tmp_path: Path) -> None:
    folder = tmp_path / "study" / "guides"
    folder.mkdir(parents=True)
    document = json.loads((SHIPPED / "family-conversation.wave1.en.json").read_text(encoding="utf-8"))
    document.update(guide_id="our-study", themes=document["themes"][:2])
    (folder / "our-study.wave1.en.json").write_text(json.dumps(document), encoding="utf-8")
    library = load_resource_library(None, folder.parent)
    assert library.errors == ()
    assert choose_guide(library.topic_guides, 1, "en").shown.guide_id == "our-study"
    assert choose_guide(library.topic_guides, 2, "en").shown.guide_id == "family-conversation"
    # A conversation started with the shipped guide keeps it.
    pinned = choose_guide(library.topic_guides, 1, "en", guide_id="family-conversation", version="1.0")
    assert pinned.shown.guide_id == "family-conversation"


def test_a_translation_with_other_themes_is_refused_by_file_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    (folder / "guides").mkdir(parents=True)
    document = json.loads((SHIPPED / "family-conversation.wave1.en.json").read_text(encoding="utf-8"))
    document["language"] = "pl"
    document["themes"][1]["probes"] = document["themes"][1]["probes"][:1]
    path = folder / "guides" / "family-conversation.wave1.pl.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    _library, problems = check_resource_folder(folder)
    assert [(p.path, p.field) for p in problems] == [(str(path), "$.themes[1].probes")]
    assert "has 1, the English version 3" in problems[0].problem
    document["themes"].reverse()
    path.write_text(json.dumps(document), encoding="utf-8")
    _library, problems = check_resource_folder(folder)
    assert [(p.field, "do not match" in p.problem) for p in problems] == [("$.themes", True)]


def test_services_are_codes_and_only_a_used_service_has_a_frequency() -> None:
    assert list(SERVICES)[:3] == ["nursery_school", "gp", "health_visitor"]
    assert ServiceAnswer("speech_language_therapy", "used", "daily_weekly").frequency == "daily_weekly"
    with pytest.raises(InvalidInput, match="only a service the family used"):
        ServiceAnswer("housing", "wanted_not_got", "daily_weekly")
    with pytest.raises(InvalidInput, match="'dentist' is not one of the codes"):
        ServiceAnswer("dentist", "used")


def test_a_conversation_is_done_when_every_theme_was_discussed_or_skipped() -> None:
    assert not conversation_done(["a", "b"], {"a": "discussed"})
    assert conversation_done(["a", "b"], {"a": "discussed", "b": "skipped"})


def test_a_quote_must_be_words_from_the_notes() -> None:
    assert quote_problem("listened to me", "She said: my social worker listened to me.") is None
    assert "select the words" in quote_problem("  ", "anything")
    assert "words from the notes" in quote_problem("never said", "anything")
