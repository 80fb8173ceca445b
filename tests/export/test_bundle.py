"""The analysts' bundle of the demo study, read back by an independent reader (csv, networkx)."""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx
import pytest

from fieldwork.export.bundle import ExportError, ExportOptions, write_bundle

REVERSED = {2, 4, 5, 7, 8, 9, 11, 12, 13, 14}
SUBSCALES = {"strengths": {1, 3, 6, 10, 15},
             "overwhelmed": {5, 7, 9, 11, 14},
             "disrupted_comm": {2, 4, 8, 12, 13}}


def read(folder: Path, name: str) -> list[dict[str, str]]:
    raw = (folder / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{name} has no UTF-8 byte-order mark"
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def bundle(full_demo, tmp_path: Path) -> Path:
    write_bundle(full_demo.db, tmp_path / "bundle", ExportOptions(zip=True, formats=("csv", "sav", "dta")))
    return tmp_path / "bundle"


def test_score15_totals_and_subscales_recomputed_from_the_long_file_match(bundle: Path) -> None:
    items: dict[str, dict[int, int]] = defaultdict(dict)
    for row in read(bundle, "responses.csv"):
        if row["instrument_id"] == "score15" and row["answer_code"]:
            number, answer = int(row["item_number"]), int(row["answer_code"])
            items[row["administration_key"]][number] = 6 - answer if number in REVERSED else answer
    scores = read(bundle, "score15_scores.csv")
    assert len(scores) >= 3
    assert {r["prorated"] for r in scores} == {"0", "1"}  # complete and pro-rated both checked
    for row in scores:
        answered = items[row["administration_key"]]
        assert int(row["items_answered"]) == len(answered)
        if len(answered) == 15:
            assert int(row["total"]) == sum(answered.values())
            assert row["total_prorated"] == "" and row["prorated"] == "0"
        else:
            assert row["total"] == "" and row["prorated"] == "1"
            mean = sum(answered.values()) / len(answered)
            assert float(row["total_prorated"]) == pytest.approx(mean * 15, abs=1e-3)
        for name, numbers in SUBSCALES.items():
            got = [answered[n] for n in numbers if n in answered]
            if len(got) == 5:
                assert int(row[name]) == sum(got)
            else:
                assert row[name] == ""
                assert float(row[f"{name}_prorated"]) == pytest.approx(sum(got) / len(got) * 5,
                                                                       abs=1e-3)
    by_wave = {(r["family_code"], r["wave"]): r for r in scores}
    # Family X had no SCORE-15 at time 2 (by telephone); Family Z repeats it in person.
    assert ("F001", "2") not in by_wave
    later = by_wave["F009", "2"]
    assert int(later["change_from_earlier_wave"]) == int(later["total"]) - int(by_wave["F009", "1"]["total"])
    assert later["earlier_wave"] == "1"


def test_map_sizes_recomputed_from_members_and_ties_match_the_summary(bundle: Path) -> None:
    members = read(bundle, "network_members.csv")
    ties = read(bundle, "network_ties.csv")
    summary = read(bundle, "network_summary.csv")
    assert len(summary) >= 2
    for row in summary:
        mine = [m for m in members if m["interview_key"] == row["interview_key"]]
        people = [m for m in mine if m["is_centre"] == "0"]
        on_map = [m for m in people if m["on_map"] == "1"]
        assert int(row["people_named"]) == len(people)
        assert int(row["people_on_map"]) == len(on_map)
        assert int(row["off_map_total"]) == len(people) - len(on_map)
        rings = Counter(m["ring"] for m in on_map)
        for ring in (1, 2, 3):
            assert int(row[f"ring_{ring}"]) == rings.get(str(ring), 0)
        on_keys = {m["person_key"] for m in on_map}
        between = [t for t in ties if t["interview_key"] == row["interview_key"]
                   and t["person_a_key"] in on_keys and t["person_b_key"] in on_keys]
        assert int(row["ties_between"]) == len(between)
        assert row["suggested_support_level"] in {"strong", "moderate", "low", "not_enough_information"}
        assert row["suggested_support_reason"]


def test_person_keys_and_codes_are_stable_across_waves_and_exports(full_demo, bundle: Path,
                                                                   tmp_path: Path) -> None:
    members = read(bundle, "network_members.csv")
    by_key: dict[str, set[str]] = defaultdict(set)
    for m in members:
        by_key[m["person_key"]].add(m["person_code"])
    assert all(len(codes) == 1 for codes in by_key.values())
    again = tmp_path / "again"
    write_bundle(full_demo.db, again)
    for name in ("network_members.csv", "interviews.csv", "score15_scores.csv", "consent.csv"):
        assert read(again, name) == read(bundle, name)


def test_graphml_files_load_in_networkx_with_their_attributes(bundle: Path) -> None:
    summary = read(bundle, "network_summary.csv")
    for row in summary:
        graph = nx.read_graphml(bundle / row["graphml_file"])
        assert graph.graph["family_code"] == row["family_code"]
        centre = graph.graph["centre_key"]
        assert graph.nodes[centre]["ring"] == 0
        people = [n for n in graph.nodes if n != centre]
        assert len(people) == int(row["people_named"])
        on_map = [n for n in people if graph.nodes[n]["on_map"]]
        assert len(on_map) == int(row["people_on_map"])
        for node in on_map:
            attributes = graph.nodes[node]
            assert {"ring", "sector", "closeness", "support", "person_code", "label"} <= set(attributes)
            assert attributes["label"] == attributes["person_code"]
        between = [e for e in graph.edges(data=True) if e[2]["kind"] == "between"]
        assert len(between) == sum(1 for t in read(bundle, "network_ties.csv")
                                   if t["interview_key"] == row["interview_key"])


def _free_text_answers(store) -> list[str]:
    return [r[0] for r in store.db.execute(
        "SELECT answer_text FROM instrument_answers WHERE answer_text IS NOT NULL")]


def _demo_secrets(store) -> list[str]:
    db = store.db
    secrets = _free_text_answers(store)
    for (members,) in db.execute("SELECT family_members FROM instrument_administrations"):
        secrets += [m["label"] for m in json.loads(members or "[]")]
    secrets += [r[0] for r in db.execute(
        "SELECT label FROM map_people UNION SELECT centre_label FROM network_maps")]
    secrets += [r[0] for r in db.execute(
        "SELECT notes FROM families UNION SELECT closing_notes FROM interviews UNION "
        "SELECT stop_note FROM interviews UNION SELECT interpreter FROM interviews UNION "
        "SELECT others_present FROM interviews UNION SELECT note FROM map_people UNION "
        "SELECT off_map_note FROM map_people UNION SELECT relationship_text FROM map_people UNION "
        "SELECT researcher_support_note FROM network_maps UNION SELECT name FROM researchers")]
    return [s for s in secrets if s and len(s) > 3]


def test_the_default_bundle_holds_no_names_and_no_free_text(full_demo, bundle: Path) -> None:
    secrets = _demo_secrets(full_demo)
    assert "Grandmother" in secrets and "INT-07 (Arabic, borough interpreting service)" in secrets
    # Bytes, so the SPSS and Stata files are searched too (their text is UTF-8).
    body = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    archive = zipfile.ZipFile(bundle.with_name("bundle.zip"))
    body.update({f"zip:{n}": archive.read(n) for n in archive.namelist()})
    assert {"datapackage.json", "spss/network_members.sav", "stata/network_members.dta"} <= set(body)
    # The demo labels some people by role ('Lawyer', 'Doctor'): the same words are labels of
    # relationship codes in the codebook, the data package and the value labels, which is no leak.
    vocabulary = {code.split(" = ", 1)[1] for r in read(bundle, "codebook.csv")
                  for code in r["allowed_codes"].split(" | ") if " = " in code}
    described = ("codebook.csv", "datapackage.json", ".sav", ".dta")
    for secret in secrets:
        found = [name for name, data in body.items() if secret.encode("utf-8") in data
                 and not (name.endswith(described) and secret in vocabulary)]
        assert not found, f"{secret!r} found in {found}"


def test_free_text_and_names_only_when_asked(full_demo, tmp_path: Path) -> None:
    out = tmp_path / "open"
    write_bundle(full_demo.db, out, ExportOptions(include_free_text=True, include_names=True))
    members = read(out, "network_members.csv")
    assert "Grandmother" in {m["label"] for m in members}
    words = _free_text_answers(full_demo)
    assert words and set(words) <= {r["answer_text"] for r in read(out, "responses.csv")}
    assert any("INT-07" in r["interpreter"] for r in read(out, "interviews.csv"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pseudonymised"] is False


def test_the_codebook_describes_every_column_of_every_file(bundle: Path) -> None:
    codebook = read(bundle, "codebook.csv")
    described = {(r["file"], r["column"]) for r in codebook}
    csv_files = sorted(p.name for p in bundle.glob("*.csv"))
    # with score15_wide, recruitment, contact_attempts, fieldwork_outcomes, recruitment_flow,
    # services and conversation_themes (conversation_notes and quotes only with free text),
    # case_status, social_workers, consent_components
    assert len(csv_files) == 21
    for name in csv_files:
        header = next(csv.reader((bundle / name).open(encoding="utf-8-sig")))
        assert len(header) == len(set(header))
        for column in header:
            assert (name, column) in described, f"{name}:{column} is not in the codebook"
    assert {r["file"] for r in codebook} == set(csv_files) | {"graphml/*.graphml"}
    for r in codebook:
        assert r["meaning"] and r["type"] and r["identifying"] in {"yes", "no"}
    graph = nx.read_graphml(next((bundle / "graphml").glob("*.graphml")))
    attributes = {f"graph:{k}" for k in graph.graph if k not in {"node_default", "edge_default"}}
    attributes |= {f"node:{k}" for _n, d in graph.nodes(data=True) for k in d}
    attributes |= {f"edge:{k}" for *_e, d in graph.edges(data=True) for k in d}
    assert attributes <= {r["column"] for r in codebook if r["file"] == "graphml/*.graphml"}
    # Every code in a coded column is listed in the codebook.
    coded = {(r["file"], r["column"]): {c.split(" = ")[0] for c in r["allowed_codes"].split(" | ")}
             for r in codebook if r["allowed_codes"]}
    for name in csv_files:
        for row in read(bundle, name):
            for column, value in row.items():
                allowed = coded.get((name, column))
                if allowed and value and name != "codebook.csv":
                    assert set(value.split(";")) <= allowed, (name, column, value)


def test_the_manifest_hashes_and_counts_match(bundle: Path) -> None:
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"]: f for f in manifest["files"]}
    on_disk = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"manifest.json"}
    for path, entry in listed.items():
        assert hashlib.sha256((bundle / path).read_bytes()).hexdigest() == entry["sha256"]
        if path.endswith(".csv"):
            assert len(read(bundle, path)) == entry["rows"] == manifest["row_counts"][path]
    assert manifest["schema_version"] >= 1 and manifest["app_version"]
    assert manifest["options"]["dates"] == "as recorded"
    assert manifest["csv"]["encoding"] == "utf-8-sig"
    names = zipfile.ZipFile(bundle.with_name("bundle.zip")).namelist()
    assert sorted(names) == sorted(f"bundle/{p}" for p in on_disk)


def test_an_erased_family_is_only_a_withdrawal_row(full_demo, bundle: Path) -> None:
    erased = full_demo.db.execute("SELECT family_key, family_code FROM withdrawals "
                                  "WHERE erased = 1 AND scope = 'whole'").fetchone()
    assert erased is not None
    key, code = erased
    for path in bundle.glob("*.csv"):
        rows = read(bundle, path.name)
        hits = [r for r in rows if r.get("family_key") == key or r.get("family_code") == code]
        if path.name == "withdrawals.csv":
            assert len(hits) == 1 and hits[0]["erased"] == "1" and hits[0]["family_in_bundle"] == "0"
        else:
            assert hits == [], path.name
    kept = [r for r in read(bundle, "families.csv") if r["withdrawn"] == "1"]
    assert [r["withdrawn_from"] for r in kept] == ["network_map"]


def test_shifted_dates_keep_intervals_and_say_only_shifted(full_demo, bundle: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "shifted"
    write_bundle(full_demo.db, out, ExportOptions(shift_dates=True))
    plain = {r["interview_key"]: r for r in read(bundle, "interviews.csv")}
    shifted = {r["interview_key"]: r for r in read(out, "interviews.csv")}
    moved = [k for k in plain if plain[k]["interview_date"] != shifted[k]["interview_date"]]
    assert moved
    for key in plain:
        assert plain[key]["days_since_first_interview"] == shifted[key]["days_since_first_interview"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["dates"] == "shifted"
    assert "offset" not in json.dumps(manifest)


def test_bad_destinations_give_one_clear_error_and_write_nothing(full_demo, tmp_path: Path) -> None:
    a_file = tmp_path / "taken.txt"
    a_file.write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        write_bundle(full_demo.db, a_file)
    used = tmp_path / "used"
    used.mkdir()
    (used / "old.csv").write_text("x")
    with pytest.raises(ExportError, match="not empty"):
        write_bundle(full_demo.db, used)
    with pytest.raises(ExportError, match="does not exist"):
        write_bundle(full_demo.db, tmp_path / "no" / "such" / "bundle")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db", "taken.txt", "used"] or \
        {p.name for p in tmp_path.iterdir()} <= {"demo.db", "demo.db-wal", "demo.db-shm", "demo.db.lock",
                                                 "demo.db.lock-owner", "taken.txt", "used"}


def test_a_failure_midway_leaves_no_folder(full_demo, tmp_path: Path, monkeypatch) -> None:
    from fieldwork.export import block_files

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(block_files.MapGraphml, "write", broken)  # midway: after the first block's CSV rows
    with pytest.raises(RuntimeError):
        write_bundle(full_demo.db, tmp_path / "bundle")
    assert not any(p.name.startswith((".bundle", "bundle")) for p in tmp_path.iterdir())


def test_progress_is_reported_to_the_end(full_demo, tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    write_bundle(full_demo.db, tmp_path / "b", progress=lambda d, t, w: seen.append((d, t, w)))
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _t, _w in seen] == sorted(d for d, _t, _w in seen)
    assert any("families.csv" in w for *_x, w in seen)


def test_our_graphml_reads_back_as_networkx_own_writer_does(full_demo, tmp_path: Path) -> None:
    from fieldwork.export import network_files
    from fieldwork.export.graphml_writer import write_graphml
    from fieldwork.export.study_reader import Pseudonyms, read_study

    data = read_study(full_demo.db)
    codes = Pseudonyms(data, shift_dates=False)
    for key in data.maps:
        graph = network_files.graphml_for(data, key, codes, free_text=True, names=True)
        graph.nodes[next(iter(graph.nodes))]["label"] = "Zoë & <Ahmed> \"Łukasz\" محمد"
        write_graphml(graph, tmp_path / "ours.graphml")
        nx.write_graphml(graph, tmp_path / "theirs.graphml")
        ours, theirs = (nx.read_graphml(tmp_path / f"{n}.graphml") for n in ("ours", "theirs"))
        assert dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))
        assert sorted(map(repr, ours.edges(data=True))) == sorted(map(repr, theirs.edges(data=True)))
        assert ours.graph == theirs.graph


def test_map_pictures_use_the_person_codes_and_are_listed(full_demo, tmp_path: Path) -> None:
    result = write_bundle(full_demo.db, tmp_path / "b", ExportOptions(maps=True))
    pictures = sorted(p.name for p in (tmp_path / "b" / "maps").glob("*.png"))
    graphs = sorted(p.stem for p in (tmp_path / "b" / "graphml").glob("*.graphml")
                    if p.name != "all_maps.graphml")  # every map in one file: no picture of its own
    assert [Path(p).stem for p in pictures] == graphs
    assert f"maps/{pictures[0]}" in result.files
    assert result.notes == []


def test_without_the_picture_module_the_manifest_says_so(full_demo, tmp_path: Path,
                                                        monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "fieldwork.export.map_picture", None)
    write_bundle(full_demo.db, tmp_path / "b", ExportOptions(maps=True))
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text(encoding="utf-8"))
    assert any("map_picture" in note for note in manifest["notes"])
    assert not (tmp_path / "b" / "maps").exists()


