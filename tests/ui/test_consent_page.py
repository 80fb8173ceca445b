"""The consent step as the researcher uses it: what they see, and what lands in the database."""

from __future__ import annotations

import re
from datetime import UTC
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from fieldwork.domain.consent import HowGiven
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.storage.consent_store import (
    consent_records,
    current_consent,
    signature_picture,
)
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.consent import ConsentPage
from fieldwork.ui.consent.signature_pad import SignaturePad
from fieldwork.ui.save_status import SaveReporter
from tests.conftest import give_consent
from tests.support.resource_packs import rtl_test_library

LEFT = Qt.MouseButton.LeftButton


def _page(qtbot, store: StudyStore, interview_key: str, **kwargs) -> ConsentPage:
    page = ConsentPage(store, SaveReporter(store), interview_key, **kwargs)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    return page


def _interview(store: StudyStore, **details) -> str:
    interview = store.add_interview(store.add_family(site="Borough A").key, **details)
    store.change_status(interview.key, "in_progress")
    return interview.key


def _answer(qtbot, page: ConsentPage, refuse: tuple[str, ...] = ()) -> None:
    for row in page.entry.rows:
        button = row.no if row.statement.statement_id in refuse else row.yes
        qtbot.mouseClick(button, LEFT)


def _sign(qtbot, pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    """Press at the first point, drag through the rest with the button held, release at the last."""
    qtbot.mousePress(pad, LEFT, pos=QPoint(*points[0]))
    for x, y in points[1:-1]:
        # QTest.mouseMove does not say the button is held, so the drag is sent as the
        # window system would send it.
        position = QPointF(x, y)
        move = QMouseEvent(QEvent.Type.MouseMove, position, pad.mapToGlobal(position),
                           Qt.MouseButton.NoButton, LEFT, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(pad, move)
    qtbot.mouseRelease(pad, LEFT, pos=QPoint(*points[-1]))


def _choose(qtbot, radio) -> None:
    """Click a radio button on its circle (its middle may be empty space beyond the label)."""
    qtbot.mouseClick(radio, LEFT, pos=QPoint(10, radio.height() // 2))


def _choose_researcher(page: ConsentPage) -> None:
    page.entry.researcher.setCurrentIndex(page.entry.researcher.findText("R01 Test Researcher"))


def test_nothing_is_chosen_until_the_family_answers(qtbot, store: StudyStore) -> None:
    page = _page(qtbot, store, _interview(store))
    assert page.entry is not None
    assert len(page.entry.rows) == 9  # the wave-1 form: no audio (the app records none)
    assert all(row.answer() is None for row in page.entry.rows)
    assert page.entry.how_given() is None
    assert not page.entry.signature_area.isVisible()


def test_confirming_verbal_consent_lands_the_record_in_the_database(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    _answer(qtbot, page, refuse=("case_study",))
    _choose(qtbot, page.entry.verbal)
    _choose_researcher(page)
    with qtbot.waitSignals([page.consent_changed, page.edited]):
        qtbot.mouseClick(page.entry.confirm, LEFT)

    record = current_consent(store, key)
    assert record is not None
    assert (record.form_id, record.version, record.language) == ("family-interview", "2.0", "en")
    assert record.how_given is HowGiven.VERBAL
    assert record.researcher_confirmation == "R01 Test Researcher"
    assert {a.statement_id: a.agreed for a in record.answers} == {
        "interview": True, "network_map": True, "score15": True, "social_worker_interview": True,
        "case_records": True, "anonymous_quotes": True, "case_study": False, "archiving": True,
        "recontact": True}
    assert record.signature == () and signature_picture(store, record.record_id) is None
    assert record.confirmed_at.tzinfo is not None
    assert store.step_states(key)[InterviewStep.CONSENT] is StepState.DONE


def test_signed_on_screen_stores_the_strokes_and_a_picture(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    _answer(qtbot, page)
    _choose(qtbot, page.entry.signed)
    assert page.entry.signature_area.isVisible()
    _sign(qtbot, page.entry.pad, [(40, 100), (80, 70), (120, 110), (160, 60)])
    _sign(qtbot, page.entry.pad, [(200, 90), (260, 95)])
    _choose_researcher(page)
    qtbot.mouseClick(page.entry.confirm, LEFT)

    record = current_consent(store, key)
    assert record.how_given is HowGiven.SIGNED_ON_SCREEN
    assert len(record.signature) == 2
    assert [(x, y) for x, y, _ms in record.signature[0]] == [(40, 100), (80, 70), (120, 110), (160, 60)]
    picture = signature_picture(store, record.record_id)
    assert picture and picture.startswith(b"\x89PNG")
    assert page.record_view.signature is not None  # shown with the record


def test_confirm_is_refused_until_every_statement_is_answered(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    _choose(qtbot, page.entry.verbal)
    _choose_researcher(page)
    qtbot.mouseClick(page.entry.confirm, LEFT)
    assert page.entry.problem_label.isVisible()
    assert "not answered yet: 1, 2, 3, 4, 5, 6, 7" in page.entry.problem_label.text()
    _answer(qtbot, page)
    page.entry.rows[2].set_answer(None)
    qtbot.mouseClick(page.entry.confirm, LEFT)
    assert "not answered yet: 3." in page.entry.problem_label.text()
    assert consent_records(store, key) == []
    qtbot.mouseClick(page.entry.rows[2].no, LEFT)  # the message follows the fix
    assert not page.entry.problem_label.isVisible()


def test_signed_consent_is_refused_without_a_signature(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    _answer(qtbot, page)
    _choose(qtbot, page.entry.signed)
    _choose_researcher(page)
    qtbot.mouseClick(page.entry.confirm, LEFT)
    assert "The signature pad is empty" in page.entry.problem_label.text()
    _sign(qtbot, page.entry.pad, [(40, 100), (90, 80)])
    qtbot.mouseClick(page.entry.clear_signature, LEFT)
    qtbot.mouseClick(page.entry.confirm, LEFT)
    assert "The signature pad is empty" in page.entry.problem_label.text()
    assert consent_records(store, key) == []


def test_how_and_who_must_be_chosen(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    _answer(qtbot, page)
    qtbot.mouseClick(page.entry.confirm, LEFT)
    text = page.entry.problem_label.text()
    assert "Choose how consent was given" in text
    assert "Choose the researcher confirming" in text
    assert consent_records(store, key) == []


def test_the_interpreter_must_confirm_when_present(qtbot, store: StudyStore) -> None:
    key = _interview(store, language="so", interpreter_present=True, interpreter="Amina Test")
    page = _page(qtbot, store, key)
    assert page.entry.interpreter_name.text() == "Amina Test"  # prefilled, editable
    _answer(qtbot, page)
    _choose(qtbot, page.entry.verbal)
    _choose_researcher(page)
    qtbot.mouseClick(page.entry.confirm, LEFT)
    assert "The interpreter must confirm" in page.entry.problem_label.text()
    assert consent_records(store, key) == []
    page.entry.interpreter_name.clear()
    qtbot.keyClicks(page.entry.interpreter_name, "Amina Y. Test")
    page.entry.interpreted.setChecked(True)
    qtbot.mouseClick(page.entry.confirm, LEFT)
    record = current_consent(store, key)
    assert record.interpreter_present and record.interpreter_confirmation == "Amina Y. Test"


def test_no_interpreter_confirmation_without_an_interpreter(qtbot, store: StudyStore) -> None:
    page = _page(qtbot, store, _interview(store))
    assert page.entry.interpreted is None and page.entry.interpreter_name is None


def test_a_confirmed_record_is_read_only_and_a_correction_replaces_it(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    _answer(qtbot, page, refuse=("case_study",))
    _choose(qtbot, page.entry.verbal)
    _choose_researcher(page)
    qtbot.mouseClick(page.entry.confirm, LEFT)
    first = current_consent(store, key)

    assert page.entry is None and page.record_view is not None
    view = page.record_view
    assert view.answer_labels["case_study"].text() == "No"
    assert view.answer_labels["interview"].text() == "Yes"
    assert "Given verbally" in view.fact_labels["How given"].text()
    assert "R01 Test Researcher" in view.fact_labels["Confirmed"].text()
    assert not [b for b in view.findChildren(QPushButton) if b.isCheckable()]  # nothing to toggle
    assert not view.findChildren(QLineEdit) and not view.findChildren(SignaturePad)
    # Reopening the step shows the record, not a form to fill in again.
    again = _page(qtbot, store, key)
    assert again.entry is None and again.record_view.answer_labels["case_study"].text() == "No"

    qtbot.mouseClick(view.correction, LEFT)
    entry = page.entry
    assert entry is not None and entry.corrects == first
    assert entry.rows[6].answer() is False  # starts from the record it corrects
    qtbot.mouseClick(entry.rows[6].yes, LEFT)
    with qtbot.waitSignal(page.consent_changed):
        qtbot.mouseClick(entry.confirm, LEFT)

    records = consent_records(store, key)
    assert len(records) == 2
    current = current_consent(store, key)
    assert current.replaces == first.record_id
    assert current.answers_for("case_study")[0].agreed is True
    assert [a.agreed for a in first.answers_for("case_study")] == [False]  # unchanged
    assert "replaces" in page.record_view.fact_labels["Corrections"].text()


def test_a_correction_can_be_cancelled(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    give_consent(store, key)
    page = _page(qtbot, store, key)
    qtbot.mouseClick(page.record_view.correction, LEFT)
    qtbot.mouseClick(page.entry.cancel, LEFT)
    assert page.entry is None and page.record_view is not None
    assert len(consent_records(store, key)) == 1


def test_the_rtl_pack_is_shown_beside_english(qtbot, store: StudyStore, tmp_path: Path) -> None:
    key = _interview(store, language="ar", interpreter_present=True, interpreter="INT-7")
    page = _page(qtbot, store, key, resources=rtl_test_library(tmp_path / "rtl-pack"))
    entry = page.entry
    family, english = entry.sheet.columns
    assert family.form.language == "ar-x-test" and english.form.language == "en"
    assert family.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert english.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert family.paragraphs[0].text() == "هذه حزمة اختبار فقط. ليست ترجمة معتمدة."
    assert family.paragraphs[0].alignment() & Qt.AlignmentFlag.AlignRight
    assert english.paragraphs[0].text().startswith("We are researchers from a university.")
    assert family.x() < english.x()  # two columns, side by side
    first = entry.rows[0]
    assert first.text_label.text() == "أوافق على المشاركة في المقابلة."
    assert first.english_label.text().startswith("I have read this information")
    assert entry.language_notice is None

    _answer(qtbot, page)
    _choose(qtbot, entry.verbal)
    entry.interpreted.setChecked(True)
    _choose_researcher(page)
    qtbot.mouseClick(entry.confirm, LEFT)
    record = current_consent(store, key)
    assert (record.language, record.form_id, record.version) == ("ar-x-test", "family-interview", "1.0")
    assert page.record_view is not None


def test_without_a_form_in_the_interview_language_english_is_used_and_said(qtbot, store: StudyStore) -> None:
    key = _interview(store, language="so")
    page = _page(qtbot, store, key)
    assert page.entry.language_notice is not None
    assert "There is no consent form in Somali" in page.entry.language_notice.text()
    assert len(page.entry.sheet.columns) == 1
    _answer(qtbot, page)
    _choose(qtbot, page.entry.verbal)
    _choose_researcher(page)
    qtbot.mouseClick(page.entry.confirm, LEFT)
    assert current_consent(store, key).language == "en"


def test_a_later_wave_shows_the_earlier_answers_without_filling_them_in(qtbot, store: StudyStore) -> None:
    family = store.add_family(site="Borough A")
    wave1 = store.add_interview(family.key)
    give_consent(store, wave1.key, refuse=("case_study",))
    wave2 = store.add_interview(family.key)
    page = _page(qtbot, store, wave2.key)
    shown = {row.statement.statement_id: row.earlier_label.text() for row in page.entry.rows}
    assert shown["interview"] == "Wave 1: yes"
    assert shown["case_study"] == "Wave 1: no"
    assert "recontact" not in shown  # recontact for a second interview is asked at wave 1 only
    assert all(row.answer() is None for row in page.entry.rows)
    assert all(row.earlier_label.isVisible() for row in page.entry.rows)


def test_the_first_wave_shows_no_earlier_answers(qtbot, store: StudyStore) -> None:
    page = _page(qtbot, store, _interview(store))
    assert not any(row.earlier_label.isVisible() for row in page.entry.rows)


def test_the_signature_pad_records_mouse_strokes(qtbot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(500, 200)
    pad.show()
    assert pad.is_empty()
    with qtbot.waitSignal(pad.changed):
        _sign(qtbot, pad, [(10, 20), (30, 40), (50, 45)])
    [stroke] = pad.strokes
    assert [(x, y) for x, y, _ in stroke] == [(10, 20), (30, 40), (50, 45)]
    times = [ms for _x, _y, ms in stroke]
    assert times[0] == 0 and times == sorted(times)
    _sign(qtbot, pad, [(100, 100), (120, 90)])
    assert len(pad.strokes) == 2 and pad.strokes[1][0][2] >= times[-1]
    assert pad.picture().startswith(b"\x89PNG")
    pad.clear()
    assert pad.is_empty() and pad.strokes == ()


def _confirmed_signed(qtbot, store: StudyStore, **kwargs) -> tuple[ConsentPage, str]:
    key = _interview(store, **kwargs.pop("details", {}))
    page = _page(qtbot, store, key, **kwargs)
    # One "no" on each form: the shipped form asks no audio, the test-only Arabic pack (v1.0) does.
    _answer(qtbot, page, refuse=("case_study", "audio_recording"))
    _choose(qtbot, page.entry.signed)
    _sign(qtbot, page.entry.pad, [(40, 100), (80, 70), (120, 110)])
    if page.entry.interpreted is not None:
        page.entry.interpreted.setChecked(True)
    _choose_researcher(page)
    qtbot.mouseClick(page.entry.confirm, LEFT)
    assert page.record_view is not None
    return page, key


def _pdf_text(path: Path) -> str:
    """The PDF's text as a reader would get it (pypdf, a test dependency)."""
    from pypdf import PdfReader

    text = " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return " ".join(text.split())  # lines wrap where the page ends them


def test_a_copy_for_the_family_is_a_pdf_with_their_answers(qtbot, store: StudyStore, tmp_path: Path) -> None:
    page, _key = _confirmed_signed(qtbot, store)
    written = page.save_family_copy(tmp_path / "copy.pdf")
    assert written == tmp_path / "copy.pdf"
    data = written.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
    text = _pdf_text(written)
    assert "Taking part in the family study" in text
    assert "Your answers" in text
    assert len(re.findall(r"\bYes\b", text)) == 8 and len(re.findall(r"\bNo\b", text)) == 1
    assert "Signed on screen" in text and "R01 Test Researcher" in text


def test_the_family_copy_is_in_their_language_and_english(qtbot, store: StudyStore, tmp_path: Path) -> None:
    page, _key = _confirmed_signed(
        qtbot, store, resources=rtl_test_library(tmp_path / "rtl-pack"),
        details={"language": "ar", "interpreter_present": True, "interpreter": "INT-7"})
    written = page.save_family_copy(tmp_path / "nested-name")
    assert written.suffix == ".pdf" and written.stat().st_size > 1000
    text = _pdf_text(written)
    assert "Taking part in the family study" in text  # the English half
    assert "INT-7" in text
    # The family's half: two answer tables, so every answer appears twice.
    assert len(re.findall(r"\bYes\b", text)) == 12 and len(re.findall(r"\bNo\b", text)) == 2


def test_a_family_copy_to_a_missing_folder_is_reported(qtbot, store: StudyStore, tmp_path: Path) -> None:
    page, _key = _confirmed_signed(qtbot, store)
    with qtbot.waitSignal(page.reporter.problem) as blocker:
        assert page.save_family_copy(tmp_path / "no-such-folder" / "copy.pdf") is None
    assert "does not exist" in blocker.args[0]


def test_the_form_follows_a_change_of_interview_language(qtbot, store: StudyStore, tmp_path: Path) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key, resources=rtl_test_library(tmp_path / "rtl-pack"))
    assert len(page.entry.sheet.columns) == 1
    page.hide()
    store.update_interview(key, language="ar", interpreter_present=True, interpreter="INT-7")
    page.show()  # as when the researcher comes back from the visit details
    assert [c.form.language for c in page.entry.sheet.columns] == ["ar-x-test", "en"]
    assert page.entry.interpreter_name.text() == "INT-7"


def test_a_record_saved_without_a_picture_shows_one_drawn_from_its_strokes(qtbot, store: StudyStore) -> None:
    from datetime import datetime

    from fieldwork.domain.consent import answers_from_choices, confirm_consent
    from fieldwork.storage.consent_store import save_consent

    key = _interview(store)
    page = _page(qtbot, store, key)
    form = page.choice.form
    record = confirm_consent(
        form, interview_id=key, answers=answers_from_choices(form, {s.statement_id: True for s in form.statements}),
        how_given=HowGiven.SIGNED_ON_SCREEN, signature=[[(10, 10, 0), (50, 40, 30)]],
        researcher_confirmation="R01 Test Researcher", confirmed_at=datetime.now(UTC))
    save_consent(store, record)  # as the demo does: strokes, no picture
    again = _page(qtbot, store, key)
    assert again.record_view.signature is not None


def test_confirming_in_the_workspace_marks_the_step_done(qtbot, store: StudyStore) -> None:
    from fieldwork.ui.main_window import MainWindow

    key = _interview(store)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.open_interview(key)
    workspace = window.workspace
    workspace.navigator.setCurrentRow(workspace.steps.index(InterviewStep.CONSENT))
    page = workspace.page(InterviewStep.CONSENT)
    _answer(qtbot, page)
    _choose(qtbot, page.entry.verbal)
    _choose_researcher(page)
    qtbot.mouseClick(page.entry.confirm, LEFT)
    row = workspace.steps.index(InterviewStep.CONSENT)
    assert workspace.navigator.item(row).text().endswith("Done")
    assert window.save_status.text().startswith("Saved ")


def test_the_signature_pad_records_a_finger(qtbot) -> None:
    from PySide6.QtTest import QTest

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(500, 200)
    pad.show()
    qtbot.waitExposed(pad)
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(20, 30), pad).commit()
    QTest.touchEvent(pad, device).move(0, QPoint(60, 70), pad).commit()
    QTest.touchEvent(pad, device).release(0, QPoint(90, 80), pad).commit()
    [stroke] = pad.strokes
    assert [(x, y) for x, y, _ in stroke][0] == (20, 30)
    assert (90, 80) in [(x, y) for x, y, _ in stroke]


def test_answers_survive_a_change_of_interpreter(qtbot, store: StudyStore) -> None:
    key = _interview(store)
    page = _page(qtbot, store, key)
    _answer(qtbot, page, refuse=("archiving",))
    _choose(qtbot, page.entry.verbal)
    page.hide()
    store.update_interview(key, interpreter_present=True, interpreter="INT-9")
    page.show()
    entry = page.entry
    assert entry.interpreter_name.text() == "INT-9"
    assert entry.choices()["archiving"] is False and len(entry.choices()) == 9
    assert entry.how_given() is HowGiven.VERBAL
    entry.interpreted.setChecked(True)
    _choose_researcher(page)
    qtbot.mouseClick(entry.confirm, LEFT)
    assert current_consent(store, key).interpreter_confirmation == "INT-9"
