"""A crowded map for the label tests: 40 people, bunched the way a real map bunches them."""

from __future__ import annotations

import random

from fieldwork.domain.network_map import NetworkMap

_RELATIONSHIPS = {"family_household": "other_relative", "friends_neighbours": "friend",
                  "community": "teacher_nursery", "professionals": "social_worker"}
_NAMES = ("Aunt Marta (friend of family, lives upstairs)", "Grandmother", "Cousins", "Great-aunt",
          "Speech and language therapist", "Ms B (social worker)", "Nan", "Uncle Dev", "Mr K",
          "Health visitor", "Friend N", "School teachers", "Baby sister", "Pastor Joe", "Dr Okafor")


def forty_person_map(seed: int = 7) -> NetworkMap:
    """Forty people, most of them in the family sector and near the sector lines."""
    rng = random.Random(seed)
    m = NetworkMap("Child Z", centre_role="child")
    spans = {"family_household": (46, 134), "friends_neighbours": (136, 224),
             "community": (226, 314), "professionals": (316, 404)}
    sectors = (["family_household"] * 18 + ["friends_neighbours"] * 8 + ["community"] * 6
               + ["professionals"] * 8)
    for n, sector in enumerate(sectors):
        low, high = spans[sector]
        angle = rng.uniform(low, high) % 360
        m.add_person(f"{_NAMES[n % len(_NAMES)]} {n}", _RELATIONSHIPS[sector], ring=rng.randint(1, 3),
                     sector=sector, angle=angle)
    return m
