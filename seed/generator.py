"""The synthetic case generator.

`generate(seed, families)` returns a training tenant's data as plain rows, keyed by
table name, with ids local to the tenant. It touches no database and reads no clock:
the same seed and size give the same rows, byte for byte. Each family draws from its
own random stream, derived from (seed, family number), so adding families leaves the
earlier ones as they were.
"""

import random
from datetime import date, timedelta

from sandbox import pathway as pw
from sandbox.people import school_year

from . import names, nhs, places, records, stories, timeline

# The date the training world stands at. Fixed, so a seed means the same data next year.
REFERENCE_DATE = date(2026, 11, 2)

STAGE_WEIGHTS = {
    "contact": 7, "referral": 7, "assessment": 18, "strategy": 5, "section47": 8,
    "initial_conference": 6, "cp_plan": 24, "review_due": 10, "stepped_down": 15,
}
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
}
PLAN_CATEGORY = {
    "neglect": "neglect", "domestic_abuse": "emotional", "parental_mental_health": "neglect",
    "substance_misuse": "neglect", "physical_harm": "physical", "emotional_harm": "emotional",
    "sexual_harm": "sexual",
}
STRUCTURES = {"together": 35, "single_one_father": 25, "two_fathers": 20, "stepfamily": 20}
CHILDREN_WEIGHTS = {1: 25, 2: 30, 3: 25, 4: 12, 5: 8}
NETWORK_NOTES = (
    "Lives ten minutes away and sees the children most weekends.",
    "Picks the children up from school on Tuesdays and Thursdays.",
    "Has said the children can stay with her at short notice.",
    "Speaks to the family every day on the phone.",
    "Helps with shopping and takes the children to appointments.",
    "Known to the children since they were born; they trust her.",
    "Works nights, but is free most afternoons to help.",
)
CARE_NETWORK_KINDS = ("maternal grandmother", "maternal aunt", "family friend", "neighbour",
                      "paternal grandmother", "godmother")


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
             form_version: str = "streamlined",
             must_have: dict | None = None) -> dict[str, list[dict]]:
    """`families` families from `seed`. With `must_have` ({"stage": ..., "concern": ...}),
    one more family is made at that stage (with that concern) when none of them is: a
    training session always has the case its scenario starts from."""
    if families < 0:
        raise ValueError("the number of families cannot be negative")
    rows = Rows()
    workers = _workers(random.Random(f"{seed}/borough"), rows)
    used_nhs: set[str] = set()
    for index in range(families):
        rng = random.Random(f"{seed}/family/{index}")
        FamilyBuilder(rng, rows, workers, used_nhs, as_of, form_version).build()
    stage, concern = (must_have or {}).get("stage"), (must_have or {}).get("concern")
    if stage and not any(case["stage"] == stage for case in rows.tables["cases"]):
        rng = random.Random(f"{seed}/family/{families}/{stage}/{concern}")
        FamilyBuilder(rng, rows, workers, used_nhs, as_of, form_version,
                      stage=stage, concern=concern).build()
    return rows.tables


def _workers(rng: random.Random, rows: Rows) -> list[dict]:
    staff = []
    titles = ["Social worker"] * 4 + ["Senior social worker", "Advanced practitioner"]
    for i, title in enumerate(titles + ["Team manager", "Team manager"]):
        heritage = _heritage(rng)
        gender = rng.choice(("female", "female", "male"))
        name = f"{rng.choice(getattr(heritage, gender))} {rng.choice(heritage.surnames)}"
        team = places.TEAMS[i % 2]
        worker_id = rows.add("workers", name=name, job_title=title, team=team)
        staff.append({"id": worker_id, "name": name, "title": title})
    return staff


def _heritage(rng: random.Random) -> names.Heritage:
    return rng.choices(names.HERITAGES, weights=[h.weight for h in names.HERITAGES])[0]


def _pronouns(gender: str) -> dict:
    if gender == "female":
        return {"they": "she", "them": "her", "their": "her", "They": "She", "Their": "Her"}
    return {"they": "he", "them": "him", "their": "his", "They": "He", "Their": "His"}


