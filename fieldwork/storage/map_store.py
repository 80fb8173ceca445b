"""An interview's family network map in the study database: every action its own commit.

Owns ``StoredMap``: one interview's ``NetworkMap`` loaded from the database, with one
method per action the researcher takes (add a person, move, change details, put off or
back on the map, remove with their ties, add or remove a tie). Each action is checked by
the model first, then written in one ``store.edit(...)`` transaction; if the write fails
the model is put back, so what is on screen is always what is on disk. Every write asks
``require_consent(..., "network_map")`` first.

Also: starting a map (blank, or a wave-2 map carried forward from the family's earlier
map with the same person keys), the researcher's own support rating, and the change
summary the researcher confirms at wave 2. Qt-free.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, TypeVar

import sqlite_utils

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.map_changes import CHANGE_SUMMARIES
from fieldwork.domain.map_geometry import MapSettings
from fieldwork.domain.map_people import stored_person
from fieldwork.domain.network_map import NetworkMap, Person, RemovedPerson, Tie
from fieldwork.domain.network_map_io import add_checked_person
from fieldwork.domain.network_metrics import SUPPORT_LEVELS
from fieldwork.storage.consent_store import require_consent
from fieldwork.storage.study_store import StudyStore

T = TypeVar("T")
COMPONENT = "network_map"


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _person_row(interview_key: str, p: Person, position: int) -> dict[str, Any]:
    return {
        "interview_key": interview_key, "person_key": p.key, "position": position,
        "label": p.label, "relationship": p.relationship, "relationship_text": p.relationship_text,
        "sector": p.sector, "ring": p.ring, "angle": p.angle, "closeness": p.closeness,
        "frequency": p.frequency, "support": json.dumps(sorted(p.support)),
        "lives_in_household": int(p.lives_in_household), "is_respondent": int(p.is_respondent),
        "note": p.note, "off_map_reason": p.off_map_reason, "off_map_note": p.off_map_note,
        "relationship_to_respondent": p.relationship_to_respondent, "updated_at": _now(),
    }


@lru_cache(maxsize=512)
def _support(stored: str | None) -> frozenset[str]:
    # A study holds a few distinct support lists; an export reads one per person.
    return frozenset(json.loads(stored or "[]"))


PERSON_COLUMNS = ("person_key", "label", "relationship", "sector", "ring", "angle", "relationship_text",
                  "closeness", "frequency", "support", "lives_in_household", "note", "off_map_reason",
                  "off_map_note", "is_respondent", "relationship_to_respondent")
"""The ``map_people`` columns a person is made from, in the order ``person_from_values`` takes."""


def person_from_values(values: Sequence[Any]) -> Person:
    """A stored person from its ``PERSON_COLUMNS`` values (what the export reads, a row at a time)."""
    (key, label, relationship, sector, ring, angle, relationship_text, closeness, frequency, support,
     lives_in_household, note, off_map_reason, off_map_note, is_respondent, relationship_to_respondent) = values
    return stored_person(  # by position, Person's field order: 30,000 people for 1,000 maps
        key, label, relationship, sector, ring, angle, relationship_text or "", closeness, frequency,
        _support(support), bool(lives_in_household), note or "", off_map_reason, off_map_note or "",
        bool(is_respondent), relationship_to_respondent)


def person_from_row(row: dict[str, Any]) -> Person:
    """A stored ``map_people`` row as the model's person."""
    return person_from_values([row.get(column) for column in PERSON_COLUMNS])


@dataclass(frozen=True)
class MapJudgements:
    """What the researcher decided about the map as a whole (None: not yet)."""

    support_level: str | None = None
    support_note: str = ""
    change_summary: str | None = None
    proposed_change_summary: str | None = None
    change_summary_note: str = ""
    carried_from: str | None = None


def has_map(store: StudyStore, interview_key: str) -> bool:
    return store.db["network_maps"].count_where("interview_key = ?", [interview_key]) > 0


def load_map(store: StudyStore, interview_key: str) -> NetworkMap | None:
    """The interview's map as stored, checked again by the model; None if it has none."""
    rows = list(store.db["network_maps"].rows_where("interview_key = ?", [interview_key]))
    if not rows:
        return None
    head = rows[0]
    network = NetworkMap(head["centre_label"], centre_role=head["centre_role"],
                         centre_key=head["centre_key"], ties_meaning=head["ties_meaning"],
                         settings=MapSettings.from_dict(json.loads(head["settings"])))
    for row in store.db["map_people"].rows_where(
            "interview_key = ?", [interview_key], order_by="position"):
        add_checked_person(network, person_from_row(row))
    for row in store.db["map_ties"].rows_where("interview_key = ?", [interview_key]):
        network.add_tie(row["person_a"], row["person_b"], row["closeness"])
    return network


def earlier_map_interview(store: StudyStore, interview_key: str) -> str | None:
    """The family's latest earlier-wave interview that has a map, or None."""
    interview = store.interview(interview_key)
    earlier = [i for i in store.interviews_of(interview.family_key)
               if i.wave < interview.wave and has_map(store, i.key)]
    return earlier[-1].key if earlier else None


