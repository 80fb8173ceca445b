"""Every reader of outside input refuses bad input clearly and changes nothing.

Readers: consent form files, instrument files, topic guides, study databases (to open or restore) and
command-line arguments. Each gets the corpus in `corpus/` and inputs made by hypothesis.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldwork.cli import main as cli_main
from fieldwork.domain.consent_forms import CONSENT_FORMS_FOLDER
from fieldwork.domain.errors import FieldworkError, ResourceFileError
from fieldwork.domain.resource_library import read_resource_file
from fieldwork.domain.resource_loading import load_instrument, read_consent_form
from fieldwork.storage.backups import restore_backup
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE

CORPUS = Path(__file__).parent / "corpus"
CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.is_file())
ENGLISH_FORM = json.loads((CONSENT_FORMS_FOLDER / "family-interview.en.json").read_text(encoding="utf-8"))
GUIDE = json.loads((Path(__file__).parents[2] / "resources/guides/family-conversation.wave1.en.json")
                   .read_text(encoding="utf-8"))
SCORE15 = json.loads((Path(__file__).parents[2] / "resources/instruments/score15.en.json").read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


def _mutations(document: dict) -> st.SearchStrategy[object]:
    """A valid document with one field dropped, replaced, or a nested value spoiled."""
    keys = sorted(document)
    drop = st.sampled_from(keys).map(lambda k: {x: v for x, v in document.items() if x != k})
    replace = st.tuples(st.sampled_from(keys), json_values).map(lambda kv: {**document, kv[0]: kv[1]})
    add = st.tuples(st.text(min_size=1, max_size=12), json_values).map(lambda kv: {**document, kv[0]: kv[1]})
    return st.one_of(drop, replace, add, json_values)


def _write(tmp: Path, name: str, data: object) -> Path:
    path = tmp / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("bad", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
@pytest.mark.parametrize("kind", ["consent", "instruments", "map_prompts", "guides"])
def test_corpus_resource_files(bad: Path, kind: str) -> None:
    # Every kind goes through the one reader; each refusal names the file.
    with pytest.raises(ResourceFileError) as refused:
        read_resource_file(kind, bad)
    assert str(refused.value).startswith(f"{bad}: ")


@pytest.mark.parametrize("bad", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
def test_corpus_databases_are_refused_unchanged(bad: Path, tmp_path: Path) -> None:
    copy = tmp_path / bad.name
    shutil.copyfile(bad, copy)
    before = copy.read_bytes()
    with pytest.raises(FieldworkError) as refused:
        StudyStore.open(copy, PASSPHRASE)
    assert str(copy) in str(refused.value)
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [bad.name]


@SETTINGS
@given(document=_mutations(ENGLISH_FORM))
def test_spoiled_consent_forms(tmp_path: Path, document: object) -> None:
    path = _write(tmp_path, "form.json", document)
    try:
        read_consent_form(path)
    except ResourceFileError as error:
        assert error.path == str(path) and error.field and error.problem


@SETTINGS
@given(document=_mutations(SCORE15))
def test_spoiled_instruments(tmp_path: Path, document: object) -> None:
    path = _write(tmp_path, "score15.json", document)
    try:
        load_instrument(path)
    except ResourceFileError as error:
        assert error.path == str(path) and error.field and error.problem


@SETTINGS
@given(document=_mutations(GUIDE))
def test_spoiled_topic_guides(tmp_path: Path, document: object) -> None:
    path = _write(tmp_path, "guide.json", document)
    try:
        read_resource_file("guides", path)
    except ResourceFileError as error:
        assert error.path == str(path) and error.field and error.problem


@pytest.fixture(scope="module")
def valid_study(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("valid") / "study.db"
    store = StudyStore.create(path, PASSPHRASE, "Study", "R01")
    store.add_family(notes="kept safe")
    store.close()
    return path.read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_databases_to_open_or_restore(valid_study: bytes, tmp_path: Path, data: st.DataObject) -> None:
    spoil = data.draw(st.sampled_from(["truncate", "overwrite", "append"]))
    content = bytearray(valid_study)
    if spoil == "truncate":
        content = content[: data.draw(st.integers(0, len(content) - 1))]
    elif spoil == "overwrite":
        start = data.draw(st.integers(0, len(content) - 1))
        junk = data.draw(st.binary(min_size=1, max_size=64))
        content[start : start + len(junk)] = junk
    else:
        content += data.draw(st.binary(min_size=1, max_size=5000))
    if bytes(content) == valid_study:
        return
    folder = tmp_path / hashlib.sha1(bytes(content)).hexdigest()[:12]
    folder.mkdir()
    spoiled = folder / "given.db"
    spoiled.write_bytes(bytes(content))
    current = folder / "study.db"
    current.write_bytes(valid_study)
    try:
        StudyStore.open(spoiled, PASSPHRASE).close()
    except FieldworkError as error:
        assert str(spoiled) in str(error)
        assert spoiled.read_bytes() == bytes(content)
        with pytest.raises(FieldworkError):
            restore_backup(spoiled, current, PASSPHRASE)
        assert current.read_bytes() == valid_study  # the study it would replace is untouched
        assert sorted(p.name for p in folder.iterdir()) == ["given.db", "study.db"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.lists(st.sampled_from(
    ["demo", "info", "--db", "--demo", "-h", "--help", "x.db", "", "--bogus", "export", "merge",
     "/nonexistent/dir/x.db", "--out", "restore", "passphrase", "ééé", "--", "-"]), max_size=5))
def test_command_line_arguments(argv: list[str], tmp_path_factory: pytest.TempPathFactory,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDWORK_PASSPHRASE", PASSPHRASE)

    def no_prompt(prompt: str = "") -> str:  # a test must never wait at a terminal
        raise KeyboardInterrupt
    monkeypatch.setattr("getpass.getpass", no_prompt)
    monkeypatch.chdir(tmp_path_factory.mktemp("cli"))
    if not any(a in ("demo", "info", "export", "merge", "restore", "passphrase", "-h", "--help") for a in argv):
        return  # with no command the app would open its window
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = cli_main(argv)
        except SystemExit as leaving:  # argparse: usage errors (2) and --help (0)
            code = leaving.code
    assert code in (0, 2)
    assert "Traceback" not in err.getvalue()
    if code == 2 and err.getvalue():
        assert len([line for line in err.getvalue().splitlines() if line.startswith("fieldwork")]) <= 1
