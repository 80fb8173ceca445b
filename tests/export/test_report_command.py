"""`main.py report` as an analyst runs it, and what the report must never show.

Suppression (a small count never appears, totals that would give it away are hidden, the
same count is hidden in every table), no names or free text anywhere in the HTML, the
command's one-line errors, and the figures embedded in one self-contained file.
"""

from __future__ import annotations

import base64
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from fieldwork.export.report.suppression import ReportTable, count, label, stat, suppress, total
from tests.conftest import PASSPHRASE
from tests.test_cli import _one_clear_line, run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    from fieldwork.demo import write_demo_study

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    write_demo_study(path, PASSPHRASE).close()
    return path


@pytest.fixture(scope="module")
def report_folder(demo_db: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report"
    result = run("report", "--db", str(demo_db), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "report.html" in result.stdout
    return out


class _Cells(HTMLParser):
    """Every table cell's text, and every image's source."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.images: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("td", "th"):
            self._in_cell = True
            self.cells.append("")
        if tag == "img":
            self.images.append(dict(attrs)["src"])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.cells[-1] += data


def _parsed(folder: Path) -> _Cells:
    parser = _Cells()
    parser.feed((folder / "report.html").read_text(encoding="utf-8"))
    return parser


def test_report_writes_html_and_pdf_with_embedded_figures(report_folder: Path) -> None:
    assert (report_folder / "report.pdf").read_bytes().startswith(b"%PDF")
    parsed = _parsed(report_folder)
    # The flow, SCORE-15, composition, change and two question figures, and the first four
    # of the demo's maps (--map-pictures' default) but never F008's (the family withdrew from
    # the map: counted, as kept, but not pictured). Table 3.12's counts are all below 5 on
    # the demo: an empty frame would look like a chart of nothing, so it is said in words.
    assert len(parsed.images) == 6 + 4
    assert ("Table 3.12: Feelings about being involved with social workers: no figure, as every "
            "count is withheld (below 5) or zero.") in unescape(
                (report_folder / "report.html").read_text(encoding="utf-8"))
    page = (report_folder / "report.html").read_text(encoding="utf-8")
    assert "F001, wave 2" in re.findall(r'alt="([^"]*)"', page)
    assert "F008" not in page
    for source in parsed.images:
        assert source.startswith("data:image/png;base64,")
        assert base64.b64decode(source.split(",", 1)[1]).startswith(b"\x89PNG")
    html = (report_folder / "report.html").read_text(encoding="utf-8")
    assert "Table 3.11 'Perspectives on relationships with professionals'" in unescape(html)
    assert "<link" not in html and "src=\"http" not in html  # nothing outside the file


def test_no_count_from_1_to_4_appears_with_the_default_threshold(report_folder: Path) -> None:
    cells = [c.strip() for c in _parsed(report_folder).cells]
    assert "<5" in cells
    assert not {"1", "2", "3", "4"} & set(cells)


def test_no_names_or_free_text_in_the_report(report_folder: Path, demo_db: Path) -> None:
    from fieldwork.domain.network_codes import RELATIONSHIPS
    from fieldwork.export.study_reader import read_study
    from fieldwork.storage.study_store import StudyStore

    store = StudyStore.open(demo_db, PASSPHRASE, read_only=True)
    try:
        data = read_study(store.db)
        said = [r["name"] for r in data.researchers]
        for stored in data.maps.values():
            network = stored.network
            said += [network.centre.label, *(p.label for p in network.people())]
            said += [p.note for p in network.people()] + [p.relationship_text for p in network.people()]
            said += [stored.head["researcher_support_note"] or "", stored.head["change_summary_note"] or ""]
        said += [f.get("notes") or "" for f in data.families]
        said += [a.get("answer_text") or "" for rows in data.answers.values() for a in rows]
    finally:
        store.close()
    text = (report_folder / "report.html").read_text(encoding="utf-8")
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", text)
    text = unescape(text)
    # A map label can be a role rather than a name ("Social worker"): those are the report's words too.
    generic = {words.lower() for words in RELATIONSHIPS.values()}
    words = [w for w in said if w and len(w.strip()) >= 4 and w.strip().lower() not in generic]
    assert len(words) > 20
    for word in words:
        assert word not in text, f"{word!r} is in the report"


def test_a_threshold_of_one_shows_every_count(demo_db: Path, tmp_path: Path) -> None:
    result = run("report", "--db", str(demo_db), "--out", str(tmp_path / "r"), "--suppress-below", "1",
                 "--no-pdf", "--map-pictures", "0")
    assert result.returncode == 0, result.stderr
    cells = _parsed(tmp_path / "r").cells
    assert not any(c.startswith("<") or c == "x" for c in cells)
    assert "1" in cells and not (tmp_path / "r" / "report.pdf").exists()


@pytest.mark.parametrize("arguments, says", [
    (["--suppress-below", "0"], "--suppress-below"),
    (["--bundle", "NOT-A-BUNDLE"], "not an exported bundle"),
])
def test_bad_input_is_one_clear_line(demo_db: Path, tmp_path: Path, arguments: list[str], says: str) -> None:
    if "--bundle" not in arguments:
        arguments = ["--db", str(demo_db), *arguments]
    result = run("report", *arguments, "--out", str(tmp_path / "r"))
    assert result.returncode == 2
    assert says in _one_clear_line(result)
    assert not (tmp_path / "r").exists()


def test_an_existing_folder_is_never_mixed_with(demo_db: Path, tmp_path: Path) -> None:
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "mine.txt").write_text("keep", encoding="utf-8")
    result = run("report", "--db", str(demo_db), "--out", str(tmp_path / "r"))
    assert result.returncode == 2 and "not empty" in _one_clear_line(result)
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["mine.txt"]


def _table(key: str, rows: list) -> ReportTable:
    return ReportTable(key, key, ["row", *(f"c{i}" for i in range(len(rows[0]) - 1))], rows)


def test_a_total_that_would_give_a_small_count_away_is_hidden_in_every_table() -> None:
    counts = _table("a", [[label("r"), count(3, "a"), count(9, "b"), total(12, ["a", "b"], "n")]])
    elsewhere = _table("b", [[label("r"), count(12, "n"), stat(44.5, "n")]])
    untouched = _table("c", [[label("r"), count(6, "c"), count(7, "d"), total(13, ["c", "d"], "m")]])
    suppress([counts, elsewhere, untouched], threshold=5)
    assert [c.shown for c in counts.rows[0][1:]] == ["<5", "9", "x"]
    assert elsewhere.rows[0][1].shown == "x"  # the same total, in another table
    assert [c.shown for c in untouched.rows[0][1:]] == ["6", "7", "13"]


def test_a_chain_of_totals_is_hidden_up_to_the_top_and_small_groups_get_no_statistics() -> None:
    table = _table("t", [
        [label("r1"), count(2, "a"), count(8, "b"), total(10, ["a", "b"], "r1")],
        [label("r2"), count(6, "c"), count(7, "d"), total(13, ["c", "d"], "r2")],
        [label("all"), total(8, ["a", "c"], "ca"), total(15, ["b", "d"], "cb"), total(23, ["r1", "r2"], "n")],
        [label("stats"), count(4, "g"), stat(None, "g"), stat(3.25, "big")],
        [label("big"), count(5, "big"), count(0, "zero"), stat(None, "zero")],
    ])
    suppress([table], threshold=5)
    shown = [[c.shown for c in row[1:]] for row in table.rows]
    assert shown[0] == ["<5", "8", "x"]
    assert shown[1] == ["6", "7", "13"]
    assert shown[2] == ["x", "15", "x"]  # the grand total adds up r1, which is hidden
    assert shown[3] == ["<5", "n<5", "3.2"]  # an undefined SD of a group of one would say n = 1
    assert shown[4] == ["5", "0", "–"]


def test_families_erased_after_withdrawing_are_named_beside_the_flow(report_folder: Path) -> None:
    """The flow counts only families still on record: the demo's F007 withdrew and was
    erased, so the flow says so (suppressed like any count) rather than 'withdrew 0' alone."""
    page = unescape((report_folder / "report.html").read_text(encoding="utf-8"))
    assert "Not in these counts: <5 families erased after withdrawing from the whole study" in page
