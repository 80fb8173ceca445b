"""Speed of the network map with 150 people and 300 ties (issue 4's rows).

- opening: loading the map from the encrypted database and building the page (scene,
  items, panels) up to shown, median of 5;
- dragging: one person dragged across 200 mouse-move events sent to the view, each step
  timed with the repaint it causes (processEvents), p95;
- metrics: ``measure`` on the same map, median of 50.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.table import Row

PASSPHRASE = "benchmark passphrase, not secret"
PEOPLE, TIES = 150, 300


def _big_map(seed: int = 4):  # noqa: ANN202
    from fieldwork.domain.network_codes import (
        CLOSENESS,
        FREQUENCY,
        RELATIONSHIPS,
        SUPPORT,
    )
    from fieldwork.domain.network_map import NetworkMap

    rng = random.Random(seed)
    network = NetworkMap("Centre", centre_role="child")
    settings = network.settings
    keys = []
    for n in range(PEOPLE):
        angle = rng.uniform(0, 360)
        keys.append(network.add_person(
            f"Person {n}", rng.choice(list(RELATIONSHIPS)), ring=rng.randint(1, settings.rings),
            sector=settings.sector_at(angle), angle=angle, closeness=rng.choice(list(CLOSENESS)),
            frequency=rng.choice(list(FREQUENCY)),
            support={rng.choice([c for c in SUPPORT if c != "none"])}).key)
    while len(network.ties()) < TIES:
        a, b = rng.sample(keys, 2)
        if not network.graph.has_edge(a, b):
            network.add_tie(a, b, rng.choice(list(CLOSENESS)))
    return network


def _consented_study(folder: Path):  # noqa: ANN202
    from fieldwork.domain.consent import HowGiven, answers_from_choices, confirm_consent
    from fieldwork.domain.consent_forms import CONSENT_FORMS_FOLDER
    from fieldwork.domain.resource_loading import load_consent_forms
    from fieldwork.storage.consent_store import save_consent
    from fieldwork.storage.map_store import StoredMap
    from fieldwork.storage.study_store import StudyStore

    store = StudyStore.create(folder / "map.db", PASSPHRASE, "Benchmark study", "R01")
    family = store.add_family()
    interview = store.add_interview(family.key)
    store.change_status(interview.key, "in_progress")
    forms, _errors = load_consent_forms(CONSENT_FORMS_FOLDER)
    form = next(f for f in forms if f.language == "en")
    record = confirm_consent(
        form, interview_id=interview.key,
        answers=answers_from_choices(form, {s.statement_id: True for s in form.statements}),
        how_given=HowGiven.VERBAL, researcher_confirmation="R01", confirmed_at=datetime.now(UTC))
    save_consent(store, record)
    StoredMap.save_new(store, interview.key, _big_map())
    return store, interview.key


def _open_page(store, key):  # noqa: ANN001, ANN202
    from fieldwork.ui.network_map.page import NetworkMapPage
    from fieldwork.ui.save_status import SaveReporter

    page = NetworkMapPage(store, SaveReporter(store), key)
    page.resize(1280, 800)
    page.show()
    return page


def opening(store, key, app, runs: int = 5) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        page = _open_page(store, key)
        app.processEvents()
        times.append(time.perf_counter() - began)
        page.close()
        page.deleteLater()
        app.processEvents()
    return statistics.median(times) * 1000


def dragging(store, key, app, steps: int = 200) -> float:  # noqa: ANN001
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    page = _open_page(store, key)
    app.processEvents()
    item = next(iter(page.scene.people.values()))
    viewport = page.view.viewport()
    start = page.view.mapFromScene(item.pos())
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

    def send(kind: QMouseEvent.Type, at: QPoint, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:
        app.sendEvent(viewport, QMouseEvent(kind, QPointF(at), QPointF(viewport.mapToGlobal(at)),
                                            button, buttons, Qt.KeyboardModifier.NoModifier))

    send(QMouseEvent.Type.MouseButtonPress, start, left, left)
    times = []
    for n in range(1, steps + 1):
        at = QPoint(start.x() + n * 2, start.y() + n)
        began = time.perf_counter()
        send(QMouseEvent.Type.MouseMove, at, none, left)
        app.processEvents()
        times.append((time.perf_counter() - began) * 1000)
    send(QMouseEvent.Type.MouseButtonRelease, at, left, none)
    app.processEvents()
    assert page.document.undo_stack.count() == 1, "the drag was not recorded as one move"
    page.close()
    page.deleteLater()
    app.processEvents()
    times.sort()
    return times[int(len(times) * 0.95) - 1]


def metrics(runs: int = 50) -> float:
    from fieldwork.domain.network_metrics import measure

    network = _big_map()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        measure(network)
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def rows() -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from fieldwork.ui.application import make_application

    app = make_application()
    with tempfile.TemporaryDirectory(prefix="fieldwork-bench-map-") as name:
        store, key = _consented_study(Path(name))
        try:
            open_ms = opening(store, key, app)
            drag_p95 = dragging(store, key, app)
        finally:
            store.close()
    return [
        Row("network map: open a 150-person, 300-tie map (load + page shown)", open_ms, "ms", "<= 300"),
        Row("network map: drag one person, p95 of 200 mouse-move steps", drag_p95, "ms", "<= 8"),
        Row("network map: metrics for a 150-person map", metrics(), "ms", "<= 20"),
    ]


if __name__ == "__main__":
    from benchmarks.table import as_table

    print(as_table(rows()))
