"""The declared columns of the network files: members, ties, summary and wave-to-wave changes.

Owns the ``FileSpec`` of ``network_members.csv``, ``network_ties.csv``,
``network_summary.csv`` and ``network_changes.csv``. The summary's columns follow
``network_metrics.MapMetrics.as_row()`` one for one (its sector columns follow the sector
codes found in the study's maps), so every metric is exported and described. Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable

from fieldwork.domain.map_changes import CHANGE_RULE_IN_WORDS, CHANGE_SUMMARIES, MAJOR_REASONS
from fieldwork.domain.map_geometry import MAX_RINGS, SECTOR_LABELS
from fieldwork.domain.network_codes import (
    CENTRE_ROLES,
    CLOSENESS,
    FREQUENCY,
    OFF_MAP_REASONS,
    RELATIONSHIPS,
    SUPPORT,
    TIES_MEANINGS,
)
from fieldwork.domain.network_metrics import (
    SUGGESTED_SUPPORT_LEVELS,
    SUPPORT_LEVELS,
    SUPPORT_REASONS,
)
from fieldwork.export.columns import (
    CODE,
    CODES,
    FLAG,
    FREE_TEXT,
    INTEGER,
    KEY,
    NAMES,
    NUMBER,
    TEXT,
    TO_INTERVIEW,
    YES_NO,
    Column,
    FileSpec,
    interview_columns,
    missing_column,
)

_PERSON = (
    Column("person_key", KEY, "The person's key: the same person has the same key at every "
           "wave of a family and in every export; also the node id in the GraphML files."),
    Column("person_code", CODE, "The person as a code, stable within a family (P001, P002, ... "
           "in the order the family first named them; the first map's centre is P001)."),
)

MEMBERS = FileSpec("network_members.csv",
                   "person on one interview's map (the centre included), on or off the map", (
    *interview_columns(),
    *_PERSON,
    Column("is_centre", FLAG, "1 for the person at the centre of the map (ring 0); count "
           "people named with is_centre = 0.", YES_NO),
    Column("label", TEXT, "The name or label the respondent gave.", identifying=True,
           only_with=NAMES),
    Column("relationship", CODE, "Who the person is to the person at the centre (empty for the "
           "centre). With the respondent at the centre this is also who they are to the "
           "respondent; see relationship_to_respondent otherwise.", RELATIONSHIPS),
    Column("relationship_to_respondent", CODE, "Who the person is to the respondent, recorded "
           "only when the centre is not the respondent (a child-centred map), and not for the "
           "respondent; empty = the centre is the respondent, or not recorded.", RELATIONSHIPS),
    Column("centre_role", CODE, "For the centre: who is at the centre; empty otherwise.",
           CENTRE_ROLES),
    Column("on_map", FLAG, "1 if placed on the map; 0 if named but kept off it.", YES_NO),
    Column("ring", INTEGER, "Ring the person was placed in: how close they are to the person at "
           "the centre, as the respondent sees it. 1 = closest ('hard to imagine life without "
           "them'), 2, 3 ...; 0 = the centre; empty when off the map."),
    Column("sector", CODE, "The sector (wedge) of the map the person is in (kept when off "
           "the map).", SECTOR_LABELS),
    Column("angle", NUMBER, "Position around the map in degrees (0 = right, counter-clockwise); "
           "empty when off the map or for the centre."),
    Column("closeness", CODE, "On maps whose ties_meaning is respondent_view: the closeness of "
           "the respondent's own tie with the person (for the respondent on a child-centred "
           "map: their tie with the centre); on 'unstated' maps: the tie to the centre. "
           "Empty = not asked.", CLOSENESS),
    Column("frequency", CODE, "How often the respondent is in contact with the person (for the "
           "respondent: with the centre); on 'unstated' maps: contact with the centre. Empty = "
           "not asked.", FREQUENCY),
    *(Column(f"support_{code}", FLAG, f"1 if the respondent can call on this person for: "
             f"{label} (on 'unstated' maps: support given, to whom not said). All support "
             "columns empty = support not asked.", YES_NO) for code, label in SUPPORT.items()),
    Column("lives_in_household", FLAG, "1 if the person lives in the respondent's household.",
           YES_NO),
    Column("is_respondent", FLAG, "1 for the person answering: the centre when the respondent "
           "is at the centre, else the person marked as the respondent on the map.", YES_NO),
    Column("off_map_reason", CODE, "Why a named person is not on the map; empty when on it.",
           OFF_MAP_REASONS),
    Column("relationship_text", TEXT, "The relationship in the respondent's words.",
           identifying=True, only_with=FREE_TEXT),
    Column("note", TEXT, "The researcher's note about the person.", identifying=True,
           only_with=FREE_TEXT),
    Column("off_map_note", TEXT, "What was said about keeping the person off the map.",
           identifying=True, only_with=FREE_TEXT),
), primary_key=("interview_key", "person_key"), foreign_keys=TO_INTERVIEW)

TIES = FileSpec("network_ties.csv", "tie drawn between two people other than the centre (the tie "
                "to the centre is the person's closeness in network_members.csv)", (
    *interview_columns(),
    Column("person_a_key", KEY, "One end of the tie (person_key in network_members.csv)."),
    Column("person_a_code", CODE, "One end of the tie as a person code."),
    Column("person_b_key", KEY, "The other end of the tie."),
    Column("person_b_code", CODE, "The other end of the tie as a person code."),
    Column("closeness", CODE, "Closeness of the tie.", CLOSENESS),
), primary_key=("interview_key", "person_a_key", "person_b_key"),
    foreign_keys=tuple(((("interview_key", f"person_{end}_key"), "network_members.csv",
                        ("interview_key", "person_key"))) for end in "ab"))

_METRICS: dict[str, tuple[str, str]] = {
    "people_named": (INTEGER, "People named, on and off the map, the centre not counted."),
    "people_on_map": (INTEGER, "People placed on the map (the centre not counted)."),
    "off_map_total": (INTEGER, "People named but kept off the map."),
    "professionals_on_map": (INTEGER, "People on the map in the professionals sector."),
    "professionals_share": (NUMBER, "professionals_on_map / people_on_map (empty for an empty map)."),
    "household_members": (INTEGER, "People named (on or off the map) who live in the household."),
    "difficult_ties_to_centre": (INTEGER, "People named whose closeness is 'difficult' (the "
                                 "respondent's own tie on respondent_view maps, the tie to the "
                                 "centre on 'unstated' maps; the name is kept for old exports)."),
    "difficult_ties_between": (INTEGER, "Ties between other people whose closeness is 'difficult'."),
    "informal_support": (INTEGER, "Family and friends on the map (not professionals, not the "
                         "respondent) the respondent can call on for practical help with the "
                         "children or emotional support."),
    "close_frequent_informal_support": (INTEGER, "Of those, the ones very or moderately close "
                                        "and in contact at least monthly."),
    "informal_in_frequent_contact": (INTEGER, "Informal people on the map in contact at least "
                                     "monthly whose tie is not difficult."),
    "professionals_giving_support": (INTEGER, "Professionals on the map giving any support."),
    "ties_between": (INTEGER, "Ties drawn between two people both on the map (centre excluded)."),
    "density": (NUMBER, "ties_between / possible ties among the people on the map (0 when "
                "fewer than two)."),
}


SUGGESTED_SUPPORT_MEANING = (
    "Secondary to researcher_support_level: the level the app suggests from the map, by the "
    "report's own definitions (Focus on Practice 2016, 3.2.6). Only people on the map who are "
    "not professionals and not the respondent count as family and friends, and their support "
    "is what the respondent can call on from them. Strong: one of them gives practical help "
    "with the children or emotional support, however close and however often seen. Low: only "
    "professionals on the map; or no family member or friend gives any support; or more "
    "professionals than family and friends give support; or every family member and friend is "
    "in contact rarely or never. Moderate: the rest (family and friends give some support, "
    "but not practical help with the children nor emotional support). Not enough information: "
    "the answer depends on support or contact that was not asked, or no one is on the map; "
    "closeness is not used by the rule. The respondent 'identified themselves as isolated' "
    "is not on the map: only the researcher's rating can hold it.")


def metric_columns(sector_codes: Iterable[str]) -> tuple[Column, ...]:
    """Columns in the order of ``MapMetrics.as_row()`` (support_level renamed, see below)."""
    cols = [Column(name, *_METRICS[name]) for name in ("people_named", "people_on_map")]
    for r in range(1, MAX_RINGS + 1):
        cols += [Column(f"ring_{r}", INTEGER, f"People on the map in ring {r} (empty if the map "
                        f"has fewer rings: ring_{r}_missing not_applicable)."),
                 missing_column(f"ring_{r}", f"the count of ring {r}")]
    sector_codes = list(sector_codes)
    cols += [Column(f"sector_{code}", INTEGER, f"People on the map in the sector '{code}' "
                    f"({SECTOR_LABELS.get(code, 'a study-defined sector')}); empty when this map "
                    "has no such sector (it is then in sectors_not_on_map).")
             for code in sector_codes]
    cols.append(Column("sectors_not_on_map", CODES, "The sectors of the study that this map does "
                       "not have: their sector_ columns are empty (not applicable); empty when "
                       "the map has every sector.", {c: SECTOR_LABELS.get(c, c) for c in sector_codes}))
    cols.append(Column("off_map_total", *_METRICS["off_map_total"]))
    cols += [Column(f"off_map_{code}", INTEGER, f"People kept off the map: {label}.")
             for code, label in OFF_MAP_REASONS.items()]
    for name in list(_METRICS)[3:]:
        cols.append(Column(name, *_METRICS[name]))
        if name == "professionals_share":
            cols.append(missing_column(name, "the professionals' share"))
    return tuple(cols)


def summary_spec(sector_codes: Iterable[str]) -> FileSpec:
    """network_summary.csv, with one column per sector code found in the study's maps."""
    return FileSpec("network_summary.csv", "network map (one interview's map)", (
        *interview_columns(),
        Column("centre_person_key", KEY, "The centre person's key (network_members.csv)."),
        Column("centre_person_code", CODE, "The centre person's code."),
        Column("centre_role", CODE, "Who is at the centre.", CENTRE_ROLES),
        Column("respondent_person_code", CODE, "Who answers: the centre's code when the "
               "respondent is at the centre, else the code of the person marked as the "
               "respondent; empty = not marked on the map."),
        Column("ties_meaning", CODE, "Whose ties this map's rings, closeness, contact, support "
               "and relationships are (the allowed codes say it in words).", TIES_MEANINGS),
        Column("rings", INTEGER, "Number of rings the map had."),
        Column("carried_from_interview_key", KEY, "The earlier interview whose map this one "
               "started from (same people, same keys); empty for a new map."),
        *metric_columns(sector_codes),
        Column("researcher_support_level", CODE, "The primary figure: the researcher's own "
               "rating of the support the respondent can call on, on the report's three levels "
               "(Focus on Practice 2016, 3.2.6: strong, moderate, low); empty = not rated.",
               SUPPORT_LEVELS),
        missing_column("researcher_support_level", "the researcher's rating",
                       "researcher_support_missing"),
        Column("researcher_support_note", TEXT, "Why the researcher rated it so.",
               identifying=True, only_with=FREE_TEXT),
        Column("suggested_support_level", CODE, SUGGESTED_SUPPORT_MEANING, SUGGESTED_SUPPORT_LEVELS),
        Column("suggested_support_reason", CODE, "Which sentence of the report the suggestion "
               "rests on, or what was not asked (the allowed codes say it in words).",
               SUPPORT_REASONS),
        Column("graphml_file", TEXT, "The map's GraphML file in this bundle."),
    ), primary_key=("interview_key",), foreign_keys=TO_INTERVIEW)


