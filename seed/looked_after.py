"""Looked-after children in the synthetic world (PRACTICE.md §4): their period of care
from its start (SSDA903 codes on the looked-after forms), the care and placement plans,
reviews, visits, health assessments and education plans, each within its statutory
timescale (§4.2), kept a few days inside every limit so a move to another anchor keeps
them.

Two kinds of family reach it: a child on a child protection plan whose parents could not
make the changes, looked after under an interim care order in care proceedings; and an
unaccompanied asylum-seeking young person, accommodated under section 20 with nobody with
parental responsibility in the country (so no parent agrees: §4.1).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace

from sandbox.casework import pathway as pw
from sandbox.casework.ages import age_on, school_year

from . import days, in_care, places

KINDS = ("lac_from_cp", "lac_uasc")
VISIT_GAP_DAYS = (24, 38)  # at most 6 weeks (42 days), a few days inside
IRO_NAMES = ("Grace Okonjo", "Martin Shaw", "Farah Siddiqui")
# What the visit saw in the placement (writer slots; {fc}: the foster carer).
OBSERVED = (
    "At {fc}'s, {child} {mood}; {their} room was warm and had {their} things in it.",
    "{fc} and {child} were in the {room} {when}; {child} {mood}.",
    "The placement was calm {when}; {child}'s school things were by the door and {fc} "
    "talked about the week.",
    "{child} showed me {their} room, which {fc} has let {them} decorate; {child} {mood}.",
    "{fc} had {meal} ready {when}; {child} ate with the family and {mood}.",
    "{child} was {when} with {fc}'s dog in the garden, and {mood}.",
    "{fc} said {child} sleeps well now; {child}'s room was tidy and {child} {mood}.",
)


@dataclass
class Care:
    """One child's period of care: its dates, and what the forms record."""
    started: date
    legal_status: str
    placement_type: str
    provider: str
    carer: str
    # Where the child lived before, and the placement (903 HOME_POST, PL_POST).
    home_postcode: str = None
    placement_postcode: str = None
    care_plan: date = None
    placement_plan: date = None
    health: list = field(default_factory=list)  # (date, "initial" or "review")
    peps: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    visits: list = field(default_factory=list)
    iro: str = None  # the independent reviewing officer (siblings placed together: one)
    lead: int = None  # the child whose plans a brother or sister placed with them shares
    siblings: bool = False  # brothers or sisters coming into care at the same time


def together(care: Care, first: Care) -> Care:
    """A brother or sister coming into care on the same day, placed together with the
    first (as the law asks, where it can be done: CA89 s22C(8)(c)): the same carer and
    home, the same reviewing officer, their reviews, visits and plans held together;
    their own health assessments and education plans, which follow their age."""
    for name in ("carer", "placement_postcode", "care_plan", "placement_plan", "reviews",
                 "visits", "iro", "lead"):
        setattr(care, name, getattr(first, name))
    return care


def placement_postcode(child_id: int) -> str:
    """A foster home's postcode elsewhere in the borough, from the child's id (not the
    family's random numbers, so the rest of the world stays as it was)."""
    _area, district = places.AREAS[(child_id * 5 + 3) % len(places.AREAS)]
    letters = "ABDEFGHJLNPQRSTUWXY"
    return (f"{district} {child_id % 9 + 1}{letters[child_id % len(letters)]}"
            f"{letters[(child_id // len(letters)) % len(letters)]}")


def _inside(day: date) -> date:
    """A meeting set on a working day, a week inside a calendar limit."""
    day -= timedelta(days=7)
    while not days.is_working_day(day):
        day -= timedelta(days=1)
    return day