class FamilyBuilder:
    def __init__(self, rng, rows: Rows, workers, used_nhs: set, as_of: date,
                 form_version: str = "streamlined", stage: str | None = None,
                 concern: str | None = None):
        self.rng, self.rows, self.workers, self.used_nhs, self.as_of = (
            rng, rows, workers, used_nhs, as_of)
        self.form_version = form_version
        self.stage, self.concern = stage, concern  # chosen, instead of drawn
        self.first_names: set[str] = set()

    # People ---------------------------------------------------------------------------

    def _dob(self, age: int) -> date:
        days = int(age * 365.25) + self.rng.randint(14, 360)
        return self.as_of - timedelta(days=days)

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

    def _person(self, heritage, gender, age, surname, *, household, child=False,
                ethnicity=None, language=None, **extra) -> dict:
        rng = self.rng
        # No two people around one family share a first name, so the record reads clearly.
        options = [n for n in getattr(heritage, gender) if n not in self.first_names]
        first = rng.choice(options or getattr(heritage, gender))
        self.first_names.add(first)
        row = dict(
            family_id=self.family_id if household else None,
            first_name=first,
            last_name=surname,
            date_of_birth=self._dob(age),
            gender=gender,
            is_child=child,
            ethnicity=ethnicity or heritage.ethnicity,
            first_language=language or heritage.languages[0],
            religion=rng.choice(heritage.faiths),
            nhs_number=self._nhs_number() if household else None,
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
        year = school_year(dob, self.as_of)
        if year is None:
            return None
        if year == "Nursery":
            return self.rng.choice(places.NURSERIES)
        if year in ("Year 12", "Year 13"):
            return self.rng.choice(places.COLLEGES)
        number = 0 if year == "Reception" else int(year.split()[1])
        return self.primary if number <= 6 else self.secondary

    # The family -----------------------------------------------------------------------

    def build(self) -> None:
        rng = self.rng
        mum_heritage = _heritage(rng)
        dad_heritage = mum_heritage if rng.random() < 0.8 else _heritage(rng)
        structure = _weighted(rng, STRUCTURES)
        n_children = _weighted(rng, CHILDREN_WEIGHTS)

        ages = [rng.randint(0, 12)]
        while len(ages) < n_children and ages[-1] < 16:
            ages.append(min(17, ages[-1] + rng.randint(1, 4)))
        ages.sort(reverse=True)  # eldest first
        if len(ages) == 1 and structure in ("two_fathers",):
            structure = "single_one_father"

        area, district = rng.choice(places.AREAS)
        language = mum_heritage.languages[0]
        self.gp = rng.choice(places.GP_SURGERIES)
        self.primary = rng.choice(places.PRIMARY_SCHOOLS)
        self.secondary = rng.choice(places.SECONDARY_SCHOOLS)
        mum_surname = rng.choice(mum_heritage.surnames)
        estate = rng.random() < 0.3
        street = f"{rng.choice(places.STREET_NAMES)} {rng.choice(places.STREET_ENDINGS)}"
        address_line = (f"Flat {rng.randint(1, 60)}, {rng.choice(places.ESTATES)}, {street}"
                        if estate else f"{rng.randint(1, 220)} {street}")
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
            housing=rng.choice(places.HOUSING),
        )

        mum_age = ages[0] + rng.randint(18, 33)
        mum = self._person(mum_heritage, "female", mum_age, mum_surname, household=True)

        def father(lives_in: bool, age_gap=(-3, 8)):
            surname = rng.choice(dad_heritage.surnames)
            age = max(ages[0] + 18, mum_age + rng.randint(*age_gap))
            return self._person(dad_heritage, "male", age, surname, household=lives_in)

        # Who is each child's father, and does he live here?
        split = max(1, len(ages) - rng.randint(1, max(1, len(ages) - 1)))
        if structure == "together":
            dad = father(True)
            fathers = [dad] * len(ages)
            partner = None
        elif structure == "single_one_father":
            dad = father(False)
            fathers = [dad] * len(ages)
            partner = None
        elif structure == "two_fathers":
            first, second = father(False), father(False, (-5, 5))
            fathers = [first] * split + [second] * (len(ages) - split)
            partner = None
        else:  # stepfamily: the mother's partner lives here; younger ones may be his
            first = father(False)
            partner = father(True, (-6, 6))
            if len(ages) > 1 and ages[-1] < 6 and rng.random() < 0.6:
                fathers = [first] * split + [partner] * (len(ages) - split)
            else:
                fathers = [first] * len(ages)

        if mum_heritage is dad_heritage:
            child_ethnicity = mum_heritage.ethnicity
        elif "Caribbean" in dad_heritage.ethnicity + mum_heritage.ethnicity and (
                names.WHITE_BRITISH in (dad_heritage.ethnicity, mum_heritage.ethnicity)):
            child_ethnicity = names.MIXED_WHITE_BLACK_CARIBBEAN
        else:
            child_ethnicity = names.MIXED_OTHER

        children = []
        for age, dad in zip(ages, fathers, strict=True):
            gender = rng.choice(("female", "male"))
            heritage = rng.choice((mum_heritage, dad_heritage))
            surname = dad["last_name"] if dad["family_id"] or rng.random() < 0.4 else mum_surname
            kid = self._person(heritage, gender, age, surname, household=True, child=True,
                               ethnicity=child_ethnicity, language=language,
                               religion=mum["religion"])
            kid["school"] = self._school(kid["date_of_birth"])
            self.rows.tables["people"][kid["id"] - 1]["school"] = kid["school"]
            children.append((kid, dad))

        network = self._network(mum_heritage, mum_surname, mum_age, dad_heritage,
                                fathers[0]["last_name"])
        self._relationships(children, mum, partner, network)
        self._cases(children, mum, network)

    def _network(self, mum_heritage, mum_surname, mum_age, dad_heritage, dad_surname):
        rng = self.rng
        people = []
        kinds = ["maternal grandmother" if rng.random() < 0.75 else "maternal aunt"]
        kinds += rng.sample(CARE_NETWORK_KINDS[1:], rng.randint(1, 3))
        for kind in dict.fromkeys(kinds):
            if kind == "maternal grandmother":
                row = self._person(mum_heritage, "female", mum_age + rng.randint(18, 30),
                                   mum_surname, household=False)
            elif kind == "maternal aunt":
                row = self._person(mum_heritage, "female", mum_age + rng.randint(-6, 6),
                                   mum_surname, household=False)
            elif kind == "paternal grandmother":
                row = self._person(dad_heritage, "female", mum_age + rng.randint(18, 30),
                                   dad_surname, household=False)
            else:
                heritage = _heritage(rng)
                row = self._person(heritage, rng.choice(("female", "female", "male")),
                                   mum_age + rng.randint(-8, 15),
                                   rng.choice(heritage.surnames), household=False)
            people.append((kind, row, rng.random() < 0.7 or not people))
        return people

    def _relationships(self, children, mum, partner, network):
        rng = self.rng
        for kid, dad in children:
            def link(person, kind, pr=False, lives=False, network=False, note=None, kid=kid):
                self.rows.add("relationships", child_id=kid["id"], person_id=person["id"],
                              kind=kind, parental_responsibility=pr, lives_with_child=lives,
                              in_safety_network=network, note=note)

            link(mum, "mother", pr=True, lives=True)
            dad_lives = dad["family_id"] is not None
            link(dad, "father", pr=dad_lives or rng.random() < 0.85, lives=dad_lives,
                 note=None if dad_lives else "Lives elsewhere in the borough; "
                 + rng.choice(("sees the children every other weekend.",
                               "contact is irregular.", "no contact at present.")))
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

    def _cases(self, children, mum, network):
        rng = self.rng
        stage = self.stage or _weighted(rng, STAGE_WEIGHTS)
        concern = self.concern or _weighted(rng, CONCERN_WEIGHTS)
        others = [c for c in CO_OCCURRING[concern] if rng.random() < 0.35]
        step_down_to = rng.choice(("Child in Need plan", "Child in Need plan", "Early Help plan"))
        social_workers = [w for w in self.workers if w["title"] != "Team manager"]
        worker = rng.choice(social_workers)
        tl = timeline.build(rng, stage, self.as_of, step_down_to)
        background = rng.sample(stories.BACKGROUND[concern],
                                min(len(stories.BACKGROUND[concern]), rng.randint(1, 2)))
        contact_source, contact_text = rng.choice(stories.CONTACTS[concern])
        gran = network[0][1]
        # Choose the wording once per family, so siblings' records agree with each other.
        picks = {step: rng.random() for step in
                 ("referral", "assessment", "strategy", "section47", "initial_conference",
                  "review", "step_down")}

        for kid, dad in children:
            siblings = [k["first_name"] for k, _ in children if k is not kid]
            context = {
                "child": kid["first_name"], "mother": mum["first_name"],
                "dad": dad["first_name"], "school": kid["school"] or "nursery",
                "gp": self.gp, "worker": worker["name"], "gran": gran["first_name"],
                "siblings": " and ".join(siblings),
                "plan_category": pw.PLAN_CATEGORIES[PLAN_CATEGORY[concern]].lower(),
                "stepped_down_to": step_down_to,
                **_pronouns(kid["gender"]),
            }
            case_id = self.rows.add(
                "cases",
                child_id=kid["id"], family_id=self.family_id, social_worker_id=worker["id"],
                stage=stage, primary_concern=concern, other_concerns=",".join(others),
                plan_category=PLAN_CATEGORY[concern]
                if pw.STAGE_KEYS.index(stage) >= pw.STAGE_KEYS.index("initial_conference")
                else None,
                **{key: tl.dates.get(key) for key in (
                    "contact_on", "referral_on", "assessment_started_on", "strategy_on",
                    "section47_started_on", "initial_conference_on", "last_core_group_on",
                    "last_review_on", "stepped_down_on", "stepped_down_to")},
            )
            self._chronology(case_id, tl, background, contact_source, contact_text, picks,
                             context)
            self._notes(case_id, kid, tl, concern, worker, context)
            age = (self.as_of - kid["date_of_birth"]).days // 365
            records.add_forms(self.rows, case_id, tl.events, stage, self.form_version, {
                "concern": concern, "contact_text": contact_text.format(**context),
                "contact_source": contact_source,
                "past_harm": (background[0][2] if background else contact_text).format(
                    **context),
                "band": "baby" if age < 2 else "young" if age < 6 else "school"
                if age < 12 else "teen",
                "child": kid, "worker": worker["name"], "school": context["school"],
                "case": self.rows.tables["cases"][case_id - 1],
                "household": [str(k["id"]) for k, _ in children] + [str(mum["id"])],
                "network": [str(p["id"]) for _, p, in_network in network if in_network],
                "words": context,
            }, rng)

    def _chronology(self, case_id, tl, background, contact_source, contact_text, picks,
                    context):
        rng = self.rng
        for months_before, (source, title, text) in zip((5, 2), background, strict=False):
            on = pw.next_working_day(tl.dates["contact_on"]
                                     - timedelta(days=months_before * 30 + rng.randint(0, 20)))
            self.rows.add("chronology_entries", case_id=case_id, occurred_on=on,
                          kind="significant_event", title=title,
                          detail=text.format(**context), source=source)
        texts = {
            "referral": stories.REFERRAL, "assessment": stories.ASSESSMENT,
            "strategy": stories.STRATEGY, "section47": stories.SECTION47,
            "initial_conference": stories.INITIAL_CONFERENCE, "review": stories.REVIEW,
            "step_down": stories.STEP_DOWN,
        }
        for event in tl.events:
            if event.step == "contact":
                detail, source = contact_text, contact_source
            elif event.step == "core_group":
                detail, source = rng.choice(stories.CORE_GROUP), event.source
            else:
                options = texts[event.step]
                detail = options[int(picks[event.step] * len(options))]
                source = event.source
            self.rows.add("chronology_entries", case_id=case_id, occurred_on=event.on,
                          kind=event.kind, title=event.title, detail=detail.format(**context),
                          source=source)

    def _notes(self, case_id, kid, tl, concern, worker, context):
        rng = self.rng
        start = tl.dates.get("referral_on")
        if start is None:
            return
        span = (self.as_of - start).days
        count = min(1 + span // 21, rng.randint(2, 6))
        age = (self.as_of - kid["date_of_birth"]).days // 365
        band = "baby" if age < 2 else "young" if age < 6 else "school" if age < 12 else "teen"
        days = sorted(rng.sample(range(span + 1), min(count, span + 1)))
        for offset in days:
            kind = rng.choice(list(stories.NOTE_OPENINGS))
            if kind == "School visit" and not kid["school"]:
                kind = "Home visit"
            parts = [rng.choice(stories.NOTE_OPENINGS[kind]),
                     rng.choice(stories.OBSERVATIONS[concern])]
            if kind != "Phone call":
                parts.append(rng.choice(stories.CHILD_VOICE[band]))
            parts += [rng.choice(stories.STRENGTHS), rng.choice(stories.NEXT_STEPS)]
            on = pw.next_working_day(start + timedelta(days=offset))
            if on > self.as_of:
                continue
            self.rows.add("case_notes", case_id=case_id, author_id=worker["id"],
                          written_on=on, kind=kind,
                          subject=f"{kind} – {context['child']}",
                          body="\n\n".join(p.format(**context) for p in parts))