CHANGES = FileSpec("network_changes.csv", "pair of a family's maps at consecutive waves", (
    *(c for c in interview_columns() if c.name != "interview_key" and c.name != "wave"),
    Column("from_interview_key", KEY, "The earlier interview."),
    Column("to_interview_key", KEY, "The later interview."),
    Column("from_wave", INTEGER, "The earlier wave."),
    Column("to_wave", INTEGER, "The later wave."),
    Column("centre_changed", FLAG, "1 if a different person is at the centre.", YES_NO),
    Column("added", INTEGER, "People on the later map but not the earlier one."),
    Column("newly_named", INTEGER, "Of those, people not named at all at the earlier wave."),
    Column("removed", INTEGER, "People on the earlier map but not the later one."),
    Column("moved_off_map", INTEGER, "Of those, people still named, kept off the later map."),
    Column("moved_ring", INTEGER, "People on both maps in a different ring."),
    Column("moved_closer", INTEGER, "Of those, people moved to an inner ring."),
    Column("moved_further", INTEGER, "Of those, people moved to an outer ring."),
    Column("moved_sector", INTEGER, "People on both maps in a different sector."),
    Column("closeness_changed", INTEGER, "People on both maps whose closeness changed."),
    Column("people_changed", INTEGER, "People with at least one change, each counted once."),
    Column("on_map_earlier", INTEGER, "People on the earlier map."),
    Column("on_map_later", INTEGER, "People on the later map."),
    Column("added_person_codes", CODES, "The people added (person codes)."),
    Column("removed_person_codes", CODES, "The people removed (person codes)."),
    Column("suggested_change_summary", CODE, "The summary the app proposes. "
           + CHANGE_RULE_IN_WORDS, CHANGE_SUMMARIES),
    Column("major_reasons", CODES, "Why the proposal is 'major_change'.", MAJOR_REASONS),
    Column("researcher_change_summary", CODE, "The summary the researcher confirmed on the "
           "later map; empty = not confirmed.", CHANGE_SUMMARIES),
    Column("change_summary_note", TEXT, "The researcher's note on the change.",
           identifying=True, only_with=FREE_TEXT),
), primary_key=("from_interview_key", "to_interview_key"),
    foreign_keys=((("from_interview_key",), "interviews.csv", ("interview_key",)),
                  (("to_interview_key",), "interviews.csv", ("interview_key",))))


