"""Reading one resource file: JSON text, checked against its JSON Schema, problems by JSON path.

Owns the steps every resource kind (consent form, instrument, map prompts, topic guide) shares: the bytes
are UTF-8 with or without a byte-order mark; a key repeated in one object is refused (json
would keep the last without a word, and the lost text could be the one someone meant); the
document is checked against ``resources/schemas/<kind>.schema.json`` with ``jsonschema``,
collecting every problem, each named by file and JSON path
(``resources/instruments/score15.so.json: $.items[3].text: is missing.``); keys starting
with '_' are comments and dropped; and translated texts (``{"english": ..., "translation":
..., "validated": false}``, as a translation pack holds them) become their translation,
remembering whether each was validated. Never imports Qt.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry, Resource

from fieldwork.domain.errors import ResourceFileError
from fieldwork.domain.language_tags import is_language_tag

WHOLE_FILE = "file"
SCHEMA_FILES = ("texts", "consent_form", "instrument", "map_prompts", "guide")
"""The schema files in ``resources/schemas/`` (``texts`` holds what the others share)."""


class ResourceFileProblems(ResourceFileError):
    """Everything wrong with one resource file; reads as its first problem, lists them all."""

    def __init__(self, problems: list[ResourceFileError]) -> None:
        first = problems[0]
        super().__init__(first.path, first.field, first.problem)
        self.problems = tuple(problems)

    def __reduce__(self) -> tuple[type, tuple[list[ResourceFileError]]]:  # type: ignore[override]
        return type(self), (list(self.problems),)


@dataclass(frozen=True)
class ReadDocument:
    """A checked document with comments dropped and translated texts made plain text."""

    data: Any
    texts_not_validated: int = 0
    texts_translated: int = 0


_PASSED: set[tuple[bytes, str, bytes]] = set()
"""(schemas' digest, kind, document's SHA-256) of every document that has passed its check in
this process: the same bytes against the same schemas pass again, so they are not checked
again (checking the ten shipped files took 52 ms of every export and every study opened).
A document that fails is checked every time, so its problems name the file as given."""
_PASSED_AT_MOST = 1024


@dataclass
class ResourceSchemas:
    """The JSON Schemas of the resource kinds, read once from a ``schemas`` folder."""

    validators: dict[str, Draft202012Validator] = field(default_factory=dict)
    digest: bytes | None = None
    """SHA-256 of the schema files, when read from a folder: documents that passed against
    these schemas are remembered by it (``_PASSED``)."""

    @classmethod
    def read(cls, folder: Traversable) -> ResourceSchemas:
        documents = {}
        digest = hashlib.sha256()
        for name in SCHEMA_FILES:
            source = folder / f"{name}.schema.json"
            raw = source.read_bytes()
            digest.update(len(raw).to_bytes(8, "big") + raw)
            documents[name] = json.loads(raw.decode("utf-8"))
        registry: Registry = Registry().with_resources(
            (document["$id"], Resource.from_contents(document)) for document in documents.values())
        checker = FormatChecker(formats=())
        checker.checks("language-tag")(is_language_tag)
        validators = {
            name: Draft202012Validator(document, registry=registry, format_checker=checker)
            for name, document in documents.items() if name != "texts"
        }
        return cls(validators, digest.digest())

    def check(self, kind: str, data: Any, shown: str) -> list[ResourceFileError]:
        """Every way ``data`` breaks the ``kind`` schema, in document order."""
        errors = sorted(self.validators[kind].iter_errors(data), key=_document_order)
        problems: list[ResourceFileError] = []
        for error in errors:
            for where, problem in _in_plain_words(error):
                found = ResourceFileError(shown, where, problem)
                if (found.field, found.problem) not in {(p.field, p.problem) for p in problems}:
                    problems.append(found)
        return problems


def parse_json(raw: bytes, shown: str) -> Any:
    """The JSON document in ``raw``; a ``ResourceFileProblems`` saying what and where if not."""
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (Notepad adds one) is accepted
        data = json.loads(text, object_pairs_hook=_KeysSeen, parse_constant=_not_json)
        repeated = list(_repeated_keys(data, "$"))
    except UnicodeDecodeError:
        raise ResourceFileProblems([ResourceFileError(shown, WHOLE_FILE, "is not UTF-8 text.")]) from None
    except json.JSONDecodeError as error:
        problem = f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        raise ResourceFileProblems([ResourceFileError(shown, WHOLE_FILE, problem)]) from None
    except ValueError as error:  # NaN, or a number too long to read
        problem = f"is not valid JSON ({error})."
        raise ResourceFileProblems([ResourceFileError(shown, WHOLE_FILE, problem)]) from None
    except RecursionError:
        problem = "is nested too deeply to be a resource file."
        raise ResourceFileProblems([ResourceFileError(shown, WHOLE_FILE, problem)]) from None
    if repeated:
        raise ResourceFileProblems([
            ResourceFileError(shown, where, "appears twice in the same object; keep one.")
            for where in repeated])
    return _as_dicts(data)


def read_document(kind: str, raw: bytes, shown: str, schemas: ResourceSchemas) -> ReadDocument:
    """Parse and check one file of ``kind``; ``ResourceFileProblems`` lists every problem."""
    data = parse_json(raw, shown)
    passed = None if schemas.digest is None else (schemas.digest, kind, hashlib.sha256(raw).digest())
    if passed is None or passed not in _PASSED:
        try:
            problems = schemas.check(kind, data, shown)
        except RecursionError:
            problems = [ResourceFileError(shown, WHOLE_FILE, "is nested too deeply to be a resource file.")]
        if problems:
            raise ResourceFileProblems(problems)
        if passed is not None:
            if len(_PASSED) >= _PASSED_AT_MOST:
                _PASSED.clear()
            _PASSED.add(passed)
    counts = [0, 0]
    return ReadDocument(_plain(data, counts), texts_not_validated=counts[1], texts_translated=counts[0])


def translated_text(value: Any) -> bool:
    """True for a text as a translation pack holds it (the schema's ``translated_text``)."""
    return isinstance(value, dict) and "translation" in value and set(value) <= {"english", "translation",
                                                                             "validated"}


def _plain(value: Any, counts: list[int]) -> Any:
    if translated_text(value):
        counts[0] += 1
        counts[1] += 0 if value.get("validated") is True else 1
        return value["translation"]
    if isinstance(value, dict):
        return {key: _plain(item, counts) for key, item in value.items() if not key.startswith("_")}
    if isinstance(value, list):
        return [_plain(item, counts) for item in value]
    return value


class _KeysSeen(dict):  # type: ignore[type-arg]
    """A JSON object that remembers the keys it was given more than once."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        seen: set[str] = set()
        self.repeated = [key for key, _ in pairs if key in seen or seen.add(key)]


def _as_dicts(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _as_dicts(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_dicts(item) for item in value]
    return value


def _not_json(word: str) -> float:
    raise ValueError(f"{word} is not a JSON number")


def _repeated_keys(value: Any, where: str) -> Iterator[str]:
    if isinstance(value, dict):
        for key in getattr(value, "repeated", ()):
            yield _child(where, key)
        for key, item in value.items():
            yield from _repeated_keys(item, _child(where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _repeated_keys(item, f"{where}[{index}]")


def _child(where: str, key: str) -> str:
    simple = key.isidentifier()
    return f"{where}.{key}" if simple else f"{where}[{json.dumps(key, ensure_ascii=False)}]"


def _path(parts: Any) -> str:
    where = "$"
    for part in parts:
        where = f"{where}[{part}]" if isinstance(part, int) else _child(where, part)
    return where


def _document_order(error: ValidationError) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, part) if isinstance(part, int) else (1, part) for part in error.absolute_path)


_KIND_WORDS = {"string": "text", "integer": "a whole number", "number": "a number",
               "boolean": "true or false", "array": "a list in [ ]",
               "object": "a group of fields in { }", "null": "null"}


def _describe(value: object) -> str:
    if value is None:
        return "null"
    for python_type, kind in ((bool, "boolean"), (int, "integer"), (str, "string"), (list, "array"),
                              (dict, "object")):
        if type(value) is python_type:
            return _KIND_WORDS[kind]
    return "a decimal number" if isinstance(value, float) else type(value).__name__


def _quoted(value: object) -> str:
    if isinstance(value, str) and value.isprintable():
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)  # shows a stray newline as \n


def _in_plain_words(error: ValidationError) -> list[tuple[str, str]]:
    """(JSON path, problem) for one schema error, in words a translator can act on."""
    where = _path(error.absolute_path)
    rule, instance = error.validator, error.instance
    if rule == "required":
        missing = [name for name in error.validator_value if name not in instance]
        return [(_child(where, name), "is missing.") for name in missing]
    if rule == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        unknown = [key for key in instance if key not in known and not key.startswith("_")]
        allowed = ", ".join(f"'{name}'" for name in sorted(known))
        return [(_child(where, key) if key.strip() else f"{where}[{json.dumps(key)}]",
                 f"is not a field this app knows (a typo?); expected {allowed}.") for key in unknown]
    if rule == "type":
        kinds = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        # A wording may also be a translated-text object, but a translator should be told "text".
        wanted = "text" if kinds == ["string", "object"] else " or ".join(_KIND_WORDS[k] for k in kinds)
        return [(where, f"should be {wanted}, not {_describe(instance)}.")]
    if rule == "pattern" and error.validator_value == "\\S":
        return [(where, "is empty.")]
    if rule == "format" and error.validator_value == "language-tag":
        return [(where, f"{_quoted(instance)} is not a language tag such as 'en', 'so' or 'pt-BR'.")]
    if rule in ("enum", "const"):
        choices = error.validator_value if rule == "enum" else [error.validator_value]
        listed = ", ".join(_quoted(choice) for choice in choices)
        what = error.schema.get("title", "one of the values this app knows")
        return [(where, f"{_quoted(instance)} is not {what}; expected {listed}.")]
    if rule == "minItems":
        if error.validator_value == 1:
            return [(where, "is empty; give at least one.")]
        return [(where, f"should have at least {error.validator_value}, not {len(instance)}.")]
    if rule == "maxItems":
        return [(where, f"should have at most {error.validator_value}, not {len(instance)}.")]
    if rule == "minimum":
        return [(where, f"should be {error.validator_value} or more.")]
    if rule == "uniqueItems":
        return [(where, "lists the same value twice.")]
    if isinstance(instance, float) and not math.isfinite(instance):
        return [(where, "is not a number JSON allows.")]
    return [(where, error.message)]  # a rule without words of its own yet: jsonschema's wording
