"""The demo's network maps: Family X at both waves, as Appendix 6 of the 2016 Focus on
Practice evaluation tells it.

Owns the Family X map builders (``family_x_wave_1``, ``family_x_wave_2``, with fixed
person ``KEYS``), ``APPENDIX_6_SERVICES`` and ``add_network_map_demo(store)``, which stores
both maps for the demo's family F001 through the map store, so they pass the consent check
like any other map. The tests build the same maps from here and check them against the
appendix.

Wave 1 (Appendix 6: "she placed her child in centre of map, and her sister, mother and
herself close by and wider family and nursery teachers and social workers in next
circle"): the child at the centre; Mother X (the respondent), her mother and her sister in
ring 1; wider family, the nursery teachers and her social worker in ring 2. Named but kept
off the map, with her own words: the child's father ("he was nowhere on the map") and her
own father ("she had not got a father either"). The services she used (the doctors, the
speech and language therapist, the lawyer, adult education) are services, not people she
placed: the app has no place for services yet, so they are left off the map and listed in
the interview's closing notes (``APPENDIX_6_SERVICES``).

Wave 2, by telephone, carried forward with the same keys: her son is at school (the
school's teachers instead of the nursery's); a baby daughter joins ring 1 and friend N the
map; her own mother still helps with the children but no longer shares a home; the social
worker is kept off the map (children's services no longer involved; she does not want her
in her life again); the child's father and the baby's father are off the map, out of
touch. No new professionals or organisations.

Relationship is to the centre (the child), with the relationship to the respondent where
it differs. Closeness, contact and support codes are our reading of the appendix, not the
report's data. Keys are fixed (uuid5) so tests and the demo can name people. Qt-free.
"""

from __future__ import annotations

import uuid

from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.domain.map_changes import compare_maps
from fieldwork.domain.network_map import NetworkMap
from fieldwork.storage.map_store import StoredMap
from fieldwork.storage.study_store import StudyStore

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "fieldwork/demo/family-x")
NAMES = ("child", "mother", "grandmother", "aunt", "cousins", "great_aunt", "nursery",
         "social_worker", "father", "grandfather", "school", "baby_sister", "baby_father",
         "friend_n")
KEYS: dict[str, str] = {name: str(uuid.uuid5(_NAMESPACE, name)) for name in NAMES}

APPENDIX_6_SERVICES = (
    "Services she used (Appendix 6), not people she placed, so not on the map: the nursery "
    "for her son; doctors and a speech and language therapist every week for him after his "
    "operation; a lawyer, through her social worker, for an injunction against the child's "
    "father; adult education, also through her social worker. The app has no place for "
    "services yet."
)


def family_x_wave_1() -> NetworkMap:
    m = NetworkMap("Child X", centre_role="child", centre_key=KEYS["child"])
    add = m.add_person
    # Ring 1, family and household (45°–135°): "her sister, mother and herself close by".
    add("Mother X", "mother", ring=1, sector="family_household", angle=70, key=KEYS["mother"],
        is_respondent=True, closeness="very_close", frequency="daily_weekly",
        lives_in_household=True)
    add("Grandmother", "grandparent", ring=1, sector="family_household", angle=90,
        key=KEYS["grandmother"], relationship_to_respondent="mother",
        relationship_text="Mother X's mother", closeness="very_close", frequency="daily_weekly",
        support={"practical_children", "material"}, lives_in_household=True,
        note="Mother X and the child stay at her home; Mother X values her opinion.")
    add("Aunt", "other_relative", ring=1, sector="family_household", angle=110, key=KEYS["aunt"],
        relationship_to_respondent="sibling", relationship_text="Mother X's sister",
        closeness="very_close", frequency="weekly_monthly", support={"emotional"})
    # Ring 2: "wider family and nursery teachers and social workers in next circle".
    add("Cousins", "other_relative", ring=2, sector="family_household", angle=80,
        key=KEYS["cousins"], relationship_to_respondent="other_relative",
        closeness="moderately_close", frequency="monthly_six_monthly", support={"none"})
    add("Great-aunt", "other_relative", ring=2, sector="family_household", angle=100,
        key=KEYS["great_aunt"], relationship_to_respondent="other_relative",
        closeness="loose", frequency="monthly_six_monthly", support={"none"})
    add("Nursery teachers", "teacher_nursery", ring=2, sector="community", angle=270,
        key=KEYS["nursery"], relationship_to_respondent="teacher_nursery",
        closeness="moderately_close", frequency="daily_weekly", support={"advice"})
    add("Social worker", "social_worker", ring=2, sector="professionals", angle=0,
        key=KEYS["social_worker"], relationship_to_respondent="social_worker",
        closeness="very_close", frequency="weekly_monthly", support={"advice", "emotional"},
        note="Listened to her concerns and asked her own mother's opinion; she can call her "
             "with any questions.")
    # Named, but kept off the map, in her words.
    add("Child's father", "father", off_map_reason="excluded", key=KEYS["father"],
        relationship_to_respondent="other", relationship_text="her son's father",
        off_map_note="When prompted about her child's father: 'he was nowhere on the map'. "
                     "Aggressive at the hospital; a lawyer is getting an injunction.",
        closeness="difficult", frequency="rarely_never")
    add("Mother X's father", "grandparent", off_map_reason="other", key=KEYS["grandfather"],
        relationship_to_respondent="father",
        off_map_note="'She had not got a father either.'")
    m.add_tie(KEYS["mother"], KEYS["grandmother"], "very_close")
    m.add_tie(KEYS["mother"], KEYS["aunt"], "very_close")
    m.add_tie(KEYS["grandmother"], KEYS["aunt"], "very_close")
    m.add_tie(KEYS["mother"], KEYS["social_worker"], "very_close")
    m.add_tie(KEYS["grandmother"], KEYS["social_worker"], "moderately_close")
    m.add_tie(KEYS["mother"], KEYS["father"], "difficult")
    return m


