"""The demo study's case status at each wave and its social workers (as codes).

Every status and code here is invented except Family X's (F001), which follow Appendix 6:
at time 1 she had a social worker (the demo's case type for her is child in need; the report
does not name it) who "listened to her concerns"; at time 2 "Children's services were no
longer involved with her ... they ... closed her case", as she told the researcher. The
others show a child protection plan stepped down, a looked-after child whose case stays
open, and a closed case, so the summary reads like the report's ("Seven still had a social
worker and 6 cases had been closed", here in small numbers). Social workers: one code for
Family X, two for the Arabic-speaking family (two social-worker interviews linked to one
family, as in the study). Every family here consented to records and to their social
worker being interviewed; the storage refuses it otherwise.
"""

from __future__ import annotations

from datetime import date

from fieldwork.domain.case_status import CaseStatus, SocialWorkerLink
from fieldwork.storage.case_status_store import record_case_status, save_social_worker
from fieldwork.storage.study_store import StudyStore

RECORDS, FAMILY, SOCIAL_WORKER = "childrens_services_records", "family", "social_worker"

# code: [(wave, status, as of, source, note)]
STATUSES = {
    "F001": [(1, "child_in_need", date(2015, 7, 14), RECORDS,
              "Referred by the hospital; social worker set up nursery, speech and language therapy."),
             (2, "closed", date(2016, 1, 26), FAMILY,
              "Mother X: children's services were satisfied and closed her case.")],
    "F002": [(1, "child_protection_plan", date(2015, 7, 24), RECORDS, ""),
             (2, "child_in_need", date(2016, 2, 2), RECORDS, "Plan ended; stepped down to child in need.")],
    "F003": [(1, "child_protection_plan", date(2015, 6, 24), RECORDS, "")],
    "F004": [(1, "looked_after", date(2015, 7, 8), RECORDS, ""),
             (2, "looked_after", date(2016, 1, 20), SOCIAL_WORKER, "")],
    "F009": [(1, "child_in_need", date(2015, 9, 1), RECORDS, ""),
             (2, "stepped_down", date(2016, 3, 1), RECORDS, "Stepped down to early help.")],
}

# code: [(practitioner code, interviewed, interviewed on, role)]
SOCIAL_WORKERS = {
    "F001": [("SW01", True, date(2015, 9, 15), "allocated social worker")],
    "F002": [("SW02", True, date(2015, 9, 22), "allocated social worker at time 1"),
             ("SW05", True, date(2016, 2, 10), "allocated social worker at time 2")],
    "F004": [("SW03", False, None, "allocated social worker")],
}


def add_case_status_demo(store: StudyStore) -> None:
    families = {summary.family.code: summary.family for summary in store.family_summaries()}
    for code, statuses in STATUSES.items():
        if code not in families:
            continue
        for wave, status, as_of, source, note in statuses:
            record_case_status(store, CaseStatus(families[code].key, wave, status, source, as_of, note))
    for code, links in SOCIAL_WORKERS.items():
        if code not in families:
            continue
        for practitioner, interviewed, on, role in links:
            link = SocialWorkerLink(families[code].key, practitioner, interviewed, on, role)
            save_social_worker(store, link)
