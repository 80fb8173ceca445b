"""The demo study's fieldwork: how each family came, the tries to reach it, appointments.

Every family, phone number and address here is invented (the numbers are from the range
Ofcom keeps for drama, 07700 900xxx). It shows nominations and a sample from a list, a
family that could not be reached, an appointment with an Arabic interpreter, a wave-2
follow-up with several unanswered calls, and outcomes recorded when a wave closed.
"""

from __future__ import annotations

from datetime import date, datetime

from fieldwork.domain.recruitment import Appointment, ContactDetail, FieldworkOutcome, Recruitment
from fieldwork.storage.contact_details_store import save_contact_detail
from fieldwork.storage.fieldwork_store import (
    record_attempt,
    save_appointment,
    save_outcome,
    save_recruitment,
)
from fieldwork.storage.study_store import StudyStore

NOMINATED, LISTED = "social_worker_nomination", "sample_from_list"

# code: (route, approached on, outcome, consent to contact)
RECRUITMENT = {
    "F001": (NOMINATED, date(2015, 6, 22), "agreed", True),
    "F002": (NOMINATED, date(2015, 7, 20), "agreed", True),
    "F003": (LISTED, date(2015, 6, 15), "agreed", True),
    "F004": (NOMINATED, date(2015, 7, 6), "agreed", True),
    "F005": (NOMINATED, date(2015, 8, 1), "agreed", True),
    "F006": (LISTED, date(2015, 9, 1), "not_contactable", None),
    "F008": (NOMINATED, date(2015, 7, 13), "agreed", True),
}

# code: [(wave, date, channel, outcome, note)]
ATTEMPTS = {
    "F001": [(1, date(2015, 6, 23), "phone", "no_answer", ""),
             (1, date(2015, 6, 25), "phone", "appointment_made", "Mother prefers mornings."),
             (2, date(2016, 1, 12), "text", "no_answer", ""),
             (2, date(2016, 1, 14), "phone", "appointment_made", "By telephone this time.")],
    "F002": [(1, date(2015, 7, 22), "via_social_worker", "appointment_made", "Through the social worker."),
             (2, date(2016, 1, 28), "phone", "no_answer", ""),
             (2, date(2016, 1, 30), "phone", "left_message", ""),
             (2, date(2016, 2, 2), "phone", "appointment_made", "Daughter interpreted on the phone.")],
    "F003": [(1, date(2015, 6, 16), "letter", "no_answer", ""),
             (1, date(2015, 6, 24), "visit", "appointment_made", "")],
    "F004": [(1, date(2015, 7, 7), "phone", "call_back", "Father at work until 6."),
             (1, date(2015, 7, 8), "phone", "appointment_made", "")],
    "F005": [(1, date(2015, 8, 3), "via_social_worker", "appointment_made", "")],
    "F006": [(1, date(2015, 9, 2), "phone", "wrong_number", ""),
             (1, date(2015, 9, 10), "letter", "no_answer", "")],
    "F008": [(1, date(2015, 7, 14), "phone", "appointment_made", ""),
             (2, date(2016, 1, 25), "phone", "no_answer", ""),
             (2, date(2016, 1, 27), "phone", "no_answer", ""),
             (2, date(2016, 2, 1), "text", "no_answer", "")],
}

# code: [(kind, value, whose)]
CONTACTS = {
    "F001": [("phone", "07700 900312", "mother"), ("address", "Flat 2, 9 Example Row, Borough A", "")],
    "F002": [("phone", "07700 900547", "mother"), ("phone", "07700 900548", "eldest daughter")],
    "F004": [("phone", "07700 900731", "father")],
    "F005": [("address", "c/o foster carer, 41 Sample Lane, Borough B", "foster carer")],
    "F008": [("phone", "07700 900864", "mother")],
}


def add_fieldwork_demo(store: StudyStore) -> None:
    """Add the demo's recruitment, attempts, appointments, contact details and outcomes."""
    researcher = store.researchers()[0].key
    families = {s.family.code: s.family.key for s in store.family_summaries()}
    for code, (route, approached, outcome, consent) in RECRUITMENT.items():
        save_recruitment(store, Recruitment(families[code], route, approached, researcher, outcome, consent))
    for code, attempts in ATTEMPTS.items():
        for wave, day, channel, outcome, note in attempts:
            record_attempt(store, families[code], wave, day, channel, outcome, note, researcher)
    for code, details in CONTACTS.items():
        for kind, value, whose in details:
            save_contact_detail(store, ContactDetail("", families[code], kind, value, whose))  # type: ignore[arg-type]
    save_appointment(store, Appointment("", families["F002"], 2, datetime(2016, 2, 9, 10, 0),
                                        "Family home", True, "Arabic", booked=True))
    save_appointment(store, Appointment("", families["F005"], 1, datetime(2015, 8, 18, 16, 0),
                                        "Foster carer's home", booked=True))
    save_outcome(store, FieldworkOutcome(families["F001"], 1, "interviewed"))
    save_outcome(store, FieldworkOutcome(families["F001"], 2, "interviewed"))
    save_outcome(store, FieldworkOutcome(families["F006"], 1, "not_interviewed", "uncontactable",
                                         "Number dead; no answer to the letter."))
