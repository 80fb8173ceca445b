"""The resource library: every consent form, instrument, map-prompt file and topic guide, read once.

A resources folder holds one sub-folder per kind: ``consent/``, ``instruments/``,
``map_prompts/``, ``guides/`` (``*.json`` files). The shipped folder
also holds ``schemas/``, the JSON Schema of each kind. ``load_resource_library`` reads the
shipped folder and, when a study has one, the study's own resources folder; a study file
with the same identity as a shipped one (form id, version and language; instrument id,
version and language; prompt language; guide id, version, wave and language) replaces it,
any other adds to it. Every file goes through the one reader (``resource_reading``) and is
checked the same way, wherever it comes from. Which language's file an interview uses is
``language_tags.choose_language``.

The library is loaded when the app starts (or a study is opened) and passed down to the
screens; nothing here keeps state between calls. A bad file never stops the app: the
library keeps the good files and one ``ResourceFileProblems`` per bad file, listing all its
problems. Never imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from fieldwork.domain import consent_forms, instrument_files, ring_prompts, topic_guides
from fieldwork.domain.consent import ConsentForm
from fieldwork.domain.errors import ResourceFileError
from fieldwork.domain.instruments import Instrument
from fieldwork.domain.resource_reading import (
    ReadDocument,
    ResourceFileProblems,
    ResourceSchemas,
    read_document,
)
from fieldwork.domain.topic_guides import TopicGuide
from fieldwork.resource_files import resource_root

Folder = Traversable | Path


def shipped_resources() -> Traversable:
    """The ``resources`` folder shipped with the app (schemas, English forms and instruments)."""
    return resource_root()


@dataclass(frozen=True)
class ResourceKind:
    """One kind of resource file: its folder, its schema, and how a checked document becomes a value."""

    folder: str
    schema: str
    build: Callable[[dict[str, Any], str, ReadDocument], Any]
    identity: Callable[[Any], tuple[str, ...]]
    describe: Callable[[Any], str]


def _build_instrument(data: dict[str, Any], shown: str, document: ReadDocument) -> Instrument:
    return instrument_files.instrument_from_document(data, shown, document.texts_not_validated)


KINDS: dict[str, ResourceKind] = {
    kind.folder: kind for kind in (
        ResourceKind(consent_forms.CONSENT_KIND, "consent_form",
                     lambda data, shown, _document: consent_forms.form_from_document(data, shown),
                     consent_forms.consent_form_identity,
                     lambda f: f"consent form '{f.form_id}' version {f.version} in '{f.language}'"),
        ResourceKind(instrument_files.INSTRUMENTS_KIND, "instrument", _build_instrument,
                     instrument_files.instrument_identity,
                     lambda i: f"instrument '{i.id}' version {i.version} in '{i.language}'"),
        ResourceKind(ring_prompts.MAP_PROMPTS_KIND, "map_prompts",
                     lambda data, shown, _document: ring_prompts.prompts_from_document(data, shown),
                     lambda prompts: (prompts.language.lower(),),
                     lambda prompts: f"map prompts in '{prompts.language}'"),
        ResourceKind(topic_guides.GUIDES_KIND, "guide",
                     lambda data, shown, document: topic_guides.guide_from_document(
                         data, shown, document.texts_not_validated),
                     topic_guides.guide_identity, topic_guides.describe_guide),
    )
}
"""The kinds of resource file, by the name of their folder."""


@dataclass(frozen=True)
class LoadedResource:
    """One resource file that loaded: its kind, where it came from, what it holds."""

    kind: str
    shown: str
    value: Any
    texts_translated: int = 0
    texts_not_validated: int = 0
    from_study: bool = False
    source: Folder | None = field(default=None, compare=False, repr=False)

    @property
    def identity(self) -> tuple[str, ...]:
        return KINDS[self.kind].identity(self.value)

    @property
    def description(self) -> str:
        return KINDS[self.kind].describe(self.value)


@dataclass(frozen=True)
class ResourceLibrary:
    """The resource files the app uses, and the problems of those it could not use."""

    resources: tuple[LoadedResource, ...] = ()
    kind_errors: tuple[tuple[str, ResourceFileError], ...] = ()
    """(kind, error) for each file that could not be used; kind '' for a whole folder."""

    def of_kind(self, kind: str) -> list[Any]:
        return [resource.value for resource in self.resources if resource.kind == kind]

    @property
    def consent_forms(self) -> list[ConsentForm]:
        return self.of_kind(consent_forms.CONSENT_KIND)

    @property
    def study_consent_forms(self) -> frozenset[str]:
        """The form ids of the study's own consent forms: those only its own folder supplies.

        A translation (or a new text) of a form the app ships keeps that form's id and is
        not a form of the study's own; ``form_choice`` offers the study's own forms before
        the shipped ones wherever they fit the wave and mode."""
        forms = [r for r in self.resources if r.kind == consent_forms.CONSENT_KIND]
        shipped = {r.value.form_id for r in forms if not r.from_study}
        return frozenset(r.value.form_id for r in forms if r.from_study) - shipped

    @property
    def instruments(self) -> list[Instrument]:
        return self.of_kind(instrument_files.INSTRUMENTS_KIND)

    @property
    def map_prompts(self) -> dict[str, tuple[str, ...]]:
        """The ring prompts by language tag."""
        return {found.language: found.prompts for found in self.of_kind(ring_prompts.MAP_PROMPTS_KIND)}

    @property
    def topic_guides(self) -> list[TopicGuide]:
        """The topic guides, shipped first and a study's own after (``topic_guides.choose_guide``)."""
        return self.of_kind(topic_guides.GUIDES_KIND)

    @property
    def errors(self) -> tuple[ResourceFileError, ...]:
        return tuple(error for _kind, error in self.kind_errors)

    def errors_of(self, kind: str) -> list[ResourceFileError]:
        """The errors of files of ``kind``, and of a whole folder (a study's folder gone missing)."""
        return [error for of_kind, error in self.kind_errors if of_kind in (kind, "")]

    def problems(self) -> list[ResourceFileError]:
        """Every problem of every bad file (a file's error lists all of its problems)."""
        return [problem for error in self.errors
                for problem in getattr(error, "problems", (error,))]


