"""The demo's network maps: Family X at both waves (Focus on Practice 2016, Appendix 6).

Owns the Family X map builders (``family_x_wave_1``, ``family_x_wave_2``, with fixed
person ``KEYS``) and ``add_network_map_demo(store)``, which stores both maps for the
demo's family F001 through the map store, so they pass the consent check like any other
map. The tests build the same maps from here.

Wave 1: the child at the centre; Mother X (the respondent), her mother and her sister in
ring 1; wider family, nursery teachers, the social worker, the doctor, the speech and
language therapist and the lawyer in ring 2; the child's father named but off the map
('he was nowhere on the map'). Wave 2 is wave 1 carried forward with the same keys: a
baby sister joins ring 1 and friend N ring 2; the social worker and the lawyer are gone;
Mother X has moved out of her mother's house.

The closeness, frequency and support codes are our reading of the appendix, not the
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
         "social_worker", "doctor", "speech_therapist", "lawyer", "father", "baby_sister",
         "friend_n")
KEYS: dict[str, str] = {name: str(uuid.uuid5(_NAMESPACE, name)) for name in NAMES}


def family_x_wave_1() -> NetworkMap:
    m = NetworkMap("Child X", centre_role="child", centre_key=KEYS["child"])
    add = m.add_person
    # Ring 1, family and household (45°–135°).
    add("Mother X", "mother", ring=1, sector="family_household", angle=70, key=KEYS["mother"],
        is_respondent=True, closeness="very_close", frequency="daily_weekly",
        support={"practical_children", "emotional"}, lives_in_household=True)
    add("Grandmother", "grandparent", ring=1, sector="family_household", angle=90,
        key=KEYS["grandmother"], relationship_text="mother's mother", closeness="very_close",
        frequency="daily_weekly", support={"practical_children", "emotional", "material"},
        lives_in_household=True, note="Mother X and the child stay at her home.")
    add("Aunt", "other_relative", ring=1, sector="family_household", angle=110, key=KEYS["aunt"],
        relationship_text="aunt (mother's sister)", closeness="very_close",
        frequency="weekly_monthly", support={"emotional"})
    # Ring 2: wider family, then community (225°–315°) and professionals (315°–45°).
    add("Cousins", "other_relative", ring=2, sector="family_household", angle=80,
        key=KEYS["cousins"], closeness="moderately_close", frequency="monthly_six_monthly",
        support={"none"})
    add("Great-aunt", "other_relative", ring=2, sector="family_household", angle=100,
        key=KEYS["great_aunt"], closeness="loose", frequency="monthly_six_monthly",
        support={"none"})
    add("Nursery teachers", "teacher_nursery", ring=2, sector="community", angle=270,
        key=KEYS["nursery"], closeness="moderately_close", frequency="daily_weekly",
        support={"practical_children", "advice"})
    add("Social worker", "social_worker", ring=2, sector="professionals", angle=330,
        key=KEYS["social_worker"], closeness="very_close", frequency="weekly_monthly",
        support={"advice", "emotional"}, note="Listens; Mother X can call her with questions.")
    add("Doctor", "gp_doctor", ring=2, sector="professionals", angle=350, key=KEYS["doctor"],
        closeness="loose", frequency="daily_weekly", support={"advice"})
    add("Speech and language therapist", "therapist", ring=2, sector="professionals", angle=10,
        key=KEYS["speech_therapist"], relationship_text="speech and language therapist",
        closeness="moderately_close", frequency="daily_weekly", support={"advice"})
    add("Lawyer", "lawyer", ring=2, sector="professionals", angle=30, key=KEYS["lawyer"],
        relationship_text="mother's lawyer (injunction)", closeness="loose",
        frequency="monthly_six_monthly", support={"advice"})
    # Named, but kept off the map.
    add("Child's father", "father", off_map_reason="excluded", key=KEYS["father"],
        off_map_note="'He is nowhere on the map.'", closeness="difficult",
        frequency="rarely_never")
    m.add_tie(KEYS["mother"], KEYS["grandmother"], "very_close")
    m.add_tie(KEYS["mother"], KEYS["aunt"], "very_close")
    m.add_tie(KEYS["grandmother"], KEYS["aunt"], "very_close")
    m.add_tie(KEYS["mother"], KEYS["social_worker"], "moderately_close")
    m.add_tie(KEYS["social_worker"], KEYS["lawyer"], "loose")
    m.add_tie(KEYS["mother"], KEYS["father"], "difficult")
    return m


def family_x_wave_2() -> NetworkMap:
    m = family_x_wave_1().carried_forward()
    m.remove_person(KEYS["social_worker"])
    m.remove_person(KEYS["lawyer"])
    m.update_person(KEYS["grandmother"], lives_in_household=False,
                    note="Mother X has her own flat now; grandmother helps with the children.")
    m.add_person("Baby sister", "sibling", ring=1, sector="family_household", angle=125,
                 key=KEYS["baby_sister"], relationship_text="baby sister, 4 months",
                 closeness="very_close", frequency="daily_weekly", support={"none"},
                 lives_in_household=True)
    m.add_person("Friend N", "friend", ring=2, sector="friends_neighbours", angle=180,
                 key=KEYS["friend_n"], relationship_text="mother's friend",
                 closeness="moderately_close", frequency="weekly_monthly", support={"emotional"})
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
    wave_1.rate_support("strong", "Grandmother helps with the child every day; sister close.")
    wave_2_map = family_x_wave_2()
    wave_2 = StoredMap.save_new(store, second.key, wave_2_map, carried_from=first.key)
    wave_2.rate_support("strong", "Grandmother still helps; friend N supportive.")
    proposed = compare_maps(wave_1.network, wave_2_map).summary
    wave_2.confirm_change_summary(proposed, proposed, "New baby; social worker and lawyer gone.")
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
