"""The family network map's code lists: who someone is, how close, how often, what support.

Owns the map's code lists (``CENTRE_ROLES``, the relationship table
``RELATIONSHIP_TABLE`` and what is read from it — ``RELATIONSHIPS``,
``PROFESSIONAL_RELATIONSHIPS``, ``RELATIONSHIP_SECTORS`` — ``CLOSENESS``, ``FREQUENCY``, ``SUPPORT``,
``OFF_MAP_REASONS``) and ``check_code``, which checks a value against one of them. The
raw codes are stable: they are what is stored and what analysts get, so never rename
one. The English labels beside them are for the UI and the codebook.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fieldwork.domain.errors import InvalidInput

__all__ = ["CENTRE_ROLES", "CLOSENESS", "FREQUENCY", "LIKELY_RELATIONSHIP", "OFF_MAP_REASONS",
           "PROFESSIONAL_RELATIONSHIPS", "RELATIONSHIPS", "RELATIONSHIP_SECTORS", "RELATIONSHIP_TABLE",
           "SUPPORT", "TIES_MEANINGS", "Relationship", "check_code"]

CENTRE_ROLES: dict[str, str] = {"respondent": "The respondent", "child": "A child in focus"}
# Whose ties a map's values are. Every map says which it was drawn with, so a map drawn
# before the app said it keeps the meaning it had (see tables_respondent_view).
RESPONDENT_VIEW = "respondent_view"
UNSTATED = "unstated"
TIES_MEANINGS: dict[str, str] = {
    RESPONDENT_VIEW: (
        "Everything as the respondent sees it. Ring: how close the person is to the centre, "
        "as the respondent sees it. Closeness and contact: the respondent's own tie with the "
        "person (for the respondent, their tie with the centre). Support: what the respondent "
        "can call on from the person. Relationship: to the centre, and to the respondent "
        "where the two differ."),
    UNSTATED: (
        "Drawn before the app said whose ties these were: the screen asked 'Relationship', "
        "'Closeness', 'Contact' and 'Support given' without saying to whom, and closeness and "
        "contact were stored as the tie to the centre. With the respondent at the centre they "
        "are the respondent's own ties; with a child at the centre they may be the child's, "
        "and whose support was recorded is not known."),
}


@dataclass(frozen=True)
class Relationship:
    """One code of the relationship list: the stored code, the codebook's words, and the
    sector a person of this kind goes in when nothing else says (and so whether they are a
    professional)."""

    code: str
    label: str
    sector: str


# The relationship list as one table, in the order the form offers it. A child-protection
# family map needs the carers and parents' partners a court or a placement brings, not
# only the birth family. Add a row here (never rename a code): the form, the checks, the
# default sector, the professionals' share and the codebook all follow.
_FAMILY, _FRIENDS, _COMMUNITY, _PROFESSIONALS = (
    "family_household", "friends_neighbours", "community", "professionals")
RELATIONSHIP_TABLE: tuple[Relationship, ...] = (
    Relationship("mother", "Mother", _FAMILY),
    Relationship("father", "Father", _FAMILY),
    Relationship("step_parent", "Step-parent", _FAMILY),
    Relationship("parents_partner", "Parent's partner (not a step-parent)", _FAMILY),
    Relationship("adoptive_parent", "Adoptive parent", _FAMILY),
    Relationship("foster_carer", "Foster carer", _FAMILY),
    Relationship("kinship_carer", "Kinship carer (relative or friend caring for the child)", _FAMILY),
    Relationship("special_guardian", "Special guardian", _FAMILY),
    Relationship("partner", "Partner", _FAMILY),
    Relationship("ex_partner", "Ex-partner", _FAMILY),
    Relationship("child", "Child", _FAMILY),
    Relationship("sibling", "Brother or sister", _FAMILY),
    Relationship("half_sibling", "Half-brother or half-sister", _FAMILY),
    Relationship("step_sibling", "Step-brother or step-sister", _FAMILY),
    Relationship("foster_sibling", "Foster brother or sister", _FAMILY),
    Relationship("grandparent", "Grandparent", _FAMILY),
    Relationship("aunt_uncle", "Uncle or aunt", _FAMILY),
    Relationship("cousin", "Cousin", _FAMILY),
    Relationship("other_relative", "Other relative", _FAMILY),
    Relationship("friend", "Friend", _FRIENDS),
    Relationship("neighbour", "Neighbour", _FRIENDS),
    Relationship("faith_community", "Faith community", _COMMUNITY),
    Relationship("teacher_nursery", "Teacher / nursery", _PROFESSIONALS),
    Relationship("social_worker", "Social worker", _PROFESSIONALS),
    Relationship("family_support_worker", "Family support worker", _PROFESSIONALS),
    Relationship("health_visitor", "Health visitor", _PROFESSIONALS),
    Relationship("midwife", "Midwife", _PROFESSIONALS),
    Relationship("gp_doctor", "GP / doctor", _PROFESSIONALS),
    Relationship("therapist", "Therapist", _PROFESSIONALS),
    Relationship("mental_health_worker", "Mental health worker", _PROFESSIONALS),
    Relationship("residential_care_worker", "Residential care worker", _PROFESSIONALS),
    Relationship("youth_worker", "Youth worker", _PROFESSIONALS),
    Relationship("police_probation", "Police or probation officer", _PROFESSIONALS),
    Relationship("lawyer", "Lawyer", _PROFESSIONALS),
    Relationship("other_professional", "Other professional", _PROFESSIONALS),
    Relationship("other", "Other", _COMMUNITY),
)
RELATIONSHIPS: dict[str, str] = {r.code: r.label for r in RELATIONSHIP_TABLE}
PROFESSIONAL_RELATIONSHIPS: frozenset[str] = frozenset(
    r.code for r in RELATIONSHIP_TABLE if r.sector == _PROFESSIONALS)
# Where someone goes when placed without a sector (e.g. named straight off the map);
# teachers are professionals but sit in the community sector, with the school.
RELATIONSHIP_SECTORS: dict[str, str] = {
    r.code: _COMMUNITY if r.code == "teacher_nursery" else r.sector for r in RELATIONSHIP_TABLE}
# What someone placed in a sector most likely is, to save the researcher a step.
LIKELY_RELATIONSHIP: dict[str, str] = {_FAMILY: "other_relative", _FRIENDS: "friend",
                                       _COMMUNITY: "other", _PROFESSIONALS: "other_professional"}
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