def plan(rng, started: date, as_of: date, born: date, legal_status: str,
         placement_type: str, provider: str, carer: str, at_school: bool) -> Care:
    """The period of care's dates up to `as_of`, each inside its limit (§4.2)."""
    care = Care(started, legal_status, placement_type, provider, carer)
    care.placement_plan = days.add_working_days(started, rng.randint(1, 4))
    care.care_plan = days.add_working_days(started, rng.randint(4, 9))
    health = rng.randint(10, 18)
    if at_school:
        care.peps.append(days.add_working_days(started, rng.randint(5, 9)))
    elif age_on(born, started) >= pw.PEP_FROM_AGE:
        # An early years education plan from 3, as the app asks (pathway.PEP_FROM_AGE),
        # dated from the child, not the family's random numbers.
        care.peps.append(days.add_working_days(started, 7))
    if care.peps:
        while (nxt := _out_of_term(_inside(pw.add_months(care.peps[-1], 3)))) <= as_of:
            care.peps.append(nxt)
    first_review = rng.randint(14, 19)
    # Regulation 7: the initial health assessment is done before the first review.
    care.health.append((days.add_working_days(started, min(health, first_review - 1)),
                        "initial"))
    while True:
        last = care.health[-1][0]
        months = 6 if age_on(born, last) < 5 else 12
        nxt = _inside(pw.add_months(last, months))
        if nxt > as_of:
            break
        care.health.append((nxt, "review"))
    review = days.add_working_days(started, first_review)
    months = 3
    while review <= as_of:
        care.reviews.append(review)
        review = _inside(pw.add_months(review, months))
        months = 6
    visit = started + timedelta(days=rng.randint(2, 6))
    while visit <= as_of:
        while not days.is_working_day(visit):
            visit -= timedelta(days=1)
        care.visits.append(visit)
        visit = visit + timedelta(days=rng.randint(*VISIT_GAP_DAYS))
    for name in ("care_plan", "placement_plan"):
        if getattr(care, name) > as_of:
            setattr(care, name, None)
    care.health = [h for h in care.health if h[0] <= as_of]
    care.peps = [p for p in care.peps if p <= as_of]
    return care


def case_columns(care: Care) -> dict:
    """The case's looked-after dates, as the forms' effects set them."""
    return {
        "looked_after_on": care.started, "placement_on": care.started,
        "legal_status_on": care.started,
        "care_plan_on": care.care_plan, "placement_plan_on": care.placement_plan,
        "first_lac_review_on": care.reviews[0] if care.reviews else None,
        "last_lac_review_on": care.reviews[-1] if care.reviews else None,
        "last_lac_visit_on": care.visits[-1] if care.visits else None,
        "health_assessment_on": care.health[-1][0] if care.health else None,
        "pep_on": care.peps[-1] if care.peps else None,
        "placement_long_term": "no", "temporary_approval": "no",
        # As the episode form's answers set them (sandbox.casework.pathway reads them).
        "legal_status": care.legal_status, "placement_type": care.placement_type,
    }


def protection_review(care: Care, case: dict, kid: dict, words: dict) -> tuple:
    """The review child protection conference that ends the plan of a child who came into
    care from it (PRACTICE.md §1.9): held with the first looked-after review (as councils
    usually align them), or before it if the plan's review falls due sooner. The child is
    safe in foster care under the order and the care plan, so the plan ends and the child
    stays looked after. (form key, day, answers for both sets, chronology title, text);
    worded from the record, not the family's random numbers."""
    due = pw.review_conference_step(SimpleNamespace(**case)).due
    day = care.reviews[0]
    if due is not None and due - timedelta(days=7) < day:
        day = _inside(due)
    day = max(day, days.add_working_days(care.started, 1))
    name, age = kid["first_name"], age_on(kid["date_of_birth"], day)
    if age < 4:
        voice = (f"{name} is too young to tell us in words. {care.carer} says {name} has "
                 "settled, sleeps and eats well, and is happy to see the family at contact.")
    elif _took_part(kid, 0) in ("PN5", "PN6", "PN7"):  # did not come to the review
        voice = (f"{name} chose not to come. {words['They']} told the social worker before "
                 f"it that {words['they']} feels safe at {care.carer}'s and wants to keep "
                 f"seeing {words['their']} family, and the chair read this out.")
    else:
        voice = (f"{name} told the chair that {words['they']} felt safe at {care.carer}'s "
                 f"and wanted to keep seeing {words['their']} family at the family centre.")
    reasons = (f"{name} is safe in foster care under the interim care order, and the care "
               "plan, reviewed by the independent reviewing officer, now protects "
               f"{words['them']}: the child protection plan ends, and {name} stays looked "
               "after.")
    values = {"decision": "end", "rcpc_decision": "discontinue",
              "step_down_to": "Looked after", "step_down": "Looked after",
              "child_voice": voice, "child_views_rcpc": voice, "reasons": reasons,
              "rcpc_reasons": "Plan ends: the child is looked after and safe in placement.",
              "categories": None, "next_review_on": None, "next_rcpc": None}
    return ("review_conference", day, values, "Review child protection conference",
            f"The review conference ended the child protection plan: {name} stays looked "
            "after, under the care plan.")


