"""Child process of the crash harness: types notes into the Conversation step until it is killed.

Usage: python -m tests.crash.conversation_worker DB INTERVIEW_KEY
Opens the study and the interview's ConversationPage (offscreen), types one word at a time
into the first theme's notes as key presses, and once the page has written the batch (the
study holds the text on screen) prints 'ACK <json>' with the notes saved, then types the
next word. Driven by Qt timers inside the event loop, so the page's own save timer runs as
it does in the app.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from fieldwork.domain.resource_library import load_resource_library
from fieldwork.storage import conversation_store as conversation
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.conversation import ConversationPage
from fieldwork.ui.save_status import SaveReporter
from tests.conftest import PASSPHRASE

WORDS = ("She", "lives", "with", "her", "mother", "and", "her", "son;", "the", "nursery", "helps.")


def main() -> None:
    app = QApplication(sys.argv[:1])
    store = StudyStore.open(Path(sys.argv[1]), PASSPHRASE)
    key = sys.argv[2]
    page = ConversationPage(store, SaveReporter(store), key, resources=load_resource_library())
    page.show()
    theme_id = page.current_theme()[0]
    state = {"n": 0, "typed": ""}

    def type_next() -> None:
        word = WORDS[state["n"] % len(WORDS)]
        text = (" " if state["typed"] else "") + word
        QTest.keyClicks(page.theme.notes, text)
        state["typed"] += text
        state["n"] += 1
        QTimer.singleShot(20, wait_for_save)

    def wait_for_save() -> None:
        record = conversation.themes(store, key).get(theme_id)
        if record is None or record.notes != state["typed"]:
            QTimer.singleShot(20, wait_for_save)  # the page writes after a pause in typing
            return
        sys.stdout.write(f"ACK {json.dumps({'theme': theme_id, 'notes': record.notes})}\n")
        sys.stdout.flush()
        QTimer.singleShot(0, type_next)

    sys.stdout.write("READY\n")
    sys.stdout.flush()
    QTimer.singleShot(0, type_next)
    app.exec()


if __name__ == "__main__":
    main()