def read_schemas(shipped: Folder | None = None) -> ResourceSchemas:
    """The JSON Schemas in the shipped resources' ``schemas`` folder."""
    return ResourceSchemas.read((shipped or shipped_resources()) / "schemas")


def read_resource(kind: str, source: Folder, shown: str, schemas: ResourceSchemas,
                  from_study: bool = False) -> LoadedResource:
    """One file of ``kind``; ``ResourceFileProblems`` lists every problem, by file and JSON path."""
    definition = KINDS[kind]
    try:
        raw = source.read_bytes()
    except OSError as error:
        problem = f"cannot be read ({error.strerror or error})."
        raise ResourceFileProblems([ResourceFileError(shown, "file", problem)]) from None
    document = read_document(definition.schema, raw, shown, schemas)
    try:
        value = definition.build(document.data, shown, document)
    except ResourceFileProblems:
        raise
    except ResourceFileError as error:
        raise ResourceFileProblems([error]) from None
    return LoadedResource(kind, shown, value, document.texts_translated, document.texts_not_validated,
                          from_study, source)


def read_resource_file(kind: str, path: Path, shipped: Folder | None = None) -> LoadedResource:
    """One file of ``kind`` named by its path (errors name it as given)."""
    return read_resource(kind, Path(path), str(path), read_schemas(shipped))


def _read_folder(kind: str, folder: Folder, shown_folder: str, schemas: ResourceSchemas,
                 from_study: bool) -> tuple[list[LoadedResource], list[ResourceFileError]]:
    """Every ``*.json`` file of ``kind`` in ``folder``, in name order; duplicates refused."""
    read: list[LoadedResource] = []
    errors: list[ResourceFileError] = []
    sources = sorted((s for s in folder.iterdir() if s.name.endswith(".json") and s.is_file()),
                     key=lambda s: s.name)
    for source in sources:
        try:
            read.append(read_resource(kind, source, str(Path(shown_folder) / source.name), schemas,
                                      from_study))
        except ResourceFileError as error:
            errors.append(error)
    # Two files under one name in one folder are both refused: the app must never guess
    # which text a family was shown (a consent record names its form by id, version, language).
    by_identity: dict[tuple[str, ...], list[LoadedResource]] = {}
    for resource in read:
        by_identity.setdefault(resource.identity, []).append(resource)
    kept = []
    for resource in read:
        others = [Path(o.shown).name for o in by_identity[resource.identity] if o is not resource]
        if others:
            listed = ", ".join(others)
            errors.append(ResourceFileError(
                resource.shown, "$", f"{resource.description} is also in {listed}; neither file is used."))
        else:
            kept.append(resource)
    return kept, errors


KindErrors = list[tuple[str, ResourceFileError]]


def _cross_check(resources: list[LoadedResource]) -> tuple[list[LoadedResource], KindErrors]:
    """Refuse translations (consent forms, topic guides) that differ from their English version."""
    kept, errors = resources, []
    for kind, refuse in ((consent_forms.CONSENT_KIND, consent_forms.refuse_mismatched_translations),
                         (topic_guides.GUIDES_KIND, topic_guides.refuse_mismatched_translations)):
        kept_pairs, refused = refuse([(r.shown, r.value) for r in kept if r.kind == kind])
        kept_shown = {shown for shown, _ in kept_pairs}
        kept = [r for r in kept if r.kind != kind or r.shown in kept_shown]
        errors += [(kind, error) for error in refused]
    return kept, errors


