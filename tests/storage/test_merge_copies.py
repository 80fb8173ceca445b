"""Plain file copies of one study, edited on two laptops and merged: nothing is lost.

Each test copies a real encrypted study file (as researchers copy them), edits each copy
through the stores the app uses, merges the copies into a team study, and looks at what
the team study holds.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from fieldwork.storage.answer_store import AnswerStore, load_shipped_instruments
from fieldwork.storage.map_store import StoredMap
from fieldwork.storage.study_merge import create_team_database, merge_source, open_source
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE


@dataclass
class Copies:
    a: StudyStore
    b: StudyStore
    team: StudyStore
    family_key: str
    interview_key: str
    administration_key: str

    def merge(self, *which: str) -> list:
        reports = []
        for name in which:
            store = self.a if name == "a" else self.b
            source = open_source(store.path, PASSPHRASE)
            try:
                reports.append(merge_source(self.team, source, f"laptop-{name}.db"))
            finally:
                source.close()
        return reports


@pytest.fixture
def copies(tmp_path: Path) -> Iterator[Copies]:
    from fieldwork.demo import write_demo_study

    original = tmp_path / "study.db"
    write_demo_study(original, PASSPHRASE).close()
    shutil.copy(original, tmp_path / "laptop-a.db")
    shutil.copy(original, tmp_path / "laptop-b.db")
    a = StudyStore.open(tmp_path / "laptop-a.db", PASSPHRASE)
    b = StudyStore.open(tmp_path / "laptop-b.db", PASSPHRASE)
    team = create_team_database(tmp_path / "team.db", PASSPHRASE, "Team study")
    family = next(s.family for s in a.family_summaries() if s.family.code == "F001")
    interview = next(i for i in a.interviews_of(family.key) if i.wave == 1)
    administration = a.db.execute("SELECT key FROM instrument_administrations WHERE interview_key = ? "
                                  "AND instrument_id = 'score15'", [interview.key]).fetchone()[0]
    yield Copies(a, b, team, family.key, interview.key, administration)
    for store in (a, b, team):
        store.close()


def answers(store: StudyStore) -> AnswerStore:
    instruments, _errors = load_shipped_instruments()
    return AnswerStore(store, instruments)


def person_key(store: StudyStore, interview_key: str, label: str) -> str:
    return store.db.execute("SELECT person_key FROM map_people WHERE interview_key = ? AND label = ?",
                            [interview_key, label]).fetchone()[0]


def first_person_with_a_tie(store: StudyStore, interview_key: str) -> tuple[str, str]:
    key, label = store.db.execute(
        "SELECT p.person_key, p.label FROM map_people p JOIN map_ties t ON t.interview_key = "
        "p.interview_key AND p.person_key IN (t.person_a, t.person_b) WHERE p.interview_key = ? "
        "ORDER BY p.position LIMIT 1", [interview_key]).fetchone()
    return key, label


def edit_everything(store: StudyStore, c: Copies, word: str, ring: int, code: int, person: str) -> None:
    store.update_family(c.family_key, notes=f"Family notes from {word}")
    store.update_interview(c.interview_key, closing_notes=f"Closing notes from {word}")
    stored = StoredMap.open(store, c.interview_key)
    assert stored is not None
    here = stored.network.person(person)
    stored.move_person(person, ring, here.sector, here.angle)
    answers(store).answer(c.administration_key, "score15_04", code)


def test_copies_that_changed_the_same_records_are_conflicts_with_both_values(copies: Copies) -> None:
    person, label = first_person_with_a_tie(copies.a, copies.interview_key)
    assert copies.a.db.execute("SELECT ring FROM map_people WHERE person_key = ?", [person]
                               ).fetchone() == (1,)
    was = copies.a.db.execute("SELECT answer_code FROM instrument_answers WHERE administration_key = ? "
                              "AND item_id = 'score15_04'", [copies.administration_key]).fetchone()[0]
    code_a, code_b = [c for c in (1, 2, 3, 4, 5) if str(c) != was][:2]
    edit_everything(copies.a, copies, "laptop A", 2, code_a, person)
    edit_everything(copies.b, copies, "laptop B", 3, code_b, person)
    copies.b.update_family(next(s.family.key for s in copies.b.family_summaries()
                                if s.family.code == "F003"), notes="Only B touched F003")
    first, second = copies.merge("a", "b")
    assert first.conflicts == []
    assert sorted(c.table for c in second.conflicts) == [
        "families", "instrument_answers", "interviews", "map_people"]
    # The team keeps the first copy's version; a change made in one copy only comes in.
    team = copies.team
    assert team.family(copies.family_key).notes == "Family notes from laptop A"
    assert team.interview(copies.interview_key).closing_notes == "Closing notes from laptop A"
    assert {s.family.code: s.family.notes for s in team.family_summaries()}["F003"] == "Only B touched F003"

    from fieldwork.storage.merge_conflicts import conflicts

    found = {c.table: c for c in conflicts(team.db)}
    notes = found["families"]
    assert (notes.family_code, notes.fields) == ("F001", ("notes",))
    assert "Family notes from laptop A" in notes.team_text
    assert "Family notes from laptop B" in notes.other_text
    assert notes.source == "laptop-b.db" and notes.other_at and notes.team_at
    researchers = {r.name for r in team.researchers()}
    assert notes.other_by in researchers and notes.team_by in researchers
    closing = found["interviews"]
    assert (closing.wave, closing.fields) == (1, ("closing_notes",))
    assert "Closing notes from laptop B" in closing.other_text
    moved = found["map_people"]
    assert label in moved.what and moved.fields == ("ring",)
    assert (moved.team_value["ring"], moved.other_value["ring"]) == (2, 3)
    item = found["instrument_answers"]
    assert "score15 item score15_04" in item.what and item.fields == ("answer_code",)
    assert (item.team_value["answer_code"], item.other_value["answer_code"]) == (str(code_a), str(code_b))


def test_merging_a_copy_again_changes_nothing_and_raises_no_new_conflict(copies: Copies) -> None:
    copies.a.update_family(copies.family_key, notes="A")
    copies.b.update_family(copies.family_key, notes="B")
    copies.merge("a", "b")
    tables = ("families", "merge_conflicts", "row_changes", "row_heads")
    before = {t: copies.team.db.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    again_a, again_b = copies.merge("a", "b")
    assert again_a.conflicts == again_b.conflicts == []
    assert again_b.waiting == 1 and "still wait for a choice" in again_b.summary()
    assert {t: copies.team.db.execute(f"SELECT * FROM {t}").fetchall() for t in tables} == before


def test_choosing_the_other_value_writes_it_and_settles_the_conflict(copies: Copies) -> None:
    from fieldwork.storage.merge_conflicts import conflicts, take_other_value

    copies.a.update_family(copies.family_key, notes="A")
    copies.b.update_family(copies.family_key, notes="B")
    copies.merge("a", "b")
    (conflict,) = conflicts(copies.team.db)
    take_other_value(copies.team, conflict.id)
    assert copies.team.family(copies.family_key).notes == "B"
    assert conflicts(copies.team.db) == []
    settled = conflicts(copies.team.db, settled=True)
    assert [(c.id, c.choice) for c in settled] == [(conflict.id, "other")]
    # Neither copy raises it again; a later edit on B, made on top of B's value, comes in.
    assert [r.conflicts for r in copies.merge("a", "b")] == [[], []]
    copies.b.update_family(copies.family_key, notes="B, later")
    (report,) = copies.merge("b")
    assert report.conflicts == [] and copies.team.family(copies.family_key).notes == "B, later"
    # A's next edit was made on top of A's value, which the team did not keep: a conflict.
    copies.a.update_family(copies.family_key, notes="A, later")
    (report,) = copies.merge("a")
    assert len(report.conflicts) == 1


def test_keeping_the_team_value_settles_it_for_good(copies: Copies) -> None:
    from fieldwork.storage.merge_conflicts import conflicts, keep_team_value

    copies.a.update_family(copies.family_key, notes="A")
    copies.b.update_family(copies.family_key, notes="B")
    copies.merge("a", "b")
    (conflict,) = conflicts(copies.team.db)
    keep_team_value(copies.team, conflict.id)
    assert copies.team.family(copies.family_key).notes == "A"
    assert [r.conflicts for r in copies.merge("b", "a")] == [[], []]
    assert copies.team.family(copies.family_key).notes == "A"


def test_a_person_removed_on_one_laptop_is_removed_from_the_team_map_with_her_tie(copies: Copies) -> None:
    copies.merge("a", "b")
    person, _label = first_person_with_a_tie(copies.a, copies.interview_key)
    ties = copies.team.db.execute("SELECT count(*) FROM map_ties WHERE interview_key = ? AND ? IN "
                                  "(person_a, person_b)", [copies.interview_key, person]).fetchone()[0]
    assert ties >= 1
    stored = StoredMap.open(copies.a, copies.interview_key)
    assert stored is not None
    stored.remove_person(person)
    (report,) = copies.merge("a")
    people = copies.team.db.execute("SELECT count(*) FROM map_people WHERE person_key = ? AND "
                                    "interview_key = ?", [person, copies.interview_key]).fetchone()[0]
    left = copies.team.db.execute("SELECT count(*) FROM map_ties WHERE interview_key = ? AND ? IN "
                                  "(person_a, person_b)", [copies.interview_key, person]).fetchone()[0]
    assert (people, left) == (0, 0)
    assert report.conflicts == [] and report.removed["map_people"] == 1
    assert report.removed["map_ties"] == ties
    # The other laptop, which never saw the removal, does not bring her back.
    (report,) = copies.merge("b")
    assert report.added["map_people"] == 0 and report.conflicts == []
    assert copies.team.db["map_people"].count_where("person_key = ? AND interview_key = ?",
                                                    [person, copies.interview_key]) == 0


def test_a_tie_removed_on_a_laptop_is_removed_in_the_team_study(copies: Copies) -> None:
    copies.merge("a")
    a, b = copies.a.db.execute("SELECT person_a, person_b FROM map_ties WHERE interview_key = ? "
                               "LIMIT 1", [copies.interview_key]).fetchone()
    stored = StoredMap.open(copies.b, copies.interview_key)
    assert stored is not None
    stored.remove_tie(a, b)
    (report,) = copies.merge("b")
    assert copies.team.db["map_ties"].count_where(
        "interview_key = ? AND person_a = ? AND person_b = ?", [copies.interview_key, a, b]) == 0
    assert report.removed["map_ties"] == 1


def test_removed_on_one_copy_and_changed_on_the_other_is_a_conflict(copies: Copies) -> None:
    from fieldwork.storage.merge_conflicts import conflicts, take_other_value

    person, _label = first_person_with_a_tie(copies.a, copies.interview_key)
    stored = StoredMap.open(copies.a, copies.interview_key)
    assert stored is not None
    stored.update_person(person, note="Changed on A")
    removed = StoredMap.open(copies.b, copies.interview_key)
    assert removed is not None
    removed.remove_person(person)
    copies.merge("a", "b")
    (conflict,) = [c for c in conflicts(copies.team.db) if c.table == "map_people"]
    assert conflict.other_text == "(removed)" and "Changed on A" in conflict.team_text
    take_other_value(copies.team, conflict.id)
    assert copies.team.db["map_people"].count_where("person_key = ? AND interview_key = ?",
                                                    [person, copies.interview_key]) == 0


def test_erasing_a_family_erases_the_other_versions_kept_for_it(copies: Copies) -> None:
    from fieldwork.storage.withdrawal_store import record_withdrawal

    copies.a.update_family(copies.family_key, notes="Secret A")
    copies.b.update_family(copies.family_key, notes="Secret B")
    copies.merge("a", "b")
    assert copies.team.db["merge_conflicts"].count == 1
    record_withdrawal(copies.team, copies.family_key, date(2016, 3, 1), "whole", "telephone", "erase")
    assert copies.team.db["merge_conflicts"].count == 0
    # A copy that still holds the family brings back neither the family nor a conflict.
    copies.b.update_family(copies.family_key, notes="Secret B, again")
    (report,) = copies.merge("b")
    assert report.conflicts == [] and copies.team.db["merge_conflicts"].count == 0
    assert copies.team.db["families"].count_where("key = ?", [copies.family_key]) == 0


def test_an_answer_cleared_on_a_laptop_is_cleared_in_the_team_study(copies: Copies) -> None:
    administration = copies.administration_key
    # The SCORE-15 form's open question, answered in the study both laptops were copied from.
    answers(copies.a).answer_text(administration, "score15_family_words", "close, busy")
    answers(copies.b).answer_text(administration, "score15_family_words", "close, busy")
    copies.merge("a", "b")
    answers(copies.a).answer_text(administration, "score15_family_words", "")
    (report,) = copies.merge("a")
    assert copies.team.db.execute(
        "SELECT answer_text FROM instrument_answers WHERE administration_key = ? AND item_id = "
        "'score15_family_words'", [administration]).fetchone() in (None, (None,))
    assert report.conflicts == []
    # Laptop B, which still shows the old words, does not bring them back.
    assert copies.merge("b")[0].conflicts == []
    assert copies.team.db.execute(
        "SELECT answer_text FROM instrument_answers WHERE administration_key = ? AND item_id = "
        "'score15_family_words'", [administration]).fetchone() in (None, (None,))
