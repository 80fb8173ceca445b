"""A study's own SCORE-15 file for tests: the shipped file plus the form's other indicators.

The published SCORE-15 form has open questions and 1-10 ratings beside its 15 items; their
wording could not be checked, so the app does not ship it and a study supplies it from its
own licensed copy (its resources folder, ``instruments/score15.en.json``). Here the extras
carry obviously placeholder TEST wording, never presented as the form's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fieldwork.resource_files import resource_root

OPEN_ITEMS = ("score15_test_open_a", "score15_test_open_b")
RATING_ITEMS = ("score15_test_rating_a", "score15_test_rating_b", "score15_test_rating_c")
STUDY_ITEMS = (*OPEN_ITEMS, *RATING_ITEMS)
"""The study's own items, numbered 17 to 21 after the shipped items 1-16."""


def study_score15_document() -> dict[str, Any]:
    """The shipped English SCORE-15 with two open questions and three 1-10 ratings added."""
    shipped = json.loads((resource_root() / "instruments" / "score15.en.json").read_text(encoding="utf-8"))
    document = dict(shipped)
    document["_comment"] = "TEST FILE: the shipped SCORE-15 plus placeholder test items 17-21."
    document["scales"] = [*shipped["scales"], *(
        {"id": f"test_rating_{letter}",
         "rating": {"from": 1, "to": 10, "from_label": f"Test low end {letter.upper()}",
                    "to_label": f"Test high end {letter.upper()}"}}
        for letter in "abc")]
    extra = [
        {"id": item_id, "number": 17 + n,
         "text": f"Test open question {letter} (placeholder, not the form's wording)",
         "scale": "free_text", "reverse_keyed": False,
         "interpreter_note": f"Test note for open question {letter}."}
        for n, (item_id, letter) in enumerate(zip(OPEN_ITEMS, "AB", strict=True))
    ] + [
        {"id": item_id, "number": 19 + n,
         "text": f"Test rating {letter} (1 = test low end {letter}, 10 = test high end {letter})",
         "scale": f"test_rating_{letter.lower()}", "reverse_keyed": False,
         "interpreter_note": f"Test note for rating {letter}."}
        for n, (item_id, letter) in enumerate(zip(RATING_ITEMS, "ABC", strict=True))
    ]
    document["items"] = [*shipped["items"], *extra]
    return document


def write_study_score15(folder: Path) -> Path:
    """``folder`` made into a study resources folder holding the study's SCORE-15 file."""
    (folder / "instruments").mkdir(parents=True, exist_ok=True)
    path = folder / "instruments" / "score15.en.json"
    path.write_text(json.dumps(study_score15_document(), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return folder
