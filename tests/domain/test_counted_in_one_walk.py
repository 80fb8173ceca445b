"""``measure`` and ``compare_maps`` count in one walk of the people; here each number is
counted again the plain way, one pass per number (as both were written before), on random
maps: with people off the map, professionals by role and by sector, a respondent on a
child's map, support, closeness and contact not yet asked, ties, and second waves with
people removed, moved and closer or further."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.network_codes import CLOSENESS, FREQUENCY, OFF_MAP_REASONS, RELATIONSHIPS, SUPPORT
from fieldwork.domain.network_map import MapSettings, NetworkMap
from fieldwork.domain.network_metrics import (
    ANY_SUPPORT,
    CLOSE,
    FREQUENT,
    KEY_SUPPORT,
    is_informal,
    map_support_verdict,
    measure,
    tie_density,
)


def _counted_the_plain_way(network: NetworkMap) -> dict:
    people = network.people()
    on_map = [p for p in people if p.on_map]
    off_map = [p for p in people if not p.on_map]
    informal = [p for p in on_map if is_informal(p)]
    professionals = [p for p in on_map if p.sector == "professionals"]
    ties, density = tie_density(network)
    rings, sectors = Counter(p.ring for p in on_map), Counter(p.sector for p in on_map)
    reasons = Counter(p.off_map_reason for p in off_map)
    verdict = map_support_verdict(network)
    return {
        "people_named": len(people), "people_on_map": len(on_map),
        "per_ring": tuple(rings[r] for r in range(1, network.settings.rings + 1)),
        "per_sector": tuple((c, sectors[c]) for c in network.settings.sector_codes),
        "off_map_total": len(off_map), "off_map": tuple((c, reasons[c]) for c in OFF_MAP_REASONS),
        "professionals_on_map": len(professionals),
        "professionals_share": len(professionals) / len(on_map) if on_map else None,
        "household_members": sum(p.lives_in_household for p in people),
        "difficult_ties_to_centre": sum(p.closeness == "difficult" for p in people),
        "difficult_ties_between": sum(t.closeness == "difficult" for t in network.ties()),
        "informal_support": sum(bool(p.support & KEY_SUPPORT) for p in informal),
        "close_frequent_informal_support": sum(bool(p.support & KEY_SUPPORT) and p.closeness in CLOSE
                                               and p.frequency in FREQUENT for p in informal),
        "informal_in_frequent_contact": sum(p.frequency in FREQUENT and p.closeness != "difficult"
                                            for p in informal),
        "professionals_giving_support": sum(bool(p.support & ANY_SUPPORT) for p in on_map if p.is_professional),
        "ties_between": ties, "density": density,
        "support_level": verdict.level, "support_reason": verdict.reason,
    }


def _random_map(rng: random.Random) -> NetworkMap:
    child_centred = rng.random() < 0.3
    network = NetworkMap("Centre", centre_role="child" if child_centred else "respondent",
                         settings=MapSettings(rings=rng.choice((3, 4, 5))))
    for n in range(rng.randint(0, 14)):
        details = {
            "closeness": rng.choice([None, *CLOSENESS]), "frequency": rng.choice([None, *FREQUENCY]),
            "support": frozenset(rng.sample(sorted(SUPPORT), rng.randint(0, 2))),
            "lives_in_household": rng.random() < 0.3,
        }
        if child_centred and n == 0:
            details["is_respondent"] = True
        placed = {"off_map_reason": rng.choice(sorted(OFF_MAP_REASONS))} if rng.random() < 0.2 else {
            "ring": rng.randint(1, network.settings.rings),
            "sector": rng.choice(network.settings.sector_codes)}
        try:
            network.add_person(f"P{n}", rng.choice(sorted(RELATIONSHIPS)), **placed, **details)
        except InvalidInput:
            continue
    people = [p.key for p in network.people()]
    for _ in range(rng.randint(0, 12)) if len(people) > 1 else ():
        a, b = rng.sample(people, 2)
        try:
            network.add_tie(a, b, rng.choice(sorted(CLOSENESS)))
        except InvalidInput:
            continue
    return network


@pytest.mark.parametrize("seed", range(6))
def test_every_number_counted_in_one_walk_is_the_number_counted_the_plain_way(seed: int) -> None:
    rng = random.Random(seed)
    maps = [_random_map(rng) for _ in range(60)]
    assert sum(len(m.people_off_map()) for m in maps) > 0 and sum(len(m.ties()) for m in maps) > 0
    for network in maps:
        got = measure(network)
        assert {name: getattr(got, name) for name in _counted_the_plain_way(network)} == \
            _counted_the_plain_way(network)
        walked = measure(network, network.people(), network.tie_ends())
        assert walked == got
        assert type(got.density) is type(_counted_the_plain_way(network)["density"])


def _compared_the_plain_way(wave_1: NetworkMap, wave_2: NetworkMap) -> tuple:
    """``compare_maps`` as it was written before, a pass per kind of change."""
    before = {p.key: p for p in wave_1.people_on_map()}
    after = {p.key: p for p in wave_2.people_on_map()}
    added = tuple(k for k in after if k not in before)
    removed = tuple(k for k in before if k not in after)
    both = [k for k in after if k in before]

    def moves(attr: str) -> tuple:
        return tuple((k, getattr(before[k], attr), getattr(after[k], attr))
                     for k in both if getattr(before[k], attr) != getattr(after[k], attr))

    named_1, named_2 = {p.key for p in wave_1.people()}, {p.key for p in wave_2.people()}
    changed = set(added) | set(removed) | {m[0] for m in moves("ring") + moves("sector") + moves("closeness")}
    return (added, tuple(k for k in added if k not in named_1), removed, tuple(k for k in removed if k in named_2),
            moves("ring"), moves("sector"), moves("closeness"), len(before), len(after), len(changed))


@pytest.mark.parametrize("seed", range(4))
def test_the_changes_between_waves_found_in_one_look_are_the_changes_found_the_plain_way(seed: int) -> None:
    from fieldwork.domain.map_changes import compare_maps

    rng = random.Random(100 + seed)
    summaries = Counter()
    for _ in range(60):
        wave_1 = _random_map(rng)
        wave_2 = wave_1.carried_forward()
        for person in wave_2.people():
            roll = rng.random()
            try:
                if roll < 0.15:
                    wave_2.remove_person(person.key)
                elif roll < 0.3 and person.on_map:
                    wave_2.move_person(person.key, rng.randint(1, wave_2.settings.rings),
                                       rng.choice(wave_2.settings.sector_codes), rng.uniform(0, 360))
                elif roll < 0.4:
                    wave_2.update_person(person.key, closeness=rng.choice([None, *CLOSENESS]))
            except InvalidInput:
                continue
        if rng.random() < 0.5:
            wave_2.add_person("New", "friend", ring=rng.randint(1, 3), sector="friends_neighbours")
        found = compare_maps(wave_1, wave_2)
        assert (found.added, found.newly_named, found.removed, found.moved_off_map,
                tuple((m.key, m.before, m.after) for m in found.ring_moves),
                tuple((m.key, m.before, m.after) for m in found.sector_moves),
                tuple((m.key, m.before, m.after) for m in found.closeness_changes),
                found.on_map_wave_1, found.on_map_wave_2, len(found.people_changed)) == \
            _compared_the_plain_way(wave_1, wave_2)
        summaries[found.summary] += 1
    assert len(summaries) >= 2  # more than one kind of change was met