def load_resource_folder(
    kind: str, folder: Path, shipped: Folder | None = None,
) -> tuple[list[LoadedResource], list[ResourceFileError]]:
    """The valid files of one kind in one folder (not a whole resources folder), and the errors."""
    if not Path(folder).is_dir():
        return [], [ResourceFileError(str(folder), "folder", "does not exist.")]
    read, errors = _read_folder(kind, Path(folder), str(folder), read_schemas(shipped), False)
    kept, mismatched = _cross_check(read)
    return kept, sorted(errors + [error for _kind, error in mismatched], key=lambda error: error.path)


def _read_resources_folder(root: Folder, shown_root: str, schemas: ResourceSchemas, from_study: bool,
                           required: bool, kinds: Iterable[str]) -> tuple[list[LoadedResource], KindErrors]:
    found: list[LoadedResource] = []
    errors: KindErrors = []
    for kind in kinds:
        folder = root / kind
        if not folder.is_dir():
            if required:
                errors.append((kind, ResourceFileError(f"{shown_root}/{kind}", "folder", "does not exist.")))
            continue
        read, problems = _read_folder(kind, folder, f"{shown_root}/{kind}", schemas, from_study)
        found += read
        errors += [(kind, problem) for problem in problems]
    return found, errors


def _mark_study_items(added: list[LoadedResource], shipped: list[LoadedResource]) -> list[LoadedResource]:
    """The study's instruments marked as the study's, each item no shipped file of that
    instrument has marked as the study's own (its wording comes from the study's copy of
    the form, never from the app: the codebook says so)."""
    shipped_items: dict[str, set[str]] = {}
    for resource in shipped:
        if resource.kind == instrument_files.INSTRUMENTS_KIND and not resource.from_study:
            shipped_items.setdefault(resource.value.id, set()).update(i.id for i in resource.value.items)
    marked = []
    for resource in added:
        if resource.kind == instrument_files.INSTRUMENTS_KIND:
            instrument: Instrument = resource.value
            known = shipped_items.get(instrument.id, set())
            items = tuple(item if item.id in known else replace(item, from_study=True)
                          for item in instrument.items)
            resource = replace(resource, value=replace(instrument, items=items, from_study=True))
        marked.append(resource)
    return marked


def load_resource_library(shipped: Folder | None = None, study_folder: Path | None = None,
                          *more_folders: Path, kinds: Iterable[str] = KINDS) -> ResourceLibrary:
    """The shipped resources, with the study's own folder (and ``more_folders``) over them.

    A file in a later folder replaces a file of the same kind and identity from an earlier
    one; the study's files are checked exactly as the shipped ones are. ``kinds``: only
    these kinds' folders are read (an export needs the instruments alone: reading and
    checking the consent forms and guides too took 35 ms before its first family).
    """
    wanted = set(kinds)
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise ValueError(f"No resource kind {', '.join(unknown)}; the kinds are {', '.join(KINDS)}.")
    kinds = [kind for kind in KINDS if kind in wanted]
    shipped = shipped or shipped_resources()
    schemas = read_schemas(shipped)
    resources, errors = _read_resources_folder(shipped, "resources", schemas, False, True, kinds)
    for folder in (f for f in (study_folder, *more_folders) if f is not None):
        if not Path(folder).is_dir():
            errors.append(("", ResourceFileError(str(folder), "folder",
                                                 "the study's resources folder does not exist.")))
            continue
        added, problems = _read_resources_folder(Path(folder), str(folder), schemas, True, False, kinds)
        errors += problems
        added = _mark_study_items(added, resources)
        replaced = {(r.kind, r.identity) for r in added}
        resources = [r for r in resources if (r.kind, r.identity) not in replaced] + added
    kept, mismatched = _cross_check(resources)
    return ResourceLibrary(tuple(kept), tuple(errors + mismatched))


def check_resource_folder(folder: Path, shipped: Folder | None = None) -> tuple[ResourceLibrary,
                                                                               list[ResourceFileError]]:
    """A study's or translator's folder checked as the app would use it, with every problem.

    Returns the library the app would load with this folder, and every problem of the
    folder's own files (all of each file's problems, not just the first), including files
    the app would not read because they are not in a kind's folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return ResourceLibrary(), [ResourceFileError(str(folder), "folder", "does not exist.")]
    library = load_resource_library(shipped, folder)
    problems = [p for p in library.problems() if Path(p.path).is_relative_to(folder)]
    for stray in _stray_files(folder):
        kinds = ", ".join(f"{kind}/" for kind in KINDS)
        problems.append(ResourceFileError(str(stray), "file", f"is not in a folder the app reads ({kinds})."))
    if not any((folder / kind).is_dir() for kind in KINDS):
        kinds = ", ".join(f"{kind}/" for kind in KINDS)
        problems.append(ResourceFileError(str(folder), "folder", f"has none of the folders {kinds}."))
    return library, problems


def _stray_files(folder: Path) -> Iterable[Path]:
    for path in sorted(folder.rglob("*.json")):
        if path.parent == folder or path.parent.parent != folder or path.parent.name not in KINDS:
            yield path
