"""'Save map picture': PNG and PDF through matplotlib, with names or pseudonym codes."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from fieldwork.demo.network_maps import KEYS, family_x_wave_1, family_x_wave_2
from fieldwork.domain.errors import InvalidInput
from fieldwork.export.map_picture import (
    TIE_STYLES,
    draw_map_figure,
    exports_folder,
    picture_name,
    picture_title,
    pseudonym_codes,
    save_map_picture,
    save_map_pictures,
    zigzag,
)
from tests.domain.crowded_maps import forty_person_map


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


def _drawn_boxes(fig, prefix: str) -> list:
    """The extents, in the picture's pixels, of the texts whose gid starts with ``prefix``."""
    renderer = fig.canvas.get_renderer()
    return [t.get_window_extent(renderer) for ax in fig.axes for t in ax.texts
            if (t.get_gid() or "").startswith(prefix)]


def _meet(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("build", [family_x_wave_1, family_x_wave_2, forty_person_map])
@pytest.mark.parametrize("use_codes", [False, True])
def test_no_name_in_the_picture_covers_another_or_a_sector_title(build, use_codes):
    network = build()
    earlier = family_x_wave_1() if build is family_x_wave_2 else None
    fig = draw_map_figure(network, use_codes=use_codes, earlier=earlier)
    names, titles = _drawn_boxes(fig, "name:"), _drawn_boxes(fig, "title:")
    assert len(names) == len(network.people_on_map()) and len(titles) == len(network.settings.sectors)
    assert [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if _meet(a, b)] == []
    assert [(a, b) for a in names for b in titles if _meet(a, b)] == []


def test_a_picture_is_named_and_titled_with_family_wave_and_date(tmp_path: Path):
    when = date(2026, 12, 1)
    assert picture_name("F001", 1, when) == "F001-wave1-2026-12-01-map"
    assert picture_name("F001", 2, when, use_codes=True) == "F001-wave2-2026-12-01-map-codes"
    assert exports_folder(tmp_path / "Focus study.db") == tmp_path / "Focus study exports"
    title = picture_title("F001", 1, when)
    assert "F001" in title and "wave 1" in title and "2026-12-01" in title
    fig = draw_map_figure(family_x_wave_1(), title=title)
    assert fig._suptitle is not None and fig._suptitle.get_text() == title
    with pytest.raises(InvalidInput):
        picture_name("../F001", 1, when)
