"""'Save map picture': PNG and PDF through matplotlib, with names or pseudonym codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fieldwork.demo.network_maps import KEYS, family_x_wave_1, family_x_wave_2
from fieldwork.domain.errors import InvalidInput
from fieldwork.export.map_picture import (
    TIE_STYLES,
    draw_map_figure,
    pseudonym_codes,
    save_map_picture,
    save_map_pictures,
    zigzag,
)


def _texts(fig) -> str:
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts)


def test_png_and_pdf_are_written(tmp_path: Path):
    png, pdf = save_map_pictures(family_x_wave_1(), tmp_path / "x", title="Family X")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_labels_or_codes(tmp_path: Path):
    named = _texts(draw_map_figure(family_x_wave_1()))
    assert "Grandmother" in named and "Child X" in named
    coded = _texts(draw_map_figure(family_x_wave_1(), use_codes=True))
    assert "Grandmother" not in coded and "Child X" not in coded and "P02" in coded
    assert "People so close that it is hard to" in coded  # the ring prompts are on the picture


def test_codes_stay_the_same_across_the_waves():
    w1, w2 = family_x_wave_1(), family_x_wave_2()
    before, after = pseudonym_codes(w1), pseudonym_codes(w2, earlier=w1)
    assert after[KEYS["grandmother"]] == before[KEYS["grandmother"]]
    assert after[KEYS["baby_sister"]] not in before.values()


def test_wave_2_picture_shows_who_has_gone(tmp_path: Path):
    fig = draw_map_figure(family_x_wave_2(), earlier=family_x_wave_1())
    assert "Social worker" in _texts(fig)  # faintly, where she was
    assert "earlier wave" in _texts(fig)


def test_difficult_is_a_red_zigzag_and_unlike_the_others():
    difficult = TIE_STYLES["difficult"]
    assert difficult.zigzag and difficult.colour.lower().startswith("#c")
    assert not any(s.zigzag for c, s in TIE_STYLES.items() if c != "difficult")
    points = zigzag(0, 0, 1, 0, step=0.1, amplitude=0.02)
    assert points[0] == (0, 0) and points[-1] == (1, 0) and len(points) >= 10
    assert {round(y, 6) for _x, y in points[1:-1]} == {0.02, -0.02}


def test_wrong_suffix_is_refused(tmp_path: Path):
    with pytest.raises(InvalidInput):
        save_map_picture(family_x_wave_1(), tmp_path / "map.jpg")


def test_importing_the_module_does_not_load_matplotlib():
    code = ("import sys, fieldwork.export.map_picture; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
