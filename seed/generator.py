"""The synthetic case generator.

`generate(seed, families)` returns a training tenant's data as plain rows, keyed by
table name, with ids local to the tenant. It touches no database and reads no clock:
the same seed and size give the same rows, byte for byte. Each family draws from its
own random stream, derived from (seed, family number), so adding families leaves the
earlier ones as they were.

Each family's story is decided first (how far it got, what the worry is, the dates), then
its people, so that nothing is recorded about a child before their birth, and then each
child's record in words that fit the child's age. Children on plans are visited at
least every 10 working days (PRACTICE.md §2); the rules of practice the tenant must keep
are measured by seed.invariants.
"""

import math
import random
from datetime import date, timedelta
from types import SimpleNamespace

from sandbox.casework import nhs, upn
from sandbox.casework import pathway as pw
from sandbox.casework.ages import age_on, school_year

from . import (
    carers,
    days,
    in_care,
    looked_after,
    names,
    oversight,
    places,
    records,
    stories,
    timeline,
)
from . import facts as facts_for
from .writing import Writer

# The date the training world stands at by default. Fixed, so a seed means the same data
# next year; `generate(..., as_of=day)` places the same families at another day (the
# tenant's anchor), their dates worked out in working days from it.
REFERENCE_DATE = date(2026, 11, 2)

# How far each family got. "s47_cin": an enquiry that found harm but no continuing risk
# of significant harm, so a Child in Need plan and no conference (conclusion 2), so that
# roughly two in five enquiries go to a conference (PRACTICE.md §1.12).
# Front-door outcomes too (PRACTICE.md §1.12): "closed" (no further action, or advice
# and signposting) and "early_help" at the contact; "assessment_nfa" and "assessment_eh",
# an assessment that closes the episode (RC8) or steps down to Early Help (RC9).
STAGE_WEIGHTS = {
    "contact": 7, "referral": 7, "assessment": 16, "strategy": 5, "section47": 7,
    "s47_cin": 60, "initial_conference": 4, "cp_plan": 8, "review_due": 5,
    "stepped_down": 6, "closed": 8, "early_help": 6, "assessment_nfa": 5,
    "assessment_eh": 4,
}
FRONT_DOOR_ENDS = ("closed", "early_help", "assessment_nfa", "assessment_eh")
# Looked-after children (seed.looked_after): a child stepping up from a protection plan.
LOOKED_AFTER = ("lac_from_cp", "lac_uasc")
# The council's office, where unaccompanied young people arrive (the front door).
UASC_ARRIVED_AT = "NB1 1AA"
CASE_DATES = ("contact_on", "referral_on", "assessment_started_on", "strategy_on",
              "section47_started_on", "initial_conference_on", "last_core_group_on",
              "last_review_on", "stepped_down_on", "stage_on", "plan_reviewed_on",
              "closed_on")
# Where unaccompanied young people in a London borough have most often come from.
UASC_HERITAGES = ("afghan", "eritrean", "albanian", "kurdish", "vietnamese")
# The case's stage once its record is made (the generator's own labels aside).
CASE_STAGE = {"s47_cin": "cin_plan", "assessment_nfa": "closed",
              "assessment_eh": "early_help", "lac_from_cp": "looked_after",
              "lac_uasc": "looked_after"}
ROUND = 20  # every 20 families hold each stage at least once
CONCERN_WEIGHTS = {
    "neglect": 26, "domestic_abuse": 24, "parental_mental_health": 14,
    "substance_misuse": 12, "physical_harm": 10, "emotional_harm": 9, "sexual_harm": 5,
}
# Worries that often come together (the "toxic trio" and its neighbours).
CO_OCCURRING = {
    "neglect": ("substance_misuse", "parental_mental_health"),
    "domestic_abuse": ("substance_misuse", "parental_mental_health", "emotional_harm"),
    "parental_mental_health": ("neglect", "domestic_abuse"),
    "substance_misuse": ("neglect", "domestic_abuse"),
    "physical_harm": ("domestic_abuse", "emotional_harm"),
    "emotional_harm": ("domestic_abuse",),
    "sexual_harm": ("emotional_harm",),
    "criminal_exploitation": ("emotional_harm",),
    "sexual_exploitation": ("emotional_harm",),
}
PLAN_CATEGORY = {
    "neglect": "neglect", "domestic_abuse": "emotional", "parental_mental_health": "neglect",
    "substance_misuse": "neglect", "physical_harm": "physical", "emotional_harm": "emotional",
    "sexual_harm": "sexual", "criminal_exploitation": "physical",
    "sexual_exploitation": "sexual",
}
DISABILITIES = (["AUT"], ["AUT", "COMM"], ["LD"], ["MOB", "HAND"], ["HEAR"], ["VIS"],
                ["CON"], ["BEH"], ["LD", "PC", "INC"])
# Households (seed.carers): most led by a mother (with the father, alone, with children
# of two fathers, or with a partner), and beside them two mothers who are both legal
# parents, single fathers, kinship carers and two fathers who adopted (PRACTICE.md §8.4).
STRUCTURES = {"together": 30, "single_one_father": 22, "two_fathers": 17, "stepfamily": 17,
              "two_mothers": 6, "single_father": 8, "kinship": 8, "adoptive_fathers": 4}
CHILDREN_WEIGHTS = {1: 25, 2: 30, 3: 25, 4: 12, 5: 8}
# The youngest child's age: adolescents well represented (PRACTICE.md §8.3).
YOUNGEST_AGE_WEIGHTS = [9, 6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 5, 4]
NETWORK_NOTES = (
    "Lives ten minutes away and sees the children most weekends.",
    "Helps with the mornings on Tuesdays and Thursdays.",
    "Has said the children can stay with her at short notice.",
    "Speaks to the family every day on the phone.",
    "Helps with shopping and takes the children to appointments.",
    "Known to the children since they were born; they trust her.",
    "Works nights, but is free most afternoons to help.",
)
CARE_NETWORK_KINDS = ("maternal grandmother", "maternal aunt", "family friend", "neighbour",
                      "paternal grandmother", "godparent")


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Rows:
    """Collects rows per table and hands out ids local to the tenant."""

    def __init__(self):
        self.tables: dict[str, list[dict]] = {
            t: [] for t in ("workers", "families", "people", "relationships", "cases",
                            "chronology_entries", "case_notes", "form_records", "form_changes")
        }

    def add(self, table: str, **row) -> int:
        rows = self.tables[table]
        row = {"id": len(rows) + 1, **row}
        rows.append(row)
        return row["id"]


def generate(seed: int, families: int, as_of: date = REFERENCE_DATE,
             form_version: str = "streamlined", must_have: dict | None = None,
             shown=None) -> dict[str, list[dict]]:
    """`families` families from `seed`. With `must_have` ({"stage": ..., "concern": ...}),
    one more family is made at that stage (with that concern) when none of them is: a
    training session always has the case its scenario starts from. `shown(done, total)`
    after each family (sandbox.core.progress)."""
    if families < 0:
        raise ValueError("the number of families cannot be negative")
    rows = Rows()
    borough = random.Random(f"{seed}/borough")
    workers = _workers(borough, rows, families)
    caseloads = Caseloads(workers)
    professionals = _professionals(borough, {w["name"] for w in workers})
    used_nhs: set[str] = set()
    for index in range(families):
        rng = random.Random(f"{seed}/family/{index}")
        FamilyBuilder(rng, rows, workers, professionals, used_nhs, as_of, form_version,
                      stage=_stage_of(seed, index), label=f"{seed}/family/{index}",
                      caseloads=caseloads).build()
        if shown:
            shown(index + 1, families)
    stage, concern = (must_have or {}).get("stage"), (must_have or {}).get("concern")
    if stage and not any(case["stage"] == stage for case in rows.tables["cases"]):
        label = f"{seed}/family/{families}/{stage}/{concern}"
        FamilyBuilder(random.Random(label), rows, workers, professionals, used_nhs, as_of,
                      form_version, stage=stage, concern=concern, label=label,
                      caseloads=caseloads).build()
    _upns(rows.tables["people"], as_of)
    return rows.tables


def _upns(people: list[dict], as_of: date) -> None:
    """A UPN for every child who has started school (Reception or later), allocated in
    the September they started it; none for a younger child, so the census gives UN1."""
    for person in people:
        born = person["date_of_birth"]
        if person["is_child"] and school_year(born, as_of) not in (None, "Nursery"):
            started = born.year + (4 if born.month < 9 else 5)
            person["upn"] = upn.training_upn(person["id"], started)


