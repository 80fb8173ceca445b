"""The consent step chooses the form by wave and mode: wave-2 form at wave 2, telephone form
(verbal consent only) by telephone, an easy-read version offered beside the standard one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from fieldwork.domain.consent import HowGiven
from fieldwork.domain.consent_forms import CONSENT_FORMS_FOLDER
from fieldwork.domain.resource_loading import load_consent_forms
from fieldwork.storage.consent_store import current_consent, save_records_audio
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.consent import ConsentPage
from fieldwork.ui.consent.form_choice import choose_form
from fieldwork.ui.save_status import SaveReporter

LEFT = Qt.MouseButton.LeftButton
TEST_FORMS = Path(__file__).resolve().parents[1] / "data" / "consent" / "extra"


def _forms():
    forms, errors = load_consent_forms(CONSENT_FORMS_FOLDER)
    assert errors == []
    return forms


def test_the_form_follows_the_wave_and_the_mode() -> None:
    forms = _forms()
    assert choose_form("en", forms, wave=1, mode="in_person").form.form_id == "family-interview"
    assert choose_form("en", forms, wave=2, mode="in_person").form.form_id == "family-interview-wave2"
    by_phone = choose_form("en", forms, wave=2, mode="telephone")
    assert by_phone.form.form_id == "family-interview-telephone"
    assert by_phone.ways == (HowGiven.VERBAL,)
    assert "recontact" not in by_phone.form.components  # a second interview is asked for at wave 1 only
    assert "recontact" in choose_form("en", forms, wave=1, mode="telephone").form.components
    assert choose_form("en", forms, wave=1, mode="in_person").easy_read.form.form_id == \
        "family-interview-easy-read"
    assert all(not f.retired for f in (choose_form("en", forms, wave=w, mode=m).form
                                       for w in (1, 2, 3) for m in ("in_person", "telephone")))


def _page(qtbot, store: StudyStore, **details) -> tuple[ConsentPage, str]:
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key, **details)
    page = ConsentPage(store, SaveReporter(store), interview.key)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    return page, interview.key


def test_by_telephone_only_verbal_consent_is_offered(qtbot, store: StudyStore) -> None:
    page, key = _page(qtbot, store, mode="telephone")
    entry = page.entry
    assert entry.form.form_id == "family-interview-telephone"
    assert not entry.signed.isVisible() and not entry.signed.isEnabled()
    assert entry.verbal.isVisible() and entry.how_given() is HowGiven.VERBAL
    assert not entry.signature_area.isVisible()
    sheet = " ".join(entry.form.information_sheet).lower()
    assert "we will visit you" not in sheet and "about an hour" not in sheet
    for row in entry.rows:
        qtbot.mouseClick(row.yes, LEFT)
    entry.researcher.setCurrentIndex(0)
    qtbot.mouseClick(entry.confirm, LEFT)
    record = current_consent(store, key)
    assert record.form_id == "family-interview-telephone" and record.how_given is HowGiven.VERBAL


def test_the_wave_2_form_is_chosen_at_wave_2(qtbot, store: StudyStore) -> None:
    family = store.add_family(site="Borough A")
    store.add_interview(family.key)
    wave2 = store.add_interview(family.key)
    assert wave2.wave == 2
    page = ConsentPage(store, SaveReporter(store), wave2.key)
    qtbot.addWidget(page)
    assert page.entry.form.form_id == "family-interview-wave2"
    assert "recontact" not in [row.statement.component for row in page.entry.rows]
    assert page.entry.signed.isEnabled()  # in person both ways are offered


def test_the_easy_read_version_can_be_chosen_and_is_what_the_record_names(qtbot, store: StudyStore) -> None:
    page, key = _page(qtbot, store)
    entry = page.entry
    assert entry.easy_read_switch is not None and entry.form.form_id == "family-interview"
    qtbot.mouseClick(entry.rows[0].yes, LEFT)
    entry.easy_read_switch.setChecked(True)
    assert entry.form.form_id == "family-interview-easy-read"
    assert entry.rows[0].answer() is True  # what was answered stays
    assert "I want to take part in the talk." in entry.rows[0].statement.text
    for row in entry.rows[1:]:
        qtbot.mouseClick(row.yes, LEFT)
    entry.verbal.setChecked(True)
    entry.researcher.setCurrentIndex(0)
    qtbot.mouseClick(entry.confirm, LEFT)
    assert current_consent(store, key).form_id == "family-interview-easy-read"


def test_audio_is_asked_only_in_a_study_that_records_audio(qtbot, store: StudyStore, tmp_path: Path) -> None:
    from fieldwork.domain.resource_library import load_resource_library

    # A resources folder whose only consent form is the test form (with an audio component).
    shutil.copytree(CONSENT_FORMS_FOLDER.parent / "schemas", tmp_path / "resources" / "schemas")
    (tmp_path / "resources" / "consent").mkdir()
    shutil.copy(TEST_FORMS / "school-study.en.json", tmp_path / "resources" / "consent")
    library = load_resource_library(tmp_path / "resources")
    assert library.errors_of("consent") == []
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key)
    page = ConsentPage(store, SaveReporter(store), interview.key, resources=library)
    qtbot.addWidget(page)
    assert page.entry.form.form_id == "school-study"
    assert "audio_recording" not in [row.statement.component for row in page.entry.rows]
    save_records_audio(store, True)
    again = ConsentPage(store, SaveReporter(store), interview.key, resources=library)
    qtbot.addWidget(again)
    assert "audio_recording" in [row.statement.component for row in again.entry.rows]


def _study_folder(tmp_path: Path, *forms: dict) -> Path:
    """A study's own resources folder holding ``forms`` (as their documents) in consent/."""
    folder = tmp_path / "study-resources"
    (folder / "consent").mkdir(parents=True)
    for document in forms:
        name = f"{document['form_id']}.{document['language']}.json"
        (folder / "consent" / name).write_text(json.dumps(document), encoding="utf-8")
    return folder


