"""Management oversight at each of the case's key decisions, as the manager records it:
its own dated entry with the decision, the reasons and the action that follows, with its
date (PRACTICE.md section 7). The generator's other oversight and supervision notes
follow the plan; these sit on the days the decisions were made, so each case's history
fits how far it got.

Each note draws from its own random stream (from the case and the decision), never the
family's: adding these notes leaves every other generated record as it was.
"""

import bisect
import random
from datetime import date
from functools import lru_cache

from . import days, in_care

# What the manager decided at each pathway step (seed.timeline Event.step): ways of
# saying it, and the action that follows with the working days it is due within.
DECISIONS = {
    "referral": (("I agreed to accept the contact as a referral for a Child and Family "
                  "Assessment", "I decided the contact needs a Child and Family Assessment, "
                  "and the family agreed to one", "I accepted the referral: we will assess "
                  "what {child} needs"),
                 ("the allocated social worker sees {child} by {due}",
                  "{child} is seen, and alone if old enough, by {due}",
                  "the assessment visit is made by {due}"), 5),
    # No oversight of the strategy discussion: the team manager chairs it, and the
    # decision and its reasons are in its own record (oversight is of what someone else
    # recommended: scenarios/manager-strategy-oversight.yaml).
    "section47_done": (("I agreed the enquiry's conclusion that {child} is likely to suffer "
                        "significant harm, so a conference will be held",
                        "I signed off the enquiry: the worries are substantiated and a "
                        "conference is needed", "the enquiry found continuing risk of "
                        "significant harm, and I agreed to convene a conference"),
                       ("the report to conference is shared with the family by {due}",
                        "the parents read the report with the social worker by {due}",
                        "the conference invitations go out by {due}"), 3),
    "section47_no_conference": (("I agreed the enquiry's conclusion that no conference is "
                                 "needed", "I signed off the enquiry: harm was found but no "
                                 "continuing risk that needs a conference",
                                 "the enquiry is concluded without a conference, and I "
                                 "agreed that"),
                                ("the Child in Need plan is agreed with the family by {due}",
                                 "the family and the referrer hear the outcome by {due}",
                                 "the first plan meeting is held by {due}"), 5),
    "cin_plan": (("I authorised the assessment's outcome: a Child in Need plan",
                  "I agreed the assessment and that {child} is a child in need",
                  "the assessment is concluded and authorised, with a Child in Need plan"),
                 ("the first plan review is held by {due}", "the plan is shared with the "
                  "family by {due}", "each agency confirms its part in the plan by {due}"),
                 10),
    "closed": (("I decided the contact needs no further action from children's social "
                "care, with advice for the family", "I agreed with the front-door worker: "
                "no further action, and the family given advice and the family hub's "
                "details", "the contact does not meet the threshold for a referral, so I "
                "closed it with advice"),
               ("the referrer is told the outcome by {due}", "the family has the letter "
                "with the advice by {due}", "the referrer hears the decision by {due}"), 1),
    "early_help": (("I agreed that Early Help is the right response, with the family's "
                    "agreement", "I decided the family's needs are for Early Help, not "
                    "children's social care", "I passed the contact to Early Help, which "
                    "the family agreed to"),
                   ("the family hub names a lead practitioner by {due}", "the referrer "
                    "is told by {due}", "the lead practitioner contacts the family by "
                    "{due}"), 1),
    "assessment_nfa": (("I authorised the assessment: {child} is not a child in need and "
                        "the case closes with no further action (RC8)", "I agreed the "
                        "assessment's conclusion of no further action", "the assessment "
                        "is authorised and the case closed (RC8)"),
                       ("the closure letter goes to the family by {due}", "the referrer "
                        "and the GP are told by {due}", "the closure summary is on the "
                        "record by {due}"), 2),
    "assessment_eh": (("I authorised the assessment and a step down to Early Help (RC9)",
                       "I agreed the family's needs are met by Early Help, which they "
                       "accepted", "the assessment is authorised: the case goes to Early "
                       "Help (RC9)"),
                      ("the handover meeting with the lead practitioner is held by {due}",
                       "the family hub confirms the lead practitioner by {due}",
                       "the referrer is told by {due}"), 3),
    "step_down": (("I agreed with the review conference that the child protection plan ends",
                   "the plan can end: the conference and I agreed the risk has reduced",
                   "I supported the conference's decision to end the plan"),
                  ("the step-down plan is shared with the family by {due}",
                   "the step-down meeting is held by {due}",
                   "the family's support network meets by {due}"), 5),
}
# Harm outside the family with parents who protect: the plan is a Child in Need plan.
OUTSIDE = ("criminal_exploitation", "sexual_exploitation")
OUTSIDE_NO_CONFERENCE = (
    "I agreed the enquiry's conclusion: the danger to {child} is from adults outside the "
    "family, {carer} is protecting {child}, and a conference would add nothing, so a Child "
    "in Need plan with the exploitation panel",
    "I signed off the enquiry without a conference: {carer} has acted to protect {child} "
    "at every step, and the police are disrupting the adults outside the family",
)
# Why, in the words of the worry the case is about (pathway.CONCERNS).
REASONS = {
    "neglect": ("the home conditions and missed health appointments",
                "how often {child} goes without meals, clean clothes or a warm home",
                "how often {child} has been found hungry"),
    "domestic_abuse": ("the police call-outs to the home after {man}'s violence",
                       "what {child} has seen and heard of {man}'s violence towards {carer}",
                       "the risk assessment of {man}'s abuse, and what {carer} has told us "
                       "of it"),
    "parental_mental_health": ("how {carer}'s illness affects the care of {child}",
                               "the crisis team's involvement and who looks after {child} then",
                               "the gaps in care when {carer} is unwell"),
    "substance_misuse": ("the drinking and drug use reported around {child}",
                         "who cares for {child} when the parents are using",
                         "the treatment service's information"),
    "physical_harm": ("the injury and the explanations given for it",
                      "the bruising that was seen and when",
                      "the paediatric opinion on the marks"),
    "emotional_harm": ("how {child} is spoken to and about at home",
                       "the worries about {child}'s low mood",
                       "how {child} is left out of family life"),
    "sexual_harm": ("the disclosure and who it was made to",
                    "the police information about the household",
                    "the adults around {child} and what is known of them"),
    "criminal_exploitation": ("the missing episodes and the adults {child} is seen with",
                              "the police intelligence and {child}'s unexplained money",
                              "the county lines risk the police described"),
    "sexual_exploitation": ("the older adults contacting {child} online",
                            "the missing episodes and where {child} was found",
                            "the police information about the adults who have been "
                            "meeting {child}"),
}
REASONS["unaccompanied"] = ("{child} arriving in the country alone, with nobody with "
                            "parental responsibility here",
                            "what the police and the Home Office told us of {child}'s "
                            "journey")
