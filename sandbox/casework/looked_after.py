"""Rules of looked-after children's practice a form's own refusals cannot judge: those
that depend on the child's age on the day (PRACTICE.md §4.1, §4.3), and a score that must
be a number in range. Plain functions with no database, shared by recording and tests.
"""

from datetime import date, timedelta

from sandbox.casework.ages import add_months, age_on, birthday

# Reviews (PRACTICE.md §4.2): the second within 3 months of the first, then at most 6
# months apart (sandbox.casework.pathway counts the dates to plan by from these).
SECOND_REVIEW_MONTHS, LATER_REVIEW_MONTHS = 3, 6

# The SSDA903 codes a child's record keeps for its current episode (PRACTICE.md §4.3),
# from which visiting patterns follow.
LEGAL_STATUSES = ("V2", "V3", "V4", "L1", "L2", "L3", "C1", "C2", "E1", "J1", "J2", "J3")
PLACEMENT_TYPES = ("A3", "A4", "A5", "A6", "K1", "K2", "K3", "P1", "P3", "R1", "R2", "R3",
                   "R5", "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5",
                   "U6", "Z11", "Z12", "Z13", "Z14")
_YOUTH_JUSTICE = ("J1", "J2", "J3")
# A new legal status: the child starts to be looked after, or the status changes.
_STATUS_CHANGES = ("S", "L", "U", "B")


def _day(answers: dict, key: str) -> date | None:
    value = answers.get(key)
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _age(born: date, day: date) -> str:
    years = age_on(born, day)
    return f"{years} year{'s' if years != 1 else ''} old"


# What these rules read of the child's record: its dates, and the present legal status.
RECORD_FIELDS = ("looked_after_on", "first_lac_review_on", "last_lac_review_on",
                 "health_assessment_on", "legal_status")


def answer_problems(form_key: str, answers: dict, born: date | None,
                    dates: dict | None = None) -> dict[str, str]:
    """Each question whose answer cannot be right for a child born on `born`, with why,
    in plain words (empty when all is well; the age rules wait for a birth date).
    `dates`: the child's record's RECORD_FIELDS, as they stand before these answers."""
    dates = dates or {}
    if form_key == "lac_review":
        return {**_review_number(answers, dates),
                **({**_review(answers, born), **_convicted(answers, born)} if born else {})}
    if form_key == "health_assessment":
        return {**_which_assessment(answers, dates),
                **_sdq(answers.get("sdq_score"), answers.get("sdq_reason"))}
    if form_key == "missing_from_care":
        return _missing(answers)
    if born is None:
        return {}
    if form_key == "looked_after_start":
        return {**_what_changed(answers, dates), **_episode(answers, born)}
    if form_key == "ceased_looked_after":
        return {**_ceasing(answers, born, dates.get("looked_after_on")),
                **_order_stands(answers, born, dates.get("legal_status"))}
    if form_key == "pathway_plan":
        day = _day(answers, "done_on")
        if day and age_on(born, day) < 16:
            return {"done_on": "A pathway plan is made for a young person from 16. The child "
                               f"was {_age(born, day)} then: plan for their future in the "
                               "care plan."}
    return {}


# Foster care with a relative or friend (903 U1 to U3): a connected person, who may be
# approved as a foster carer only for now (CPR10 regulation 24).
CONNECTED_PERSONS = ("U1", "U2", "U3")


def _episode(answers: dict, born: date) -> dict[str, str]:
    day = _day(answers, "started_on")
    if day is None:
        return {}
    if day < born:
        return {"started_on": "This date is before the child was born."}
    years = age_on(born, day)
    problems = {}
    if years >= 18 and answers.get("reason_new_episode") == "S":
        problems["started_on"] = ("A young person cannot start to be looked after at 18 or "
                                  f"over; they were {_age(born, day)} then.")
    status = answers.get("legal_status")
    if status in _YOUTH_JUSTICE and years < 10:
        problems["legal_status"] = ("A remand, detention or youth rehabilitation order is "
                                    "only for a child aged 10 or over; the child was "
                                    f"{_age(born, day)} then.")
    if status == "C2" and years >= 17 and \
            answers.get("reason_new_episode") in _STATUS_CHANGES:
        problems["legal_status"] = ("A care order cannot be made once a child is 17 (the "
                                    f"child was {_age(born, day)} then). A child already "
                                    "under a care order stays under it.")
    if answers.get("temporary_approval") == "yes" and \
            answers.get("placement_type") not in CONNECTED_PERSONS:
        problems["temporary_approval"] = ("Temporary approval is for a relative or friend "
                                          "caring for the child as a foster carer: choose "
                                          "a placement with a relative or friend (U1 to "
                                          "U3), or answer no.")
    if answers.get("placement_type") == "K3" and years < 16:
        problems["placement_type"] = ("Supported accommodation is only for young people "
                                      f"aged 16 or over; the child was {_age(born, day)} "
                                      "then.")
    if answers.get("s20_agreed_by") == "young_person" and years < 16:
        problems["s20_agreed_by"] = ("Only a young person aged 16 or 17 can agree to "
                                     f"accommodation for themselves; the child was "
                                     f"{_age(born, day)} then. Ask the people with "
                                     "parental responsibility.")
    return problems


