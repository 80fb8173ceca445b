"""The SCORE-15 results screen judges change by the study's setting and shows its source."""

from __future__ import annotations

from fieldwork.domain.score15 import ReliableChangeSettings
from fieldwork.storage.answer_store import AnswerStore, load_shipped_instruments
from fieldwork.storage.study_settings import save_reliable_change_settings
from fieldwork.ui.questionnaire.results import ResultsPanel
from fieldwork.ui.questionnaire.session import QuestionnaireSession
from fieldwork.ui.save_status import SaveReporter
from tests.conftest import give_consent

POSITIVE = {1, 3, 6, 10, 15}


def _answer_all(answers: AnswerStore, key: str, item_score: int) -> None:
    english = next(i for i in answers.instruments if i.id == "score15" and i.is_english)
    administration = answers.start(key, english)
    for item in english.items:
        if item.is_free_text:  # the form's open question is not scored
            continue
        answers.answer(administration.key, item.id,
                       item_score if item.number in POSITIVE else 6 - item_score)


def _panel(qtbot, store, key) -> ResultsPanel:
    answers = AnswerStore(store, load_shipped_instruments()[0])
    session = QuestionnaireSession(answers, SaveReporter(store), key, "score15")
    panel = ResultsPanel(session)
    qtbot.addWidget(panel)
    panel.refresh()
    return panel


def test_the_flag_and_its_source_follow_the_study_setting(qtbot, consented_interview):
    store, first = consented_interview
    answers = AnswerStore(store, load_shipped_instruments()[0])
    _answer_all(answers, first, 4)  # total 60, above the cut-off
    later = store.add_interview(store.interview(first).family_key)
    store.change_status(later.key, "in_progress")
    give_consent(store, later.key)
    _answer_all(answers, later.key, 3)  # total 45: -15 points
    panel = _panel(qtbot, store, later.key)
    text = panel.change.text()
    assert "60 → 45, -15 points (improved)" in text
    assert "Not a reliable change: below 17.51 points." in text
    assert "not above the clinical cut-off of 51.92, having crossed it" in text
    assert "Source: Nebeker Adams, C. A. (2018)" in text
    assert "NHS" not in text

    save_reliable_change_settings(store, ReliableChangeSettings(10, 50, "the study's own pilot"))
    panel = _panel(qtbot, store, later.key)
    text = panel.change.text()
    assert "Reliable change: at least 10 points." in text
    assert "Source: the study's own pilot." in text


def test_the_study_menu_sets_threshold_cutoff_and_source(qtbot, store, monkeypatch):
    from fieldwork.storage.study_settings import reliable_change_settings
    from fieldwork.ui.main_window import MainWindow
    from fieldwork.ui.questionnaire import reliable_change_dialog
    from fieldwork.ui.questionnaire.reliable_change_dialog import ReliableChangeDialog

    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.menu_actions.reliable_change.text() == "SCORE-15 &reliable change…"
    dialog = ReliableChangeDialog(store)
    qtbot.addWidget(dialog)
    assert (dialog.threshold.value(), dialog.cutoff.value()) == (17.51, 51.92)
    assert dialog.source.toPlainText().startswith("Nebeker Adams")
    dialog.threshold.setValue(12)
    dialog.source.setPlainText("")
    refused: list[str] = []
    monkeypatch.setattr(reliable_change_dialog, "show_refusal", lambda _p, e: refused.append(str(e)))
    assert not dialog.save() and "source" in refused[0]
    assert reliable_change_settings(store).threshold == 17.51  # nothing saved
    dialog.source.setPlainText("our pilot, 2024")
    assert dialog.save()
    got = reliable_change_settings(store)
    assert (got.threshold, got.clinical_cutoff, got.source) == (12, 51.92, "our pilot, 2024")
    dialog.use_published_values()
    assert dialog.save() and reliable_change_settings(store).threshold == 17.51