# Why a plan can end: the change, over time, that the worry needed (never the worry itself).
CHANGE = {
    "neglect": "{child} fed, clean and warm each day, and at every health appointment",
    "domestic_abuse": "no police call-outs since {man} left the home, {man} attending the "
                      "perpetrator programme, and {carer}'s safety plan holding",
    "parental_mental_health": "{carer}'s treatment holding, with a family plan for who "
                              "cares for {child} if {carer} becomes unwell again",
    "substance_misuse": "clear drug and alcohol tests, and a sober adult caring for {child} "
                        "each day",
    "physical_harm": "no new marks or injuries, and {child} settled and at ease at home",
    "emotional_harm": "{child} spoken to warmly at home, and more settled each time we visit",
    "sexual_harm": "the adult who harmed {child} kept away, and the protective parent acting on "
                   "every worry",
    "criminal_exploitation": "no missing episodes, and {child} back in school and away from "
                             "the adults who exploited {child}",
    "sexual_exploitation": "no missing episodes or contact from the adults who exploited "
                           "{child}, and {child} working with the specialist worker",
}
CHANGE_SEEN = ("the core group's reviews since the plan began, which found {what},",
               "the last six months of visits and core groups: {what},",
               "the change the plan asked for, seen at each visit since: {what},")
OPENERS = ("Having read {what},", "Weighing {what},", "Given {what},", "From {what},")


