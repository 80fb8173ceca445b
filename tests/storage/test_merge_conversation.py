"""The conversation travels between laptop copies: notes, services and quotes edited on two
copies of one study are all in the merged team study; the same theme's notes changed on both
are a conflict with both texts kept."""

from __future__ import annotations

from fieldwork.storage import conversation_store as conversation
from tests.storage.test_merge_copies import Copies, copies  # noqa: F401 (the fixture)


def test_conversation_edits_from_two_copies_are_merged(copies: Copies) -> None:  # noqa: F811
    key = copies.interview_key
    conversation.save_notes(copies.a, key, "professionals", "Finds the health visitor easy to talk to.",
                            3)
    conversation.set_service(copies.b, key, "health_visitor", "not_relevant")
    conversation.save_notes(copies.b, key, "family_now", "Lives with her mother and son; the nursery helps.")
    conversation.mark_quote(copies.b, key, "family_now", "the nursery helps.")
    first, second = copies.merge("a", "b")
    assert first.conflicts == [] and second.conflicts == []
    team = copies.team
    said = "Finds the health visitor easy to talk to."
    assert conversation.themes(team, key)["professionals"].notes == said
    assert conversation.services(team, key)["health_visitor"].use == "not_relevant"
    assert [q.passage for q in conversation.quotes(team, key, "family_now")] == ["the nursery helps."]


def test_the_same_themes_notes_changed_on_both_copies_is_a_conflict(copies: Copies) -> None:  # noqa: F811
    key = copies.interview_key
    conversation.save_notes(copies.a, key, "professionals", "Notes typed on laptop A.", 3)
    conversation.save_notes(copies.b, key, "professionals", "Notes typed on laptop B.", 3)
    _first, second = copies.merge("a", "b")
    assert [c.table for c in second.conflicts] == ["conversation_themes"]
    assert conversation.themes(copies.team, key)["professionals"].notes == "Notes typed on laptop A."