def missing_episode(care: Care, kid: dict, words: dict, as_of: date) -> tuple | None:
    """For some unaccompanied young people (every other one, by id), a night missing in
    the first weeks (PRACTICE.md §8.4): found with adults who may be the people who
    trafficked them, or further off, or back by themselves; reported to the police, back
    the next working day, offered an independent return interview within 72 hours. Worded
    from the record, not the family's random numbers; None for the others."""
    # On working days (a move to the tenant's anchor keeps working days, not weekends):
    # gone one evening, back the next working day, offered the interview the next working
    # day (or, before a bank holiday weekend, the day they came back).
    gone = days.add_working_days(care.started, 12 + kid["id"] % 8)
    back = days.add_working_days(gone, 1)
    offered = days.add_working_days(back, 1)
    if (offered - back).days > 3:  # a bank holiday weekend: offered the day they came back
        offered = back
    if kid["id"] % 2 or offered > as_of:
        return None
    name, they, them, their = (kid["first_name"], words["they"], words["them"],
                               words["their"])
    fc = care.carer.split()[0]
    told = ["social_worker", "manager", "iro"]  # no parent in the country to tell
    # Every unaccompanied young person is referred on arrival (seed.generator).
    referred = {"nrm_referral": "before", "nrm_on": nrm_referred_on(care.started)}
    kind = (kid["id"] // 2) % 3
    if kind == 0:  # with adults who may be exploiting them: a strategy discussion, the NRM
        episode = {
            "last_seen": f"About 7pm, by {fc}, going out to the shop at the end of the road",
            "came_back": f"About 10am on {back:%A %-d %B %Y}, found by the police",
            # High risk: the strategy discussion is held while the child is missing.
            "police_risk": "high", "strategy_held": "yes", "strategy_on": gone,
            **referred, "return_interview": "accepted",
            "where_found": "In a flat in another borough with two older men from the same "
            "country; the police brought " + them + " back.",
            "child_said": f"Through the interpreter, {name} said a man who knew {them} from "
            f"the journey asked {them} to come and said {they} owed him money. {name} said "
            f"{they} did not want to go back there and would tell {fc} if the man called "
            "again.",
            "worries": f"The men may be the people who brought {name} to this country and "
            f"may want to exploit {them}. A strategy discussion with the police and health "
            "was held by phone the evening " + they + " went missing, with the "
            "out-of-hours team, and the search was made a priority. What " + name + " said "
            "goes to the Single Competent Authority, which has the referral to the "
            "National Referral Mechanism made when " + they + " arrived; the placement "
            f"plan's missing from care plan is reviewed with {fc}, who reports {name} "
            "missing to the police at once, as it says.",
            "risk_summary": f"Exploitation / trafficking risk. Found with two adult males. "
            f"Strategy meeting held while missing; new information to the SCA (NRM referral "
            f"made on arrival). MFC plan reviewed with {fc}."}
        said = f"{name} talked to the interviewer."
    elif kind == 1:  # gone to find people from home, further off
        episode = {
            "last_seen": f"About 4pm, by {fc}, leaving for college",
            "came_back": f"About 9am on {back:%A %-d %B %Y}, found by the British Transport "
            "Police",
            # A young person already referred as a possible victim of trafficking, gone
            # to meet someone from the journey: the risk of being trafficked again.
            "police_risk": "high", "strategy_held": "yes", "strategy_on": gone, **referred,
            "return_interview": "declined",
            "where_found": "At a railway station in another city, on the way to find a "
            "friend from the journey; the police brought " + them + " back.",
            "child_said": f"Through the interpreter, {name} said {they} wanted to see a "
            f"friend who had travelled with {them}, and did not know {they} had to tell "
            f"{fc}. {name} chose not to talk to the interviewer, and said {they} would ask "
            f"{fc} next time.",
            "worries": f"{name} went a long way alone, with no money, to meet someone from "
            "the journey: that is how young people are trafficked again. A strategy "
            "discussion with the police and health was held the evening " + they + " went "
            "missing. " + name + " has said nothing of exploitation, and may not yet; what "
            "we know goes to the Single Competent Authority, which has the referral made "
            f"when {they} arrived. The missing from care plan now says {name} can ask {fc} "
            f"to help {them} keep in touch with friends from the journey safely.",
            "risk_summary": f"Travelled to another city alone to meet a contact from the "
            f"journey: re-trafficking risk. Strategy meeting held while missing. NRM "
            f"referral made on arrival. MFC plan reviewed with {fc}."}
        said = f"{name} chose not to talk to the interviewer."
    else:  # out late with friends, back by themselves
        episode = {
            "last_seen": f"About 6pm, by {fc}, going to play football with friends from "
            "college",
            "came_back": f"About 8am on {back:%A %-d %B %Y}, on {their} own",
            "police_risk": "low", "strategy_held": "no", **referred,
            "return_interview": "accepted",
            "where_found": "At the home of a friend from college; the friend's older "
            f"brother was there. {name} came back by {them}self.",
            "child_said": f"Through the interpreter, {name} said {they} fell asleep at the "
            f"friend's house and {their} phone had run out of battery. {name} said "
            f"sorry to {fc}.",
            "worries": f"There is no sign that anyone is exploiting {name}. The missing from "
            f"care plan is reviewed with {fc}: {name} is to ring if {they} will be late, and "
            f"{fc} now has the friend's family's number.",
            "risk_summary": f"Stayed at a friend's house. No exploitation indicators. MFC "
            f"plan reviewed with {fc}."}
        said = f"{name} talked to the interviewer."
    values = {
        "started_on": gone, "kind": "M", "police_told": "yes",
        "police_reference": f"MPS-{kid['id']:06d}", "who_told": told,
        "ended_on": back, "safe_and_well": "yes", "return_interview_on": offered,
        "police_told_at": f"Within the hour, by {fc}, by phone to 999",
        "return_interview_held_on": offered
        if episode["return_interview"] == "accepted" else None,
        "interviewer": _INTERVIEWERS[kid["id"] % len(_INTERVIEWERS)], **episode}
    return ("missing_from_care", gone, values, "Missing from placement",
            f"{name} was missing from {fc}'s; the police were told, and {name} was back on "
            f"{back:%A %-d %B %Y}. A return interview was offered on "
            f"{offered:%A %-d %B %Y}, and {said}")


def nrm_referred_on(arrived: date) -> date:
    """The day an unaccompanied young person is referred to the National Referral
    Mechanism: without delay, two working days after they arrive."""
    return days.add_working_days(arrived, 2)


_INTERVIEWERS = ("Dana Mills, the independent return interview service",
                 "Yusuf Adeyemi, the independent return interview service",
                 "Carla Nunes, the independent return interview service")


# How a child of 4 or over took part in their review (903 PN codes), from the child and
# the review (not the family's random numbers): mostly there and speaking for themselves;
# sometimes their views in a letter or through an advocate instead.
_TOOK_PART = ("PN1", "PN1", "PN1", "PN6", "PN1", "PN5", "PN2")


def _took_part(kid: dict, review: int) -> str:
    return _TOOK_PART[(kid["id"] + review) % len(_TOOK_PART)]


def _out_of_term(day: date) -> date:
    """An education plan meeting moved out of the school holidays (summer, Christmas,
    Easter, roughly) to the last working day before them: earlier, so the termly limit
    still holds."""
    if (day.month == 7 and day.day > 21) or day.month == 8:
        day = date(day.year, 7, 21)
    elif (day.month == 12 and day.day > 19) or (day.month == 1 and day.day < 5):
        day = date(day.year - (day.month == 1), 12, 19)
    elif day.month == 4 and day.day < 15:
        day = date(day.year, 3, 31)
    while not days.is_working_day(day):
        day -= timedelta(days=1)
    return day


# How often a child in care proceedings sees their parents (a baby's more often, to keep
# the bond), from the child, not the family's random numbers.
_FAMILY_TIME = ("three times a week", "twice a week", "twice a week, with a video call "
                "in between", "once a week, with a phone call midweek")
_DOCTORS = ("Dr Patel", "Dr Okafor", "Dr Hughes", "Dr Mensah", "Dr Kowalski", "Dr Rahman")
# A review may be done by a nurse (regulation 7: the initial one only by a doctor).
_NURSES = ("Joanne Reid, the looked-after children's nurse",
           "Precious Adebayo, the looked-after children's nurse",
           "Siân Morgan, the health visitor")


def family_time(kid: dict, care: Care) -> str:
    """How often the child sees their parents: a baby's more often, to keep the bond."""
    if age_on(kid["date_of_birth"], care.started) < 2:
        return "four times a week"
    return _FAMILY_TIME[(care.lead or kid["id"]) % len(_FAMILY_TIME)]


def _seen(w, texts, care: Care, on: date) -> str:
    """What the visit saw at the placement. The record's random numbers are drawn as
    before; the words are the placement's, for the child's age."""
    w.fresh(OBSERVED, fc=care.carer.split()[0])
    return texts.seen(on)


def _health(kid: dict, on: date, kind: str, arrived: bool, words: dict, n: int) -> dict:
    """A health assessment's answers, for the child's age, from the child and its place
    in the line (a different doctor now and then; a jab or the dentist sometimes behind,
    and the plan catching up)."""
    age = age_on(kid["date_of_birth"], on)
    doctor = _DOCTORS[(kid["id"] + n) % len(_DOCTORS)]
    by_nurse = kind == "review" and (kid["id"] + n) % 3 != 0
    behind = arrived or (kid["id"] + n) % 5 == 2
    if arrived:
        plan = ("A health plan for {child}: a dentist and an optician first, the "
                "immunisations {they} may have missed on the way checked with the GP, "
                "screening for tuberculosis and blood-borne viruses, as for any young "
                "person who has made such a journey, and emotional health support.")
    elif age < 2:
        plan = ("A health plan for {child}: weight, feeding and development checked by the "
                "health visitor, the baby immunisations on time with the GP"
                + (", and the one missed before {they} came into care booked" if behind
                   else "") + ".")
    elif age < 5:
        plan = ("A health plan for {child}: the health visitor's development review, "
                "speech and language checked" + (" at nursery" if in_care.at_nursery(kid)
                                                  else "") + ", the first dentist visit, and "
                "immunisations kept up to date" + (", the missed pre-school booster first"
                                                   if behind else "") + ".")
    else:
        plan = ("A health plan for {child}: the dentist twice a year and the optician "
                "every two years, immunisations kept up to date with the GP"
                + (", the missed ones first" if behind else "")
                + ", and emotional health support.")
    return {
        "kind": kind, "done_on": on,
        "done_by": _NURSES[(kid["id"] + n) % len(_NURSES)] if by_nurse else
        f"{doctor} (looked-after children's health team)",
        "done_by_role": "nurse" if by_nurse else "doctor",
        "immunisations": "not_known" if arrived else "no" if behind else "yes",
        "dental": "no" if arrived or (age < 5 and behind) else "yes",
        "substance_misuse": "no", "health_plan": plan.format(**words),
        **_questionnaire(kid, on)}


def _pep_targets(kid: dict, on: date, uasc: bool, n: int) -> str:
    """The education plan's targets for the child's age and year (PRACTICE.md §4.2)."""
    age = age_on(kid["date_of_birth"], on)
    if uasc and age < 16:  # of compulsory school age: a school place, not college
        return ("A school place found with the Virtual School, with English as an "
                "additional language support each day; attendance above 95%; a club "
                "{child} chooses.")
    if uasc:
        return ("English lessons each week at the college; a place on a course "
                f"{'for September' if n % 2 else 'next term'}; a club {{child}} chooses.")
    if school_year(kid["date_of_birth"], on) in (None, "Nursery"):  # not yet at school
        return ("Fifteen hours a week of early education, with {their} key person; a book "
                "shared at home with the foster carer each night; speaking and listening, "
                "with the health visitor's advice.")
    if age < 5:
        return ("Settling in Reception with {their} key person; phonics, and a book shared "
                "at home with the foster carer each night; speaking and listening in class.")
    if age < 11:
        return ("Attendance above 95%; reading at home with the foster carer each night; "
                + ("extra help with maths, from the pupil premium plus; " if n % 2 else
                   "the school's nurture group twice a week; ")
                + "a club {child} chooses.")
    if age >= 16:  # past Year 11: the pupil premium plus ends; the 16 to 19 bursary
        return ("Attendance above 95%; the 16 to 19 bursary in place; "
                + ("a plan for next year made with the careers adviser; " if n % 2 else
                   "extra help with coursework from the sixth form's mentor; ")
                + "staying at the same school or college through the move.")
    return ("Attendance above 95%; "
            + ("the options for next year chosen with the careers adviser; " if n % 2 else
               "a tutor for English and maths, from the pupil premium plus; ")
            + "staying at the same school through the move.")


def _review_decisions(kid: dict, care: Care, on: date, i: int, uasc: bool,
                      final_by: date | None, missing: date | None = None) -> str:
    """What a looked-after review decided: for a child in care proceedings, the court's
    timetable and, from the second review, the permanence plan and its parallel plan; the
    first review after a child was missing, what changed because of it."""
    if uasc and missing and missing <= on <= missing + timedelta(days=56):
        return ("The placement meets {child}'s needs and continues. After {child} was "
                f"missing on {missing:%-d %B %Y}, the missing from care plan was reviewed "
                "with the carer and the police; the care plan now says who {child} can "
                "see, and how {they} keeps in touch with friends safely.")
    if uasc:
        return ("The placement meets {child}'s needs and continues; the care plan's "
                "actions are on track, and the asylum claim's next dates are in it.")
    if final_by is None:  # accommodated with their own agreement, 16 or 17
        return ("The placement meets {child}'s needs and continues, as {child} wants; the "
                "pathway plan is being written with {them}, with a personal adviser.")
    if i == 0:
        return ("The placement meets {child}'s needs and continues. The care proceedings "
                f"are on track for the final hearing by {final_by:%-d %B %Y}; the "
                "assessments of {parents} and of {gran} are under way.")
    plan, parallel = in_care.permanence(kid, on, care.lead, care.siblings)
    return ("The permanence plan is for {child} to grow up "
            + in_care.PLAN_WORDS[plan] + ", and the parallel plan is "
            + in_care.PLAN_WORDS[parallel] + ". The care plan says so, for the court"
            + (f" by {final_by:%-d %B %Y}." if on < final_by else "."))


def _questionnaire(kid: dict, on: date) -> dict:
    """The yearly Strengths and Difficulties Questionnaire, for ages 4 to 16, its score
    from the child and the day (the family's random numbers are left alone)."""
    if not 4 <= age_on(kid["date_of_birth"], on) <= 16:
        return {}
    return {"sdq_score": str(6 + (kid["id"] * 7 + on.toordinal()) % 15)}


def forms(care: Care, ctx: dict, kid: dict, uasc: bool, interpreter: str | None,
          missing_on: date | None = None):
    """(form key, day, answers for both form sets, chronology title, chronology text) for
    each looked-after record, in date order; and those to add with random numbers of
    their own (the care plan reviewed at the second review)."""
    w, words = ctx["writer"], ctx["words"]
    name = kid["first_name"]
    manager = ctx["family"]["manager"]["name"]
    iro = care.iro or IRO_NAMES[kid["id"] % len(IRO_NAMES)]
    through = f" with {interpreter}" if interpreter else ""
    final_by = in_care.final_hearing_by(care.started) if care.legal_status == "C1" else None
    texts = in_care.Texts(kid, words, care.carer, uasc, final_by, placed=care.started)

    def views(on: date, at_visit: bool = False) -> str:
        # The record's own random numbers are drawn as before (the rest of the world
        # stays as it was); the words are the child's in care, for their age.
        w.voice(on)
        return texts.voice(on, at_visit)

    out = []
    if uasc:
        agreed = {"s20_agreed_by": "no_one",
                  "s20_what_agreed": f"{name} arrived in the country alone; nobody with "
                  "parental responsibility is here, so the council accommodates "
                  f"{words['them']} under section 20(1). {name}'s wishes were asked"
                  f"{through}.", "uasc": "yes", "category_of_need": "N8",
                  "parents_views": f"{name} has no parent in the country; {words['they']} "
                  f"told us, through the interpreter, that {words['their']} family is not "
                  "in contact."}
        title, text = ("Accommodated under section 20", f"{name} was accommodated under "
                       "section 20: an unaccompanied asylum-seeking young person with no one "
                       f"with parental responsibility in the country, placed with "
                       f"{care.carer}. Seen{through}.")
    elif final_by is None:
        # A young person who would be 17 before a final hearing: no care proceedings (no
        # care order from 17, CA89 s31(3)); accommodated with their own agreement.
        agreed = {"s20_agreed_by": "young_person",
                  "s20_what_agreed": f"{name}, aged {age_on(kid['date_of_birth'], care.started)}, "
                  "agreed to be accommodated under section 20, after the child protection "
                  f"plan's changes were not made at home; {words['they']} was told "
                  f"{words['they']} can choose to leave, and what would happen then.",
                  "uasc": "no", "category_of_need": "N1",
                  "parents_views": w.fill("{parents} do not object to {child} being "
                                          "accommodated, though they want {them} home; "
                                          "family time is as {child} chooses.")}
        title, text = ("Accommodated under section 20", w.fill(
            "{child} agreed to be accommodated under section 20, and moved to foster "
            "carers, " + care.carer + ". {parents} do not object."))
    else:
        agreed = {"order_details": f"Interim care order (section 38) made by the family "
                  f"court on {care.started:%-d %B %Y}, in care proceedings (final hearing "
                  f"due by {final_by:%-d %B %Y})",
                  "uasc": "no", "category_of_need": "N1",
                  "parents_views": w.fill("{parents} told the court they oppose the order "
                                          "and want {child} home; family time is "
                                          f"{family_time(kid, care)} at the family "
                                          "centre, supervised.")}
        title, text = ("Interim care order", w.fill(
            "The court made an interim care order. The child protection plan's changes had "
            "not been made, and {child} moved to foster carers, " + care.carer + ". "
            "{parents} came to court, with their solicitors."))
    start = {"started_on": care.started, "reason_new_episode": "S",
             "legal_status": care.legal_status, "placement_type": care.placement_type,
             "placement_provider": care.provider, "placement_carer": care.carer,
             "home_postcode": care.home_postcode,
             "placement_postcode": care.placement_postcode,
             "decided_by": "The family court" if final_by else manager,
             "child_views": views(care.started), **agreed}
    out.append(("looked_after_start", care.started, start, title, text))
    if care.placement_plan:
        out.append(("placement_plan", care.placement_plan, {
            "agreed_on": care.placement_plan, "carer": care.carer, "long_term": "no",
            "how_needs_met": w.fill(f"{care.carer} will meet {{child}}'s day-to-day needs; "
                                    "the plan says who decides what, and how {child} "
                                    "keeps in touch with the people who matter to "
                                    "{them}."),
            "child_views": views(care.placement_plan)},
            "Placement plan agreed", f"Placement plan agreed with {care.carer}, the foster "
            "carer."))
    # Who the child sees, and what those with parental responsibility think (reg 5).
    if uasc:
        said_by_family = {
            "contact": w.fill("{child} has no family in the country; with {their} "
                              "agreement, the Red Cross is asked to trace them, and "
                              "{they} sees friends from {their} community each week."),
            "parents_views": "Nobody with parental responsibility is in the country to ask."}
    elif final_by is None:
        said_by_family = {
            "contact": w.fill("Family time with {parents} as {child} chooses, at home "
                              "during the day, and with {gran} at weekends."),
            "parents_views": w.fill("{parents} do not object to the plan, and want "
                                    "{child} to come home in time; they want to be told "
                                    "how {child} is.")}
    else:
        said_by_family = {
            "contact": w.fill("Family time with {parents} " + family_time(kid, care)
                              + " at the family centre, supervised, and with {gran} once "
                              "a fortnight; telephone calls as the foster carer and "
                              "{child} agree."),
            "parents_views": w.fill("{parents} disagree with the plan and want {child} "
                                    "home; they agree that family time matters most, and "
                                    "come to it.")}
    if care.care_plan:
        out.append(("care_plan", care.care_plan, {
            "agreed_on": care.care_plan,
            "permanence_plan": "long_term_fostering" if uasc else "not_decided",
            "needs": w.fill("{child}'s health, education, identity, and the people who "
                            "matter to {them}, as set out in the assessment."),
            "contingency": "If the placement breaks down, a placement with another of the "
            "council's foster carers, agreed by the manager the same day.",
            "child_views": views(care.care_plan), "iro_name": iro, **said_by_family},
            "Care plan agreed", f"Care plan agreed; {iro} is {name}'s independent "
            "reviewing officer."))
    apart = []
    if not uasc and len(care.reviews) > 1:
        # By the second review the care plan sets where the child will grow up, with a
        # parallel plan beside it (statutory guidance on permanence; the court's too).
        on = care.reviews[1]
        plan_, parallel = in_care.permanence(kid, on, care.lead, care.siblings)
        apart.append(("care_plan", on, {
            "agreed_on": on, "permanence_plan": plan_,
            "needs": w.fill("{child}'s health, education, identity, and the people who "
                            "matter to {them}, as the assessments for the court found."),
            "contingency": ("The parallel plan, worked on at the same time so that "
                            "{child} does not wait: to grow up "
                            + in_care.PLAN_WORDS[parallel] + ".").format(**words),
            "child_views": texts.voice(on), "iro_name": iro, **said_by_family},
            "Care plan reviewed", f"Care plan reviewed at the second looked-after review, "
            f"chaired by {iro}: the permanence plan and the parallel plan are set."))
    for n, (on, kind) in enumerate(care.health):
        arrived = uasc and kind == "initial"  # just arrived: nothing known of it yet
        health = _health(kid, on, kind, arrived, words, n)
        who = "a doctor" if health["done_by_role"] == "doctor" else "a nurse"
        out.append(("health_assessment", on, health,
                    "Initial health assessment" if kind == "initial" else "Review health "
                    "assessment", f"{'Initial' if kind == 'initial' else 'Review'} health "
                    f"assessment by {who} on {on:%-d %B %Y}."))
    for n, on in enumerate(care.peps):
        out.append(("personal_education_plan", on, {
            "done_on": on, "school": kid["school"] or (
                "English classes at the college" if uasc else
                "the early years setting the Virtual School is finding"),
            "designated_teacher": "the designated teacher",
            "virtual_school": "Northbrook Virtual School",
            "targets": _pep_targets(kid, on, uasc, n).format(**words),
            "child_views": views(on)},
            "Personal education plan", f"Personal education plan reviewed on "
            f"{on:%-d %B %Y}, with the Virtual School."))
    for i, on in enumerate(care.reviews):
        under4 = age_on(kid["date_of_birth"], on) < 4
        out.append(("lac_review", on, {
            "review_on": on, "which_review": ("first", "second")[i] if i < 2 else "later",
            "chaired_by": iro, "iro_spoke_privately": "no" if under4 else "yes",
            "participation": (code := "PN0" if under4 else _took_part(kid, i)),
            # A child who did not come (PN5 to PN7) is not among those who took part.
            "attendees": [p for p in ctx["household"] if p != str(kid["id"])]
            if code in ("PN5", "PN6", "PN7") else None,
            "others_present": f"{care.carer} (foster carer); {ctx['worker']} (social "
            "worker)",
            "child_views": views(on),
            "plan_meets_needs": "yes",
            # Asked from 10 (and the year before, so a 10th birthday after the last
            # review still has an answer for the return).
            "convicted": "no" if age_on(kid["date_of_birth"], on) >= 9 else None,
            "decisions": _review_decisions(kid, care, on, i, uasc, final_by,
                                           missing_on).format(**words),
            "next_review_on": _inside(pw.add_months(on, 3 if i == 0 else 6))},
            "Looked-after review", f"Looked-after review {i + 1}, chaired by {iro}."))
    for j, on in enumerate(care.visits):
        age = age_on(kid["date_of_birth"], on)
        # Now and then an older child would rather the carer stayed (their choice, reg 29).
        chose = age >= 8 and (kid["id"] + j) % 7 == 3
        alone = age >= 4 and not chose
        out.append(("lac_visit", on, {
            "visited_on": on, "place": "placement", "requested": "no", "child_seen": "yes",
            "seen_alone": "yes" if alone else "no",
            "not_alone_why": None if alone else "refused" if chose else "inappropriate",
            "not_alone_detail": None if alone else (
                f"{name} wanted {care.carer} to stay this time; we agreed to talk on our "
                "own at the next visit." if chose else f"Aged {age}: seen with {care.carer}"),
            "bedroom_seen": "yes", "child_words": views(on, at_visit=True),
            "observations": _seen(w, texts, care, on).rstrip(".")
            + (f" (we spoke{through})." if through else "."),
            "next_steps": "Next visit within six weeks."}, None, None))
    return sorted(out, key=lambda f: f[1]), apart
