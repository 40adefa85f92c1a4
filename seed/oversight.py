"""Management oversight at each of the case's key decisions, as the manager records it:
its own dated entry with the decision, the reasons and the action that follows, with its
date (PRACTICE.md section 7). The generator's other oversight and supervision notes
follow the plan; these sit on the days the decisions were made, so each case's history
fits how far it got.

Each note draws from its own random stream (from the case and the decision), never the
family's: adding these notes leaves every other generated record as it was.
"""

import random

from . import days

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
    "strategy": (("after the strategy discussion with the police and health I decided that "
                  "a Section 47 enquiry begins today", "with the police and health we agreed "
                  "there is reasonable cause to suspect significant harm, so an enquiry "
                  "starts today", "I chaired the strategy discussion; the threshold for an "
                  "enquiry is met and it has begun"),
                 ("the family is told what was decided, and {child} seen, by {due}",
                  "{child} is seen by {due}, and the parents told of the enquiry",
                  "the social worker sees {child} by {due}, with the police if the "
                  "enquiry is joint"), 1),
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


def decision_notes(rows, case_id: int, tl, manager: dict, kid: dict, concern: str,
                   as_of, man: str = "", carer: str = "") -> None:
    """A management oversight note on the day of each key decision the case reached."""
    for event in tl.events:
        if event.step not in DECISIONS or event.on > as_of or \
                event.on < kid["date_of_birth"]:
            continue
        if event.step == "strategy" and not tl.dates.get("section47_started_on"):
            continue  # the discussion's enquiry is not on record: no decision to oversee
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
        text = f"{opener} {rng.choice(decided)}; action: {rng.choice(actions)}."
        body = text.format(child=kid["first_name"], man=man, carer=carer,
                           due=f"{days.add_working_days(event.on, within):%-d %B %Y}")
        rows.add("case_notes", case_id=case_id, author_id=manager["id"],
                 written_on=event.on, kind="Management oversight",
                 subject=f"Management oversight – {kid['first_name']}",
                 body=body[0].upper() + body[1:])
