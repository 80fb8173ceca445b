"""The family network map's code lists: who someone is, how close, how often, what support.

Owns the map's code lists (``CENTRE_ROLES``, ``RELATIONSHIPS``,
``PROFESSIONAL_RELATIONSHIPS``, ``CLOSENESS``, ``FREQUENCY``, ``SUPPORT``,
``OFF_MAP_REASONS``) and ``check_code``, which checks a value against one of them. The
raw codes are stable: they are what is stored and what analysts get, so never rename
one. The English labels beside them are for the UI and the codebook.
"""

from __future__ import annotations

from collections.abc import Mapping

from fieldwork.domain.errors import InvalidInput

__all__ = ["CENTRE_ROLES", "CLOSENESS", "FREQUENCY", "OFF_MAP_REASONS", "RELATIONSHIPS",
           "PROFESSIONAL_RELATIONSHIPS", "SUPPORT", "check_code"]

CENTRE_ROLES: dict[str, str] = {"respondent": "The respondent", "child": "A child in focus"}
RELATIONSHIPS: dict[str, str] = {
    "mother": "Mother", "father": "Father", "partner": "Partner", "child": "Child",
    "sibling": "Brother or sister", "grandparent": "Grandparent",
    "other_relative": "Other relative", "friend": "Friend", "neighbour": "Neighbour",
    "teacher_nursery": "Teacher / nursery", "social_worker": "Social worker",
    "health_visitor": "Health visitor", "gp_doctor": "GP / doctor", "therapist": "Therapist",
    "lawyer": "Lawyer", "other_professional": "Other professional", "other": "Other",
}
PROFESSIONAL_RELATIONSHIPS: frozenset[str] = frozenset({
    "teacher_nursery", "social_worker", "health_visitor", "gp_doctor", "therapist",
    "lawyer", "other_professional",
})
CLOSENESS: dict[str, str] = {
    "very_close": "Very close", "moderately_close": "Moderately close",
    "loose": "Loose tie", "difficult": "Difficult",
}
FREQUENCY: dict[str, str] = {
    "daily_weekly": "Daily to weekly",
    "weekly_monthly": "Less than weekly to monthly",
    "monthly_six_monthly": "Less than monthly to six-monthly",
    "rarely_never": "Rarely or never",
}
SUPPORT: dict[str, str] = {
    "practical_children": "Practical help with the children", "emotional": "Emotional support",
    "advice": "Advice or information", "material": "Money or things", "none": "No support",
}
OFF_MAP_REASONS: dict[str, str] = {
    "no_contact": "No contact", "excluded": "Left off by the respondent",
    "deceased": "Has died", "other": "Other reason",
}


def check_code(value: str | None, codes: Mapping[str, str], what: str, *,
               optional: bool = False) -> str | None:
    """Return ``value`` if it is one of ``codes`` (or None when ``optional``); else raise
    ``InvalidInput`` naming ``what``."""
    if value is None and optional:
        return None
    if value not in codes:
        raise InvalidInput(what, f"'{value}' is not one of the codes ({', '.join(codes)}).")
    return value
