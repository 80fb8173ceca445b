"""The one resource reader: a corpus of bad files of every kind, each named by file and JSON path;
BOM and comments accepted, repeated keys refused, for every kind; a study's own folder over
the shipped files; the language rule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fieldwork.domain.errors import ResourceFileError
from fieldwork.domain.language_tags import choose_language, is_language_tag
from fieldwork.domain.resource_library import (
    KINDS,
    check_resource_folder,
    load_resource_library,
    read_resource,
    read_schemas,
    shipped_resources,
)
from fieldwork.domain.resource_reading import ResourceFileProblems

CORPUS = Path(__file__).resolve().parents[1] / "data" / "bad_resources"
SHIPPED = Path(__file__).resolve().parents[2] / "resources"
SHIPPED_FILES = {"consent": "family-interview.en.json", "instruments": "score15.en.json",
                 "map_prompts": "en.json", "guides": "family-conversation.wave1.en.json"}

# Every file of the corpus, and what its first problem must say (after "<file>: ").
BAD_FILES = {
    "consent/direction-up.json": "$.direction: 'up' is not a direction",
    "consent/empty-translation.json": "$.information_sheet[0].translation: is empty.",
    "consent/language-not-a-tag.json": "$.language: 'English' is not a language tag",
    "consent/no-interview-statement.json": "$.statements: must include a statement about the 'interview'",
    "consent/not-json.json": "file: is not valid JSON (line 7",
    "consent/not-utf8.json": "file: is not UTF-8 text.",
    "consent/repeated-key.json": "$.title: appears twice in the same object",
    "consent/statement-text-missing.json": "$.statements[2].text: is missing.",
    "consent/typo-in-a-field-name.json": "$.statements: is missing.",
    "consent/unknown-component.json": "$.statements[3].component: 'photographs' is not a built-in "
                                       "consent component; "
                                       "declare the form's components in $.components to use your own.",
    "guides/empty-probe.json": "$.themes[1].probes[1]: is empty.",
    "guides/no-themes.json": "$.themes: is empty; give at least one.",
    "guides/questions-missing.json": "$.themes[3].questions: is missing.",
    "guides/theme-id-twice.json": "$.themes[2].id: theme id 'services_used' is used twice",
    "guides/typo-in-a-theme-field.json": "$.themes[0].prompts: is not a field this app knows (a typo?)",
    "guides/wave-as-text.json": "$.wave: should be a whole number, not text.",
    "guides/wave-zero.json": "$.wave: should be 1 or more.",
    "instruments/empty-option-label.json": "$.scales[0].options[2].label: is empty.",
    "instruments/item-number-as-text.json": "$.items[0].number: should be a whole number, not text.",
    "instruments/item-text-missing.json": "$.items[3].text: is missing.",
    "instruments/language-with-newline.json": '$.language: "en\\n" is not a language tag',
    "instruments/nan.json": "file: is not valid JSON (NaN is not a JSON number).",
    "instruments/repeated-key-in-an-item.json": "$.items[2].scale: appears twice in the same object",
    "instruments/subscale-item-unknown.json": "$.subscales[0].item_ids[1]: there is no item 'score15_99'",
    "instruments/translated-text-without-validated.json": "$.items[1].text.validated: is missing.",
    "instruments/unknown-scale.json": "$.items[1].scale: there is no scale 'agree_disagree'",
    "instruments/validated-without-source.json": "$.translation.source: is needed when the translation",
    "map_prompts/a-list-not-an-object.json": "$: should be a group of fields in { }, not a list in [ ].",
    "map_prompts/language-missing.json": "$.language: is missing.",
    "map_prompts/prompt-a-number.json": "$.ring_prompts[1]: should be text, not a whole number.",
    "map_prompts/two-prompts.json": "$.ring_prompts: should have at least 3, not 2.",
    "map_prompts/typo-in-a-field-name.json": "$.ring_prompts: is missing.",
}


@pytest.fixture(scope="module")
def schemas():
    return read_schemas()


def test_the_corpus_has_a_case_for_every_file() -> None:
    assert sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.json")) == sorted(BAD_FILES)


@pytest.mark.parametrize(("name", "expected"), sorted(BAD_FILES.items()))
def test_each_bad_file_is_named_by_file_and_json_path(schemas, name: str, expected: str) -> None:
    path = CORPUS / name
    kind = name.split("/")[0]
    with pytest.raises(ResourceFileProblems) as refused:
        read_resource(kind, path, str(path), schemas)
    assert str(refused.value).startswith(f"{path}: {expected}")
    assert all(problem.path == str(path) for problem in refused.value.problems)


def test_every_problem_of_a_file_is_listed_not_just_the_first(schemas, tmp_path: Path) -> None:
    data = json.loads((SHIPPED / "instruments" / "score15.en.json").read_text(encoding="utf-8"))
    del data["items"][3]["text"]
    data["items"][5]["number"] = 0
    data["titel"] = data.pop("title")
    path = tmp_path / "score15.so.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ResourceFileProblems) as refused:
        read_resource("instruments", path, "resources/instruments/score15.so.json", schemas)
    assert [str(p) for p in refused.value.problems] == [
        "resources/instruments/score15.so.json: $.title: is missing.",
        "resources/instruments/score15.so.json: $.titel: is not a field this app knows (a typo?); expected "
        "'direction', 'id', 'instructions', 'interpreter_notes_source', 'item_prompt', 'items', 'language', "
        "'scales', 'subscales', 'title', 'translation', 'version'.",
        "resources/instruments/score15.so.json: $.items[3].text: is missing.",
        "resources/instruments/score15.so.json: $.items[5].number: should be 1 or more.",
    ]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_byte_order_mark_and_comments_are_accepted_for_every_kind(schemas, tmp_path: Path,
                                                                    kind: str) -> None:
    data = json.loads((SHIPPED / kind / SHIPPED_FILES[kind]).read_text(encoding="utf-8"))
    data["_comment"] = "saved by Notepad"
    path = tmp_path / SHIPPED_FILES[kind]
    path.write_bytes(json.dumps(data, ensure_ascii=False).encode("utf-8-sig"))
    loaded = read_resource(kind, path, str(path), schemas)
    assert loaded.value.language == "en"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_repeated_key_is_refused_for_every_kind(schemas, tmp_path: Path, kind: str) -> None:
    text = (SHIPPED / kind / SHIPPED_FILES[kind]).read_text(encoding="utf-8")
    path = tmp_path / SHIPPED_FILES[kind]
    path.write_text(text.replace('"language": "en",', '"language": "en",\n  "language": "pl",', 1),
                    encoding="utf-8")
    with pytest.raises(ResourceFileError, match=r"\$\.language: appears twice"):
        read_resource(kind, path, str(path), schemas)


def test_the_consent_schema_leaves_the_components_to_the_form() -> None:
    schema = json.loads((SHIPPED / "schemas" / "consent_form.schema.json").read_text(encoding="utf-8"))
    component = schema["properties"]["statements"]["items"]["properties"]["component"]
    assert "enum" not in component  # the set of components is the form's, never fixed here
    declared = schema["properties"]["components"]["items"]
    assert declared["required"] == ["id", "label", "required", "gates"]


def test_the_shipped_resources_load_without_a_problem() -> None:
    library = load_resource_library()
    assert library.errors == ()
    assert {form.language for form in library.consent_forms} == {"en"}
    assert sorted(i.id for i in library.instruments) == ["family_questions", "score15"]
    assert list(library.map_prompts) == ["en"]
    assert sorted((g.guide_id, g.wave, g.language) for g in library.topic_guides) == [
        ("family-conversation", 1, "en"), ("family-conversation", 2, "en")]
    assert shipped_resources() == SHIPPED


def _study_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "study-resources"
    (folder / "map_prompts").mkdir(parents=True)
    (folder / "consent").mkdir()
    english = json.loads((SHIPPED / "map_prompts" / "en.json").read_text(encoding="utf-8"))
    english["ring_prompts"][0] = "The people closest to you"
    (folder / "map_prompts" / "en.json").write_text(json.dumps(english), encoding="utf-8")
    polish = {"language": "pl", "ring_prompts": ["Najbliżsi", "Bardzo ważni", "Ważni"]}
    (folder / "map_prompts" / "pl.json").write_text(json.dumps(polish, ensure_ascii=False), encoding="utf-8")
    return folder


def test_a_study_folder_replaces_and_adds_to_the_shipped_files(tmp_path: Path) -> None:
    library = load_resource_library(None, _study_folder(tmp_path))
    assert library.errors == ()
    assert library.map_prompts["en"][0] == "The people closest to you"  # replaced
    assert library.map_prompts["pl"] == ("Najbliżsi", "Bardzo ważni", "Ważni")  # added
    assert len(library.instruments) == 2  # untouched kinds stay as shipped


def test_a_bad_study_file_is_reported_and_the_shipped_one_stays(tmp_path: Path) -> None:
    folder = _study_folder(tmp_path)
    (folder / "map_prompts" / "en.json").write_text('{"language": "en", "ring_prompts": ["a"]}',
                                                    encoding="utf-8")
    library = load_resource_library(None, folder)
    assert [str(e) for e in library.errors] == [
        f"{folder / 'map_prompts' / 'en.json'}: $.ring_prompts: should have at least 3, not 1."]
    assert library.map_prompts["en"][0].startswith("People so close")


def test_a_study_consent_translation_must_match_the_shipped_english(tmp_path: Path) -> None:
    folder = _study_folder(tmp_path)
    form = json.loads((SHIPPED / "consent" / "family-interview.en.json").read_text(encoding="utf-8"))
    form.update(language="pl", statements=form["statements"][:-1], components=form["components"][:-1])
    (folder / "consent" / "family-interview.pl.json").write_text(json.dumps(form), encoding="utf-8")
    _library, problems = check_resource_folder(folder)
    assert len(problems) == 1 and problems[0].field == "$.statements"
    assert "do not match the English version" in problems[0].problem


def test_a_missing_study_folder_is_reported_not_ignored(tmp_path: Path) -> None:
    library = load_resource_library(None, tmp_path / "gone")
    assert [(e.path, e.field) for e in library.errors] == [(str(tmp_path / "gone"), "folder")]
    assert len(library.instruments) == 2


def test_check_names_files_outside_the_kind_folders(tmp_path: Path) -> None:
    folder = _study_folder(tmp_path)
    shutil.copy(SHIPPED / "map_prompts" / "en.json", folder / "en.json")
    _library, problems = check_resource_folder(folder)
    assert [(Path(p.path).name, p.field) for p in problems] == [("en.json", "file")]
    assert "not in a folder the app reads" in problems[0].problem


@pytest.mark.parametrize(("tag", "valid"), [
    ("en", True), ("so-SO", True), ("ar-x-test", True), ("pt-BR", True), ("zh-Hant-TW", True),
    ("English", False), ("en\n", False), ("e", False), ("en_GB", False), ("", False), ("en-", False),
])
def test_one_language_tag_rule(tag: str, valid: bool) -> None:
    assert is_language_tag(tag) is valid


@pytest.mark.parametrize(("wanted", "available", "chosen"), [
    ("so-SO", ["en", "so-SO", "so"], "so-SO"),  # the exact tag
    ("so-SO", ["en", "so"], "so"),  # then the tag made shorter
    ("so", ["en", "so-SO", "so-DJ"], "so-DJ"),  # then the same language, alphabetically
    ("ar", ["en", "ar-x-test"], "ar-x-test"),
    ("so-SO", ["en-GB", "en", "pl"], "en"),  # then English, plain 'en' first
    ("SO-so", ["so-SO"], "so-SO"),  # case does not matter; the file's spelling is returned
    ("so", ["pl"], None),
])
def test_one_fallback_rule(wanted: str, available: list[str], chosen: str | None) -> None:
    assert choose_language(wanted, available) == chosen


def test_a_file_that_passed_is_not_checked_again_and_a_changed_or_bad_one_always_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check of the shipped files took 52 ms of every export and every study opened: the
    same bytes against the same schemas pass again, so they are checked once per process.
    A file whose bytes changed is checked again, and a bad one every time, named as given."""
    from fieldwork.domain import resource_reading

    checked: list[str] = []
    check = resource_reading.ResourceSchemas.check
    monkeypatch.setattr(resource_reading.ResourceSchemas, "check", lambda self, kind, data, shown: (
        checked.append(Path(shown).name), check(self, kind, data, shown))[-1])
    monkeypatch.setattr(resource_reading, "_PASSED", set())
    folder = _study_folder(tmp_path)
    first = load_resource_library(None, folder)
    assert "en.json" in checked and "score15.en.json" in checked
    checked.clear()
    again = load_resource_library(None, folder)
    assert checked == []
    assert again.map_prompts == first.map_prompts and again.errors == ()
    assert [i.id for i in again.instruments] == [i.id for i in first.instruments]

    prompts = folder / "map_prompts" / "pl.json"
    prompts.write_text(json.dumps({"language": "pl", "ring_prompts": ["Najbliżsi", "Ważni"]},
                                  ensure_ascii=False), encoding="utf-8")
    for _ in range(2):
        checked.clear()
        library = load_resource_library(None, folder)
        assert checked == ["pl.json"]
        assert [str(e) for e in library.errors] == [f"{prompts}: $.ring_prompts: should have at least 3, not 2."]
    renamed = tmp_path / "elsewhere" / "pl.json"
    renamed.parent.mkdir()
    shutil.copy(prompts, renamed)
    with pytest.raises(ResourceFileProblems, match=f"^{renamed}: "):
        read_resource("map_prompts", renamed, str(renamed), read_schemas())