# Leaving care in ways that end the council's duties to a care leaver: death, another
# council taking over, adoption, an order giving another carer parental responsibility (a
# special guardianship leaves advice and help only), an age assessment finding an adult,
# a move abroad.
_NOT_A_CARE_LEAVER = ("E2", "E3", "E11", "E12", "E15", "E16", "E41", "E45", "E46", "E47",
                      "E48")


def eligible_on(born: date, looked_after_on: date) -> date:
    """The day a young person in a period of care that began on `looked_after_on` becomes
    eligible for a personal adviser and a pathway plan (CA89 Sch 2 para 19B): 16, and
    looked after for 13 weeks since their 14th birthday (in this period: an earlier one
    can only bring it forward)."""
    return max(birthday(born, 16), max(looked_after_on, birthday(born, 14)) +
               timedelta(weeks=13))


def eligible(born: date, looked_after_on: date | None, ceased_on: date) -> bool:
    """Whether the young person leaving care on `ceased_on` is owed a personal adviser and
    a pathway plan (CA89 s23A, s23C): eligible by then, or, when the period's start is
    not known, leaving at 16 or over."""
    if looked_after_on is None:
        return age_on(born, ceased_on) >= 16
    return ceased_on >= eligible_on(born, looked_after_on)


def _ceasing(answers: dict, born: date, looked_after_on: date | None) -> dict[str, str]:
    day, next_ = _day(answers, "ceased_on"), answers.get("what_next")
    if day is None or not next_:
        return {}
    if next_ == "leaving_care" and age_on(born, day) < 16:
        return {"what_next": "Support as a care leaver, with a pathway plan, is for a young "
                             "person who stops being looked after at 16 or over. The child "
                             f"was {_age(born, day)} then: choose a Child in Need plan, or "
                             "the case closes."}
    if next_ == "closed" and answers.get("reason_ceased") not in _NOT_A_CARE_LEAVER and \
            eligible(born, looked_after_on, day):
        return {"what_next": "This young person is a care leaver: the council stays in "
                             "touch through a personal adviser and a pathway plan until at "
                             "least 21. Choose support as a care leaver rather than closing "
                             "the case."}
    return {}


# Orders that keep a child looked after until the court ends them, or the child is 18
# (CA89 s91(12), s38; ACA 2002 s21); and the ways of leaving care that do not end one
# themselves (an adoption, a child arrangements or special guardianship order does).
_ORDERS = {"C1": "An interim care order", "C2": "A care order", "E1": "A placement order",
           "D1": "A freeing order"}
# (Custody, adult care or another council taking over leave a care order standing until
# the court or the child's 18th birthday ends it, too.)
_LEAVING_UNDER_AN_ORDER = ("E4A", "E4B", "E13", "E5", "E6", "E7", "E8", "E9", "E16")


def _order_stands(answers: dict, born: date, status: str | None) -> dict[str, str]:
    day = _day(answers, "ceased_on")
    if status not in _ORDERS or day is None or age_on(born, day) >= 18 or \
            answers.get("reason_ceased") not in _LEAVING_UNDER_AN_ORDER or \
            answers.get("order_ended") == "yes":
        return {}
    return {"order_ended": f"{_ORDERS[status]} lasts until the court ends it, or the child "
                           "is 18, and while it lasts the child stays looked after, "
                           "wherever they live: record a move as a new episode with the "
                           "new placement (with a parent, P1; with a relative or friend "
                           "approved as a foster carer, U1 to U3; in custody, R5). If the "
                           "court has ended the order, say so here."}


def _missing(answers: dict) -> dict[str, str]:
    """A missing episode in order: gone, back, then the return interview offered."""
    gone, back = _day(answers, "started_on"), _day(answers, "ended_on")
    offered = _day(answers, "return_interview_on")
    if gone and back and back < gone:
        return {"ended_on": "The child came back before they went missing: check both "
                            "dates."}
    if back and offered and offered < back:
        return {"return_interview_on": "The return interview is offered after the child "
                                       "comes back: check the dates."}
    held = _day(answers, "return_interview_held_on")
    if held and ((offered and held < offered) or (back and held < back)):
        return {"return_interview_held_on": "The return interview is held after it is "
                                            "offered and after the child comes back: "
                                            "check the dates."}
    return {}


