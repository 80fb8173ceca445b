"""The records of a family network map: the centre, a person named, a tie, a removal.

Owns ``Centre``, ``Person`` (frozen: a change replaces the record, so undo keeps the
old one), ``Tie``, ``RemovedPerson`` and the small checks every record needs (text, keys).
``network_map.NetworkMap`` holds them in its graph and checks them against its code lists
and settings; they are re-exported there, so ``from fieldwork.domain.network_map import
Person`` works.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.map_geometry import Placement
from fieldwork.domain.network_codes import PROFESSIONAL_RELATIONSHIPS

__all__ = ["UPDATABLE", "Centre", "Person", "RemovedPerson", "Tie", "checked_text", "new_key"]


def checked_text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(what, "must be text.")
    return value.strip()


def new_key(key: str | None, what: str = "person key") -> str:
    if key is None:
        return str(uuid.uuid4())
    try:
        return str(uuid.UUID(str(key)))
    except ValueError:
        raise InvalidInput(what, f"'{key}' is not a UUID.") from None


@dataclass(frozen=True)
class Centre:
    """The person in the middle of the map: the respondent, or the child in focus."""

    key: str
    label: str
    role: str = "respondent"


@dataclass(frozen=True)
class Person:
    """One person named by the respondent, as recorded; replaced (never mutated) on change.

    Off the map (``off_map_reason`` set) ``ring`` and ``angle`` are ``None``; the sector
    is kept so the kind of person is still known.
    ``closeness``/``frequency`` are ``None`` until asked; ``support`` empty until asked.
    ``relationship`` is to the centre; ``relationship_to_respondent`` (None: not recorded)
    is kept only on maps whose centre is not the respondent, for everyone but the respondent.
    """

    key: str
    label: str
    relationship: str
    sector: str
    ring: int | None
    angle: float | None
    relationship_text: str = ""
    closeness: str | None = None
    frequency: str | None = None
    support: frozenset[str] = frozenset()
    lives_in_household: bool = False
    note: str = ""
    off_map_reason: str | None = None
    off_map_note: str = ""
    is_respondent: bool = False
    relationship_to_respondent: str | None = None

    @property
    def on_map(self) -> bool:
        return self.off_map_reason is None

    @property
    def placement(self) -> Placement | None:
        if not self.on_map:
            return None
        assert self.ring is not None and self.angle is not None
        return Placement(self.ring, self.sector, self.angle)

    @property
    def is_professional(self) -> bool:
        """A professional by role or by where the respondent put them."""
        return self.relationship in PROFESSIONAL_RELATIONSHIPS or self.sector == "professionals"


def stored_person(key: str, label: str, relationship: str, sector: str, ring: int | None,
                  angle: float | None, relationship_text: str, closeness: str | None,
                  frequency: str | None, support: frozenset[str], lives_in_household: bool, note: str,
                  off_map_reason: str | None, off_map_note: str, is_respondent: bool,
                  relationship_to_respondent: str | None) -> Person:
    """A ``Person`` from every one of its fields as stored (the store checked them when it
    wrote them), made without the frozen dataclass's ``__init__``, which sets each of the
    sixteen fields through ``object.__setattr__`` (a fifth of reading 1,000 maps for an
    export), and without a dict of keywords to check (half of what was left): its fields
    are given into the person's own attribute dict. The person is equal to one made the
    usual way, and the parameters are ``Person``'s fields (the tests check both)."""
    person = object.__new__(Person)
    object.__setattr__(person, "__dict__", {
        "key": key, "label": label, "relationship": relationship, "sector": sector, "ring": ring,
        "angle": angle, "relationship_text": relationship_text, "closeness": closeness,
        "frequency": frequency, "support": support, "lives_in_household": lives_in_household,
        "note": note, "off_map_reason": off_map_reason, "off_map_note": off_map_note,
        "is_respondent": is_respondent, "relationship_to_respondent": relationship_to_respondent})
    return person


@dataclass(frozen=True)
class Tie:
    """A tie between two people other than the centre; ``a`` < ``b`` so a tie has one form."""

    a: str
    b: str
    closeness: str


@dataclass(frozen=True)
class RemovedPerson:
    """What ``remove_person`` took out, so an undo can put back the person and their ties."""

    person: Person
    ties: tuple[Tie, ...] = field(default_factory=tuple)


# The fields update_person may change; placement and off-map state have their own calls.
UPDATABLE = frozenset({
    "label", "relationship", "relationship_text", "closeness", "frequency", "support",
    "lives_in_household", "note", "off_map_note", "is_respondent", "relationship_to_respondent",
})
