"""A child-centred map on screen: who is at the centre, who answers, and whose ties."""

from __future__ import annotations

from fieldwork.ui.network_map.dialogs import PersonDialog
from tests.ui.test_network_map_page import make_page


def test_the_page_names_the_centre_and_who_answers(qtbot, consented_interview):
    store, key = consented_interview
    page = make_page(qtbot, store, key)
    assert page.start_map("Child X", "child")
    text = page.whose_map.text()
    assert "Centre: <b>Child X</b> (a child in focus)" in text
    assert "Answering: <b>not marked yet" in text
    assert "how close each person is to Child X, as the respondent sees it" in text
    mother = page.document.add_person("Mother X", "mother", ring=1, sector="family_household",
                                      is_respondent=True)
    assert mother is not None
    assert "Answering: <b>Mother X</b>" in page.whose_map.text()
    assert store.db["map_people"].get((key, mother.key))["is_respondent"] == 1


def test_the_person_form_asks_whose_ties_on_a_child_centred_map(qtbot, consented_interview):
    store, key = consented_interview
    page = make_page(qtbot, store, key)
    assert page.start_map("Child X", "child")
    dialog = PersonDialog(page.document.network.settings, centre=page.document.network.centre)
    qtbot.addWidget(dialog)
    labels = [dialog.layout().itemAt(i).widget().text() for i in range(dialog.layout().count())
              if hasattr(dialog.layout().itemAt(i).widget(), "text")
              and dialog.layout().itemAt(i).widget().__class__.__name__ == "QLabel"]
    assert "&Relationship to Child X" in labels
    assert "Relationship to the res&pondent" in labels
    assert "&Closeness to the respondent" in labels
    assert "Support the respondent\ncan call on" in labels
    dialog.label.setText("Sister")
    dialog.relationship.setCurrentIndex(dialog.relationship.findData("other_relative"))
    dialog.to_respondent.setCurrentIndex(dialog.to_respondent.findData("sibling"))
    details = dialog.details()
    assert (details["relationship"], details["relationship_to_respondent"]) == (
        "other_relative", "sibling")
    dialog.is_respondent.setChecked(True)
    assert not dialog.to_respondent.isEnabled()
    assert dialog.details()["relationship_to_respondent"] is None


def test_a_respondent_centred_map_asks_no_second_relationship(qtbot, consented_interview):
    store, key = consented_interview
    page = make_page(qtbot, store, key)
    assert page.start_map("Ana", "respondent")
    assert "Answering: <b>Ana</b>" in page.whose_map.text()
    dialog = PersonDialog(page.document.network.settings, centre=page.document.network.centre)
    qtbot.addWidget(dialog)
    assert dialog.details()["is_respondent"] is False
    assert dialog.details()["relationship_to_respondent"] is None
    assert not dialog.is_respondent.isVisibleTo(dialog)
