"""One kind of resource file read on its own — a single file, or one folder of one kind —
for the demo, the tests and callers that need no whole library.

Each function goes through the resource library's one reader, so a file is checked here
exactly as when the app loads the library. (They live apart from the kind modules, which
the library itself builds on.)
"""

from __future__ import annotations

from pathlib import Path

from fieldwork.domain.consent import ConsentForm
from fieldwork.domain.consent_forms import CONSENT_FORMS_FOLDER, CONSENT_KIND
from fieldwork.domain.errors import ResourceFileError
from fieldwork.domain.instrument_files import INSTRUMENTS_KIND
from fieldwork.domain.instruments import Instrument
from fieldwork.domain.resource_library import load_resource_folder, read_resource_file
from fieldwork.domain.ring_prompts import MAP_PROMPTS_FOLDER, MAP_PROMPTS_KIND, MapPrompts


def read_consent_form(path: Path) -> ConsentForm:
    """The consent form in one JSON file; raises ``ResourceFileError`` naming the bad field."""
    return read_resource_file(CONSENT_KIND, Path(path)).value


def load_consent_forms(
    folder: Path = CONSENT_FORMS_FOLDER,
) -> tuple[list[ConsentForm], list[ResourceFileError]]:
    """Every valid consent form in ``folder`` (its ``*.json`` files), and one error per bad file.

    Two files claiming the same form id, version and language are both refused: a consent
    record names its form by those three, and two texts under one name would make it unclear
    what the family agreed to. A translation whose statements differ from its English
    version is refused too. The checking is the resource library's (``resource_library``).
    """
    loaded, errors = load_resource_folder(CONSENT_KIND, Path(folder))
    return [resource.value for resource in loaded], errors


def load_instruments(folder: str | Path) -> tuple[list[Instrument], list[ResourceFileError]]:
    """Every ``*.json`` instrument in ``folder`` (not sub-folders), and the files that failed.

    Files are read in name order; two files with the same (id, version, language) are both
    refused, so the app never has to guess which one to use.
    """
    loaded, errors = load_resource_folder(INSTRUMENTS_KIND, Path(folder))
    return [resource.value for resource in loaded], errors


def load_instrument(path: str | Path) -> Instrument:
    """Read and check one instrument file; raise ``ResourceFileError`` naming the bad field."""
    return read_resource_file(INSTRUMENTS_KIND, Path(path)).value


def read_prompts(path: Path) -> tuple[str, tuple[str, ...]]:
    """(language, prompts) from one file; ``ResourceFileError`` names what is wrong."""
    found: MapPrompts = read_resource_file(MAP_PROMPTS_KIND, Path(path)).value
    return found.language, found.prompts


def load_prompts(*folders: Path) -> tuple[dict[str, tuple[str, ...]], list[ResourceFileError]]:
    """Every language's prompts in ``folders`` (the shipped folder when none given)."""
    found: dict[str, tuple[str, ...]] = {}
    errors: list[ResourceFileError] = []
    for folder in folders or (MAP_PROMPTS_FOLDER,):
        loaded, problems = load_resource_folder(MAP_PROMPTS_KIND, Path(folder))
        errors += problems
        for resource in loaded:
            found.setdefault(resource.value.language, resource.value.prompts)
    return found, errors
