"""A fictional demo study, so a newcomer sees a filled app at once.

Every family in it is invented. Each capability of the app adds its part here (its own
module, called from ``write_demo_study``), so the demo always shows every feature.
Qt-free.
"""

from __future__ import annotations

from pathlib import Path

from fieldwork.demo.case_records import create_case_records
from fieldwork.demo.case_status import add_case_status_demo
from fieldwork.demo.consent import add_consent_demo, english_consent_form
from fieldwork.demo.conversation import add_conversation_demo
from fieldwork.demo.fieldwork_records import add_fieldwork_demo
from fieldwork.demo.network_maps import (
    add_network_map_demo,
    small_map_before_withdrawal,
)
from fieldwork.demo.questionnaires import (
    add_questionnaire_demo,
    add_repeated_score15_demo,
)
from fieldwork.demo.study_flow import add_study_flow_demo
from fieldwork.demo.withdrawals import add_withdrawal_demo
from fieldwork.storage.study_store import StudyStore

# The passphrase of the throwaway copy behind `main.py --demo`; never a real study's.
DEMO_PASSPHRASE = "demo-only-not-a-real-study"


def write_demo_study(path: Path | str, passphrase: str) -> StudyStore:
    """Create the whole demo study at ``path`` under ``passphrase`` and return it open."""
    english_consent_form()  # an install without its data files stops here, before any file is made
    store = create_case_records(path, passphrase)
    add_consent_demo(store)
    add_network_map_demo(store)
    add_questionnaire_demo(store)
    add_withdrawal_demo(store, before_withdrawing=small_map_before_withdrawal)
    add_repeated_score15_demo(store)
    add_fieldwork_demo(store)
    add_conversation_demo(store)
    add_case_status_demo(store)
    add_study_flow_demo(store)
    return store
