"""Language tags of resource files and the one rule for falling back from one language to another.

Owns the shape check of a tag (BCP 47-ish: a 2–3 letter language, then subtags of 1–8
letters or digits, e.g. 'en', 'en-GB', 'so-SO', 'ar-x-test'; the IANA registry itself is not
consulted) and ``choose_language``, which every resource kind (consent forms, instruments,
map prompts) uses to pick the file for an interview language:

1. the exact tag ('so-SO'), compared without regard to case;
2. the tag with its last subtags dropped, one at a time ('so-SO' → 'so');
3. another tag of the same language ('so' finds 'so-SO', 'ar' finds 'ar-x-test'), the
   shortest first, then in alphabetical order, so the choice never depends on file order;
4. English ('en', then another English tag such as 'en-GB').

Never imports Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ENGLISH = "en"

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def is_language_tag(text: object) -> bool:
    """True when ``text`` has the shape of a BCP 47 language tag (the whole text, nothing more)."""
    return isinstance(text, str) and _LANGUAGE_TAG.fullmatch(text) is not None


def primary_language(tag: str) -> str:
    """'so' for 'so-SO', 'ar' for 'ar-x-test' (lower case)."""
    return tag.split("-", 1)[0].lower()


def is_english(tag: str) -> bool:
    return primary_language(tag) == ENGLISH


def _same_language_order(tag: str) -> tuple[int, str]:
    return len(tag), tag.lower()


def choose_language(wanted: str, available: Iterable[str]) -> str | None:
    """The tag among ``available`` to use for an interview in ``wanted`` (see the module's rule).

    Returns the tag as spelled in ``available``, or None when neither the language nor
    English is there.
    """
    by_lower: dict[str, str] = {}
    for tag in sorted(available, key=_same_language_order):
        by_lower.setdefault(tag.lower(), tag)
    subtags = wanted.lower().split("-")
    for length in range(len(subtags), 0, -1):
        shorter = "-".join(subtags[:length])
        if shorter in by_lower:
            return by_lower[shorter]
    for fallback in (primary_language(wanted), ENGLISH):
        same = [tag for lower, tag in by_lower.items() if primary_language(lower) == fallback]
        if same:
            return same[0]  # already in shortest-then-alphabetical order
    return None