def test_a_row_that_drifts_from_its_declared_columns_is_refused(tmp_path: Path) -> None:
    from fieldwork.export.bundle import write_csv
    from fieldwork.export.columns import FAMILIES

    row = {c.name: "" for c in FAMILIES.included(False, False)}
    assert write_csv(tmp_path / "ok.csv", FAMILIES, [row], ExportOptions()) == 1
    with pytest.raises(RuntimeError, match="declared columns"):
        write_csv(tmp_path / "bad.csv", FAMILIES, [{**row, "surname": "x"}], ExportOptions())


def test_an_item_flagged_but_not_yet_answered_was_asked(consented_interview, tmp_path: Path) -> None:
    from fieldwork.storage.answer_store import AnswerStore, choose_wording, load_shipped_instruments

    store, interview_key = consented_interview
    instruments, _errors = load_shipped_instruments()
    answers = AnswerStore(store, instruments)
    shown, _english = choose_wording(instruments, "score15", "en")
    administration = answers.start(interview_key, shown)
    for item in ("score15_01", "score15_02", "score15_03"):
        answers.answer(administration.key, item, 2)
    answers.decline(administration.key, "score15_04")
    answers.set_flag(administration.key, "score15_05", "interpreted_orally", True)
    write_bundle(store.db, tmp_path / "bundle")
    (row,) = read(tmp_path / "bundle", "score15_scores.csv")
    assert (row["items_answered"], row["items_declined"]) == ("3", "1")
    assert row["items_not_asked"] == "10"  # items 6-15; item 5 was put to the respondent
    assert row["items_asked_not_answered"] == "1"
    assert row["items_interpreted_orally"] == "1"


