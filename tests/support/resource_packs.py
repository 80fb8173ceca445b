"""Resource libraries for tests: the shipped files, with the right-to-left test-only pack over them.

The test-only files (placeholder Arabic-script text, never a translation) live where their
own tests read them (``tests/data/consent/rtl``, ``tests/data/instruments``,
``tests/data/map_prompts``, ``tests/data/guides``); ``rtl_test_pack`` lays copies out as a study's resources folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from fieldwork.domain.resource_library import ResourceLibrary, load_resource_library

TEST_DATA = Path(__file__).resolve().parents[1] / "data"
RTL_TEST_FILES = {
    "consent": TEST_DATA / "consent" / "rtl" / "family-interview.ar-x-test.json",
    "instruments": TEST_DATA / "instruments" / "score15.ar-test.json",
    "map_prompts": TEST_DATA / "map_prompts" / "ar-x-test.json",
    "guides": TEST_DATA / "guides" / "family-conversation.wave1.ar-x-test.json",
}


def rtl_test_pack(folder: Path) -> Path:
    """``folder`` made into a study resources folder holding the test-only RTL files."""
    for kind, source in RTL_TEST_FILES.items():
        (folder / kind).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, folder / kind / source.name)
    return folder


def rtl_test_library(folder: Path) -> ResourceLibrary:
    """The shipped resources with the test-only RTL pack (written to ``folder``) as the study's own."""
    library = load_resource_library(None, rtl_test_pack(folder))
    assert library.errors == (), library.errors
    return library


def fill_in(folder: Path, *, validated: bool = False) -> None:
    """Translate every text of the pack as '[so] <English>' (a stand-in a test can recognise)."""
    for path in folder.rglob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))

        def translate(value: object) -> object:
            if isinstance(value, dict) and "translation" in value and "english" in value:
                english = value["english"]
                return {**value, "translation": f"[so] {english}" if english else "", "validated": validated}
            if isinstance(value, dict):
                return {key: translate(item) for key, item in value.items()}
            if isinstance(value, list):
                return [translate(item) for item in value]
            return value

        document = translate(document)
        if validated and "translation" in document and "english" not in document["translation"]:
            document["translation"] = {"validated": True, "source": "a validated test version"}
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