def _what_changed(answers: dict, dates: dict) -> dict[str, str]:
    """The reason for a new episode says what changed (903 RNE): the legal status changes
    with L, U and B, and stays the same with P and T; agreement to accommodation comes
    before it begins."""
    problems = {}
    reason, status = answers.get("reason_new_episode"), answers.get("legal_status")
    before = dates.get("legal_status")
    if before and status and reason in ("L", "U", "B") and status == before:
        problems["reason_new_episode"] = (
            f"The legal status is still {status}: choose the reason that says what changed "
            "(the placement only), or give the new legal status.")
    if before and status and reason in ("P", "T") and status != before:
        problems["reason_new_episode"] = (
            f"The legal status changed from {before} to {status}: choose a reason that "
            "includes the change of legal status.")
    agreed, began = _day(answers, "s20_consent_on"), _day(answers, "started_on")
    if agreed and began and agreed > began:
        problems["s20_consent_on"] = ("The agreement comes before the child is "
                                      "accommodated: this date is after the day the "
                                      "episode began.")
    return problems


def _which_assessment(answers: dict, dates: dict) -> dict[str, str]:
    """The initial health assessment comes first in each period of care, and once."""
    kind, start = answers.get("kind"), dates.get("looked_after_on")
    done = dates.get("health_assessment_on")
    done = done if done and start and done >= start else None
    if start is None or not kind:
        return {}
    if kind == "initial" and done:
        return {"kind": f"The initial health assessment of this period of care was done on "
                        f"{done:%-d %B %Y}: this is a review health assessment."}
    if kind == "review" and not done:
        return {"kind": "No health assessment is recorded yet in this period of care: "
                        "this is the initial one, done by a doctor."}
    return {}


def _review_number(answers: dict, dates: dict) -> dict[str, str]:
    """Which review this is follows from the reviews already held in this period of care
    (the first sets the dates of the second and the rest, PRACTICE.md §4.2)."""
    which, start = answers.get("which_review"), dates.get("looked_after_on")
    first, last = (dates.get(k) for k in ("first_lac_review_on", "last_lac_review_on"))
    held, following = _day(answers, "review_on"), _day(answers, "next_review_on")
    if held and start and held < start:
        return {"review_on": f"The child became looked after on {start:%-d %B %Y}: a "
                             "looked-after review is held after that."}
    if held and following and which:
        months = SECOND_REVIEW_MONTHS if which == "first" else LATER_REVIEW_MONTHS
        latest = add_months(held, months)
        if following > latest:
            return {"next_review_on": f"The next review is due within {months} months of "
                                      f"this one, by {latest:%-d %B %Y}."}
        if following <= held:
            return {"next_review_on": "The next review comes after this one."}
    if not which or start is None:
        return {}
    first = first if first and first >= start else None
    if which == "first" and first:
        return {"which_review": f"The first review of this period of care was held on "
                                f"{first:%-d %B %Y}: this is the second, or a later one."}
    if which in ("second", "later") and not first:
        return {"which_review": "No review is recorded yet in this period of care: this "
                                "is the first."}
    if which == "second" and last and last > first:
        return {"which_review": "The second review has been held: this is a later one."}
    if which == "later" and last == first:
        return {"which_review": "Only the first review has been held: this is the second."}
    return {}


def _review(answers: dict, born: date) -> dict[str, str]:
    day, code = _day(answers, "review_on"), answers.get("participation")
    if day is None or not code:
        return {}
    if age_on(born, day) < 4 and code != "PN0":
        return {"participation": "The child was under 4 at the review, so how they took "
                                 "part is recorded as 'under 4' (PN0); say how you heard "
                                 "them in their wishes and feelings."}
    if age_on(born, day) >= 4 and code == "PN0":
        return {"participation": f"The child was {_age(born, day)} at the review: choose "
                                 "how they took part ('under 4' is only for a child under "
                                 "4)."}
    return {}


def _convicted(answers: dict, born: date) -> dict[str, str]:
    day = _day(answers, "review_on")
    if day and answers.get("convicted") == "yes" and age_on(born, day) < 10:
        return {"convicted": "A child under 10 cannot be convicted or cautioned (the age of "
                             f"criminal responsibility is 10); the child was {_age(born, day)} "
                             "then."}
    return {}


def _sdq(score, reason) -> dict[str, str]:
    """The Strengths and Difficulties Questionnaire's total is a whole number, 0 to 40;
    a reason for having none goes with no score."""
    if score in (None, ""):
        return {}
    text = str(score).strip()
    if not text.isdigit() or not 0 <= int(text) <= 40:
        return {"sdq_score": "Give the total score as a whole number from 0 to 40, or "
                             "leave it blank if no questionnaire was done."}
    if reason:
        return {"sdq_reason": "A score is given, so leave the reason for having none "
                              "blank."}
    return {}