def family_x_wave_2() -> NetworkMap:
    m = family_x_wave_1().carried_forward()
    # "Her son was at school": the school's teachers instead of the nursery's.
    m.remove_person(KEYS["nursery"])
    m.add_person("School teachers", "teacher_nursery", ring=2, sector="community", angle=270,
                 key=KEYS["school"], relationship_to_respondent="teacher_nursery",
                 closeness="moderately_close", frequency="daily_weekly", support={"advice"},
                 note="Her son is at school and doing well.")
    # "Children's services were no longer involved with her."
    m.put_off_map(KEYS["social_worker"], "no_contact",
                  "Case closed. Overall satisfied with her social worker, but does not want her "
                  "to be part of her life again.")
    m.put_off_map(KEYS["father"], "no_contact",
                  "No longer in touch with her child's father; he has not tried to get in touch.")
    m.update_person(KEYS["grandmother"], lives_in_household=False,
                    support={"practical_children", "emotional"},
                    note="'Her own mother is still a big part of her life and helps with her "
                         "children'; Mother X has her own flat now.")
    m.add_person("Baby sister", "sibling", ring=1, sector="family_household", angle=125,
                 key=KEYS["baby_sister"], relationship_to_respondent="child",
                 relationship_text="Mother X's daughter, 4 months", closeness="very_close",
                 frequency="daily_weekly", support={"none"}, lives_in_household=True)
    m.add_person("Baby's father", "other", off_map_reason="no_contact", key=KEYS["baby_father"],
                 relationship_to_respondent="other", relationship_text="father of her daughter",
                 off_map_note="'She was not in touch with the father of her daughter either.'")
    m.add_person("Friend N", "friend", ring=2, sector="friends_neighbours", angle=180,
                 key=KEYS["friend_n"], relationship_to_respondent="friend",
                 relationship_text="Mother X's friend", closeness="moderately_close",
                 frequency="weekly_monthly", support={"emotional"},
                 note="'Another friend N has been supportive also.'")
    m.add_tie(KEYS["mother"], KEYS["baby_sister"], "very_close")
    m.add_tie(KEYS["grandmother"], KEYS["baby_sister"], "very_close")
    m.add_tie(KEYS["mother"], KEYS["friend_n"], "moderately_close")
    return m


def add_network_map_demo(store: StudyStore) -> None:
    """Give the demo's Family X (F001) its wave-1 and wave-2 maps, and the researcher's
    judgements on them. Needs the consent demo first: maps are refused without consent."""
    family = next(s.family for s in store.family_summaries() if s.family.code == "F001")
    first, second = store.interviews_of(family.key)[:2]
    wave_1 = StoredMap.save_new(store, first.key, family_x_wave_1())
    wave_1.rate_support("strong", "Her mother gives her and her son a home; her sister is close.")
    wave_2_map = family_x_wave_2()
    wave_2 = StoredMap.save_new(store, second.key, wave_2_map, carried_from=first.key)
    wave_2.rate_support("strong", "Her mother still helps with the children; friend N supportive.")
    proposed = compare_maps(wave_1.network, wave_2_map).summary
    wave_2.confirm_change_summary(proposed, proposed,
                                  "New baby; own flat; son at school; social worker gone.")
    for interview in (first, second):
        store.set_step_state(interview.key, InterviewStep.NETWORK_MAP, StepState.DONE)


def small_map_before_withdrawal(store: StudyStore, interview_key: str) -> None:
    """F008's wave-1 map, drawn before the family withdrew from the map (and kept)."""
    stored = StoredMap.start(store, interview_key, "Mother Y")
    partner = stored.add_person("Partner", "partner", ring=1, sector="family_household",
                                closeness="very_close", frequency="daily_weekly",
                                support={"practical_children", "emotional"}, lives_in_household=True)
    aunt = stored.add_person("Aunt", "other_relative", ring=2, sector="family_household",
                             closeness="moderately_close", frequency="weekly_monthly", support={"emotional"})
    stored.add_person("Health visitor", "health_visitor", ring=3, sector="professionals",
                      closeness="loose", frequency="monthly_six_monthly", support={"advice"})
    stored.add_tie(partner.key, aunt.key, "difficult")
