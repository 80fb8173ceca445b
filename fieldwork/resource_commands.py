"""The `resources` command: check a folder of a study's own resources, start a translation pack,
and choose the folder a study uses.

    python main.py resources check FOLDER
    python main.py resources template --language so --out FOLDER
    python main.py resources use FOLDER --db STUDY.db      (or --none)

`check` prints every problem of every file (file, JSON path, what is wrong) and exits 2 if
there is any, else prints one line saying what the folder holds and exits 0. `template`
writes a pack with the English beside empty translations (``translation_packs``). `use`
remembers the folder in the study's settings, after checking it. Qt-free.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.resource_library import (
    KINDS,
    LoadedResource,
    ResourceLibrary,
    check_resource_folder,
    load_resource_library,
)
from fieldwork.domain.translation_packs import translation_pack

EXIT_PROBLEMS = 2
PACK_README = "README.txt"

_KIND_NAMES = {"consent": ("consent form", "consent forms"), "instruments": ("instrument", "instruments"),
               "map_prompts": ("map-prompt file", "map-prompt files"),
               "guides": ("topic guide", "topic guides")}


def add_resource_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    resources = commands.add_parser(
        "resources", help="check or start a study's own resources (translations, consent forms)",
        description="A study's own resources folder holds consent/, instruments/, map_prompts/ and guides/ "
                    "with JSON files like the shipped ones; its files replace or add to them.")
    actions = resources.add_subparsers(dest="resources_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="check every file in a resources folder; exit 2 if any is wrong")
    check.add_argument("folder", type=Path, metavar="FOLDER")
    template = actions.add_parser(
        "template", help="write a translation pack: the English beside empty translations")
    template.add_argument("--language", required=True, help="the pack's language tag, e.g. so, ar, pt-BR")
    template.add_argument("--out", type=Path, required=True, help="the new folder to write")
    template.add_argument("--direction", choices=("ltr", "rtl"),
                          help="how the language is written (default: from the language)")
    use = actions.add_parser("use", help="make a study use FOLDER as its own resources (checked first)")
    use.add_argument("folder", type=Path, nargs="?", metavar="FOLDER")
    use.add_argument("--none", action="store_true", help="use only the shipped resources again")
    use.add_argument("--db", type=Path, dest="command_db", help="the study database file")


def run_resources_command(arguments: argparse.Namespace, read_passphrase: Callable[..., str]) -> int:
    if arguments.resources_command == "check":
        return run_check(arguments.folder)
    if arguments.resources_command == "template":
        return run_template(arguments.language, arguments.out, arguments.direction)
    return run_use(arguments, read_passphrase)


def run_check(folder: Path) -> int:
    """Print every problem in ``folder`` and exit 2, or one line of what it holds and exit 0."""
    library, problems = check_resource_folder(folder)
    for problem in problems:
        print(problem)
    if problems:
        files = len({problem.path for problem in problems})
        print(f"{folder}: {_count(len(problems), 'problem', 'problems')} in "
              f"{_count(files, 'file', 'files')}; the app will not use a file until it is mended.")
        return EXIT_PROBLEMS
    print(f"{folder}: {summary(library.resources, folder)}; no problems.")
    return 0


def summary(resources: tuple[LoadedResource, ...], folder: Path) -> str:
    """'2 instruments, 1 map-prompt file (14 texts not yet validated)' for the folder's own files."""
    own = [r for r in resources if r.from_study and Path(r.shown).is_relative_to(folder)]
    parts = [_count(sum(1 for r in own if r.kind == kind), *_KIND_NAMES[kind]) for kind in KINDS]
    not_validated = sum(r.texts_not_validated for r in own)
    words = ", ".join(parts)
    # Items the app does not ship (e.g. SCORE-15's ratings from the study's copy of the form):
    # the one place the study's own wording enters a validated questionnaire, so it is named.
    for resource in own:
        added = getattr(resource.value, "study_items", ())
        if resource.kind == "instruments" and added:
            words += (f"; {Path(resource.shown).name} adds {_count(len(added), 'item', 'items')} "
                      f"the app does not ship ({', '.join(str(item.number) for item in added)}), "
                      "in the study's own wording")
    if not_validated:
        words += f" ({_count(not_validated, 'text', 'texts')} marked not validated)"
    return words


def run_template(language: str, out: Path, direction: str | None) -> int:
    """Write the pack for ``language`` to the new folder ``out`` (an empty folder will do)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FieldworkError(f"{out} already exists and is not an empty folder; nothing was written.")
    shipped: ResourceLibrary = load_resource_library()
    files = translation_pack(shipped, language, direction)
    for pack_file in files:
        path = out / pack_file.relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(pack_file.document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / PACK_README).write_text(_readme(language), encoding="utf-8")
    texts = sum(1 for f in files for _ in _texts(f.document))
    print(f"Wrote a {language} translation pack to {out}: {_count(len(files), 'file', 'files')}, "
          f"{_count(texts, 'text', 'texts')} to translate. Check it with: "
          f"python main.py resources check {out}")
    return 0


def run_use(arguments: argparse.Namespace, read_passphrase: Callable[..., str]) -> int:
    from fieldwork.storage.database import default_database_path
    from fieldwork.storage.study_resources import save_study_resources_folder
    from fieldwork.storage.study_store import StudyStore

    if arguments.none == (arguments.folder is not None):
        raise FieldworkError("resources use: give either FOLDER or --none.")
    folder = None if arguments.none else arguments.folder
    if folder is not None:
        _library, problems = check_resource_folder(folder)
        if problems:
            raise FieldworkError(f"{folder} has {_count(len(problems), 'problem', 'problems')}; "
                                 f"see: python main.py resources check {folder}. The study was not changed.")
    path = arguments.command_db or default_database_path()
    store = StudyStore.open(path, read_passphrase())
    try:
        save_study_resources_folder(store, folder)
    finally:
        store.close()
    print(f"{path} now uses {folder.resolve()} over the shipped resources." if folder is not None
          else f"{path} now uses only the shipped resources.")
    return 0


def _texts(document: object):  # noqa: ANN202 - a generator of the pack's translated texts
    if isinstance(document, dict):
        if "translation" in document and "english" in document:
            yield document
            return
        for value in document.values():
            yield from _texts(value)
    elif isinstance(document, list):
        for value in document:
            yield from _texts(value)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _readme(language: str) -> str:
    return (
        f"Translation pack for '{language}'\n\n"
        "Each text the family sees appears as\n"
        "    {\"english\": ..., \"translation\": \"\", \"validated\": false}.\n"
        "Write the translation; keep the English as it is. Set \"validated\" to true only for wording\n"
        "validated through a recognised protocol (for SCORE-15, the AFT/EFTA translation protocol);\n"
        "an interpreter's rendering is not a validated translation, and the app says so on screen.\n"
        "For an instrument validated as a whole, also set \"translation\": {\"validated\": true,\n"
        "\"source\": \"which validated version\"}.\n\n"
        "Check the folder (every problem is listed by file and JSON path):\n"
        "    python main.py resources check FOLDER\n"
        "Then make a study use it:\n"
        "    python main.py resources use FOLDER --db STUDY.db\n"
    )