def _support_attributes() -> tuple[Column, ...]:
    return tuple(Column(f"node:support_{code}", "boolean", f"True if the person gives: {label}.")
                 for code, label in SUPPORT.items())


GRAPHML = FileSpec("graphml/*.graphml", "network map (one file per map; nodes are people keyed "
                   "by person_key, the centre included; attributes listed as graph:, node:, edge:). "
                   "graphml/all_maps.graphml holds every map in one graph for network tools: node "
                   "ids are interview_key:person_key, each map in its own square of a grid; the "
                   "attributes marked 'all_maps.graphml' are only there", (
    Column("graph:interview_key", KEY, "The interview the map belongs to."),
    Column("graph:family_key", KEY, "The family's key."),
    Column("graph:family_code", CODE, "The family's code."),
    Column("graph:wave", INTEGER, "The wave."),
    Column("graph:centre_key", KEY, "The node id of the centre person."),
    Column("graph:centre_role", CODE, "Who is at the centre.", CENTRE_ROLES),
    Column("graph:respondent_key", KEY, "The node id of the person answering (the centre when "
           "the respondent is at the centre); '' = not marked."),
    Column("graph:ties_meaning", CODE, "Whose ties the values are.", TIES_MEANINGS),
    Column("graph:rings", INTEGER, "Number of rings of the map."),
    Column("graph:sectors", CODES, "The map's sector codes, in order around the map."),
    Column("node:person_code", CODE, "The person's code (as in network_members.csv)."),
    Column("node:label", TEXT, "The person's code, or with --include-names the name given.",
           identifying=True),
    Column("node:role", CODE, "'centre' or 'person'.", {"centre": "The centre", "person": "A person named"}),
    Column("node:on_map", "boolean", "True if placed on the map."),
    Column("node:ring", INTEGER, "Ring (0 = the centre); absent when off the map."),
    Column("node:angle", NUMBER, "Degrees around the map; absent when off the map."),
    Column("node:sector", CODE, "Sector.", SECTOR_LABELS),
    Column("node:relationship", CODE, "Relationship to the person at the centre.", RELATIONSHIPS),
    Column("node:relationship_to_respondent", CODE, "Relationship to the respondent, on maps "
           "whose centre is not the respondent ('' = not recorded or not needed).", RELATIONSHIPS),
    Column("node:closeness", CODE, "The respondent's own tie with the person, as in "
           "network_members.csv closeness ('' = not asked).", CLOSENESS),
    Column("node:frequency", CODE, "The respondent's contact with the person, as in "
           "network_members.csv frequency ('' = not asked).", FREQUENCY),
    Column("node:support", CODES, "Support the respondent can call on from the person ('' = "
           "not asked; on 'unstated' maps: support given).", SUPPORT),
    *_support_attributes(),
    Column("node:lives_in_household", "boolean", "True if in the respondent's household."),
    Column("node:is_respondent", "boolean", "True for the person answering (the centre node "
           "too, when the respondent is at the centre)."),
    Column("node:off_map_reason", CODE, "Why the person is off the map ('' when on it).",
           OFF_MAP_REASONS),
    Column("node:relationship_text", TEXT, "Relationship in the respondent's words.",
           identifying=True, only_with=FREE_TEXT),
    Column("node:note", TEXT, "The researcher's note.", identifying=True, only_with=FREE_TEXT),
    Column("node:off_map_note", TEXT, "What was said about keeping the person off the map.",
           identifying=True, only_with=FREE_TEXT),
    # Gephi and yEd place nodes by x/y: the concentric layout (network_files.layout_point).
    Column("node:x", NUMBER, "Horizontal place: where the app draws the person's ring (middle "
           "of its band) and angle, 100 = the outer ring's edge, the centre at 0; people off "
           "the map stand in a column at x = 125. In all_maps.graphml, shifted to the map's "
           "square of the grid (the place within the map is map_x)."),
    Column("node:y", NUMBER, "Vertical place, as x (up is positive, as on the app's map)."),
    Column("node:map_x", NUMBER, "all_maps.graphml: x within the person's own map."),
    Column("node:map_y", NUMBER, "all_maps.graphml: y within the person's own map."),
    Column("node:interview_key", KEY, "all_maps.graphml: the interview of the node's map."),
    Column("node:family_key", KEY, "all_maps.graphml: the family of the node's map."),
    Column("node:family_code", CODE, "all_maps.graphml: the family's code."),
    Column("node:wave", INTEGER, "all_maps.graphml: the wave of the node's map."),
    Column("node:centre_role", CODE, "all_maps.graphml: who is at the centre of the node's map.",
           CENTRE_ROLES),
    Column("node:ties_meaning", CODE, "all_maps.graphml: whose ties the map's values are.",
           TIES_MEANINGS),
    Column("node:person_key", KEY, "all_maps.graphml: the person's key (the node id without its "
           "interview prefix)."),
    Column("edge:interview_key", KEY, "all_maps.graphml: the interview of the edge's map."),
    Column("graph:maps", INTEGER, "all_maps.graphml: how many maps it holds."),
    Column("graph:study", TEXT, "all_maps.graphml: the study's name."),
    Column("graph:layout_scale", NUMBER, "all_maps.graphml: x/y units from the centre to the "
           "outer ring's edge (100)."),
    Column("graph:map_pitch", NUMBER, "all_maps.graphml: distance between neighbouring maps' "
           "centres in the grid."),
    Column("edge:kind", CODE, "The kind of line.", {"to_centre": "A person's tie to the centre",
                                                    "between": "A tie between two other people"}),
    Column("edge:ring", INTEGER, "For ties to the centre: the ring, i.e. how close the person is "
           "to the centre as the respondent sees it."),
    Column("edge:closeness", CODE, "Closeness of the tie. For a tie to the centre, given only "
           "where the stored closeness is the tie to the centre (the respondent at the centre, "
           "the respondent's own tie, or an 'unstated' map); '' otherwise or not asked.",
           CLOSENESS),
    Column("edge:frequency", CODE, "Contact, for ties to the centre, on the same terms as "
           "closeness ('' otherwise).", FREQUENCY),
))