# What each decision's oversight is about, in each form set's words (the oversight form's
# `about` question: streamlined value, legacy option).
ABOUT = {"referral": ("front_door", "Contact / MASH decision"),
         "closed": ("front_door", "Contact / MASH decision"),
         "early_help": ("front_door", "Contact / MASH decision"),
         "section47_done": ("enquiry", "Section 47 outcome"),
         "section47_no_conference": ("enquiry", "Section 47 outcome"),
         "cin_plan": ("assessment", "Assessment authorisation"),
         "assessment_nfa": ("assessment", "Assessment authorisation"),
         "assessment_eh": ("assessment", "Assessment authorisation"),
         "step_down": ("closure", "Closure / step down")}


def _oversight_form(on: date, manager: dict, kid: dict, step: str, decided: str,
                    reasons: str, action: str, due: date, worker: str) -> dict:
    """The oversight form's answers (the keys of both form sets), as the manager submits it
    beside the note: the app's own submission writes the same note and chronology line."""
    about, legacy_about = ABOUT[step]
    return {
        "overseen_on": on, "mor_date": on, "manager": manager["name"],
        "mor_manager": manager["name"], "about": about, "mor_type": legacy_about,
        "worker_view": "agree", "mor_sw_agreed": "Yes",
        "mor_sw_agreed_reason": reasons, "mor_discussed_with_sw": "Yes",
        "mor_chronology_reviewed": "Yes", "mor_file_reviewed": "Yes",
        "decision": decided, "mor_decision": decided,
        "reasons": reasons, "mor_rationale": reasons,
        "actions": [{"action": action, "owner": worker, "due_on": due.isoformat()}],
        "mor_actions": [{"action": action, "responsible": worker,
                         "timescale": due.isoformat()}],
        "mor_child_name": kid["first_name"], "mor_allocated_sw": worker,
    }


def decision_notes(rows, case_id: int, tl, manager: dict, kid: dict, concern: str,
                   as_of, man: str = "", carer: str = "", record=None,
                   worker: str = "") -> None:
    """A management oversight note on the day of each key decision the case reached, and
    with `record(day, answers, rng)` its oversight form and chronology line too."""
    for event in tl.events:
        if event.step not in DECISIONS or event.on > as_of or \
                event.on < kid["date_of_birth"]:
            continue
        rng = random.Random(f"{case_id}/oversight/{event.step}/{event.on}")
        decided, actions, within = DECISIONS[event.step]
        if event.step == "section47_no_conference" and concern in OUTSIDE:
            decided = OUTSIDE_NO_CONFERENCE
        if event.step == "step_down":  # an ending rests on the change, seen over time
            opener = "From " + rng.choice(CHANGE_SEEN).format(
                what=CHANGE.get(concern, CHANGE["neglect"]))
        else:
            opener = rng.choice(OPENERS).format(
                what=rng.choice(REASONS.get(concern, REASONS["neglect"])))
        chose, action = rng.choice(decided), rng.choice(actions)
        due = days.add_working_days(event.on, within)

        def said(text: str, due=due) -> str:
            text = text.format(child=kid["first_name"], man=man, carer=carer,
                               due=f"{due:%-d %B %Y}")
            return text[0].upper() + text[1:]

        body = said(f"{opener} {chose}; action: {action}.")
        rows.add("case_notes", case_id=case_id, author_id=manager["id"],
                 written_on=event.on, kind="Management oversight",
                 subject=f"Management oversight – {kid['first_name']}", body=body)
        if record is not None:
            record(event.on, _oversight_form(
                event.on, manager, kid, event.step, said(f"{chose}."),
                said(f"{opener} {chose}."), said(action), due, worker), rng)


# Case supervision (the supervision form, recorded by the team manager): every four to six
# weeks while the case is open to children's social care, each reviewing what happened to
# the last one's actions, reflecting on what might be missed, deciding, and setting
# actions with an owner and a date (PRACTICE.md section 7; WT23 on supervision).
# A worker's supervision is one meeting about all their children, every four weeks on
# the worker's own cycle (within six weeks: I17.12), so each child's supervisions fall on
# the days their worker was supervised.
SUPERVISION_CYCLE_WD = 20
_CYCLE_FROM = date(2015, 1, 5)


