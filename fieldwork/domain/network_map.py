"""The family network map as data: who was named, where they were placed, and the ties.

Owns ``NetworkMap`` (a ``networkx.Graph`` underneath), its people and ties; the code
lists it checks against live in ``network_codes``, its plain-dict and GraphML forms in
``network_map_io``.
Who is at the centre and who answers are both named: the centre person (the respondent,
or a child in focus) is a node of the graph; when the centre is not the respondent, the
respondent is the person marked ``is_respondent`` (``NetworkMap.respondent``). What a
person's values mean is the map's ``ties_meaning`` (``network_codes.TIES_MEANINGS``): on
every new map the ring is closeness to the centre as the respondent sees it, closeness
and contact are the respondent's own tie, support is what the respondent can call on, and
the relationship is to the centre (``relationship_to_respondent`` too, where they differ).

The centre person is a node of the graph; every
other person named is a node too, keyed by a UUID string that is kept when a wave-1 map
is carried into wave 2. A person's tie to the centre is not an edge: it is the person's
``closeness`` (and ``frequency``). Edges are only the ties between two other people.

People the respondent names but keeps off the map ('he is nowhere on the map') stay in
the model with an ``off_map_reason`` and no ring. Ring, sector and angle are data; the
geometry that turns a drop point into them lives in ``map_geometry``; the rings and
sectors themselves are ``MapSettings`` (defined beside that geometry in ``map_geometry``
and re-exported here, so ``from fieldwork.domain.network_map import MapSettings`` works).

Every change is checked; wrong input raises ``InvalidInput``. Each change returns what
was there before, so an undo command can put it back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import networkx as nx

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.map_geometry import (
    DEFAULT_SECTORS,
    MapSettings,
    Placement,
    SectorSetting,
)
from fieldwork.domain.map_people import UPDATABLE as _UPDATABLE
from fieldwork.domain.map_people import Centre, Person, RemovedPerson, Tie
from fieldwork.domain.map_people import checked_text as _text
from fieldwork.domain.map_people import new_key as _new_key
from fieldwork.domain.network_codes import (
    CENTRE_ROLES,
    CLOSENESS,
    FREQUENCY,
    OFF_MAP_REASONS,
    RELATIONSHIP_SECTORS,
    RELATIONSHIPS,
    RESPONDENT_VIEW,
    SUPPORT,
    TIES_MEANINGS,
    check_code,
)

__all__ = ["DEFAULT_SECTORS", "Centre", "MapSettings", "NetworkMap", "Person", "Placement",
           "RemovedPerson", "SectorSetting", "Tie"]

class NetworkMap:
    """One family network map: the centre, the people named, and the ties between them."""

    def __init__(self, centre_label: str, *, centre_role: str = "respondent",
                 settings: MapSettings | None = None, centre_key: str | None = None,
                 ties_meaning: str = RESPONDENT_VIEW) -> None:
        label = _text(centre_label, "centre person")
        if not label:
            raise InvalidInput("centre person", "needs a name or label.")
        self.ties_meaning = check_code(ties_meaning, TIES_MEANINGS, "whose ties the map records") or ""
        self.settings = settings if settings is not None else MapSettings()
        self.centre = Centre(_new_key(centre_key, "centre key"), label,
                             check_code(centre_role, CENTRE_ROLES, "centre role") or "")
        self._graph = nx.Graph()
        self._graph.add_node(self.centre.key, centre=self.centre)

    def fill_as_stored(self, people: Iterable[Person], ties: Iterable[tuple[str, str, str]]) -> None:
        """Put people and ties (a, b, closeness) on a new, empty map without checking them
        again: the store checked each one when it wrote it. An export reads thousands of
        maps; networkx's own ``add_*_from`` checks cost it a tenth of its time. The map is
        the one ``add_person``/``add_tie`` would give (the tests compare)."""
        if len(self._graph) != 1:
            raise InvalidInput("map", "fill_as_stored fills a new map only.")
        nodes, adjacency = self._graph._node, self._graph._adj  # noqa: SLF001 - networkx's own dicts
        for person in people:
            nodes[person.key] = {"person": person}
            adjacency[person.key] = {}
        for a, b, closeness in ties:
            if a not in nodes or b not in nodes or a == self.centre.key or b == self.centre.key:
                raise InvalidInput("tie", f"the stored tie {a}–{b} joins someone who is not on the map.")
            data = {"closeness": closeness}
            adjacency[a][b] = data
            adjacency[b][a] = data

    # --- reading ---------------------------------------------------------------------
    @property
    def graph(self) -> nx.Graph:
        """A read-only view of the graph: node attribute ``person`` (or ``centre``), edge ``closeness``."""
        return self._graph.copy(as_view=True)

    def people(self) -> list[Person]:
        """Everyone named except the centre, on and off the map, in the order added."""
        # networkx's own node dict, not its data view: an export asks this of each map often.
        return [d["person"] for d in self._graph._node.values() if "person" in d]  # noqa: SLF001

    @property
    def respondent(self) -> Centre | Person | None:
        """Who answers: the centre, the person marked as the respondent, or None (not marked)."""
        if self.centre.role == "respondent":
            return self.centre
        return next((p for p in self.people() if p.is_respondent), None)

    def people_on_map(self) -> list[Person]:
        return [p for p in self.people() if p.on_map]

    def people_off_map(self) -> list[Person]:
        return [p for p in self.people() if not p.on_map]

    def person(self, key: str) -> Person:
        data = self._graph.nodes.get(key)
        if data is None or "person" not in data:
            raise InvalidInput("person", f"no one with key '{key}' is on this map.")
        return data["person"]

    def __contains__(self, key: object) -> bool:
        return key in self._graph and "person" in self._graph.nodes[key]

    def __len__(self) -> int:
        return self._graph.number_of_nodes() - 1

    def ties(self) -> list[Tie]:
        return [Tie(*sorted((a, b)), c) for a, b, c in self._graph.edges(data="closeness")]

    def tie_ends(self) -> list[tuple[str, str, str]]:
        """(a, b, closeness) of every tie, its ends in no set order: ``ties`` without a
        ``Tie`` made and sorted per tie, for counting. In the order ``edges(data=...)`` gives
        (each node's neighbours, skipping nodes already walked), walked here without its view:
        an export counts the ties of every map."""
        out = []
        seen: set[str] = set()
        for node, neighbours in self._graph._adj.items():  # noqa: SLF001 - networkx's own dict
            for other, data in neighbours.items():
                if other not in seen:
                    out.append((node, other, data.get("closeness")))
            seen.add(node)
        return out

    def tie(self, a: str, b: str) -> Tie:
        if not self._graph.has_edge(a, b):
            raise InvalidInput("tie", "these two people have no tie on this map.")
        return Tie(*sorted((a, b)), self._graph.edges[a, b]["closeness"])

    def ties_of(self, key: str) -> list[Tie]:
        self.person(key)
        return [Tie(*sorted((key, o)), c) for _, o, c in self._graph.edges(key, data="closeness")]

    # --- changing people -------------------------------------------------------------
    def add_person(self, label: str, relationship: str, *, ring: int | None = None,
                   sector: str | None = None, angle: float | None = None,
                   off_map_reason: str | None = None, key: str | None = None,
                   **details: Any) -> Person:
        """Add someone named: placed (``ring`` and ``sector``; angle defaults to the
        sector's middle) or off the map (``off_map_reason``). ``details`` are the fields
        ``update_person`` takes (closeness, frequency, support, ...)."""
        unknown = set(details) - _UPDATABLE
        if unknown:
            raise InvalidInput("person", f"unknown detail(s): {', '.join(sorted(unknown))}.")
        key = _new_key(key)
        if key in self._graph:
            raise InvalidInput("person key", f"'{key}' is already on this map.")
        if sector is None:
            sector = RELATIONSHIP_SECTORS.get(relationship, "")
            if sector not in self.settings.sector_codes:
                sector = self.settings.sector_codes[0]
        if off_map_reason is None:
            if ring is None:
                raise InvalidInput("ring", "a person on the map needs a ring (or a reason to be off it).")
            if angle is None:
                angle = self.settings.middle_angle(sector) if sector in self.settings.sector_codes else 0.0
        elif ring is not None or angle is not None:
            raise InvalidInput("ring", "a person off the map has no ring or angle.")
        person = self._checked(Person(key=key, label=label, relationship=relationship,
                                      sector=sector, ring=ring, angle=angle,
                                      off_map_reason=off_map_reason, **details))
        self._graph.add_node(key, person=person)
        return person

    def update_person(self, key: str, **changes: Any) -> Person:
        """Change recorded details (not placement); returns the person as they were."""
        unknown = set(changes) - _UPDATABLE
        if unknown:
            raise InvalidInput("person", f"cannot change {', '.join(sorted(unknown))} here.")
        return self.replace_person(replace(self.person(key), **changes))

    def move_person(self, key: str, ring: int, sector: str, angle: float) -> Person:
        """Place an on-map person at a new ring/sector/angle; returns them as they were."""
        before = self.person(key)
        if not before.on_map:
            raise InvalidInput("person", f"{before.label} is off the map; put them back on it first.")
        return self.replace_person(replace(before, ring=ring, sector=sector, angle=angle))

    def put_off_map(self, key: str, reason: str, note: str = "") -> Person:
        """Keep someone named but off the map (no ring); returns them as they were."""
        before = self.person(key)
        return self.replace_person(replace(before, ring=None, angle=None,
                                           off_map_reason=reason, off_map_note=note))

    def put_on_map(self, key: str, ring: int, sector: str, angle: float | None = None) -> Person:
        """Place someone who was off the map; returns them as they were."""
        before = self.person(key)
        if angle is None and sector in self.settings.sector_codes:
            angle = self.settings.middle_angle(sector)
        return self.replace_person(replace(before, ring=ring, sector=sector, angle=angle,
                                           off_map_reason=None, off_map_note=""))

    def replace_person(self, person: Person) -> Person:
        """Store a whole person record (the undo of any change); returns the one it replaced."""
        before = self.person(person.key)
        self._graph.nodes[person.key]["person"] = self._checked(person)
        return before

    def remove_person(self, key: str) -> RemovedPerson:
        """Take someone and all their ties off the map; returns them for ``restore_removed``."""
        removed = RemovedPerson(self.person(key), tuple(self.ties_of(key)))
        self._graph.remove_node(key)
        return removed

    def restore_removed(self, removed: RemovedPerson) -> None:
        """Undo ``remove_person``: the same person, key and ties come back."""
        p = removed.person
        if p.key in self._graph:
            raise InvalidInput("person key", f"'{p.key}' is already on this map.")
        self._graph.add_node(p.key, person=self._checked(p))
        try:
            for tie in removed.ties:
                self.add_tie(tie.a, tie.b, tie.closeness)
        except InvalidInput:
            self._graph.remove_node(p.key)
            raise

    # --- changing ties ---------------------------------------------------------------
    def add_tie(self, a: str, b: str, closeness: str) -> Tie:
        """Record a tie between two people (neither the centre) on the closeness scale."""
        if a == b:
            raise InvalidInput("tie", "a person cannot have a tie with themselves.")
        if self.centre.key in (a, b):
            raise InvalidInput("tie", "the tie to the centre person is the other person's closeness.")
        self.person(a), self.person(b)
        if self._graph.has_edge(a, b):
            raise InvalidInput("tie", "these two people already have a tie.")
        check_code(closeness, CLOSENESS, "closeness of the tie")
        self._graph.add_edge(a, b, closeness=closeness)
        return self.tie(a, b)

    def remove_tie(self, a: str, b: str) -> Tie:
        tie = self.tie(a, b)
        self._graph.remove_edge(a, b)
        return tie

    def change_tie_closeness(self, a: str, b: str, closeness: str) -> Tie:
        """Returns the tie as it was."""
        before = self.tie(a, b)
        self._graph.edges[a, b]["closeness"] = check_code(
            closeness, CLOSENESS, "closeness of the tie")
        return before

    # --- checking --------------------------------------------------------------------
    def _checked(self, p: Person) -> Person:
        """Validate a whole person record against the code lists and this map's settings."""
        label = _text(p.label, "name or label")
        if not label:
            raise InvalidInput("name or label", "a person needs a name or label.")
        check_code(p.relationship, RELATIONSHIPS, "relationship")
        check_code(p.closeness, CLOSENESS, "closeness to the centre", optional=True)
        check_code(p.frequency, FREQUENCY, "frequency of contact", optional=True)
        if p.sector not in self.settings.sector_codes:
            raise InvalidInput("sector", f"'{p.sector}' is not a sector of this map "
                               f"({', '.join(self.settings.sector_codes)}).")
        if isinstance(p.support, str):
            raise InvalidInput("support given", "must be a set of codes, not one text.")
        support = frozenset(p.support)
        for code in support:
            check_code(code, SUPPORT, "support given")
        if "none" in support and len(support) > 1:
            raise InvalidInput("support given", "'none' cannot be given with other support.")
        if not isinstance(p.lives_in_household, bool) or not isinstance(p.is_respondent, bool):
            raise InvalidInput("lives in household / respondent", "must be yes or no (True/False).")
        ring, angle = p.ring, p.angle
        if p.off_map_reason is None:
            ring, angle = self._checked_place(ring, p.sector, angle)
        else:
            check_code(p.off_map_reason, OFF_MAP_REASONS, "reason for being off the map")
            if ring is not None or angle is not None:
                raise InvalidInput("ring", "a person off the map has no ring or angle.")
        check_code(p.relationship_to_respondent, RELATIONSHIPS, "relationship to the respondent",
                   optional=True)
        if p.relationship_to_respondent is not None and (
                self.centre.role == "respondent" or p.is_respondent):
            raise InvalidInput("relationship to the respondent",
                               "is recorded only when the centre is not the respondent, and not "
                               "for the respondent themselves.")
        if p.is_respondent:
            if self.centre.role == "respondent":
                raise InvalidInput("respondent", "the respondent is already the centre of this map.")
            if any(o.is_respondent and o.key != p.key for o in self.people()):
                raise InvalidInput("respondent", "another person is already marked as the respondent.")
        return replace(p, label=label, relationship_text=_text(p.relationship_text, "relationship"),
                       note=_text(p.note, "note"), off_map_note=_text(p.off_map_note, "off-map note"),
                       support=support, ring=ring, angle=angle)

    def _checked_place(self, ring: Any, sector: str, angle: Any) -> tuple[int, float]:
        n = self.settings.rings
        if isinstance(ring, bool) or not isinstance(ring, int) or not 1 <= ring <= n:
            raise InvalidInput("ring", f"must be a whole number from 1 to {n}, not {ring!r}.")
        if isinstance(angle, bool) or not isinstance(angle, (int, float)) or not math.isfinite(angle):
            raise InvalidInput("angle", f"must be a number of degrees, not {angle!r}.")
        angle = float(angle) % 360.0
        if self.settings.sector_at(angle) != sector:
            raise InvalidInput("angle", f"{angle:.1f}° is not inside the sector '{sector}'.")
        return ring, angle

    # --- the next wave ----------------------------------------------------------------
    def carried_forward(self) -> NetworkMap:
        """A copy for the next wave: same settings, centre, people, keys and ties.

        People are frozen records, so the copy shares them; the graph itself is new, so a
        change to one wave's map never shows in the other. (Plain-dict storage and GraphML
        live in ``network_map_io``.)
        """
        copy = NetworkMap(self.centre.label, centre_role=self.centre.role,
                          settings=self.settings, centre_key=self.centre.key,
                          ties_meaning=self.ties_meaning)
        copy._graph = self._graph.copy()
        return copy
