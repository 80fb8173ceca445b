"""manifest.json is written as json.dumps(indent=2) writes it, its file list entry by entry."""

from __future__ import annotations

import json

import pytest

from fieldwork.export.bundle import manifest_text

FILES = [{"path": "families.csv", "bytes": 120, "sha256": "ab" * 32, "rows": 3},
         {"path": "graphml/F0001_wave1.graphml", "bytes": 9, "sha256": "cd" * 32, "rows": None},
         {"path": "maps/Zoë \"quoted\" \\ ﻿محمد.png", "bytes": 0, "sha256": "ef" * 32, "rows": 0}]


UNUSUAL = [{"path": "a.csv", "bytes": 1.5, "sha256": "ab", "rows": True},
           {"rows": 2, "path": "b.csv", "bytes": 3, "sha256": "cd"},
           {"path": "c.csv", "bytes": 3, "sha256": "\u2028\x07", "rows": 1, "note": "more"},
           {"path": None, "bytes": 3, "sha256": "ef", "rows": -1}]


@pytest.mark.parametrize("files", [FILES, FILES[:1], [], UNUSUAL, FILES + UNUSUAL])
def test_the_manifest_text_is_what_json_writes_with_an_indent(files: list[dict]) -> None:
    manifest = {"bundle": "fieldwork analysts' bundle", "study": "Étude & <test>",
                "options": {"formats": ["csv", "sav"], "zip": False}, "row_counts": {"a.csv": 1},
                "files": files, "notes": ["a note\nwith a line break"]}
    text = manifest_text(manifest)
    assert text == json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    assert json.loads(text) == manifest
