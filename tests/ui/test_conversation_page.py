"""The Conversation step as the researcher sees it: themes one by one with questions and probes,
notes saved in batches as typed, skips and interpreter flags, quotes only with consent,
services as codes, the earlier wave beside the later one, and the right-to-left test pack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from fieldwork.domain.interview_steps import InterviewStep
from fieldwork.domain.resource_library import load_resource_library
from fieldwork.storage import conversation_store as conversation
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.conversation import ConversationPage
from fieldwork.ui.save_status import SaveReporter
from tests.conftest import give_consent
from tests.support.resource_packs import rtl_test_library


def _interview(store: StudyStore, refuse: tuple[str, ...] = (), **details) -> str:
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key, **details)
    store.change_status(interview.key, "in_progress")
    give_consent(store, interview.key, refuse)
    return interview.key


def _page(qtbot, store: StudyStore, key: str, library=None) -> ConversationPage:
    reporter = SaveReporter(store)
    page = ConversationPage(store, reporter, key, resources=library or load_resource_library())
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


def _texts(widget) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def test_themes_one_by_one_with_their_questions_and_probes(qtbot, store: StudyStore) -> None:
    page = _page(qtbot, store, _interview(store))
    assert page.theme_choice.count() == 6
    assert page.theme_choice.currentText() == "1. You and your family now — not yet"
    qtbot.mouseClick(page.next, Qt.MouseButton.LeftButton)
    shown = _texts(page.theme)
    assert "Services and help you use" in shown
    assert "Which services do you and your children use at the moment?" in shown
    assert any(text.startswith("•  Nursery or school") for text in shown)  # a probe
    assert not page.previous.isHidden() and page.previous.isEnabled()


def test_notes_are_saved_in_batches_as_typed(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    before = store.db["audit_log"].count
    page.theme.notes.setFocus()
    qtbot.keyClicks(page.theme.notes, "Lives with her mother")
    qtbot.waitUntil(lambda: conversation.themes(store, key).get("family_now") is not None)
    assert conversation.themes(store, key)["family_now"].notes == "Lives with her mother"
    assert store.db["audit_log"].count - before < len("Lives with her mother")  # batches, not keys
    # Moving on writes at once what is still waiting.
    qtbot.keyClicks(page.theme.notes, " and her son.")
    qtbot.mouseClick(page.next, Qt.MouseButton.LeftButton)
    assert conversation.themes(store, key)["family_now"].notes == "Lives with her mother and her son."
    assert page.theme.notes.toPlainText() == ""  # the next theme's own notes


def test_skips_and_interpreter_flags_are_recorded(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    qtbot.mouseClick(page.theme.skipped, Qt.MouseButton.LeftButton)
    page.theme.flags["needed_explanation"].click()
    record = conversation.themes(store, key)["family_now"]
    assert record.state == "skipped" and record.flags == {"needed_explanation"}
    assert page.theme_choice.itemText(0) == "1. You and your family now — Skipped"
    assert page.work_done() is False


def test_a_quote_only_with_consent_to_quotes_and_shown_as_such(qtbot, store: StudyStore) -> None:
    refused = _page(qtbot, store, _interview(store, refuse=("anonymous_quotes",)))
    assert not refused.theme.mark_quote.isEnabled()
    assert "did not agree to this part" in refused.theme.quote_consent.text()

    key = _interview(store)
    page = _page(qtbot, store, key)
    qtbot.keyClicks(page.theme.notes, "She said: I feel more in control.")
    cursor = page.theme.notes.textCursor()
    cursor.setPosition(10)
    cursor.setPosition(33, QTextCursor.MoveMode.KeepAnchor)
    page.theme.notes.setTextCursor(cursor)
    assert page.theme.mark_quote.isEnabled()
    qtbot.mouseClick(page.theme.mark_quote, Qt.MouseButton.LeftButton)
    assert [q.passage for q in conversation.quotes(store, key)] == ["I feel more in control."]
    assert page.theme.quotes.item(0).text() == "Quote: “I feel more in control.”"
    assert len(page.theme.notes.extraSelections()) == 1  # shaded in the notes


def test_services_are_chosen_as_codes(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    therapy = "speech_language_therapy"
    use, often = page.services.use[therapy], page.services.frequency[therapy]
    assert not often.isEnabled()
    use.setCurrentIndex(use.findData("used"))
    use.activated.emit(use.currentIndex())
    assert often.isEnabled()
    often.setCurrentIndex(often.findData("daily_weekly"))
    often.activated.emit(often.currentIndex())
    housing = page.services.use["housing"]
    housing.setCurrentIndex(housing.findData("wanted_not_got"))
    housing.activated.emit(housing.currentIndex())
    assert {c: (a.use, a.frequency) for c, a in conversation.services(store, key).items()} == {
        "speech_language_therapy": ("used", "daily_weekly"), "housing": ("wanted_not_got", None)}


def test_the_earlier_wave_is_shown_read_only_beside_wave_2(qtbot, store: StudyStore) -> None:
    first = _interview(store)
    conversation.set_service(store, first, "housing", "wanted_not_got")
    conversation.save_notes(store, first, "services_not_got", "Wants her own place to live.", 2)
    family = store.interview(first).family_key
    second = store.add_interview(family, wave=2, mode="telephone")
    store.change_status(second.key, "in_progress")
    give_consent(store, second.key)
    page = _page(qtbot, store, second.key)
    assert page.theme_choice.itemText(0).startswith("1. What has changed")
    assert page.earlier.isVisibleTo(page) and page.earlier.text.isReadOnly()
    text = page.earlier.text.toPlainText()
    assert "Housing: wanted but not got" in text and "Wants her own place to live." in text
    assert page.earlier.title.text() == "Wave 1 (read-only)"
    assert not _page(qtbot, store, first).earlier.isVisibleTo(page)


def test_read_only_keeps_everything_readable(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    conversation.save_notes(store, key, "family_now", "Written before.")
    page = _page(qtbot, store, key)
    page.set_read_only(True)
    assert page.theme.notes.isReadOnly() and page.theme.notes.toPlainText() == "Written before."
    assert not page.theme.skipped.isEnabled() and not page.theme.mark_quote.isEnabled()
    assert page.next.isEnabled()  # still moves between themes


def test_the_right_to_left_pack_shows_the_guide_beside_english(qtbot, store: StudyStore,
                                                               tmp_path: Path) -> None:
    library = rtl_test_library(tmp_path)
    key = _interview(store, language="ar", interpreter_present=True, interpreter="INT-07")
    page = _page(qtbot, store, key, library)
    shown = _texts(page.theme)
    assert "You and your family now" in shown  # the English under the Arabic-script title
    assert any("موضوع" in text for text in shown)
    assert "not a validated translation" in page.translation_note.text()
    assert page.english_title.text() == "Our conversation: you, your family and the help you get"


def test_the_step_is_in_the_workspace_between_other_questions_and_closing_notes(qtbot, store) -> None:
    from fieldwork.ui.main_window import MainWindow

    key = _interview(store)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.open_interview(key)
    steps = window.workspace.steps
    assert steps.index(InterviewStep.CONVERSATION) == steps.index(InterviewStep.OTHER_QUESTIONS) + 1
    assert steps.index(InterviewStep.CLOSING_NOTES) == steps.index(InterviewStep.CONVERSATION) + 1
    assert isinstance(window.workspace.page(InterviewStep.CONVERSATION), ConversationPage)
