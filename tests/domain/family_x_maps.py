"""Family X from the evaluation (Focus on Practice 2016, Appendix 6) as network maps.

Wave 1: the child at the centre; Mother X (the respondent), her mother and her sister in
ring 1; wider family, nursery teachers, the social worker, the doctor, the speech and
language therapist and the lawyer in ring 2; the child's father named but off the map
('he was nowhere on the map'). Wave 2 is wave 1 carried forward with the same keys: a
baby sister joins ring 1 and friend N ring 2; the social worker and the lawyer are gone;
Mother X has moved out of her mother's house.

The closeness, frequency and support codes are our reading of the appendix, not the
report's data. Keys are fixed (uuid5) so tests and the demo can name people.
"""

from __future__ import annotations

import uuid

from fieldwork.domain.network_map import NetworkMap

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