@lru_cache(maxsize=1024)
def _cycle(worker_id: int) -> tuple[date, ...]:
    day = days.add_working_days(_CYCLE_FROM, 2 + worker_id % SUPERVISION_CYCLE_WD)
    out = []
    while day.year < 2031:
        out.append(day)
        day = days.add_working_days(day, SUPERVISION_CYCLE_WD)
    return tuple(out)


def _supervised_on_or_after(worker_id: int, day: date) -> date:
    cycle = _cycle(worker_id)
    found = bisect.bisect_left(cycle, day)
    return cycle[found] if found < len(cycle) else days.add_working_days(
        day, SUPERVISION_CYCLE_WD)
REFLECTION = {
    "neglect": ("Things are better while we visit often; the question is whether they last "
                "when we step back, so the next month's visits will be at different times.",
                "We may be reading {carer}'s tiredness as a lack of care; the health "
                "visitor's view and the school's will test that."),
    "domestic_abuse": ("{man}'s pattern is the danger, not {carer}'s choices: the plan's "
                       "actions must stay on him, and I asked that the record says so.",
                       "We have heard {carer}'s account many times and {man}'s only once; "
                       "without his, the plan rests on her alone."),
    "parental_mental_health": ("The plan has worked on good weeks; we have not yet seen a "
                               "bad week with it in use, so we cannot yet say it is safe.",
                               "We are relying on {gran}; if {gran} is unwell or away there "
                               "is nobody else named, and that is the gap to close."),
    "substance_misuse": ("Clear tests are encouraging, but two months is not long against "
                         "years of use; the evenings are when the danger is greatest.",
                         "Nobody has seen the home late in the evening yet; an unannounced "
                         "visit then would tell us more than another test."),
    "physical_harm": ("The explanation for the injury has not changed, and nobody has yet "
                      "seen {man} angry; that is not the same as {child} being safe.",
                      "We know how {man} says he manages anger; we do not yet know what "
                      "{child} sees when he does."),
    "emotional_harm": ("The shouting has eased, but {child}'s view of {them}self will take "
                       "longer to change than the adults' words.",
                       "We hear mostly from the adults; {child}'s own account of home is "
                       "the one to seek out."),
    "sexual_harm": ("The plan depends on the adults knowing who visits; we should check it "
                    "with the people in the network, not only with {carer}.",
                    "{child} has told us little in words; we must not read that silence as "
                    "nothing having happened."),
    "criminal_exploitation": ("{child} is not choosing this: the adults exploiting {them} "
                              "are, and the record must say so. What matters is how fast the "
                              "adults around {child} notice, and who {they} will call.",
                              "The police disruption helps, but the line can reach {child} "
                              "online; the youth worker's relationship may protect {them} "
                              "more than any rule."),
    "sexual_exploitation": ("{child} is being groomed, not in a relationship: the record "
                            "must name the adults' behaviour. Trust with {their} worker is "
                            "the protection that lasts.",
                            "Going missing is the sign to watch; {carer}'s quick reports "
                            "are what has kept {child} safe so far."),
}
def running_on(text: str, names) -> str:
    """A sentence carried on after a comma or a semicolon: its first letter small, unless
    it begins with "I" or with someone's name."""
    if text.startswith(("I ", "I'")) or any(n and text.startswith(n) for n in names):
        return text
    return text[0].lower() + text[1:]


REFLECTION["unaccompanied"] = (
    "{child} has told us little of the journey, and may not yet trust us with it. That is "
    "no reason to wait on trafficking: the referral to the National Referral Mechanism is "
    "made, and the missing-from-care plan is with {their} carer, because the people who "
    "brought {them} may try to reach {them}.",
    "The asylum claim will shape everything for {child}: the solicitor's "
    "dates need to be in the care plan, and {child} needs to know them too.")