class StoredMap:
    """One interview's map, in memory and in the database, changed one committed action at a time."""

    def __init__(self, store: StudyStore, interview_key: str, network: NetworkMap) -> None:
        self.store, self.interview_key, self.network = store, interview_key, network

    # -- opening and starting ------------------------------------------------------------

    @classmethod
    def open(cls, store: StudyStore, interview_key: str) -> StoredMap | None:
        network = load_map(store, interview_key)
        return None if network is None else cls(store, interview_key, network)

    @classmethod
    def start(cls, store: StudyStore, interview_key: str, centre_label: str,
              centre_role: str = "respondent", settings: MapSettings | None = None) -> StoredMap:
        """A new, empty map with the centre person chosen at the start."""
        return cls.save_new(store, interview_key, NetworkMap(
            centre_label, centre_role=centre_role, settings=settings))

    @classmethod
    def carry_forward(cls, store: StudyStore, interview_key: str) -> StoredMap:
        """Start this interview's map from the family's earlier map: same people, same keys."""
        earlier = earlier_map_interview(store, interview_key)
        if earlier is None:
            raise InvalidInput("network map", "this family has no map from an earlier wave to start from.")
        network = load_map(store, earlier)
        assert network is not None
        return cls.save_new(store, interview_key, network.carried_forward(), carried_from=earlier)

    @classmethod
    def save_new(cls, store: StudyStore, interview_key: str, network: NetworkMap,
                 carried_from: str | None = None) -> StoredMap:
        """Write a whole map for an interview that has none yet, in one transaction."""
        store.interview(interview_key)
        require_consent(store, interview_key, COMPONENT)
        if has_map(store, interview_key):
            raise InvalidInput("network map", "this interview already has a map.")
        c = network.centre
        with store.edit("network map started") as db:
            db["network_maps"].insert({
                "interview_key": interview_key, "centre_key": c.key, "centre_label": c.label,
                "centre_role": c.role, "settings": json.dumps(network.settings.to_dict()),
                "ties_meaning": network.ties_meaning,
                "carried_from": carried_from, "created_at": _now(), "updated_at": _now(),
            })
            db["map_people"].insert_all(
                [_person_row(interview_key, p, n) for n, p in enumerate(network.people())])
            db["map_ties"].insert_all(
                [{"interview_key": interview_key, "person_a": t.a, "person_b": t.b,
                  "closeness": t.closeness} for t in network.ties()])
        return cls(store, interview_key, network)

    # -- one action, one commit ------------------------------------------------------------

    def _act(self, what: str, change: Callable[[], T], undo: Callable[[T], None],
             write: Callable[[sqlite_utils.Database, T], None]) -> T:
        """Check consent, change the model (which checks the values), then commit; if the
        commit fails, undo the model change and let the error through."""
        require_consent(self.store, self.interview_key, COMPONENT)
        result = change()
        try:
            with self.store.edit(what) as db:
                write(db, result)
                db["network_maps"].update(self.interview_key, {"updated_at": _now()})
        except BaseException:
            undo(result)
            raise
        return result

    def _next_position(self, db: sqlite_utils.Database) -> int:
        row = db.execute("SELECT max(position) FROM map_people WHERE interview_key = ?",
                         [self.interview_key]).fetchone()
        return 0 if row[0] is None else row[0] + 1

    def _write_person(self, db: sqlite_utils.Database, person: Person) -> None:
        table = db["map_people"]
        pk = (self.interview_key, person.key)
        try:
            position = table.get(pk)["position"]
        except sqlite_utils.db.NotFoundError:
            position = self._next_position(db)
        table.upsert(_person_row(self.interview_key, person, position),
                     pk=("interview_key", "person_key"))

    def add_person(self, label: str, relationship: str, **details: Any) -> Person:
        """Name someone: on the map (ring, sector, angle) or off it (off_map_reason)."""
        return self._act(
            f"{label.strip() or 'person'} added to the map",
            lambda: self.network.add_person(label, relationship, **details),
            lambda p: self.network.remove_person(p.key),
            self._write_person)

    def add_person_record(self, person: Person) -> Person:
        """Put back a whole person record with its key (the redo of an add)."""
        return self._act(
            f"{person.label} added to the map",
            lambda: add_checked_person(self.network, person),
            lambda p: self.network.remove_person(p.key),
            self._write_person)

    def replace_person(self, person: Person, what: str = "") -> Person:
        """Store a whole person record (move, new details, off or on the map, or an undo);
        returns the record it replaced."""
        def write(db: sqlite_utils.Database, _before: Person) -> None:
            self._write_person(db, self.network.person(person.key))
        return self._act(what or f"{person.label} changed",
                         lambda: self.network.replace_person(person),
                         self.network.replace_person, write)

    def move_person(self, key: str, ring: int, sector: str, angle: float) -> Person:
        before = self.network.person(key)
        return self._act(
            f"{before.label} moved to ring {ring}",
            lambda: self.network.move_person(key, ring, sector, angle),
            self.network.replace_person,
            lambda db, _b: self._write_person(db, self.network.person(key)))

    def update_person(self, key: str, **changes: Any) -> Person:
        before = self.network.person(key)
        return self._act(
            f"{before.label} changed",
            lambda: self.network.update_person(key, **changes),
            self.network.replace_person,
            lambda db, _b: self._write_person(db, self.network.person(key)))

    def put_off_map(self, key: str, reason: str, note: str = "") -> Person:
        before = self.network.person(key)
        return self._act(
            f"{before.label} kept off the map",
            lambda: self.network.put_off_map(key, reason, note),
            self.network.replace_person,
            lambda db, _b: self._write_person(db, self.network.person(key)))

    def remove_person(self, key: str) -> RemovedPerson:
        """Take someone off the record with all their ties, in one commit."""
        def write(db: sqlite_utils.Database, removed: RemovedPerson) -> None:
            db.execute("DELETE FROM map_ties WHERE interview_key = ? AND (person_a = ? OR person_b = ?)",
                       [self.interview_key, key, key])
            db.execute("DELETE FROM map_people WHERE interview_key = ? AND person_key = ?",
                       [self.interview_key, key])
        return self._act(f"{self.network.person(key).label} removed",
                         lambda: self.network.remove_person(key),
                         self.network.restore_removed, write)

    def restore_removed(self, removed: RemovedPerson) -> None:
        """Undo ``remove_person``: the same person, key and ties, in one commit."""
        def write(db: sqlite_utils.Database, _none: None) -> None:
            self._write_person(db, removed.person)
            for tie in removed.ties:
                self._write_tie(db, tie)
        self._act(f"{removed.person.label} put back",
                  lambda: self.network.restore_removed(removed),
                  lambda _none: self.network.remove_person(removed.person.key), write)

    def _write_tie(self, db: sqlite_utils.Database, tie: Tie) -> None:
        db["map_ties"].upsert({"interview_key": self.interview_key, "person_a": tie.a,
                               "person_b": tie.b, "closeness": tie.closeness},
                              pk=("interview_key", "person_a", "person_b"))

    def add_tie(self, a: str, b: str, closeness: str) -> Tie:
        return self._act("tie added", lambda: self.network.add_tie(a, b, closeness),
                         lambda t: self.network.remove_tie(t.a, t.b), self._write_tie)

    def remove_tie(self, a: str, b: str) -> Tie:
        def write(db: sqlite_utils.Database, tie: Tie) -> None:
            db.execute("DELETE FROM map_ties WHERE interview_key = ? AND person_a = ? AND person_b = ?",
                       [self.interview_key, tie.a, tie.b])
        return self._act("tie removed", lambda: self.network.remove_tie(a, b),
                         lambda t: self.network.add_tie(t.a, t.b, t.closeness), write)

    def change_tie_closeness(self, a: str, b: str, closeness: str) -> Tie:
        return self._act("tie changed", lambda: self.network.change_tie_closeness(a, b, closeness),
                         lambda t: self.network.change_tie_closeness(t.a, t.b, t.closeness),
                         lambda db, t: self._write_tie(db, self.network.tie(t.a, t.b)))

    # -- the researcher's judgements ----------------------------------------------------------

    def judgements(self) -> MapJudgements:
        row = self.store.db["network_maps"].get(self.interview_key)
        return MapJudgements(
            support_level=row["researcher_support_level"],
            support_note=row["researcher_support_note"] or "",
            change_summary=row["change_summary"],
            proposed_change_summary=row["proposed_change_summary"],
            change_summary_note=row["change_summary_note"] or "",
            carried_from=row["carried_from"],
        )

    def rate_support(self, level: str | None, note: str = "") -> None:
        """The researcher's own support rating (kept beside the suggested one); None clears it."""
        if level is not None and level not in SUPPORT_LEVELS:
            raise InvalidInput("support rating", f"'{level}' is not one of {', '.join(SUPPORT_LEVELS)}.")
        self._write_judgement("support rating", researcher_support_level=level,
                              researcher_support_note=note.strip())

    def confirm_change_summary(self, summary: str | None, proposed: str | None, note: str = "") -> None:
        """The change since the earlier wave as the researcher confirms it (or overrides the
        proposal); the proposal is kept beside it."""
        for value in (summary, proposed):
            if value is not None and value not in CHANGE_SUMMARIES:
                raise InvalidInput("change summary", f"'{value}' is not one of {', '.join(CHANGE_SUMMARIES)}.")
        self._write_judgement("change summary", change_summary=summary,
                              proposed_change_summary=proposed, change_summary_note=note.strip())

    def _write_judgement(self, what: str, **values: Any) -> None:
        require_consent(self.store, self.interview_key, COMPONENT)
        with self.store.edit(what) as db:
            db["network_maps"].update(self.interview_key, {**values, "updated_at": _now()})
