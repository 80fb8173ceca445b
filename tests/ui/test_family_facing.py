"""The SCORE-15 family view: where it opens, how it closes, and that it holds nothing of the
case but the current question and its answer cards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget

from fieldwork.domain.network_codes import CLOSENESS, FREQUENCY
from fieldwork.domain.network_metrics import support_level
from fieldwork.storage.map_store import load_map
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.questionnaire.family_view import FamilyView, family_screen
from fieldwork.ui.questionnaire.page import Score15Page
from fieldwork.ui.save_status import SaveReporter


def _page(qtbot, store: StudyStore, key: str) -> Score15Page:
    page = Score15Page(store, SaveReporter(store), key)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


def _past_family_question(page: Score15Page) -> None:
    page.chooser.someone.setText("My mum")
    page.chooser.add.click()
    page.chooser.start.click()


def every_text(window: QWidget) -> list[str]:
    """Every piece of text any widget of ``window`` holds, shown or not."""
    texts = [window.windowTitle(), window.toolTip(), window.accessibleName()]
    for widget in window.findChildren(QWidget):
        texts += [widget.windowTitle(), widget.toolTip(), widget.accessibleName(),
                  widget.statusTip(), widget.whatsThis()]
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
    return [text for text in texts if text]


def _case_texts(store: StudyStore, key: str) -> list[str]:
    """What the study holds about the demo's families besides the questions: codes, notes,
    who is on the map and what was said about them on and off it, how close and how often
    (the ratings), the suggested support level."""
    texts: list[str] = []
    for summary in store.family_summaries():
        family = summary.family
        texts += [family.code, family.notes]
        for interview in store.interviews_of(family.key):
            network = load_map(store, interview.key)
            if network is None:
                continue
            for person in network.people():
                texts += [person.label, person.note, person.off_map_note,
                          CLOSENESS.get(person.closeness or "", ""),
                          FREQUENCY.get(person.frequency or "", "")]
            texts.append(support_level(network.people()))
    return [text for text in texts if text]


def _f001_wave1(store: StudyStore) -> str:
    family = next(s.family for s in store.family_summaries() if s.family.code == "F001")
    return next(i.key for i in store.interviews_of(family.key) if i.wave == 1)


def test_the_family_window_holds_none_of_the_case(qtbot, demo_store) -> None:
    key = _f001_wave1(demo_store)
    case = _case_texts(demo_store, key)
    assert any("aggressive on the ward" in text for text in case)  # the case has such words
    assert any(text in CLOSENESS.values() for text in case)  # and ratings
    page = _page(qtbot, demo_store, key)
    view = page.show_family_view()
    qtbot.addWidget(view)
    seen = []
    for index in (None, 0, 7, 14, 15):  # the results, then items, the open question last
        if index is not None:
            page.session.go_to(index)
        seen += every_text(view)
    assert "Total" not in " ".join(seen)  # no score
    for text in seen:
        for secret in case:
            assert secret not in text, (secret, text)
    assert page.results.total.text().startswith("Total 43")  # the researcher's page has it


def test_show_and_hide_from_the_researchers_button_and_esc(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key)
    assert page.open_family_view.text().replace("&", "") == "Show to family"
    qtbot.mouseClick(page.open_family_view, Qt.MouseButton.LeftButton)
    view = page.family_view
    qtbot.addWidget(view)
    assert view.isVisible()
    assert page.open_family_view.text().replace("&", "") == "Hide from family"
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible()
    assert page.open_family_view.text().replace("&", "") == "Show to family"
    qtbot.mouseClick(page.open_family_view, Qt.MouseButton.LeftButton)
    assert view.isVisible()
    qtbot.mouseClick(page.open_family_view, Qt.MouseButton.LeftButton)
    assert not view.isVisible()


def test_one_screen_a_large_window_a_second_screen_full_screen(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key)
    view = page.show_family_view()
    qtbot.addWidget(view)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert len(QGuiApplication.screens()) == 1
    assert not view.isFullScreen()
    assert view.width() >= area.width() * 0.85 and view.height() >= area.height() * 0.85
    laptop, projector = object(), object()
    assert family_screen([laptop, projector], laptop) is projector
    assert family_screen([laptop, projector], projector) is laptop
    assert family_screen([laptop], laptop) is None


def test_on_a_declined_item_no_answer_looks_chosen(qtbot, consented_interview) -> None:
    store, key = consented_interview
    page = _page(qtbot, store, key)
    _past_family_question(page)
    view = page.show_family_view()
    qtbot.addWidget(view)
    qtbot.keyClick(page, Qt.Key.Key_D)
    qtbot.keyClick(page, Qt.Key.Key_Left)  # back to the declined item
    assert page.item_state.text() == "Declined"
    view.activateWindow()
    view.setFocus()
    assert all(card.focusPolicy() == Qt.FocusPolicy.NoFocus for card in view.cards.cards)
    assert not any(card.hasFocus() for card in view.cards.cards)
    assert isinstance(view, FamilyView)