def test_the_codebook_says_the_support_rule_in_words(bundle: Path) -> None:
    rows = {(r["file"], r["column"]): r for r in read(bundle, "codebook.csv")}
    suggested = rows[("network_summary.csv", "suggested_support_level")]
    assert ".py" not in suggested["meaning"]
    assert "practical help with the children or emotional support" in suggested["meaning"]
    assert "not_enough_information = Not enough information" in suggested["allowed_codes"]
    assert "primary figure" in rows[("network_summary.csv", "researcher_support_level")]["meaning"]
    reasons = rows[("network_summary.csv", "suggested_support_reason")]["allowed_codes"]
    # Focus on Practice 2016, 3.2.6, quoted where the rule rests on it:
    assert ("'Strong levels of support were when the respondent could call on practical help "
            "with looking after children and/or on emotional support'") in reasons
    assert "'were mainly dependent on professionals for support'" in reasons


def test_reliable_change_is_judged_by_the_study_setting_with_its_source(bundle: Path) -> None:
    rows = {(r["file"], r["column"]): r for r in read(bundle, "codebook.csv")}
    meaning = rows[("score15_scores.csv", "reliable_change")]["meaning"]
    assert "17.51 points" in meaning and "Nebeker Adams" in meaning and "NHS" not in meaning
    assert "51.92" in rows[("score15_scores.csv", "above_clinical_cutoff")]["meaning"]
    for row in read(bundle, "score15_scores.csv"):
        assert (row["reliable_change_threshold"], row["clinical_cutoff"]) == ("17.51", "51.92")
        assert row["reliable_change_source"].startswith("Nebeker Adams, C. A. (2018)")
        if row["change_from_earlier_wave"]:
            change = abs(int(row["change_from_earlier_wave"]))
            assert row["reliable_change"] == ("1" if change >= 17.51 else "0")