REFLECTION_ANY = (
    "{dad}'s view is the one we know least; without it the plan rests on {carer} alone.",
    "The family network is small; if {gran} cannot help there is nobody else named yet.",
    "We agreed to look at the chronology together: the pattern over a year says more than "
    "the last month.",
    "{worker} said the visits feel like checking up; we talked about how to make them "
    "useful to {carer} too.",
)
SUPERVISION_ACTIONS = (
    ("See {child} on {their} own and write down {their} words", "worker", 10),
    ("Meet {dad} on {d_his} own about {d_his} part in the plan", "worker", 10),
    ("Make an unannounced visit at a different time of day", "worker", 10),
    ("Ask the GP and the school for a written update", "worker", 15),
    ("Bring the chronology up to date with the last month's events", "worker", 10),
    ("Hold the family network meeting with {gran}", "worker", 20),
    ("Read the last three visit records before the next supervision", "manager", 15),
    ("Check that each agency has done its part of the plan", "worker", 15),
)
MET = ("In supervision with {worker} on {day}, one to one", "{worker} and I met for "
       "supervision on {day}", "At case supervision with {worker} on {day}",
       "Supervision with {worker} on {day}, in the team office")
CHECKED = ("we went through the actions agreed on", "we checked what happened to the "
           "actions from", "we looked first at the actions of", "starting with the "
           "actions set on")
DECIDED = (
    "I am satisfied the plan is the right one for now; it continues as agreed.",
    "The plan continues, but the visits are to include one at a different time of day.",
    "The plan continues; I will read the record again before the next supervision.",
    "Nothing new calls for a strategy discussion; the plan continues with the actions "
    "below.",
    "I agreed with {worker} that the work is on track; we will look again at the next "
    "supervision.",
)


def _in_care_pools(rng, words: dict, kid: dict, in_care_from: date, uasc: bool):
    """The reflections, decisions and actions of a looked-after child's supervision
    (seed.in_care), shuffled, without a baby's words; the words they are filled with, and
    the worry of care."""
    kind = "uasc" if uasc else "proceedings" if in_care.in_proceedings(
        kid["date_of_birth"], in_care_from) else "accommodated"
    young = (in_care_from - kid["date_of_birth"]).days < 4 * 365
    reflections = [r for r in in_care.REFLECTION[kind]
                   if not (young and "thinks" in r)]
    actions = [a for a in in_care.ACTIONS[kind] if not (young and "views" in a[0])
               and not (uasc and "{gran}" in a[0])]
    decisions = list(in_care.DECIDED[kind])
    for pool in (reflections, decisions):
        rng.shuffle(pool)
    said = {**words, "final_by": "" if kind != "proceedings" else
            f"{in_care.final_hearing_by(in_care_from):%-d %B %Y}"}
    worry = in_care.WORRIES[kind].format(**said)
    return reflections, decisions, actions, said, worry


