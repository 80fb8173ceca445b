"""Numbers read off one network map, and a proposed support level for the whole network.

Owns ``MapMetrics`` and ``measure(map)``. Everything is counted from the map's data
(rings, sectors, codes), never from drawing positions. The support level is a proposal
for the researcher, following the evaluation's definitions (Focus on Practice, 2016,
section 3.2.6); the researcher records their own judgement elsewhere.

Who counts as what:
- "people named": everyone but the centre; "on the map": those with a ring.
- "informal": on the map, not a professional (by relationship code or by being placed in
  the professionals sector), and not the respondent (when the centre is a child and the
  respondent is on the map, they are never counted as their own support).
- "close": closeness very_close or moderately_close. "in frequent contact": frequency
  daily_weekly or weekly_monthly (at least monthly). Not yet asked (None) counts as neither.
- "professionals' share": people in the professionals sector / people on the map (by
  sector, as the respondent placed them; None for an empty map).
- "household members" and "difficult ties to the centre" count everyone named, on or off
  the map: an excluded father can still be a difficult tie.
- "informal support": informal people giving practical help with the children or
  emotional support.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from fieldwork.domain.map_geometry import MAX_RINGS
from fieldwork.domain.network_codes import OFF_MAP_REASONS
from fieldwork.domain.network_map import NetworkMap, Person

SUPPORT_LEVELS: dict[str, str] = {
    "strong": "Strong support", "moderate": "Moderate support", "low": "Low support",
}
CLOSE = frozenset({"very_close", "moderately_close"})
FREQUENT = frozenset({"daily_weekly", "weekly_monthly"})
KEY_SUPPORT = frozenset({"practical_children", "emotional"})
ANY_SUPPORT = frozenset({"practical_children", "emotional", "advice", "material"})


@dataclass(frozen=True)
class MapMetrics:
    """The numbers for one map. ``per_ring``: counts for rings 1..n; ``per_sector`` and
    ``off_map`` are (code, count) pairs in the settings' / code list's order."""

    people_named: int
    people_on_map: int
    per_ring: tuple[int, ...]
    per_sector: tuple[tuple[str, int], ...]
    off_map_total: int
    off_map: tuple[tuple[str, int], ...]
    professionals_on_map: int
    professionals_share: float | None
    household_members: int
    difficult_ties_to_centre: int
    difficult_ties_between: int
    informal_support: int
    close_frequent_informal_support: int
    informal_in_frequent_contact: int
    professionals_giving_support: int
    ties_between: int
    density: float
    support_level: str

    def as_row(self) -> dict[str, Any]:
        """Flat plain values for a CSV row; ring columns 1..5 always (None past this map's rings)."""
        row: dict[str, Any] = {"people_named": self.people_named,
                               "people_on_map": self.people_on_map}
        for ring in range(1, MAX_RINGS + 1):
            row[f"ring_{ring}"] = self.per_ring[ring - 1] if ring <= len(self.per_ring) else None
        row.update({f"sector_{code}": n for code, n in self.per_sector})
        row["off_map_total"] = self.off_map_total
        row.update({f"off_map_{code}": n for code, n in self.off_map})
        row.update(
            professionals_on_map=self.professionals_on_map,
            professionals_share=self.professionals_share,
            household_members=self.household_members,
            difficult_ties_to_centre=self.difficult_ties_to_centre,
            difficult_ties_between=self.difficult_ties_between,
            informal_support=self.informal_support,
            close_frequent_informal_support=self.close_frequent_informal_support,
            informal_in_frequent_contact=self.informal_in_frequent_contact,
            professionals_giving_support=self.professionals_giving_support,
            ties_between=self.ties_between,
            density=self.density,
            support_level=self.support_level,
        )
        return row


def is_informal(person: Person) -> bool:
    """On the map, not a professional, not the respondent (see the module docstring)."""
    return person.on_map and not person.is_professional and not person.is_respondent


def tie_density(network: NetworkMap) -> tuple[int, float]:
    """(number of ties, density) among the people on the map.

    What counts: only the ties the respondent drew between two people who are both on the
    map. The centre is left out, and with it the implicit tie every person has to the
    centre (that tie is their closeness, so including it would make every map look
    connected). People off the map and their ties are left out. Density is networkx's:
    ties / possible ties = 2m / (n(n−1)) for n people; 0.0 when fewer than two people.
    """
    on_map = [p.key for p in network.people_on_map()]
    sub = network.graph.subgraph(on_map)
    return sub.number_of_edges(), (nx.density(sub) if len(on_map) > 1 else 0.0)


def support_level(people: list[Person]) -> str:
    """Propose strong / moderate / low support, in this order:

    - strong: at least one informal person who is close, in frequent contact, and gives
      practical help with the children or emotional support ('can call on practical help
      with looking after children and/or on emotional support');
    - low: otherwise, if any of: no informal person on the map is in frequent contact
      (isolated, very little contact); no informal person gives any support (practical,
      emotional, advice or material: very little support from family and friends); or
      more professionals than informal people give support (mainly dependent on
      professionals for support);
    - moderate: the rest (fewer or weaker ties, less frequent contact, or support less
      available, whatever the size of the network).
    """
    informal = [p for p in people if is_informal(p)]
    if any(p.closeness in CLOSE and p.frequency in FREQUENT and p.support & KEY_SUPPORT
           for p in informal):
        return "strong"
    in_contact = [p for p in informal if p.frequency in FREQUENT and p.closeness != "difficult"]
    informal_givers = [p for p in informal if p.support & ANY_SUPPORT]
    professional_givers = [p for p in people
                           if p.on_map and p.is_professional and p.support & ANY_SUPPORT]
    if not in_contact or not informal_givers or len(professional_givers) > len(informal_givers):
        return "low"
    return "moderate"


def measure(network: NetworkMap) -> MapMetrics:
    """All the numbers for one map (see the module docstring for who counts as what)."""
    people = network.people()
    on_map = [p for p in people if p.on_map]
    off_map = [p for p in people if not p.on_map]
    settings = network.settings
    professionals = [p for p in on_map if p.sector == "professionals"]
    informal = [p for p in on_map if is_informal(p)]
    ties, density = tie_density(network)
    return MapMetrics(
        people_named=len(people),
        people_on_map=len(on_map),
        per_ring=tuple(sum(p.ring == r for p in on_map) for r in range(1, settings.rings + 1)),
        per_sector=tuple((c, sum(p.sector == c for p in on_map)) for c in settings.sector_codes),
        off_map_total=len(off_map),
        off_map=tuple((c, sum(p.off_map_reason == c for p in off_map)) for c in OFF_MAP_REASONS),
        professionals_on_map=len(professionals),
        professionals_share=len(professionals) / len(on_map) if on_map else None,
        household_members=sum(p.lives_in_household for p in people),
        difficult_ties_to_centre=sum(p.closeness == "difficult" for p in people),
        difficult_ties_between=sum(t.closeness == "difficult" for t in network.ties()),
        informal_support=sum(bool(p.support & KEY_SUPPORT) for p in informal),
        close_frequent_informal_support=sum(
            bool(p.support & KEY_SUPPORT) and p.closeness in CLOSE and p.frequency in FREQUENT
            for p in informal),
        informal_in_frequent_contact=sum(
            p.frequency in FREQUENT and p.closeness != "difficult" for p in informal),
        professionals_giving_support=sum(
            bool(p.support & ANY_SUPPORT) for p in on_map if p.is_professional),
        ties_between=ties,
        density=density,
        support_level=support_level(people),
    )
