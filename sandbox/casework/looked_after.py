"""Rules of looked-after children's practice that depend on the child's age on the day
(PRACTICE.md §4.1, §4.3): answers a form's own refusals cannot judge, since they need the
child's date of birth. Plain functions with no database, shared by recording and tests.
"""

from datetime import date

from sandbox.casework.ages import age_on

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


def age_problems(form_key: str, answers: dict, born: date | None) -> dict[str, str]:
    """Each question whose answer cannot be right for a child born on `born`, with why,
    in plain words (empty when all is well, or the child's birth date is not known)."""
    if born is None:
        return {}
    if form_key == "looked_after_start":
        return _episode(answers, born)
    if form_key == "lac_review":
        return _review(answers, born)
    if form_key == "pathway_plan":
        day = _day(answers, "done_on")
        if day and age_on(born, day) < 16:
            return {"done_on": "A pathway plan is made for a young person from 16. The child "
                               f"was {_age(born, day)} then: plan for their future in the "
                               "care plan."}
    return {}


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
