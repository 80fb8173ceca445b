"""The report's network tables: support levels, size and composition, change between waves.

Owns ``support_level_table`` (maps by network support level at each wave: the researcher's
rating, the app's suggestion, and the level the report uses — the researcher's rating, or
the suggestion where the researcher gave none), ``network_size_table`` (size and
composition of the maps at each wave, from ``network_summary.csv``) and ``change_table``
(no / some / major change between a family's maps, from ``network_changes.csv``). Qt-free.
"""

from __future__ import annotations

from collections import Counter

from fieldwork.domain.map_changes import CHANGE_RULE_IN_WORDS, CHANGE_SUMMARIES
from fieldwork.domain.network_metrics import SUPPORT_LEVELS
from fieldwork.export.report.sources import Rows
from fieldwork.export.report.suppression import ReportTable, count, label, stat, total
from fieldwork.export.report.tables import number, waves

NO_LEVEL = ""
LEVEL_COLUMNS = [*SUPPORT_LEVELS, NO_LEVEL]
LEVEL_HEADERS = [*(text.split()[0] for text in SUPPORT_LEVELS.values()), "No level"]
SUPPORT_SOURCE = (
    "Evaluation (2016), 3.2.6: 'Of the 17 family network maps, 5 expressed strong support from "
    "family and community, five moderate and seven low levels of support.'")
SIZE_SOURCE = (
    "Evaluation (2016), 3.2.6: 'family networks were evaluated by size and family members' "
    "assessment of the helpfulness of the network' (the evaluation gives no table of sizes).")
CHANGE_SOURCE = (
    "Evaluation (2016), 3.3.2: 'Among families interviewed, 3 had not seen any change in "
    "social networks, and 5 had had some level of change [...] For 5 families, there had been "
    "major changes in their networks, such as family bereavement or imprisonment of a family "
    "member, or losing many friends'.")
# network_summary.csv columns averaged per map, with the words the table shows.
SIZE_COLUMNS = (
    ("people_named", "People named"), ("people_on_map", "On the map"),
    ("ring_1", "Ring 1 (closest)"), ("ring_2", "Ring 2"), ("ring_3", "Ring 3"),
    ("sector_family_household", "Family / household"),
    ("sector_friends_neighbours", "Friends / neighbours"), ("sector_community", "Community"),
    ("sector_professionals", "Professionals"), ("off_map_total", "Named, off the map"),
    ("informal_support", "Informal support"), ("difficult_ties_to_centre", "Difficult ties"),
    ("ties_between", "Ties between others"),
)


def used_level(summary: dict[str, str]) -> str:
    """The level the report uses: the researcher's rating, else the app's suggestion."""
    level = summary.get("researcher_support_level") or summary.get("suggested_support_level", "")
    return level if level in SUPPORT_LEVELS else NO_LEVEL


def support_level_table(summaries: Rows) -> ReportTable:
    rows = []
    bases = (("researcher", "researcher's rating",
              lambda s: s["researcher_support_level"] if s["researcher_support_level"] in SUPPORT_LEVELS
              else NO_LEVEL),
             ("suggested", "app's suggestion",
              lambda s: s["suggested_support_level"] if s["suggested_support_level"] in SUPPORT_LEVELS
              else NO_LEVEL),
             ("used", "used in this report", used_level))
    for wave in waves(summaries):
        at_wave = [s for s in summaries if int(s["wave"]) == wave]
        for basis, words, level_of in bases:
            levels = Counter(level_of(s) for s in at_wave)
            keys = [f"level:{basis}:{wave}:{level or 'none'}" for level in LEVEL_COLUMNS]
            rows.append([label(f"Wave {wave}, {words}"),
                         *(count(levels[level], key)
                           for level, key in zip(LEVEL_COLUMNS, keys, strict=True)),
                         total(len(at_wave), keys, f"maps:{wave}")])
    return ReportTable("support_levels", "Maps by network support level at each wave",
                       ["Wave and basis", *LEVEL_HEADERS, "Maps"], rows, SUPPORT_SOURCE,
                       "The researcher rates each map strong, moderate or low (the report's "
                       "words); the app suggests a level from the map (network_summary.csv "
                       "suggested_support_level and its reason). Where the researcher gave no "
                       "rating, this report uses the suggestion.")


def network_size_table(summaries: Rows) -> ReportTable:
    rows = []
    for wave in waves(summaries):
        at_wave = [s for s in summaries if int(s["wave"]) == wave]
        group = f"maps:{wave}"
        means = []
        for column, _words in SIZE_COLUMNS:
            values = [v for v in (number(s.get(column, "")) for s in at_wave) if v is not None]
            means.append(stat(sum(values) / len(values) if values else None, group))
        rows.append([label(f"Wave {wave}"), count(len(at_wave), group), *means])
    return ReportTable("network_size", "Network size and composition at each wave (mean per map)",
                       ["Wave", "Maps", *(words for _c, words in SIZE_COLUMNS)], rows, SIZE_SOURCE,
                       "Means per map of network_summary.csv: people named and placed, per ring, "
                       "per sector (the default sectors), people named but kept off the map, "
                       "people who are not professionals giving practical or emotional support, "
                       "difficult ties to the centre and ties between other people.",
                       figure="network_size")


def change_table(changes: Rows) -> ReportTable:
    summaries = [*CHANGE_SUMMARIES, ""]
    headers = [*CHANGE_SUMMARIES.values(), "Not judged"]
    rows = []
    pairs = sorted({(int(c["from_wave"]), int(c["to_wave"])) for c in changes})
    bases = (("researcher", "researcher's summary", lambda c: c["researcher_change_summary"]),
             ("suggested", "app's suggestion", lambda c: c["suggested_change_summary"]),
             ("used", "used in this report",
              lambda c: c["researcher_change_summary"] or c["suggested_change_summary"]))
    for earlier, later in pairs:
        at_pair = [c for c in changes if (int(c["from_wave"]), int(c["to_wave"])) == (earlier, later)]
        for basis, words, summary_of in bases:
            found = Counter(s if s in CHANGE_SUMMARIES else "" for s in map(summary_of, at_pair))
            keys = [f"change:{basis}:{earlier}-{later}:{s or 'none'}" for s in summaries]
            rows.append([label(f"Wave {earlier} to {later}, {words}"),
                         *(count(found[s], key) for s, key in zip(summaries, keys, strict=False)),
                         total(len(at_pair), keys, f"pairs:{earlier}-{later}")])
    return ReportTable("network_change", "Change in families' networks between waves",
                       ["Waves and basis", *headers, "Families"], rows, CHANGE_SOURCE,
                       "One family per pair of maps at consecutive waves (network_changes.csv). "
                       "The researcher confirms the summary on the later map; the app suggests "
                       "one. " + CHANGE_RULE_IN_WORDS + " Where the researcher has not confirmed "
                       "one, this report uses the suggestion.",
                       figure="network_change")