def test_a_file_that_passed_other_schemas_is_checked_against_these(tmp_path: Path) -> None:
    """What passed is remembered with the schemas it passed: stricter schemas check again."""
    shipped_schemas = SHIPPED / "schemas"
    stricter = tmp_path / "resources" / "schemas"
    shutil.copytree(shipped_schemas, stricter)
    schema = json.loads((stricter / "map_prompts.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["ring_prompts"]["minItems"] = 4
    (stricter / "map_prompts.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    path = SHIPPED / "map_prompts" / "en.json"
    read_resource("map_prompts", path, str(path), read_schemas())  # passes, remembered
    with pytest.raises(ResourceFileProblems, match="ring_prompts: should have at least 4, not 3"):
        read_resource("map_prompts", path, str(path), read_schemas(tmp_path / "resources"))


def test_only_the_kinds_asked_for_are_read_with_their_own_problems(tmp_path: Path) -> None:
    """An export reads the instruments alone: the other kinds' files are not read (a broken
    consent form of the study is not its problem), and the instruments and their problems
    are what the whole library has."""
    folder = _study_folder(tmp_path)
    (folder / "consent" / "broken.en.json").write_text("{", encoding="utf-8")
    (folder / "instruments").mkdir()
    (folder / "instruments" / "broken.en.json").write_text('{"id": 1}', encoding="utf-8")
    whole = load_resource_library(None, folder)
    instruments = load_resource_library(None, folder, kinds=["instruments"])
    assert instruments.instruments == whole.instruments and len(instruments.instruments) == 2
    assert [str(e) for e in instruments.errors_of("instruments")] == [str(e) for e in whole.errors_of("instruments")]
    assert "broken.en.json: $.version: is missing" in str(instruments.errors[0])
    assert instruments.consent_forms == [] and instruments.map_prompts == {}
    assert [Path(e.path).name for e in instruments.errors] == ["broken.en.json"]
    assert [Path(e.path).parent.name for e in instruments.errors] == ["instruments"]
    assert {Path(e.path).parent.name for e in whole.errors} == {"consent", "instruments"}
    with pytest.raises(ValueError, match="No resource kind consents"):
        load_resource_library(None, folder, kinds=["consents"])