def _school_form(**changes) -> dict:
    document = json.loads((TEST_FORMS / "school-study.en.json").read_text(encoding="utf-8"))
    document.pop("used_for", None)
    return {**document, **changes}


def test_a_study_s_own_general_form_is_offered_at_every_wave_and_mode(qtbot, store: StudyStore,
                                                                      tmp_path: Path) -> None:
    from fieldwork.domain.resource_library import load_resource_library
    from fieldwork.storage.study_resources import save_study_resources_folder
    from fieldwork.ui.consent.form_choice import choose_form_for

    folder = _study_folder(tmp_path, _school_form())  # says nothing of waves or modes
    library = load_resource_library(None, folder)
    assert library.errors_of("consent") == []
    family = store.add_family(site="Borough A")
    first = store.add_interview(family.key)
    second = store.add_interview(family.key, mode="telephone")
    for interview in (first, second):
        choice = choose_form_for(interview, library.consent_forms, study_forms=library.study_consent_forms)
        assert choice.form.form_id == "school-study"
        assert choice.easy_read is None  # the shipped easy-read text is not the study's
    # What the researcher sees, with the folder set as the study's own.
    save_study_resources_folder(store, folder)
    page = ConsentPage(store, SaveReporter(store), second.key)
    qtbot.addWidget(page)
    assert page.entry.form.form_id == "school-study"
    assert page.entry.how_given() is HowGiven.VERBAL  # by telephone still only verbal


def test_shipped_forms_are_offered_only_where_the_study_has_none_that_fits(tmp_path: Path) -> None:
    from fieldwork.domain.resource_library import load_resource_library
    from fieldwork.ui.consent.form_choice import choose_form

    folder = _study_folder(tmp_path, _school_form(used_for={"waves": [1]}))
    library = load_resource_library(None, folder)
    own = library.study_consent_forms
    assert own == frozenset({"school-study"})

    def chosen(wave: int, mode: str) -> str:
        return choose_form("en", library.consent_forms, wave=wave, mode=mode, study_forms=own).form.form_id

    assert chosen(1, "in_person") == "school-study" and chosen(1, "telephone") == "school-study"
    assert chosen(2, "in_person") == "family-interview-wave2"
    assert chosen(2, "telephone") == "family-interview-telephone"


def test_a_translation_of_a_shipped_form_is_not_a_study_form_of_its_own(tmp_path: Path) -> None:
    from fieldwork.ui.consent.form_choice import choose_form
    from tests.support.resource_packs import rtl_test_library

    library = rtl_test_library(tmp_path / "pack")
    assert library.study_consent_forms == frozenset()
    own = library.study_consent_forms
    assert choose_form("en", library.consent_forms, wave=1, mode="in_person",
                       study_forms=own).form.form_id == "family-interview"
    translated = choose_form("ar-x-test", library.consent_forms, wave=1, mode="in_person", study_forms=own)
    assert translated.form.language == "ar-x-test" and translated.two_columns
