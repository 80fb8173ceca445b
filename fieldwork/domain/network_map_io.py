"""The network map's outside forms: a plain JSON-safe dict, and a graph for GraphML.

Owns ``map_to_dict`` / ``map_from_dict`` (a whole map as plain values, checked again on
the way back in) and ``graphml_graph`` (a new ``networkx`` graph whose attributes are all
str/int/float/bool, ready for ``nx.write_graphml``). The map itself, and every rule a
person or tie must keep, live in ``network_map``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

import networkx as nx

from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.map_geometry import MapSettings
from fieldwork.domain.network_codes import SUPPORT, UNSTATED
from fieldwork.domain.network_map import NetworkMap, Person

__all__ = ["FORMAT", "graphml_graph", "map_from_dict", "map_to_dict", "person_from_dict",
           "person_to_dict"]

FORMAT = 1
_PERSON_FIELDS = tuple(f.name for f in fields(Person))


def person_to_dict(person: Person) -> dict[str, Any]:
    """One person as plain values (support as a sorted list of codes)."""
    row = {name: getattr(person, name) for name in _PERSON_FIELDS}
    row["support"] = sorted(person.support)
    return row


def person_from_dict(row: Mapping[str, Any]) -> Person:
    """A ``Person`` from ``person_to_dict`` output; not yet checked against a map."""
    unknown = set(row) - set(_PERSON_FIELDS)
    if unknown:
        raise InvalidInput("stored person", f"unknown field(s): {', '.join(sorted(unknown))}.")
    data = dict(row)
    data["support"] = frozenset(data.get("support") or ())
    return Person(**data)


def map_to_dict(network: NetworkMap) -> dict[str, Any]:
    """Plain JSON-safe dict for storage; ``map_from_dict`` reads it back."""
    c = network.centre
    return {
        "format": FORMAT,
        "settings": network.settings.to_dict(),
        "centre": {"key": c.key, "label": c.label, "role": c.role},
        "ties_meaning": network.ties_meaning,
        "people": [person_to_dict(p) for p in network.people()],
        "ties": [{"a": t.a, "b": t.b, "closeness": t.closeness} for t in network.ties()],
    }


def map_from_dict(data: Mapping[str, Any]) -> NetworkMap:
    """Rebuild a map from ``map_to_dict`` output; every value is checked again."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise InvalidInput("stored map", f"is not a network map in format {FORMAT}.")
    try:
        centre = data["centre"]
        # A dict written before maps said whose ties they record keeps that meaning.
        m = NetworkMap(centre["label"], centre_role=centre["role"], centre_key=centre["key"],
                       settings=MapSettings.from_dict(data["settings"]),
                       ties_meaning=data.get("ties_meaning", UNSTATED))
        for row in data["people"]:
            add_checked_person(m, person_from_dict(row))
        for t in data["ties"]:
            m.add_tie(t["a"], t["b"], t["closeness"])
    except (KeyError, TypeError) as exc:
        raise InvalidInput("stored map", f"is incomplete or malformed ({exc}).") from None
    return m


def add_checked_person(network: NetworkMap, p: Person) -> Person:
    """Put a whole stored person record on ``network`` (same key), checked like any other."""
    details = {"relationship_text": p.relationship_text, "closeness": p.closeness,
               "frequency": p.frequency, "support": p.support,
               "lives_in_household": p.lives_in_household, "note": p.note,
               "off_map_note": p.off_map_note, "is_respondent": p.is_respondent,
               "relationship_to_respondent": p.relationship_to_respondent}
    if p.off_map_reason is None:
        return network.add_person(p.label, p.relationship, ring=p.ring, sector=p.sector,
                                  angle=p.angle, key=p.key, **details)
    person = network.add_person(p.label, p.relationship, sector=p.sector,
                                off_map_reason=p.off_map_reason, key=p.key, **details)
    return person


def person_attributes(p: Person) -> dict[str, str | int | float | bool]:
    """A person's GraphML node values, in the file's order: the networkx graph here and the
    export's fast writer (``export.graphml_maps``) both take them from this one place."""
    attrs: dict[str, str | int | float | bool] = {
        "label": p.label, "role": "person", "relationship": p.relationship,
        "relationship_to_respondent": p.relationship_to_respondent or "",
        "relationship_text": p.relationship_text, "sector": p.sector,
        "on_map": p.on_map, "closeness": p.closeness or "", "frequency": p.frequency or "",
        "support": ";".join(sorted(p.support)), "lives_in_household": p.lives_in_household,
        "is_respondent": p.is_respondent, "note": p.note,
        "off_map_reason": p.off_map_reason or "", "off_map_note": p.off_map_note,
    }
    attrs.update({f"support_{c}": c in p.support for c in SUPPORT})
    if p.on_map:
        attrs.update(ring=int(p.ring or 0), angle=float(p.angle or 0.0))
    return attrs


def graphml_graph(network: NetworkMap) -> nx.Graph:
    """A new graph whose attributes are all str/int/float/bool, for ``nx.write_graphml``.

    Graph: the centre, who answers (``respondent_key``, '' when not marked) and what the
    values mean (``ties_meaning``). Nodes: the centre (``ring`` 0, ``role`` 'centre') and
    everyone named; off-map people have ``on_map`` False, no ``ring``/``angle``, and their
    ``off_map_reason``. Support is a ``;``-joined code list plus one bool per code. Edges:
    ``kind`` 'to_centre' for each on-map person, carrying the ring; its closeness and
    frequency are the tie to the centre only where the stored values are that tie (the
    respondent at the centre, or a map drawn before maps said whose ties they record),
    '' otherwise: on a child-centred map they are the respondent's tie, on the node. And
    ``kind`` 'between' for the ties between other people.
    """
    s = network.settings
    respondent = network.respondent
    g = nx.Graph(centre_key=network.centre.key, centre_role=network.centre.role,
                 respondent_key=respondent.key if respondent is not None else "",
                 ties_meaning=network.ties_meaning,
                 rings=s.rings, sectors=";".join(s.sector_codes))
    g.add_node(network.centre.key, label=network.centre.label, role="centre", on_map=True, ring=0,
               is_respondent=network.centre.role == "respondent")
    tie_is_to_centre = network.centre.role == "respondent" or network.ties_meaning == UNSTATED
    for p in network.people():
        g.add_node(p.key, **person_attributes(p))
        if p.on_map:
            to_centre = tie_is_to_centre or p.is_respondent
            g.add_edge(network.centre.key, p.key, kind="to_centre", ring=int(p.ring or 0),
                       closeness=(p.closeness or "") if to_centre else "",
                       frequency=(p.frequency or "") if to_centre else "")
    for t in network.ties():
        g.add_edge(t.a, t.b, kind="between", closeness=t.closeness, frequency="")
    return g