def _stage_of(seed: int, index: int) -> str:
    """How far family `index` got: dealt from rounds of ROUND families, each round holding
    every stage once and the rest drawn by weight, so a tenant of 20 families or more has
    a case at every stage a scenario starts from (and adding families changes none)."""
    round_rng = random.Random(f"{seed}/stages/{index // ROUND}")
    path = {k: w for k, w in STAGE_WEIGHTS.items() if k not in FRONT_DOOR_ENDS}
    deck = [(stage, False) for stage in list(path) + ["s47_cin"] * 4]
    deck += [(stage, True) for stage in round_rng.choices(
        list(path), weights=list(path.values()), k=ROUND - len(deck))]
    round_rng.shuffle(deck)
    # The front door's endings take the last of the drawn places, so the stages dealt
    # for certain, and the first families' stages, stay where they were before these
    # endings were made (small training copies keep the cases their scenarios start from).
    # A child stepping into care from a protection plan in every third round from the
    # second, so that enquiries reaching a conference stay within their share (two in
    # five) and the first round keeps one drawn place.
    looked_after_kinds = LOOKED_AFTER if index // ROUND % 3 == 1 else LOOKED_AFTER[1:]
    ends = iter(FRONT_DOOR_ENDS + looked_after_kinds)
    deck = [next(ends, stage) if drawn else stage for stage, drawn in reversed(deck)][::-1]
    return deck[index % ROUND]


def _person_name(rng: random.Random, gender: str | None = None) -> str:
    heritage = _heritage(rng)
    gender = gender or rng.choice(("female", "female", "male"))
    first = rng.choice(getattr(heritage, gender))
    return f"{first} {names.surname(heritage, gender, rng.choice(heritage.surnames))}"


# Caseloads: about 1.6 children a family are open to children's social care (the rest
# closed at the front door or with Early Help), and a social worker holds 15 to 20.
OPEN_CHILDREN_PER_FAMILY = 1.6
CASELOAD = 18
TEAM_SIZE = 7  # social workers to a team manager
_TITLES = ["Social worker"] * 4 + ["Senior social worker", "Advanced practitioner"]


def _workers(rng: random.Random, rows: Rows, families: int = 0) -> list[dict]:
    """The borough's social workers, enough that each holds about CASELOAD children
    (two at least, one to a team), in teams of up to TEAM_SIZE, each team with its manager."""
    count = max(2, math.ceil(families * OPEN_CHILDREN_PER_FAMILY / CASELOAD))
    teams = max(2, math.ceil(count / TEAM_SIZE))
    staff = []
    titles = [_TITLES[i % len(_TITLES)] for i in range(count)] + ["Team manager"] * teams
    for i, title in enumerate(titles):
        name = _person_name(rng)
        team = _team_name((i - count if i >= count else i) % teams)
        worker_id = rows.add("workers", name=name, job_title=title, team=team)
        staff.append({"id": worker_id, "name": name, "title": title, "team": team})
    return staff


def _team_name(number: int) -> str:
    """The `number`th team: a large borough has more than one of a kind (numbered)."""
    kind, nth = places.TEAMS[number % len(places.TEAMS)], number // len(places.TEAMS)
    return f"{kind} {nth + 1}" if nth else kind


class Caseloads:
    """Allocation as a team manager does it: each family to the social worker holding
    the fewest children open to children's social care (the earliest on the list when
    two hold as many), so caseloads stay level; families are allocated in order, so a
    family's worker depends only on those before it."""

    def __init__(self, workers: list[dict]):
        self.held = {w["id"]: 0 for w in workers if w["title"] != "Team manager"}
        self.by_id = {w["id"]: w for w in workers}

    def allocate(self, children: int) -> dict:
        worker_id = min(self.held, key=lambda i: (self.held[i], i))
        self.held[worker_id] += children
        return self.by_id[worker_id]


def _professionals(rng: random.Random, taken: set[str]) -> dict[str, list[str]]:
    """The borough's partners, by agency: named people who speak for their agency (none
    of them one of the council's own social workers or managers)."""
    def _name(rng, gender=None):
        while True:
            name = _person_name(rng, gender)
            if name not in taken:
                taken.add(name)
                return name

    return {
        "chair": [_name(rng) for _ in range(3)],  # independent of the teams' line management
        "police": [f"DC {_name(rng)}" for _ in range(4)],
        "health_visitor": [_name(rng, "female") for _ in range(4)],
        "school_nurse": [_name(rng, "female") for _ in range(3)],
        "gp": [f"Dr {_name(rng)}" for _ in range(4)],
        "dsl": [_name(rng) for _ in range(6)],
        "idva": [_name(rng, "female") for _ in range(2)],
        "youth": [_name(rng) for _ in range(2)],
        "paediatrician": [f"Dr {_name(rng)}" for _ in range(2)],
    }


def _heritage(rng: random.Random) -> names.Heritage:
    return rng.choices(names.HERITAGES, weights=[h.weight for h in names.HERITAGES])[0]