def supervision_history(start, end, manager: dict, worker: dict, kid: dict, concern: str,
                        words: dict, case_id: int, legacy: bool,
                        in_care_from: date | None = None, uasc: bool = False):
    """The case's supervisions from its allocation (`start`) to `end`: a list of (day,
    the form's values for both form sets, the note the form writes). Its own random
    stream, so it changes no other record. From `in_care_from`, the child is looked
    after: the supervision is of the care plan (and the care proceedings, or for an
    unaccompanied young person, `uasc`, the asylum claim), never of a child at home."""
    rng = random.Random(f"{case_id}/supervision")
    out = []
    day = _supervised_on_or_after(worker["id"], days.add_working_days(start, 6))
    carried: list[tuple[str, str, int]] = []
    last = None
    reflections = list(REFLECTION.get(concern, REFLECTION["neglect"])) + list(REFLECTION_ANY)
    # Under four, a child's words are not what we look for (PRACTICE.md §5).
    young = (start - kid["date_of_birth"]).days < 4 * 365
    if young:
        reflections = [r for r in reflections if "in words" not in r
                       and "own account" not in r] or reflections
    if "dad" not in words:  # no parent here to speak with (an unaccompanied child)
        reflections = [r for r in reflections if "{dad}" not in r]
    rng.shuffle(reflections)
    names = [v for v in (*words.values(), worker["name"], manager["name"], kid["first_name"])
             if isinstance(v, str) and v[:1].isupper()]
    decisions = list(DECIDED)
    rng.shuffle(decisions)
    in_care_pools = _in_care_pools(random.Random(f"{case_id}/supervision/in-care"), words,
                                   kid, in_care_from, uasc) if in_care_from else None
    counted = 0  # supervisions with the pools in use (a new count once in care)
    just_done: list = []  # not set again at the supervision that found them done
    switched = False
    while day <= end:
        if day < kid["date_of_birth"]:
            day = _supervised_on_or_after(worker["id"], days.add_working_days(day, 1))
            continue
        nxt = _supervised_on_or_after(worker["id"], days.add_working_days(day, 1))
        ended = []
        if in_care_pools is not None and day >= in_care_from:
            if not switched:  # come into care: what was asked for at home is not to do
                reflections, decisions = in_care_pools[:2]
                ended, carried, counted, switched = list(carried), [], 0, True
            pool, said_words, worried = in_care_pools[2:]
        else:
            pool, said_words, worried = SUPERVISION_ACTIONS, words, words["worry"] + "."

        def fill(text: str, said_words=said_words) -> str:
            text = text.format(**said_words)
            return text[0].upper() + text[1:]

        met = rng.choice(MET).format(worker=worker["name"], day=f"{day:%A %-d %B %Y}")
        if last is None:
            previous = (f"{met}, the first since {kid['first_name']}'s case was allocated "
                        f"on {start:%-d %B %Y}.")
        else:
            done = [a for a in carried if rng.random() < 0.75]
            just_done = done
            late = [a for a in carried if a not in done]
            parts = [f"{fill(a[0])}: done" for a in done] + [
                f"{fill(a[0])}: not yet, carried forward" for a in late] + [
                f"the actions set while {kid['first_name']} lived at home: replaced by "
                f"the care plan's, now that {words['they']} is looked after"] * bool(ended)
            previous = f"{met}, {rng.choice(CHECKED)} {last:%-d %B %Y}: " + \
                "; ".join(parts[:1] + [running_on(p, names) for p in parts[1:]]) + "."
            carried = late
        options = [a for a in pool if a not in carried and a not in just_done
                   and not (young and "own and write down" in a[0])
                   and ("{dad}" not in a[0] or "dad" in words)]
        carried = carried + rng.sample(options, min(len(options), 2 - min(1, len(carried))))
        # One thought to a sentence, so that no sentence comes twice in the record.
        reflection = fill(reflections[counted % len(reflections)]).replace(". ", "; ")
        if counted >= len(reflections):  # a long case: say when we came back to it
            reflection = f"Coming back to it on {day:%-d %B %Y}, " + running_on(reflection,
                                                                                names)
        agreed = fill(decisions[counted % len(decisions)]).replace(". ", "; ")
        if counted >= len(decisions):
            agreed = f"Decision on {day:%-d %B %Y}: " + running_on(agreed, names)
        actions = [{"action": fill(a), "owner": worker["name"] if who == "worker"
                    else manager["name"],
                    "due_on": days.add_working_days(day, within).isoformat()}
                   for a, who, within in carried]
        values = {
            "supervised_on": day, "sup_date": day, "supervisor": manager["name"],
            "sup_supervisor": manager["name"], "worker": worker["name"],
            "sup_supervisee": worker["name"], "format": "one_to_one",
            "sup_type": "Formal 1:1", "sup_venue": "Team office",
            "sup_duration": "45 minutes", "sup_previous_date": last,
            "previous_actions": previous, "sup_previous_actions": previous,
            "sup_cases": kid["first_name"] + " " + kid["last_name"],
            "worries": worried, "sup_risks": worried,
            "reflection": reflection, "sup_reflection": reflection,
            "agreed": agreed, "sup_decisions": agreed,
            "actions": actions,
            "sup_actions": [{"action": a["action"], "responsible": a["owner"],
                             "timescale": a["due_on"]} for a in actions],
            "next_supervision_on": nxt if nxt <= end else None,
            "sup_next_date": nxt if nxt <= end else None,
            "sup_visits_in_timescale": "Yes", "sup_plan_on_track": "Yes",
            "worker_name": worker["name"], "worker_team": worker["team"],
            "manager_name": manager["name"], "date_completed": day,
        }
        said = "; ".join(f"{a['action']} ({a['owner']}, by "
                         f"{date.fromisoformat(a['due_on']):%-d %B %Y})" for a in actions)
        body = "\n\n".join((
            previous,
            reflection.rstrip(".") + "; " + running_on(agreed, names),
            f"Actions: {said}."))
        out.append((day, values, body))
        last, day, counted = day, nxt, counted + 1
    return out
