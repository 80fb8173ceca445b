"""Families' phone numbers and addresses: in the encrypted study, on the contact screen only.

Owns adding, changing and removing a family's contact details, and clearing every contact
detail of the study when its fieldwork ends (with the appointments' places, which may be
addresses). Nothing here is read by an export; a family erased after withdrawing loses its
details with everything else (``tables_fieldwork.FAMILY_TABLES``). Clearing is audited as
an erasure and followed by ``wipe_free_space``, so the numbers are gone from the file's
free pages and its log too. Qt-free.
"""

from __future__ import annotations

from dataclasses import replace

from fieldwork.domain.casebook import new_key
from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.recruitment import ContactDetail, ContactKind
from fieldwork.storage.study_store import StudyStore, _now
from fieldwork.storage.withdrawal_store import wipe_free_space


def contact_details_of(store: StudyStore, family_key: str) -> list[ContactDetail]:
    return [ContactDetail(r["key"], r["family_key"], ContactKind(r["kind"]), r["value"], r["whose"] or "")
            for r in store.db["contact_details"].rows_where(
                "family_key = ?", [family_key], order_by="kind, rowid")]


def save_contact_detail(store: StudyStore, detail: ContactDetail) -> ContactDetail:
    """Add a contact detail (empty key) or correct one already saved (its key)."""
    family = store.family(detail.family_key)
    checked = detail.checked()
    if not checked.key:
        checked = replace(checked, key=new_key())
    # The audit log gets the record keys only, never the number or the address.
    with store.edit(f"contact details of {family.code}", keys=[family.key, checked.key]) as db:
        db["contact_details"].upsert({
            "key": checked.key, "family_key": family.key, "kind": checked.kind.value,
            "value": checked.value, "whose": checked.whose, "updated_at": _now(),
        }, pk="key")
    return checked


def remove_contact_detail(store: StudyStore, key: str) -> None:
    row = store.db.execute("SELECT family_key FROM contact_details WHERE key = ?", [key]).fetchone()
    if row is None:
        raise InvalidInput("contact detail", f"no contact detail has the key {key}")
    with store.edit("contact detail removed", action="erase", keys=[row[0], key]) as db:
        db.execute("DELETE FROM contact_details WHERE key = ?", [key])
    wipe_free_space(store)


def contact_details_count(store: StudyStore) -> int:
    """How many contact details the study holds (with appointments that name a place)."""
    places = store.db.execute("SELECT count(*) FROM appointments WHERE place != ''").fetchone()[0]
    return store.db["contact_details"].count + places


def clear_all_contact_details(store: StudyStore) -> int:
    """The study's fieldwork has ended: erase every phone number, address and appointment place.

    Returns how many were cleared. Audited as an erasure; the file's free pages and log are
    wiped after, so nothing of them is left in the file (see ``wipe_free_space``).
    """
    cleared = contact_details_count(store)
    with store.edit("contact details cleared at the end of fieldwork", action="erase",
                    keys=["contact_details"]) as db:
        db.execute("DELETE FROM contact_details")
        db.execute("UPDATE appointments SET place = '' WHERE place != ''")
    wipe_free_space(store)
    return cleared