class FamilyBuilder:
    def __init__(self, rng, rows: Rows, workers, professionals, used_nhs: set, as_of: date,
                 form_version: str = "streamlined", stage: str | None = None,
                 concern: str | None = None, label: str = "", caseloads=None):
        self.rng, self.rows, self.workers, self.used_nhs, self.as_of = (
            rng, rows, workers, used_nhs, as_of)
        self.pros = professionals
        self.caseloads = caseloads or Caseloads(workers)
        self.form_version = form_version
        self.stage, self.concern = stage, concern  # chosen, instead of drawn
        self.first_names: set[str] = set()
        self.label = label  # seeds the family's Faker names (names.for_family)
        self.wife: dict | None = None  # the second mother, in a family of two mothers
        self.co_father: dict | None = None  # the second adoptive father
        self.kin_kind = ""  # a kinship carer's relationship to the children

    # People ---------------------------------------------------------------------------

    def _nhs_number(self) -> str:
        while True:
            number = nhs.test_number(self.rng)
            if number not in self.used_nhs:
                self.used_nhs.add(number)
                return number

    def _phone(self) -> str:
        # Ofcom keeps 07700 900000 to 900999 for drama: never a real person's number.
        return f"07700 900{self.rng.randrange(1000):03d}"

    def _address(self) -> str:
        area, district = self.rng.choice(places.AREAS)
        street = f"{self.rng.choice(places.STREET_NAMES)} {self.rng.choice(places.STREET_ENDINGS)}"
        postcode = f"{district} {self.rng.randint(1, 9)}{self.rng.choice('ABDEFGHJLNPQRSTUWXY')}" \
                   f"{self.rng.choice('ABDEFGHJLNPQRSTUWXY')}"
        return f"{self.rng.randint(1, 180)} {street}, {area}, {places.BOROUGH}, {postcode}"

    def _person(self, heritage, gender, dob: date, surname, *, household, child=False,
                ethnicity=None, language=None, first=None, **extra) -> dict:
        rng = self.rng
        # No two people around one family share a first name, so the record reads clearly.
        if first is None:
            options = [n for n in getattr(heritage, gender) if n not in self.first_names]
            if not options:  # a large family: a name from the borough's other lists
                options = sorted({n for h in names.HERITAGES for n in getattr(h, gender)}
                                 - self.first_names)
            first = rng.choice(options)
        self.first_names.add(first)
        row = dict(
            family_id=self.family_id if household else None,
            first_name=first,
            last_name=surname,
            date_of_birth=dob,
            gender=gender,
            is_child=child,
            ethnicity=ethnicity or heritage.ethnicity,
            first_language=language or heritage.languages[0],
            religion=rng.choice(heritage.faiths),
            nhs_number=self._nhs_number() if household else None,
            upn=None,
            school=None,
            gp_surgery=self.gp if household else None,
            phone=None if child else self._phone(),
            address=None if household else self._address(),
            occupation=None if child else rng.choice(places.OCCUPATIONS),
        )
        row.update(extra)
        row["id"] = self.rows.add("people", **row)
        return row

    def _school(self, dob: date) -> str | None:
        """Where the child is on a roll on the reference date: a nursery only for some
        three- and four-year-olds (a two-year-old only now and then), never for a baby.
        The same draws whatever the date, so the family is the same at any anchor."""
        roll, pick = self.rng.random(), self.rng.random()
        year = school_year(dob, self.as_of)
        age = age_on(dob, self.as_of)

        def one_of(options):
            return options[int(pick * len(options))]

        if year is None:
            return one_of(places.NURSERIES) if age == 2 and roll < 0.25 else None
        if year == "Nursery":
            return one_of(places.NURSERIES) if roll < 0.8 else None
        if year in ("Year 12", "Year 13"):
            return one_of(places.COLLEGES) if roll < 0.85 else None
        number = 0 if year == "Reception" else int(year.split()[1])
        return self.primary if number <= 6 else self.secondary

    def _ages(self) -> list[date]:
        """Children's dates of birth, eldest first: siblings at least nine months apart."""
        rng = self.rng
        n_children = _weighted(rng, CHILDREN_WEIGHTS)
        youngest = rng.choices(range(18), weights=YOUNGEST_AGE_WEIGHTS)[0]
        dob = self.as_of - timedelta(days=int(youngest * 365.25) + rng.randint(14, 350))
        dobs = [dob]
        oldest_allowed = self.as_of - timedelta(days=int(17.9 * 365.25))
        while len(dobs) < n_children:
            earlier = dobs[-1] - timedelta(days=rng.randint(300, 1500))
            if earlier < oldest_allowed:
                break
            dobs.append(earlier)
        return sorted(dobs)

    # The family -----------------------------------------------------------------------

    def build(self) -> None:
        if self.stage == "lac_uasc":
            return self._build_uasc()
        rng = self.rng
        mum_heritage = names.for_family(_heritage(rng), self.label)
        dad_heritage = mum_heritage if rng.random() < 0.8 else names.for_family(
            _heritage(rng), self.label)
        structure = _weighted(rng, STRUCTURES)
        dobs = self._ages()
        if len(dobs) == 1 and structure == "two_fathers":
            structure = "single_one_father"

        # The story first: how far it got, what the worry is, and when it happened.
        stage = self.stage or _weighted(rng, STAGE_WEIGHTS)
        teens = [d for d in dobs if age_on(d, self.as_of) >= 12]
        concern = self.concern or (
            rng.choice(stories.EXTRA_FAMILIAL) if teens and rng.random() < 0.5
            else _weighted(rng, CONCERN_WEIGHTS))
        if stage == "s47_cin" and not self.concern and stories.continuing_risk(concern, ""):
            # Exploitation is a continuing risk: its enquiries go to a conference.
            concern = _weighted(rng, CONCERN_WEIGHTS)
        if concern not in carers.CONCERNS[structure]:
            # The worry must be one this household's texts tell truly (seed.carers).
            if self.concern:
                structure = "together"
            else:
                concern = _weighted(rng, {
                    c: w for c, w in CONCERN_WEIGHTS.items() if c in carers.CONCERNS[structure]
                    and not (stage == "s47_cin" and stories.continuing_risk(c, ""))})
        if concern in stories.EXTRA_FAMILIAL and not teens:
            # A scenario asked for it: the family has a teenager.
            dobs[0] = self.as_of - timedelta(days=int(14 * 365.25) + rng.randint(14, 300))
        # An urgent contact has its strategy discussion at once: only families that got
        # that far have one (or the scenario's own, which holds the discussion next).
        if stage == "lac_from_cp" and concern in stories.EXTRA_FAMILIAL:
            concern = _weighted(rng, {c: w for c, w in CONCERN_WEIGHTS.items()
                                      if c in carers.CONCERNS[structure]})
        reached = pw.CP_PATH.index(stage) if stage in pw.CP_PATH else (
            4 if stage == "s47_cin" else 6 if stage == "lac_from_cp" else 0)
        if stage in FRONT_DOOR_ENDS and not self.concern:
            # A worry the front door or an assessment can rightly close (seed.stories).
            concern = _weighted(rng, {c: w for c, w in CONCERN_WEIGHTS.items()
                                      if c in stories.LOW_LEVEL_CONTACTS
                                      and c in carers.CONCERNS[structure]})
        contact_options = [c for c in stories.CONTACTS[concern]
                           if (reached >= 3 or not c[4]) and not (
                               stage == "s47_cin" and stories.continuing_risk(concern, c[2]))
                           ] or stories.CONTACTS[concern]
        if stage in FRONT_DOOR_ENDS and concern in stories.LOW_LEVEL_CONTACTS:
            contact_options = stories.LOW_LEVEL_CONTACTS[concern]
        contact = rng.choice(contact_options)
        urgent = contact[4]
        step_down_to = rng.choice(("Child in Need plan", "Child in Need plan", "Early Help plan"))
        # The dates draw from their own stream: working days fall differently at another
        # reference date, and the people must not change with them.
        dates_rng = random.Random(f"{rng.random()}/dates")
        tl = timeline.build(dates_rng, stage, self.as_of, step_down_to, urgent=urgent)
        # Nobody is recorded before their birth: a baby was born before the contact.
        latest_birth = tl.dates["contact_on"] - timedelta(days=rng.randint(20, 90))
        if dobs[-1] > latest_birth:
            # In whole months, so the family is the same at another anchor date (where
            # working days put the contact a day or two earlier or later).
            shift = timedelta(days=-(-(dobs[-1] - latest_birth).days // 30) * 30)
            dobs = [d - shift for d in dobs]
            oldest_allowed = self.as_of - timedelta(days=int(17.9 * 365.25))
            dobs = [d for d in dobs if d >= oldest_allowed] or [latest_birth]

        area, district = rng.choice(places.AREAS)
        language = mum_heritage.languages[0]
        self.gp = rng.choice(places.GP_SURGERIES)
        self.primary = rng.choice(places.PRIMARY_SCHOOLS)
        self.secondary = rng.choice(places.SECONDARY_SCHOOLS)
        family_surname = rng.choice(mum_heritage.surnames)
        mum_surname = names.surname(mum_heritage, "female", family_surname)
        estate = rng.random() < 0.3
        street = f"{rng.choice(places.STREET_NAMES)} {rng.choice(places.STREET_ENDINGS)}"
        address_line = (f"Flat {rng.randint(1, 60)}, {rng.choice(places.ESTATES)}, {street}"
                        if estate else f"{rng.randint(1, 220)} {street}")
        housing = rng.choice(places.FLAT_HOUSING if estate else places.HOUSE_HOUSING)
        letters = "ABDEFGHJLNPQRSTUWXY"
        self.family_id = self.rows.add(
            "families",
            name=f"{mum_surname} family",
            address_line=address_line,
            area=area,
            town=places.BOROUGH,
            postcode=f"{district} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}",
            home_language=language,
            interpreter_needed=language != "English" and rng.random() < 0.35,
            housing=housing,
        )

        # Mother 18-33 at the eldest's birth and under 45 at the youngest's.
        span = (dobs[-1] - dobs[0]).days // 365
        mum_at_eldest = rng.randint(18, max(18, min(33, 44 - span)))
        mum_dob = dobs[0] - timedelta(days=int(mum_at_eldest * 365.25) + rng.randint(0, 300))
        # The birth mother lives with the children unless they live with their father, with
        # kin, or were adopted (their birth parents are then not on the record).
        mum = None
        if structure != "adoptive_fathers":
            mum = self._person(mum_heritage, "female", mum_dob, mum_surname,
                               household=structure in carers.MOTHER_LED + ("two_mothers",))

        dad_surnames: dict[int, str] = {}
        if structure == "adoptive_fathers":
            dad_heritage = mum_heritage  # one family's heritage, for the children too

        def father(lives_in: bool, age_gap=(-3, 8)):
            heritage = dad_heritage
            gap_days = int(rng.randint(*age_gap) * 365.25)
            dob = min(mum_dob - timedelta(days=gap_days),
                      dobs[0] - timedelta(days=int(18.5 * 365.25)))
            base = rng.choice(heritage.surnames)
            man = self._person(heritage, "male", dob,
                               names.surname(heritage, "male", base), household=lives_in)
            dad_surnames[man["id"]] = base
            return man

        # Who is each child's father, and does he live here? Who else brings them up?
        n = len(dobs)
        split = max(1, n - rng.randint(1, max(1, n - 1)))
        partner = None  # the mother's partner, who lives here
        self.pr: dict[int, bool] = {}  # each father's parental responsibility
        if structure in ("together", "single_father"):
            dad = father(True)
            fathers = [dad] * n
        elif structure in ("single_one_father", "kinship"):
            dad = father(False)
            fathers = [dad] * n
        elif structure == "two_fathers":
            first, second = father(False), father(False, (-5, 5))
            fathers = [first] * split + [second] * (n - split)
        elif structure == "two_mothers":
            # Both are the children's legal parents (conceived by donor while the two
            # were married): the children have no legal father.
            fathers = [None] * n
            heritage = mum_heritage if rng.random() < 0.6 else names.for_family(
                _heritage(rng), self.label)
            earliest = dobs[-1] - timedelta(days=int(44 * 365.25))
            latest = dobs[0] - timedelta(days=int(20 * 365.25))
            dob = mum_dob + timedelta(days=rng.randint(-6 * 365, 6 * 365))
            self.wife = self._person(
                heritage, "female", max(earliest, min(dob, latest)),
                names.surname(heritage, "female", rng.choice(heritage.surnames)),
                household=True)
        elif structure == "adoptive_fathers":
            # Two fathers who adopted the children (an adoption order gives them both
            # parental responsibility); the birth family is not on this record.
            first = father(True, (8, 16))
            self.co_father = father(True, (6, 18))
            fathers = [first] * n
            self.pr[self.co_father["id"]] = True
        else:  # stepfamily: the mother's partner lives here; younger ones may be his
            first = father(False)
            partner = father(True, (-6, 6))
            if n > 1 and age_on(dobs[-1], self.as_of) < 6 and rng.random() < 0.6:
                fathers = [first] * split + [partner] * (n - split)
            else:
                fathers = [first] * n
        for man in {f["id"]: f for f in fathers if f}.values():
            # Married to the mother or on the birth certificate, most fathers hold it.
            self.pr.setdefault(man["id"], man["family_id"] is not None or rng.random() < 0.85)

        # One surname per father: full siblings share it.
        takes_fathers = {m["id"]: m["family_id"] is not None or rng.random() < 0.5
                         for m in {f["id"]: f for f in fathers if f}.values()}
        children = []
        for dob, dad in zip(dobs, fathers, strict=True):
            gender = rng.choice(("female", "male"))
            heritage = rng.choice((mum_heritage, dad_heritage)) if dad and mum else \
                mum_heritage
            ethnicity = names.child_ethnicity(mum_heritage, dad_heritage if dad and mum
                                              else mum_heritage)
            if dad is None:
                surname = names.surname(mum_heritage, gender, family_surname)
            elif names.patronymic(dad_heritage) and mum is not None:
                surname = names.patronymic_surname(dad["first_name"], dad["last_name"])
            elif takes_fathers[dad["id"]]:
                surname = names.surname(dad_heritage if mum else mum_heritage, gender,
                                        dad_surnames[dad["id"]])
            else:
                surname = names.surname(mum_heritage, gender, family_surname)
            kid = self._person(heritage, gender, dob, surname, household=True, child=True,
                               ethnicity=ethnicity, language=language,
                               religion=(mum or dad)["religion"])
            kid["school"] = self._school(dob)
            self.rows.tables["people"][kid["id"] - 1]["school"] = kid["school"]
            children.append((kid, dad))

        carer = self._carer(structure, mum, fathers[0], mum_heritage, family_surname, dobs)
        family = self.rows.tables["families"][self.family_id - 1]
        family["name"] = f"{carer.person['last_name']} family"
        network = self._network(mum_heritage, family_surname, mum, fathers[0],
                                dad_heritage, dad_surnames.get(fathers[0]["id"])
                                if fathers[0] else None, dobs[0], carer)
        self._relationships(children, mum, partner, network, carer)
        self._cases(children, mum, partner, network, stage, concern, contact, tl,
                    step_down_to, carer)

    def _carer(self, structure, mum, dad, heritage, family_surname, dobs) -> carers.Carer:
        """The main carer: the mother in most households; the father when the children
        live with him; a grandmother or aunt raising them (a special guardian, or
        informally, by arrangement with the parents)."""
        rng = self.rng
        if structure in carers.MOTHER_LED or structure == "two_mothers":
            return carers.Carer(mum, "mother", True, "birth mother")
        if structure == "single_father":
            return carers.Carer(dad, "father", True, "birth father, named on the birth "
                                "certificate")
        if structure == "adoptive_fathers":
            return carers.Carer(dad, "father", True, "adoption order")
        grandmother = rng.random() < 0.7
        if grandmother:
            dob = mum["date_of_birth"] - timedelta(days=rng.randint(19 * 366, 28 * 365))
        else:
            dob = min(mum["date_of_birth"] + timedelta(days=rng.randint(-8 * 365, 4 * 365)),
                      dobs[0] - timedelta(days=int(19 * 365.25)))
        person = self._person(heritage, "female", dob,
                              names.surname(heritage, "female", family_surname),
                              household=True)
        self.kin_kind = "maternal grandmother" if grandmother else "maternal aunt"
        sgo = rng.random() < 0.55
        return carers.Carer(person, "grandmother" if grandmother else "aunt", sgo,
                            "special guardianship order" if sgo else
                            "an arrangement with the children's parents (no order)")

    def _network(self, mum_heritage, family_surname, mum, dad, dad_heritage, dad_surname,
                 eldest_dob, carer):
        """The family's helpers. The first is the woman the texts call on as `{gran}`:
        the maternal grandmother or aunt, or for a grandmother raising the children,
        another woman of the family."""
        rng = self.rng
        people = []
        first = "maternal grandmother" if rng.random() < 0.75 else "maternal aunt"
        if carer.role in ("grandmother", "aunt"):
            first = "maternal aunt" if carer.role == "grandmother" else "maternal grandmother"
        elif carer.person is dad:
            first = "paternal grandmother"  # a father raising them leans on his mother
        kinds = [first]
        others = [k for k in CARE_NETWORK_KINDS[1:]
                  if not (k.startswith("paternal") and dad is None)
                  and not (k.startswith("maternal") and mum is None)]
        mum = mum or carer.person  # the generation the helpers' ages follow
        kinds += rng.sample(others, rng.randint(1, 3))
        for kind in dict.fromkeys(kinds):
            if kind == "maternal grandmother":
                dob = mum["date_of_birth"] - timedelta(days=rng.randint(18 * 366, 30 * 365))
                row = self._person(mum_heritage, "female", dob,
                                   names.surname(mum_heritage, "female", family_surname),
                                   household=False)
            elif kind == "maternal aunt":
                dob = mum["date_of_birth"] + timedelta(days=rng.randint(-6 * 365, 6 * 365))
                dob = min(dob, eldest_dob - timedelta(days=18 * 366))
                row = self._person(mum_heritage, "female", dob,
                                   names.surname(mum_heritage, "female", family_surname),
                                   household=False)
            elif kind == "paternal grandmother":
                dob = dad["date_of_birth"] - timedelta(days=rng.randint(18 * 366, 30 * 365))
                row = self._person(dad_heritage, "female", dob,
                                   names.surname(dad_heritage, "female",
                                                 dad_surname or family_surname),
                                   household=False)
            else:
                heritage = names.for_family(_heritage(rng), self.label)
                gender = "female" if kind == "godparent" and rng.random() < 0.6 else \
                    rng.choice(("female", "female", "male"))
                if kind == "godparent":
                    kind = "godmother" if gender == "female" else "godfather"
                dob = mum["date_of_birth"] + timedelta(days=rng.randint(-8 * 365, 12 * 365))
                dob = min(dob, eldest_dob - timedelta(days=18 * 366))
                row = self._person(heritage, gender, dob,
                                   names.surname(heritage, gender, rng.choice(heritage.surnames)),
                                   household=False)
                if kind == "neighbour":
                    # A neighbour lives in the same part of the borough.
                    family = self.rows.tables["families"][self.family_id - 1]
                    street = f"{rng.choice(places.STREET_NAMES)} " \
                             f"{rng.choice(places.STREET_ENDINGS)}"
                    address = (f"{rng.randint(1, 180)} {street}, {family['area']}, "
                               f"{places.BOROUGH}, {family['postcode']}")
                    row["address"] = address
                    self.rows.tables["people"][row["id"] - 1]["address"] = address
            people.append((kind, row, rng.random() < 0.7 or not people))
        return people

    def _relationships(self, children, mum, partner, network, carer):
        rng = self.rng
        kin = carer.role in ("grandmother", "aunt")
        for kid, dad in children:
            def link(person, kind, pr=False, lives=False, network=False, note=None, kid=kid):
                self.rows.add("relationships", child_id=kid["id"], person_id=person["id"],
                              kind=kind, parental_responsibility=pr, lives_with_child=lives,
                              in_safety_network=network, note=note)

            if kin:
                link(carer.person, self.kin_kind, pr=carer.pr, lives=True,
                     note=f"Has brought {kid['first_name']} up since "
                     f"{'birth' if rng.random() < 0.3 else 'the parents could not'}; "
                     + ("special guardian under a special guardianship order."
                        if carer.pr else "an informal family arrangement, with no order; "
                        "the parents keep parental responsibility."))
            if mum is not None:
                lives = mum["family_id"] is not None
                link(mum, "mother", pr=True, lives=lives,
                     note=None if lives else "Lives elsewhere in the borough; " + rng.choice(
                         ("sees the children most weekends.", "contact is irregular.",
                          "no contact at present.")))
            if self.wife is not None:
                # Both legal parents: the mother's wife, married to her when the children
                # were conceived by donor, holds parental responsibility as a second
                # female parent (PRACTICE.md §8.4).
                link(self.wife, "mother", pr=True, lives=True,
                     note=f"Second legal parent; married to {mum['first_name']} and has "
                     "brought the children up with her.")
            if dad is not None:
                dad_lives = dad["family_id"] is not None
                link(dad, "father", pr=self.pr[dad["id"]], lives=dad_lives,
                     note=("Adoptive father; adoption order." if carer.basis == "adoption order"
                           else None) if dad_lives else "Lives elsewhere in the borough; "
                     + rng.choice(("sees the children every other weekend.",
                                   "contact is irregular.", "no contact at present.")))
            if self.co_father is not None:
                link(self.co_father, "father", pr=True, lives=True,
                     note="Adoptive father; adoption order.")
            if partner is not None and partner is not dad:
                link(partner, "mother's partner", lives=True)
            for sibling, sib_dad in children:
                if sibling is kid:
                    continue
                half = sib_dad is not dad
                word = "sister" if sibling["gender"] == "female" else "brother"
                link(sibling, f"half-{word}" if half else word, lives=True)
            for kind, person, in_network in network:
                link(person, kind, network=in_network,
                     note=rng.choice(NETWORK_NOTES) if in_network else None)

    # The cases ------------------------------------------------------------------------

    def _cases(self, children, mum, partner, network, stage, concern, contact, tl,
               step_down_to, carer):
        rng = self.rng
        # An enquiry that ended in a Child in Need plan leaves the case at that stage.
        s47_target = "cin_plan" if stage == "s47_cin" else "initial_conference"
        forms_stage = "cin_plan" if stage == "s47_cin" else stage  # which forms are made
        stage = CASE_STAGE.get(stage, stage)
        others = [c for c in CO_OCCURRING[concern] if rng.random() < 0.35]

        contact_on = tl.dates["contact_on"]
        # Harm outside the family: the teenagers are the subjects; otherwise every child.
        subjects = [(k, d) for k, d in children
                    if concern not in stories.EXTRA_FAMILIAL
                    or age_on(k["date_of_birth"], contact_on) >= 11] or children[:1]
        # Allocated to the social worker with the fewest open children; a case closed
        # at the front door or with Early Help is no one's caseload.
        worker = self.caseloads.allocate(0 if stage in ("closed", "early_help")
                                         else len(subjects))
        manager = next(w for w in self.workers if w["title"] == "Team manager"
                       and w["team"] == worker["team"])
        bands = {k["id"]: stories.band_on(k["date_of_birth"], contact_on)
                 for k, _ in children}
        # A school text only for a child on a school roll at the time of the contact.
        for k, _ in children:
            year = school_year(k["date_of_birth"], contact_on)
            if year in (None, "Nursery") and bands[k["id"]] in stories.SCHOOL_AGE:
                bands[k["id"]] = "toddler"
        # The contact is about one child whose age (and school) fits its words.
        source, code, contact_text, fits, _ = contact
        focus_options = [k for k, _ in subjects if bands[k["id"]] in fits
                         and ("{school}" not in contact_text or k["school"])]
        if not focus_options:
            alternatives = [c for c in stories.CONTACTS[concern] if any(
                bands[k["id"]] in c[3] and ("{school}" not in c[2] or k["school"])
                for k, _ in subjects)]
            if alternatives:
                source, code, contact_text, fits, _ = alternatives[0]
                focus_options = [k for k, _ in subjects if bands[k["id"]] in fits
                                 and ("{school}" not in contact_text or k["school"])]
        focus = focus_options[0] if focus_options else subjects[0][0]
        focus_dad = next(d for k, d in children if k is focus)
        # The man the worry is about: the mother's partner if he lives here, else the
        # child's father; the father himself when he brings the children up; the other
        # adoptive father; none in a family of two mothers.
        man = (partner or focus_dad) if carer.role == "mother" and self.wife is None \
            else self.co_father if self.co_father else \
            carer.person if carer.role == "father" else focus_dad
        # The adults the children live with, the main carer first, as the record names
        # them (role, and what they are to the children: parent or kinship carer).
        home = [(carer.person, self._role_of(carer.person, carer),
                 "Special guardian" if carer.basis == "special guardianship order"
                 else "Kinship carer" if carer.role in ("grandmother", "aunt") else "Parent")]
        for other in (self.wife, self.co_father, partner,
                      *{d["id"]: d for _, d in children if d}.values()):
            if other is not None and other["family_id"] is not None and \
                    other["id"] not in {p["id"] for p, _, _ in home}:
                home.append((other, self._role_of(other, carer),
                             "Family" if other is partner else "Parent"))
        background = [b for b in stories.BACKGROUND[concern] if bands[focus["id"]] in b[3]
                      and ("{school}" not in b[2] or focus["school"])]
        background = rng.sample(background, min(len(background), rng.randint(1, 2)))
        # Dated once for the family; an event fits the child's age on its own date.
        dated = []
        for months_before, item in zip((5, 2), background, strict=False):
            on = pw.next_working_day(contact_on - timedelta(days=months_before * 30
                                                            + rng.randint(0, 20)))
            band = stories.band_on(focus["date_of_birth"], on)
            year = school_year(focus["date_of_birth"], on)
            if band in item[3] and not (band in stories.SCHOOL_AGE and "School" in item[0]
                                        and year in (None, "Nursery")):
                dated.append((on, item))
        background = [item for _, item in dated]
        gran = network[0][1]
        chair = rng.choice(self.pros["chair"])
        family_words = {
            **carer.words(), "gran": gran["first_name"],
            "nan": {"maternal grandmother": "nan", "paternal grandmother": "nan",
                    "maternal aunt": "auntie"}.get(network[0][0], gran["first_name"]),
            "gp": self.gp, "worker": worker["name"], "manager": manager["name"],
            "chair": chair, "focus": focus["first_name"],
            "parents": " and ".join(p["first_name"] for p, _, _ in home[:2]),
            "first_core_group": next((f"{e.on:%-d %B %Y}" for e in tl.events
                                      if e.step == "core_group"), "the date set"),
        }
        # Consent is sought from those with parental responsibility: the parents too,
        # when kin care for the children with no order (PRACTICE.md §1.1, §8.4).
        family_words["consent_from"] = carer.name if carer.pr else \
            f"{carer.name} and the children's parents"
        if man is not None:  # no text with {man} is written for a family without one
            family_words["man"] = man["first_name"]

        def words_for(kid, dad):
            siblings = [k["first_name"] for k, _ in children if k is not kid]
            return {
                **family_words, "child": kid["first_name"],
                **carers.other_words(*self._other_parent(kid, dad, carer, mum)),
                "school": kid["school"] or "", "siblings": " and ".join(siblings),
                "plan_category": pw.PLAN_CATEGORIES[PLAN_CATEGORY[concern]].lower(),
                "stepped_down_to": step_down_to, **carers.pronouns(kid["gender"]),
            }

        focus_words = words_for(focus, focus_dad)
        contact_detail = contact_text.format(**focus_words)
        background_rows = [(on, s, t.format(**focus_words), text.format(**focus_words))
                           for on, (s, t, text, _) in dated]
        men = [m for m in {d["id"]: d for _, d in children if d}.values()]
        for other in (partner, self.co_father):
            if other is not None and other not in men:
                men.append(other)
        family = {
            "carer": carer.person, "carer_role": carer, "home": home, "men": men,
            "man": man, "partner": partner, "network": network,
            "pr": dict(self.pr), "co_father": self.co_father, "wife": self.wife,
            "children": children, "worker": worker, "manager": manager, "chair": chair,
            "pros": self.pros, "source": source, "code": code, "urgent": contact[4],
            "concern": concern, "focus": focus,
            "interpreter": self.rows.tables["families"][self.family_id - 1][
                "interpreter_needed"],
            "language": self.rows.tables["families"][self.family_id - 1]["home_language"],
        }
        visit_days = timeline.visit_days(rng, tl, self.as_of)

        # Brothers and sisters who come into care together are placed together (the
        # first one's care, shared by the rest) and share one permanence plan.
        placed_together: list[looked_after.Care] = []
        for kid, dad in subjects:
            words = words_for(kid, dad)
            words["worry"] = stories.WORRIES[concern].format(**words)
            # Some children are disabled (census disability codes, PRACTICE.md §3.2).
            disability = rng.choice(DISABILITIES) if rng.random() < 0.08 else ["NONE"]
            writer = Writer(rng, words, concern, kid, dad,
                            legacy=self.form_version == "legacy")
            case_id = self.rows.add(
                "cases",
                child_id=kid["id"], family_id=self.family_id, social_worker_id=worker["id"],
                stage=stage, primary_concern=concern, other_concerns=",".join(others),
                # A current category only while the plan runs; the plan's history (the
                # conference forms) takes it from `ctx` below.
                plan_category=PLAN_CATEGORY[concern] if stage in pw.CP_PATH
                and pw.CP_PATH.index(stage) >= pw.CP_PATH.index("initial_conference")
                and pw.keeps_plan_category(stage) else None,
                **{key: tl.dates.get(key) for key in (
                    "contact_on", "referral_on", "assessment_started_on", "strategy_on",
                    "section47_started_on", "initial_conference_on", "last_core_group_on",
                    "last_review_on", "stepped_down_on", "stepped_down_to", "stage_on",
                    "plan_reviewed_on", "closed_on", "closure_reason")},
            )
            self._chronology(case_id, kid, tl, background_rows, source, contact_detail,
                             writer)
            ctx = {
                "concern": concern, "contact_text": contact_detail,
                "contact_source": source,
                "past_harm": background_rows[0][3] if background_rows else contact_detail,
                "band": stories.band_on(kid["date_of_birth"], contact_on), "child": kid,
                "dad": dad,
                "worker": worker["name"],
                "case": self.rows.tables["cases"][case_id - 1],
                "household": [str(k["id"]) for k, _ in children] + [
                    str(p["id"]) for p, _, _ in home],
                "network": [str(p["id"]) for _, p, in_network in network if in_network],
                "words": words, "family": family, "writer": writer, "as_of": self.as_of,
                "visit_days": visit_days, "s47_target": s47_target,
                "disability": disability, "plan_category": PLAN_CATEGORY[concern],
            }
            records.add_forms(self.rows, case_id, tl, forms_stage, self.form_version, ctx,
                              rng)
            self._notes(case_id, kid, tl, visit_days, worker, manager, writer, ctx)
            if tl.extra.get("lac_started"):
                self._looked_after(case_id, kid, tl.extra["lac_started"], ctx, worker, rng,
                                   siblings=(placed_together, len(subjects)))
            oversight.decision_notes(self.rows, case_id, tl, manager, kid, concern,
                                     self.as_of, man["first_name"] if man else "",
                                     carer.name, self._oversight_recorder(case_id, ctx, manager),
                                     worker["name"])

    def _oversight_recorder(self, case_id: int, ctx: dict, manager: dict):
        """Management oversight as the app records it: the form, and a decision in the
        chronology (sandbox.recording.service)."""
        title = records.registry().form(self.form_version, "management_oversight").title

        def record(day, answers, rng):
            records.add_record(self.rows, case_id, "management_oversight", day, answers,
                               ctx, rng, target="", by=manager["name"])
            self.rows.add("chronology_entries", case_id=case_id, occurred_on=day,
                          kind="decision", title=f"{title} recorded",
                          detail=f"{title} by {manager['name']}: {answers['decision']}",
                          source="Children's social care")
        return record

    def _build_uasc(self) -> None:
        """An unaccompanied asylum-seeking young person (PRACTICE.md §8.4): mostly a boy of
        15 to 17, accommodated under section 20 with no one with parental responsibility
        in the country, placed with foster carers, an interpreter at every meeting."""
        rng = self.rng
        heritage = names.for_family(rng.choice(
            [h for h in names.HERITAGES if h.key in UASC_HERITAGES]), self.label)
        gender = "male" if rng.random() < 0.85 else "female"
        # In calendar days from the reference date, so the young person is the same at
        # any anchor; arrival in working days, 15 or older on arriving.
        born = self.as_of - timedelta(days=rng.randint(int(15.9 * 365.25),
                                                       int(17.7 * 365.25)))
        arrival = days.add_working_days(self.as_of, -rng.randint(30, 200))
        language = heritage.languages[0]
        self.gp = rng.choice(places.GP_SURGERIES)
        self.secondary = rng.choice(places.SECONDARY_SCHOOLS)
        if names.patronymic(heritage):
            surname = names.patronymic_surname(rng.choice(heritage.male),
                                               rng.choice(heritage.surnames))
        else:
            surname = names.surname(heritage, gender, rng.choice(heritage.surnames))
        area, district = rng.choice(places.AREAS)
        letters = "ABDEFGHJLNPQRSTUWXY"
        street = f"{rng.choice(places.STREET_NAMES)} {rng.choice(places.STREET_ENDINGS)}"
        carer_heritage = _heritage(rng)
        carer_surname = names.surname(carer_heritage, "female",
                                      rng.choice(carer_heritage.surnames))
        self.family_id = self.rows.add(
            "families", name=f"{carer_surname} foster home", address_line=(
                f"{rng.randint(1, 220)} {street}"), area=area, town=places.BOROUGH,
            postcode=f"{district} {rng.randint(1, 9)}{rng.choice(letters)}"
                     f"{rng.choice(letters)}",
            home_language=language, interpreter_needed=True, housing="Foster placement")
        fc = self._person(carer_heritage, "female", born - timedelta(
            days=rng.randint(int(30 * 365.25), int(45 * 365.25))), carer_surname,
            household=True)
        kid = self._person(heritage, gender, born, surname, household=True, child=True,
                           language=language)
        kid["school"] = self.secondary if age_on(born, self.as_of) < 16 else rng.choice(
            places.COLLEGES)
        self.rows.tables["people"][kid["id"] - 1]["school"] = kid["school"]
        friend = self._person(heritage, rng.choice(("female", "male")), born - timedelta(
            days=rng.randint(int(25 * 365.25), int(40 * 365.25))), names.surname(
            heritage, "female", rng.choice(heritage.surnames)), household=False)
        for person, kind, lives, note in (
                (fc, "foster carer", True, "Approved foster carer with an independent "
                 "fostering agency; no one with parental responsibility is in the UK."),
                (friend, "family friend", False, "From the same community; visits on "
                 "Sundays and helps with the asylum appointments.")):
            self.rows.add("relationships", child_id=kid["id"], person_id=person["id"],
                          kind=kind, parental_responsibility=False, lives_with_child=lives,
                          in_safety_network=kind == "family friend", note=note)
        worker = self.caseloads.allocate(1)
        manager = next(w for w in self.workers if w["title"] == "Team manager"
                       and w["team"] == worker["team"])
        words = {"child": kid["first_name"], **carers.pronouns(gender),
                 "carer": fc["first_name"], "carer_role": "foster carer",
                 "Carer_role": "Foster carer", "c_mum": fc["first_name"],
                 "C_mum": fc["first_name"], "c_mummy": fc["first_name"],
                 **{f"c_{k}": v for k, v in carers._PRONOUNS["female"].items()},
                 "gran": friend["first_name"], "nan": friend["first_name"],
                 "gp": self.gp, "worker": worker["name"], "manager": manager["name"],
                 "school": kid["school"], "parents": fc["first_name"],
                 "consent_from": "nobody: no one with parental responsibility is in the "
                 "country", "siblings": "", "focus": kid["first_name"]}
        words["worry"] = stories.WORRIES["unaccompanied"].format(**words)
        case_id = self.rows.add(
            "cases", child_id=kid["id"], family_id=self.family_id,
            social_worker_id=worker["id"], stage="looked_after",
            primary_concern="unaccompanied", other_concerns="", plan_category=None,
            **{key: None for key in CASE_DATES}, closure_reason=None,
            stepped_down_to=None)
        self.rows.tables["cases"][case_id - 1].update(
            contact_on=arrival, referral_on=arrival, stage_on=arrival)
        writer = Writer(rng, words, "unaccompanied", kid, None,
                        legacy=self.form_version == "legacy")
        source, code = rng.choice((("Police", "6"), ("Home Office", "7")))
        contact_text = writer.fill(
            f"{source} brought {{child}} to the council's offices: {{they}} arrived in the "
            "country alone, in the back of a lorry, and says {they} is "
            f"{age_on(born, arrival)}. {{They}} speaks {language} and little English.")
        interpreter = f"an interpreter in {language} from the language service, in person"
        tl = timeline.Timeline()
        tl.dates.update(contact_on=arrival, referral_on=arrival, stage_on=arrival)
        tl.events.append(timeline.Event(arrival, "contact", "contact", source,
                                        "Contact received"))
        home = [(fc, "Foster carer", "Foster carer")]
        family = {"carer": fc, "carer_role": None, "home": home, "men": [], "man": None,
                  "partner": None, "network": [], "pr": {}, "co_father": None, "wife": None,
                  "children": [(kid, None)], "worker": worker, "manager": manager,
                  "chair": rng.choice(self.pros["chair"]), "pros": self.pros,
                  "source": source, "code": code, "urgent": False,
                  "concern": "unaccompanied", "focus": kid, "interpreter": True,
                  "language": language}
        ctx = {"concern": "unaccompanied", "contact_text": contact_text,
               "contact_source": source, "past_harm": contact_text, "band": "teen",
               "child": kid, "dad": None, "worker": worker["name"],
               "case": self.rows.tables["cases"][case_id - 1],
               "household": [str(kid["id"]), str(fc["id"])], "network": [str(friend["id"])],
               "words": words, "family": family, "writer": writer, "as_of": self.as_of,
               "visit_days": [], "s47_target": None, "disability": ["NONE"],
               "plan_category": None, "version": self.form_version, "scale": 5,
               "scale_base": 3}
        values, _ = facts_for.facts("contact_referral", tl.events[0], tl, ctx, rng, 0)
        values.update(
            # Nobody with parental responsibility is here to ask: the young person agreed
            # (the legacy form has no answer for "nobody to ask", only "consent given").
            parents_agree="risk", consent_obtained="given",
            consent_reason=f"No one with parental responsibility is in the country to ask. "
            f"{kid['first_name']} agreed, heard through {interpreter}, and "
            f"{manager['name']} agreed that we go ahead.",
            # Absent parenting (N8), as the looked-after return has it.
            primary_need="N8", primary_need_code="N8",
            reason=writer.fill("{child} is a child in need: alone in the country, with no "
                               "one with parental responsibility here. Accommodated under "
                               "section 20 today; the referrer was told."),
            decision_rationale=writer.fill("Unaccompanied asylum-seeking child: section "
                                           "20 accommodation today."))
        records.add_record(self.rows, case_id, "contact_referral", arrival, values, ctx, rng,
                           target="referral")
        self.rows.add("chronology_entries", case_id=case_id, occurred_on=arrival,
                      kind="contact", title="Contact received", detail=contact_text,
                      source=source)
        assessed = days.add_working_days(arrival, rng.randint(20, 30))
        if assessed <= self.as_of:
            self.rows.add("chronology_entries", case_id=case_id, occurred_on=assessed,
                          kind="decision", title="Age assessment", source="Children's "
                          "social care", detail=writer.fill(
                              "Age assessment by two social workers, with the interpreter "
                              "and an appropriate adult: {child}'s stated age was "
                              "accepted."))
        self._looked_after(case_id, kid, arrival, ctx, worker, rng, uasc=True,
                           carer=f"{fc['first_name']} {fc['last_name']}",
                           interpreter=interpreter)
        # Referred to the National Referral Mechanism without delay, as a possible victim
        # of trafficking (the council is a first responder); the manager's oversight of
        # the care plan every six weeks or so. Worded from the record, no random numbers.
        referred = looked_after.nrm_referred_on(arrival)
        if referred <= self.as_of:
            self.rows.add("chronology_entries", case_id=case_id, occurred_on=referred,
                          kind="decision", title="Referral to the National Referral "
                          "Mechanism", source="Children's social care",
                          detail=writer.fill("{child} was referred to the National Referral "
                                             "Mechanism as a possible victim of "
                                             "trafficking, with {their} agreement."))
        texts = in_care.Texts(kid, words, fc["first_name"], uasc=True, placed=arrival)
        day = days.add_working_days(arrival, 15)
        while day <= self.as_of:
            self.rows.add("case_notes", case_id=case_id, author_id=manager["id"],
                          written_on=day, kind="Management oversight",
                          subject=f"Management oversight – {kid['first_name']}",
                          body=texts.oversight(day))
            day = days.add_working_days(day, 30)
        for day, values, body in oversight.supervision_history(
                arrival, self.as_of, manager, worker, kid, "unaccompanied", words, case_id,
                self.form_version == "legacy", in_care_from=arrival, uasc=True):
            records.add_supervision(self.rows, case_id, day, values, ctx, rng, manager)
            self.rows.add("case_notes", case_id=case_id, author_id=manager["id"],
                          written_on=day, kind="Supervision",
                          subject=f"Supervision – {kid['first_name']}", body=body)

    def _looked_after(self, case_id, kid, started, ctx, worker, rng, uasc=False,
                      carer=None, interpreter=None, siblings=None) -> None:
        """The child's period of care and its records (seed.looked_after): under an
        interim care order with foster carers, or an unaccompanied young person under
        section 20 with nobody to agree (supported accommodation from 16, now and then)."""
        at_school = school_year(kid["date_of_birth"], started) not in (None, "Nursery")
        carer = carer or _person_name(rng, "female")
        status, place, provider = ("V2", "U6", "PR4") if uasc else ("C1", "U6", "PR1")
        if not uasc and not in_care.in_proceedings(kid["date_of_birth"], started):
            status = "V2"  # 17 before a final hearing: section 20, by their own agreement
        care = looked_after.plan(rng, started, self.as_of, kid["date_of_birth"],
                                 status, place, provider, carer, at_school or uasc)
        # An unaccompanied young person's family here is the foster home: the placement.
        # They had no home in England before, so the return gives where they were found
        # (the council's office, where they arrived).
        here = self.rows.tables["families"][self.family_id - 1]["postcode"]
        care.home_postcode = UASC_ARRIVED_AT if uasc else here
        care.placement_postcode = here if uasc else looked_after.placement_postcode(kid["id"])
        care.iro = looked_after.IRO_NAMES[kid["id"] % len(looked_after.IRO_NAMES)]
        # `siblings`: the care of a brother or sister placed first, and how many come in.
        placed, group = siblings or ([], 1)
        care.lead, care.siblings = kid["id"], group > 1
        if placed:
            care = looked_after.together(care, placed[0])
        else:
            placed.append(care)
        self.rows.tables["cases"][case_id - 1].update(looked_after.case_columns(care))
        if interpreter is None and ctx["family"]["interpreter"]:
            interpreter = "an interpreter from the language service"
        # Every other unaccompanied young person goes missing once (the next review says
        # what changed because of it).
        missing = looked_after.missing_episode(care, kid, ctx["words"], self.as_of) \
            if uasc else None
        records_, apart = looked_after.forms(care, ctx, kid, uasc, interpreter,
                                             missing[1] if missing else None)
        for key, day, values, title, text in records_:
            # The reviewing officer records the review they chaired (the form's recorder).
            records.add_record(self.rows, case_id, key, day, values, ctx, rng,
                               by=values["chaired_by"] if key == "lac_review" else None)
            if title:
                self.rows.add("chronology_entries", case_id=case_id, occurred_on=day,
                              kind="decision" if key == "looked_after_start" else "meeting",
                              title=title, detail=text, source="Children's social care")
            if key == "lac_visit":
                alone = "on " + ctx["words"]["their"] + " own" \
                    if values["seen_alone"] == "yes" else f"with {care.carer}, the foster carer" \
                    + (f", as {kid['first_name']} wished" if values["not_alone_why"] ==
                       "refused" else "")
                seen = values["observations"]
                if seen.startswith(("The ", "At ")):
                    seen = seen[0].lower() + seen[1:]
                body = (f"Looked-after visit to {kid['first_name']} at the placement on "
                        f"{day:%A %-d %B %Y}, seen {alone}, bedroom seen: "
                        f"{seen}\n\n{values['child_words']}")
                self.rows.add("case_notes", case_id=case_id, author_id=worker["id"],
                              written_on=day, kind="Home visit",
                              subject=f"Looked-after visit – {kid['first_name']}",
                              body=body)
        for record in apart:  # the care plan reviewed at the second review
            self._record_apart(case_id, kid, record, ctx)
            if record[0] == "care_plan":
                self.rows.tables["cases"][case_id - 1]["care_plan_on"] = record[1]
        if status == "C1":  # the way to court, before the order (seed.in_care)
            case = self.rows.tables["cases"][case_id - 1]
            for day, title, text in in_care.legal_gateway(started,
                                                          case.get("initial_conference_on")):
                self.rows.add("chronology_entries", case_id=case_id, occurred_on=day,
                              kind="decision", title=title, source="Children's social care",
                              detail=text.format(**ctx["words"]))
        if not uasc:
            self._plan_ends_in_care(case_id, kid, care, ctx)
        elif missing:
            self._record_apart(case_id, kid, missing, ctx, kind="significant_event")

    def _plan_ends_in_care(self, case_id, kid, care, ctx) -> None:
        """The review conference ending the child protection plan of a child who came
        into care from it (seed.looked_after.protection_review), chaired and signed off by
        the conference chair, with who took part as at any review conference."""
        case = self.rows.tables["cases"][case_id - 1]
        key, day, values, title, text = looked_after.protection_review(care, case, kid,
                                                                       ctx["words"])
        ctx["ending"] = True
        ctx["scale"] = records.scale_on(ctx, day, key)
        ctx["on"] = day
        facts, _ = facts_for.facts(key, SimpleNamespace(on=day, step="step_down"),
                                   SimpleNamespace(extra={}, dates={}), ctx,
                                   random.Random(f"{key}-{kid['id']}"), 0)
        self._record_apart(case_id, kid, (key, day, {**facts, **values}, title, text), ctx,
                           by=ctx["family"]["chair"])
        case["last_review_on"] = day

    def _record_apart(self, case_id, kid, record, ctx, by=None, kind="meeting") -> None:
        """A form and its chronology line added to a family already made, with random
        numbers of its own, from the child: the rest of the family's stay as they were."""
        key, day, values, title, text = record
        records.add_record(self.rows, case_id, key, day, values, ctx,
                           random.Random(f"{key}-{kid['id']}"), by=by)
        self.rows.add("chronology_entries", case_id=case_id, occurred_on=day, kind=kind,
                      title=title, detail=text, source="Children's social care")

    def _role_of(self, person, carer) -> str:
        """What the record calls an adult the children live with."""
        if person is carer.person and carer.role in ("grandmother", "aunt"):
            return f"{carer.role.capitalize()} and " + (
                "special guardian" if carer.pr else "kinship carer")
        if person is self.wife or person is self.co_father:
            return "Mother" if person is self.wife else "Father"
        if person["gender"] == "female":
            return "Mother"
        return "Father" if person["id"] in self.pr else "Mother's partner"

    def _other_parent(self, kid, dad, carer, mum) -> tuple[dict | None, str]:
        """The child's parent beside the main carer, as `{dad}` in the texts: the
        father in a family led by the mother or kin, the mother when the father brings
        the children up, the second mother or father."""
        if self.wife is not None:
            return self.wife, "mother"
        if self.co_father is not None:
            return self.co_father, "father"
        if carer.role == "father":
            return mum, "mother"
        return dad, "father"

    def _chronology(self, case_id, kid, tl, background, contact_source, contact_text,
                    writer):
        rng = self.rng
        born = kid["date_of_birth"]
        for on, source, title, text in background:
            if on < born:
                continue
            self.rows.add("chronology_entries", case_id=case_id, occurred_on=on,
                          kind="significant_event", title=title, detail=text, source=source)
        texts = {
            "referral": stories.REFERRAL, "assessment": stories.ASSESSMENT,
            "strategy": stories.STRATEGY[facts_for.joint_with_police(writer.concern)],
            "initial_conference": stories.INITIAL_CONFERENCE,
            "review": stories.REVIEW, "step_down": stories.STEP_DOWN,
            "early_help": stories.EARLY_HELP, "cin_plan": stories.CIN_PLAN,
            "closed": stories.CLOSED, "cin_plan_start": stories.CIN_PLAN_AFTER_CP,
            "assessment_nfa": stories.ASSESSMENT_NFA, "assessment_eh": stories.ASSESSMENT_EH,
        }
        core_group = 0
        for event in tl.events:
            if event.step == "contact":
                detail, source = contact_text, contact_source
            elif event.step == "core_group":
                core_group += 1
                detail = writer.core_group(core_group, event.on)
                source = event.source
            elif event.step == "section47":
                detail = writer.fill(stories.SECTION47[writer.band(event.on)])
                source = event.source
            elif event.step == "section47_done":
                detail, source = writer.fill(stories.SECTION47_DONE), event.source
            elif event.step == "cin_review":
                progress = writer.progress(event.on)[0]
                detail = writer.fill(f"Child in Need review, {event.on:%-d %B %Y}: "
                                     f"{progress}. The plan carries on.")
                source = event.source
            elif event.step == "section47_no_conference":
                detail = writer.fill(stories.SECTION47_NO_CONFERENCE_OUTSIDE
                                     if writer.concern in stories.EXTRA_FAMILIAL
                                     else stories.SECTION47_NO_CONFERENCE)
                source = event.source
            else:
                detail = writer.fill(rng.choice(texts[event.step]), on=event.on)
                source = event.source
            self.rows.add("chronology_entries", case_id=case_id, occurred_on=event.on,
                          kind=event.kind, title=event.title, detail=detail, source=source)

    def _notes(self, case_id, kid, tl, visit_days, worker, manager, writer, ctx):
        """Case notes: one for each visit (as the visit form writes it), phone calls,
        management oversight and supervision, each in its own words."""
        rng = self.rng
        start = tl.dates.get("referral_on")
        if start is None:
            return
        for day, kind in visit_days:
            if day < kid["date_of_birth"]:
                continue
            body = writer.visit_note(day, kind)
            if kind in ("cp", "cin"):
                records.add_visit(self.rows, case_id, day, kind, writer.last_visit, ctx,
                                  rng)
            self.rows.add("case_notes", case_id=case_id, author_id=worker["id"],
                          written_on=day, kind="Home visit",
                          subject=f"Home visit – {kid['first_name']}", body=body)
        end = tl.extra.get("csc_ended_on") or tl.dates.get("stepped_down_on") or self.as_of
        # Once the child is in care, the notes are of care proceedings, not of home
        # (seed.in_care); the family's random numbers are drawn as before.
        in_care_from = tl.extra.get("lac_started")
        to_court = in_care_from is not None and in_care.in_proceedings(
            kid["date_of_birth"], in_care_from)
        in_care_texts = in_care.Texts(
            kid, ctx["words"], "the foster carer",
            final_by=in_care.final_hearing_by(in_care_from) if to_court else None) \
            if in_care_from else None
        gateway = min(d for d, _, _ in in_care.legal_gateway(
            in_care_from, tl.dates.get("initial_conference_on"))) if to_court else None
        day = days.add_working_days(start, rng.randint(3, 8))
        while day <= end and day <= self.as_of:
            pick = rng.random()
            if pick < 0.8 and tl.dates.get("initial_conference_on") and \
                    day > tl.dates["initial_conference_on"] and pick >= 0.5:
                kind, body, author = "Management oversight", writer.oversight(day), manager
                if in_care_from and day >= in_care_from:
                    body = in_care_texts.oversight(day)
                elif gateway and gateway <= day:  # on the way to court
                    body = in_care_texts.escalation(day)
            else:
                kind, body, author = "Phone call", writer.phone(day), worker
                if in_care_from and day >= in_care_from:
                    body = in_care_texts.phone(day)
            self.rows.add("case_notes", case_id=case_id, author_id=author["id"],
                          written_on=day, kind=kind,
                          subject=f"{kind} – {kid['first_name']}", body=body)
            day = days.add_working_days(day, rng.randint(8, 16))
        # Case supervision, as the team manager records it on the supervision form.
        held = tl.extra.get("csc_ended_on") or (
            tl.dates.get("stepped_down_on") if tl.dates.get("stepped_down_to") ==
            "Early Help plan" else None) or self.as_of
        for day, values, body in oversight.supervision_history(
                start, min(held, self.as_of), manager, worker, kid, ctx["concern"],
                ctx["words"], case_id, self.form_version == "legacy",
                in_care_from=in_care_from):
            records.add_supervision(self.rows, case_id, day, values, ctx, rng, manager)
            self.rows.add("case_notes", case_id=case_id, author_id=manager["id"],
                          written_on=day, kind="Supervision",
                          subject=f"Supervision – {kid['first_name']}", body=body)
