"""What changed between a family's wave-1 and wave-2 network maps, matched by person key.

Owns ``MapChanges`` and ``compare_maps``. A wave-2 map starts as the wave-1 map carried
forward (``NetworkMap.carried_forward``), so the same person has the same key at both
waves; people are never matched by name. The change between the maps is a finding of
the study (a new baby, a bereavement, an imprisonment, a new lawyer), and the summary
is a proposal the researcher can overrule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from fieldwork.domain.network_map import NetworkMap, Person

CHANGE_SUMMARIES: dict[str, str] = {
    "no_change": "No change", "some_change": "Some change", "major_change": "Major change",
}
# Why a change was proposed as major; codes, so the UI can say them in words.
MAJOR_REASONS: dict[str, str] = {
    "centre_changed": "A different person is at the centre",
    "ring_1_gained_or_lost": "Someone joined or left the innermost ring",
    "many_people_changed": "A quarter or more of the people changed (at least three)",
}
MAJOR_MIN_PEOPLE = 3
MAJOR_SHARE = 0.25
CHANGE_RULE_IN_WORDS = (
    "No change when the centre is the same, no one joined or left the map, and no one on "
    "both maps moved ring or sector or changed closeness; major change when the centre "
    "changed, someone joined or left the innermost ring, or at least three people and a "
    "quarter of the larger map changed; some change otherwise. Ties between other people "
    "and support are not part of the rule.")
"""``compare_maps``'s rule as analysts read it (codebook and report)."""


@dataclass(frozen=True)
class Move:
    """One person's value at wave 1 and at wave 2 (a ring, a sector or a closeness code)."""

    key: str
    before: Any
    after: Any


@dataclass(frozen=True)
class MapChanges:
    """The changes from wave 1 to wave 2; keys are person keys, in wave order.

    ``added``: on the wave-2 map but not on the wave-1 map (newly named, or brought back
    onto the map; ``newly_named`` are those not named at wave 1 at all).
    ``removed``: on the wave-1 map but not on the wave-2 map (no longer named, or moved
    off the map; ``moved_off_map`` are those still named at wave 2, off the map).
    Moves and closeness changes are for people on both maps.
    """

    centre_changed: bool
    added: tuple[str, ...]
    newly_named: tuple[str, ...]
    removed: tuple[str, ...]
    moved_off_map: tuple[str, ...]
    ring_moves: tuple[Move, ...]
    sector_moves: tuple[Move, ...]
    closeness_changes: tuple[Move, ...]
    on_map_wave_1: int
    on_map_wave_2: int
    summary: str
    major_reasons: tuple[str, ...]

    @property
    def people_changed(self) -> frozenset[str]:
        """Everyone with at least one change, each once."""
        moved = {m.key for m in self.ring_moves + self.sector_moves + self.closeness_changes}
        return frozenset(self.added) | frozenset(self.removed) | moved

    def as_row(self) -> dict[str, Any]:
        """Counts as plain values for export."""
        return {
            "centre_changed": self.centre_changed,
            "added": len(self.added), "newly_named": len(self.newly_named),
            "removed": len(self.removed), "moved_off_map": len(self.moved_off_map),
            "moved_ring": len(self.ring_moves),
            "moved_closer": sum(m.after < m.before for m in self.ring_moves),
            "moved_further": sum(m.after > m.before for m in self.ring_moves),
            "moved_sector": len(self.sector_moves),
            "closeness_changed": len(self.closeness_changes),
            "people_changed": len(self.people_changed),
            "on_map_wave_1": self.on_map_wave_1, "on_map_wave_2": self.on_map_wave_2,
            "change_summary": self.summary,
            "major_reasons": ";".join(self.major_reasons),
        }


def compare_maps(wave_1: NetworkMap, wave_2: NetworkMap) -> MapChanges:
    """Compare two maps of one family by person key, and propose a summary.

    The summary rule:
    - no_change: same centre, no one added to or removed from the map, and no one on both
      maps moved ring, moved sector or changed closeness to the centre;
    - major_change: any of (a) a different person at the centre; (b) someone joined or
      left the map in ring 1 (added into ring 1, or removed while in ring 1: a new baby,
      a bereavement, a separation); (c) the people changed, each counted once, are at
      least ``MAJOR_MIN_PEOPLE`` (3) and at least ``MAJOR_SHARE`` (a quarter) of the
      larger of the two maps;
    - some_change: anything else.
    Ties between other people and details such as support are not part of the rule.
    """
    people_1, people_2 = wave_1.people(), wave_2.people()
    before = {p.key: p for p in people_1 if p.on_map}
    after = {p.key: p for p in people_2 if p.on_map}
    added = tuple(k for k in after if k not in before)
    removed = tuple(k for k in before if k not in after)
    # Each person on both maps looked at once (an export compares thousands of maps).
    ring_moves: list[Move] = []
    sector_moves: list[Move] = []
    closeness_changes: list[Move] = []
    for key, now in after.items():
        then: Person | None = before.get(key)
        if then is None:
            continue
        if then.ring != now.ring:
            ring_moves.append(Move(key, then.ring, now.ring))
        if then.sector != now.sector:
            sector_moves.append(Move(key, then.sector, now.sector))
        if then.closeness != now.closeness:
            closeness_changes.append(Move(key, then.closeness, now.closeness))
    centre_changed = wave_1.centre.key != wave_2.centre.key
    named_before, named_after = {p.key for p in people_1}, {p.key for p in people_2}
    changed = len({*added, *removed, *(m.key for m in (*ring_moves, *sector_moves, *closeness_changes))})
    reasons = []
    if centre_changed:
        reasons.append("centre_changed")
    if any(after[k].ring == 1 for k in added) or any(before[k].ring == 1 for k in removed):
        reasons.append("ring_1_gained_or_lost")
    if changed >= MAJOR_MIN_PEOPLE and changed >= math.ceil(MAJOR_SHARE * max(len(before), len(after))):
        reasons.append("many_people_changed")
    summary = "major_change" if reasons else "some_change" if changed else "no_change"
    return MapChanges(
        centre_changed=centre_changed,
        added=added,
        newly_named=tuple(k for k in added if k not in named_before),
        removed=removed,
        moved_off_map=tuple(k for k in removed if k in named_after),
        ring_moves=tuple(ring_moves),
        sector_moves=tuple(sector_moves),
        closeness_changes=tuple(closeness_changes),
        on_map_wave_1=len(before),
        on_map_wave_2=len(after),
        summary=summary,
        major_reasons=tuple(reasons),
    )
