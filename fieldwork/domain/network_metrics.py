"""Numbers read off one network map, and a suggested support level for the whole network.

Owns ``MapMetrics`` and ``measure(map)``, and ``support_verdict``: the evaluation's own
definitions of strong, moderate and low support (Focus on Practice, 2016, section 3.2.6),
applied to the support the respondent can call on from people who are not professionals,
with "not enough information" when a value the rule needs was not asked. Everything is
counted from the map's data (rings, sectors, codes), never from drawing positions. The
suggestion is secondary: the researcher's own rating (kept by ``map_store``) is the
primary figure.

Who counts as what:
- "people named": everyone but the centre; "on the map": those with a ring.
- "informal" (family and friends): on the map, not a professional (by relationship code or
  by being placed in the professionals sector), and not the respondent (when the centre is
  a child and the respondent is on the map, they are never counted as their own support).
  Their support is what the respondent can call on from them (``TIES_MEANINGS``).
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

from collections import Counter
from dataclasses import dataclass
from typing import Any

from fieldwork.domain.map_geometry import MAX_RINGS
from fieldwork.domain.network_codes import OFF_MAP_REASONS, UNSTATED
from fieldwork.domain.network_map import NetworkMap, Person

SUPPORT_LEVELS: dict[str, str] = {
    "strong": "Strong support", "moderate": "Moderate support", "low": "Low support",
}
"""The levels of the report (section 3.2.6): what the researcher rates."""
NOT_ENOUGH_INFORMATION = "not_enough_information"
SUGGESTED_SUPPORT_LEVELS: dict[str, str] = {
    **SUPPORT_LEVELS, NOT_ENOUGH_INFORMATION: "Not enough information",
}
"""What the app's rule can say: the report's levels, or that the map does not tell yet."""

# Quotes: Focus on Practice evaluation (2016), section 3.2.6. Each reason says in words
# which sentence of the report the suggestion rests on; the codebook prints them.
SUPPORT_REASONS: dict[str, str] = {
    "practical_or_emotional_help": (
        "Strong: someone who is not a professional gives the respondent practical help with "
        "the children or emotional support. Report: 'Strong levels of support were when the "
        "respondent could call on practical help with looking after children and/or on "
        "emotional support'."),
    "support_recipient_unstated": (
        "Not enough information: the map was drawn with a child at the centre before the "
        "app said whose support was recorded, so it is not known to be the respondent's."),
    "nobody_on_map": "Not enough information: no one but the respondent is on the map yet.",
    "only_professionals": (
        "Low: only professionals are on the map. Report: 'Low support was where respondents "
        "identified themselves as isolated or reported very little contact or support from "
        "family and friends'."),
    "support_not_asked": (
        "Not enough information: no one is recorded as giving practical or emotional help, "
        "and the support of at least one family member or friend on the map was not asked."),
    "no_support_from_family_friends": (
        "Low: no family member or friend on the map gives any support. Report: 'reported "
        "very little contact or support from family and friends'."),
    "mainly_professionals": (
        "Low: more professionals than family members and friends give support. Report: "
        "'were mainly dependent on professionals for support'."),
    "professional_support_not_asked": (
        "Not enough information: the professionals whose support was not asked could make "
        "the respondent 'mainly dependent on professionals for support'."),
    "very_little_contact": (
        "Low: every family member and friend on the map is in contact rarely or never. "
        "Report: 'reported very little contact'."),
    "contact_not_asked": (
        "Not enough information: no family member or friend is known to be in contact more "
        "than rarely, and the contact of at least one was not asked."),
    "less_available_support": (
        "Moderate: family or friends give some support (advice, money or things) but no one "
        "gives practical help with the children or emotional support. Report: 'moderate "
        "support was recorded where they reported fewer or weaker ties or because they were "
        "in less frequent contact with people in their networks or, alternatively, because "
        "within the networks, regardless of size, support was less available or less "
        "adequate'."),
}


@dataclass(frozen=True)
class SupportVerdict:
    """The suggested level (a ``SUGGESTED_SUPPORT_LEVELS`` code) and why (a ``SUPPORT_REASONS`` code)."""

    level: str
    reason: str
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
    support_reason: str

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
            support_reason=self.support_reason,
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
    return _tie_density({p.key for p in network.people_on_map()}, network.tie_ends())


def _tie_density(on_map: set[str], ties: list[tuple[str, str, str]]) -> tuple[int, float]:
    # Counted from the ties (a, b, closeness) among the keys ``on_map``, as networkx.density
    # counts a subgraph (an export measures thousands of maps; building a subgraph each time
    # cost more than the rest of measure).
    n = len(on_map)
    m = sum(a in on_map and b in on_map for a, b, _closeness in ties)
    if n <= 1:
        return m, 0.0
    if m == 0:
        return m, 0  # networkx.density's integer 0: the CSV has always said "0" here
    return m, m / (n * (n - 1)) * 2


def support_verdict(people: list[Person]) -> SupportVerdict:
    """The support level the report's words give for these people, and the reason.

    Only people on the map who are not professionals and not the respondent count as
    "family and friends"; their ``support`` is what the respondent can call on from them.
    Checked in this order (each step quotes Focus on Practice 2016, section 3.2.6):

    1. strong: someone gives practical help with the children or emotional support ("could
       call on practical help with looking after children and/or on emotional support").
       How close they are and how often they are seen do not matter here.
    2. not enough information: no one (but the respondent) is on the map yet.
    3. low: only professionals are on the map ("very little contact or support from family
       and friends").
    4. not enough information: someone's support was not asked (they might give it).
    5. low: no family member or friend gives any support ("very little ... support").
    6. low: more professionals than family and friends give support ("mainly dependent on
       professionals for support"); not enough information when professionals whose
       support was not asked could tip it.
    7. low: every family member or friend is in contact rarely or never ("very little
       contact"); not enough information when the contact not asked could decide it.
    8. moderate: the rest: support from family and friends, but neither practical help
       with the children nor emotional support ("support was less available or less
       adequate", "fewer or weaker ties", "less frequent contact").

    Closeness is not used: the report's levels turn on the support the respondent can call
    on and on how much contact there is, so a closeness not asked never holds the rule up.
    """
    on_map = [p for p in people if p.on_map and not p.is_respondent]
    informal = [p for p in on_map if is_informal(p)]
    if any(p.support & KEY_SUPPORT for p in informal):
        return SupportVerdict("strong", "practical_or_emotional_help")
    if not on_map:
        return SupportVerdict(NOT_ENOUGH_INFORMATION, "nobody_on_map")
    if not informal:
        return SupportVerdict("low", "only_professionals")
    if any(not p.support for p in informal):
        return SupportVerdict(NOT_ENOUGH_INFORMATION, "support_not_asked")
    givers = sum(bool(p.support & ANY_SUPPORT) for p in informal)
    if givers == 0:
        return SupportVerdict("low", "no_support_from_family_friends")
    professionals = [p for p in on_map if p.is_professional]
    professional_givers = sum(bool(p.support & ANY_SUPPORT) for p in professionals)
    if professional_givers > givers:
        return SupportVerdict("low", "mainly_professionals")
    if professional_givers + sum(not p.support for p in professionals) > givers:
        return SupportVerdict(NOT_ENOUGH_INFORMATION, "professional_support_not_asked")
    contact = [p.frequency for p in informal]
    if all(f in (None, "rarely_never") for f in contact):
        if None in contact:
            return SupportVerdict(NOT_ENOUGH_INFORMATION, "contact_not_asked")
        return SupportVerdict("low", "very_little_contact")
    return SupportVerdict("moderate", "less_available_support")


def map_support_verdict(network: NetworkMap, people: list[Person] | None = None) -> SupportVerdict:
    """``support_verdict`` for a whole map, if its support is known to be the respondent's.

    A map drawn before maps said whose ties they record (``UNSTATED``) with a child at the
    centre may hold the child's support, so the rule does not guess; with the respondent at
    the centre, "support given" on the respondent's own map is read as given to them (the
    codebook says so).
    """
    if network.ties_meaning == UNSTATED and network.centre.role != "respondent":
        return SupportVerdict(NOT_ENOUGH_INFORMATION, "support_recipient_unstated")
    return support_verdict(people if people is not None else network.people())


def support_level(people: list[Person]) -> str:
    """The level alone (see ``support_verdict``)."""
    return support_verdict(people).level


def social_workers(network: NetworkMap) -> list[Person]:
    """Everyone named as a social worker, one each: the report took closeness and contact
    with social workers "during the Family Network exercise" (Table 3.14), so they are
    read from here, never asked a second time."""
    return [p for p in network.people() if p.relationship == "social_worker"]


def measure(network: NetworkMap, people: list[Person] | None = None,
            ties: list[tuple[str, str, str]] | None = None) -> MapMetrics:
    """All the numbers for one map (see the module docstring for who counts as what).
    ``people`` and ``ties`` (a, b, closeness), when given, are the map's own
    (``network.people()`` and ``network.tie_ends()``, its ends in any order), already
    walked by the caller (an export). Counted in one walk of the people: an export
    measures thousands of maps, and a walk per number took a twentieth of it."""
    people = network.people() if people is None else people
    settings = network.settings
    all_ties = network.tie_ends() if ties is None else ties
    rings: Counter[int | None] = Counter()
    sectors: Counter[str] = Counter()
    reasons: Counter[str | None] = Counter()
    on_map: set[str] = set()
    on_map_count = professionals = household = difficult = 0
    informal_support = close_frequent = frequent_contact = professionals_giving = 0
    for p in people:
        household += p.lives_in_household
        difficult += p.closeness == "difficult"
        if not p.on_map:
            reasons[p.off_map_reason] += 1
            continue
        on_map_count += 1
        on_map.add(p.key)
        rings[p.ring] += 1
        sectors[p.sector] += 1
        professionals += p.sector == "professionals"
        if p.is_professional:
            professionals_giving += bool(p.support & ANY_SUPPORT)
        elif not p.is_respondent:  # informal: family and friends (``is_informal``)
            key_support = bool(p.support & KEY_SUPPORT)
            informal_support += key_support
            close_frequent += key_support and p.closeness in CLOSE and p.frequency in FREQUENT
            frequent_contact += p.frequency in FREQUENT and p.closeness != "difficult"
    tie_count, density = _tie_density(on_map, all_ties)
    verdict = map_support_verdict(network, people)
    return MapMetrics(
        people_named=len(people),
        people_on_map=on_map_count,
        per_ring=tuple(rings[r] for r in range(1, settings.rings + 1)),
        per_sector=tuple((c, sectors[c]) for c in settings.sector_codes),
        off_map_total=len(people) - on_map_count,
        off_map=tuple((c, reasons[c]) for c in OFF_MAP_REASONS),
        professionals_on_map=professionals,
        professionals_share=professionals / on_map_count if on_map_count else None,
        household_members=household,
        difficult_ties_to_centre=difficult,
        difficult_ties_between=sum(closeness == "difficult" for _a, _b, closeness in all_ties),
        informal_support=informal_support,
        close_frequent_informal_support=close_frequent,
        informal_in_frequent_contact=frequent_contact,
        professionals_giving_support=professionals_giving,
        ties_between=tie_count,
        density=density,
        support_level=verdict.level,
        support_reason=verdict.reason,
    )
