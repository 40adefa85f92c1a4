"""What a looked-after child's records say once they are in care (PRACTICE.md §4, §5): the
child's words and what a visit saw, in the words of the placement and for the child's
age (a baby is watched, never quoted); the supervision, oversight and phone calls of a
child in care proceedings or an unaccompanied young person, never of a child at home.

Each text is drawn with random numbers of its own, from the child and the day, so the
rest of the synthetic world stays as it was. A child's texts never repeat a sentence:
each pool is gone through in a shuffled order, and a text used again is dated.
"""

import random
from datetime import date, timedelta

from . import days, stories

# Care proceedings (PRACTICE.md §4.3; Children and Families Act 2014 s14): the court
# decides within 26 weeks of the application; the interim care order was made at the
# first hearing, a few days after it.
PROCEEDINGS_WEEKS = 26

VOICE = {
    "baby": (
        "{child} is too young to tell us what {they} thinks, so I watched: {they} settled "
        "in {fc}'s arms and followed {fc}'s face as {fc} talked to {them}.",
        "{child} cannot say how {they} feels yet; {they} turned to {fc}'s voice, and "
        "{fc} says {they} now feeds and sleeps in a steady routine.",
        "Too young for words, {child} showed us in {their} own way: {they} smiled at "
        "{fc}, reached for {fc} when I came close, and calmed quickly when held.",
        "{child} babbled on the play mat and looked round for {fc} each time {fc} left "
        "the room; {fc} says {child} is calm after family time and feeds well.",
        "{child} was sleepy after a feed and snuggled into {fc}; what we know of how "
        "{child} is comes from watching {them}, and {they} looked content.",
    ),
    "toddler": (
        "{child} said a few words to me, 'juice' and '{fc}', and took {fc}'s hand to "
        "show me the garden.",
        "{child} showed me {their} toys and said 'mine'; {they} went back to {fc} for a "
        "cuddle when the doorbell rang.",
        "{child} said '{c_mummy}' and pointed at the door after family time; {fc} says "
        "{child} settles quicker after the visits now.",
        "{child} chatted in short words about the park and the swings, and sat close to "
        "{fc} while we talked.",
        "{child} was shy at first, then brought me a book to read; {they} said 'more' "
        "and laughed when I did the voices.",
    ),
    "primary": (
        "{child} said living at {fc}'s is 'all right' and that {they} misses home; "
        "{they} wants family time to stay as it is.",
        "{child} told me {they} likes {their} bedroom at {fc}'s and asked when {they} "
        "will next see {their} family.",
        "{child} asked again why {they} cannot go home; I explained, in words {they} "
        "understood, that a judge is deciding, and {child} asked to be told what happens.",
        "{child} said the best thing at {fc}'s is the dog and the worst is missing "
        "{their} {c_mum}; {they} drew me a picture of both houses.",
        "{child} said school is going well and {they} has a friend in class, and that "
        "{they} wants {fc} to come to the next meeting about {them}.",
        "{child} told me {they} worries about {their} {c_mum} being on {c_his} own, and "
        "was relieved to hear that other people are helping {carer} too.",
    ),
    "teen": (
        "{child} spoke to me on {their} own: {they} gets on with {fc}, wants more say in "
        "family time, and wants to hear from me what the court decides.",
        "{child} said {they} is angry about being in care but feels safer at {fc}'s; "
        "{they} wants to be at the next review to say so {them}self.",
        "{child} told me {they} wants to stay at the same school whatever happens, and "
        "asked that {their} friends are not told why {they} moved.",
        "{child} said {they} wants to see {their} family more often, at weekends, and "
        "asked to speak to the children's guardian before the next hearing.",
        "{child} said {fc}'s rules are fair, though {they} wants a later time to be in; "
        "we agreed to raise it at the placement plan review.",
    ),
    "uasc": (
        "{child} told me, through the interpreter, that {they} feels safe at {fc}'s and "
        "wants to go to college to learn English.",
        "{child} said the food is getting easier and {fc} cooks rice the way {they} "
        "likes; {they} wants to find somewhere to pray on Fridays.",
        "{child} asked about the asylum interview and what the solicitor will need; "
        "{they} wants to know the date as soon as we do.",
        "{child} said {they} sleeps badly some nights, thinking of the journey; {they} "
        "agreed to meet the nurse about it.",
        "{child} told me {they} has made a friend at college who speaks the same "
        "language, and asked if {they} can join the football club.",
        "{child} said {they} has no news of {their} family and wants help to look for "
        "them; we talked about the Red Cross family tracing service.",
    ),
}

SEEN = {
    "baby": (
        "{fc} was feeding {child} when I arrived; {child}'s cot was made up in {fc}'s "
        "room, with clean bedding.",
        "{child}'s cot, clothes and nappies were ready in the nursery at {fc}'s; {child} "
        "was asleep in the pram after a walk.",
        "{fc} showed me the feeding and sleep diary {fc} keeps for family time; {child} "
        "was awake and alert on the play mat.",
        "The health visitor had seen {child} at {fc}'s that week; {child} is gaining "
        "weight and lay content on {fc}'s lap.",
        "{child} was in the bouncer in the kitchen while {fc} made up the bottles; the "
        "home was warm and calm.",
    ),
    "toddler": (
        "{child} was playing with stacking cups on {fc}'s kitchen floor; {their} bed, "
        "with a night light, is in a room of {their} own.",
        "{fc} and {child} were back from nursery; {child} ran to show me {their} "
        "painting, stuck on the fridge.",
        "{child} sat in the high chair for tea and fed {them}self; {fc} has a bedtime "
        "routine that {child} now knows.",
        "The garden at {fc}'s has a gate that locks and a small slide; {child} climbed "
        "it again and again while we talked.",
        "{child}'s room had {their} own blanket from home on the bed, which {fc} keeps "
        "unwashed at {child}'s wish.",
    ),
    "primary": (
        "At {fc}'s, {child} was relaxed; {their} room was warm and had {their} things "
        "in it.",
        "The placement was calm after school; {child}'s school things were by the door "
        "and {fc} talked about the week.",
        "{child} showed me {their} room, which {fc} has let {them} decorate.",
        "{fc} had tea ready; {child} ate with the family and chatted about school.",
        "{child} was in the garden with {fc}'s dog, and came in smiling.",
        "{fc} said {child} sleeps well now; {child}'s room was tidy and {they} seemed "
        "settled.",
    ),
    "teen": (
        "{child} was in {their} room with music on, and came down to talk; the room "
        "had {their} posters up and a desk for homework.",
        "{fc} and {child} had been shopping for school shoes; they were easy together "
        "and laughed about the queue.",
        "{child} was cooking pasta with {fc}, who is teaching {them} a few meals; the "
        "kitchen was busy and calm.",
        "{child} had friends round after school, which {fc} had agreed; the house was "
        "lively and {child} seemed at home.",
        "{child}'s room was tidy and {their} phone was charging downstairs, as agreed "
        "in the placement plan.",
    ),
}
SEEN["uasc"] = SEEN["teen"]

# Case supervision in care: what the manager and the worker reflect on, decide and do.
REFLECTION = {
    "proceedings": (
        "The court's timetable now drives the plan: the final hearing is due by "
        "{final_by}, so every assessment has to be in on time.",
        "The parallel plan must be real, not on paper: if {child} cannot go home, the "
        "family and friends who could care for {them} need assessing now.",
        "{parents} opposed the order at court; family time is where we can keep trust, "
        "so it has to happen as agreed, every time.",
        "The children's guardian asked what {child} thinks; the record of {child}'s "
        "views has to be as strong as the record of the risks.",
        "The placement is settled, and that is a reason to plan permanence sooner, not "
        "to wait.",
    ),
    "uasc": (
        "{child} has told us little of the journey, and may not yet trust us with it; "
        "the referral to the National Referral Mechanism is made, and the missing from "
        "care plan is with {their} carer, because the people who brought {them} may try "
        "to reach {them}.",
        "The asylum claim will shape everything for {child}: the solicitor's dates need "
        "to be in the care plan, and {child} needs to know them too.",
        "{child} is doing well at college, but the nights are hard; the health plan "
        "should say who {they} can talk to about the journey.",
        "Turning 18 will come quickly: the pathway plan has to be ready in time, with a "
        "personal adviser named.",
    ),
}
ACTIONS = {
    "proceedings": (
        ("Send the parenting assessment to the court and the children's guardian",
         "worker", 15),
        ("Finish the viability assessment of {gran} as a carer for {child}", "worker", 15),
        ("Update the care plan for the next court hearing", "worker", 10),
        ("Review the family time plan with {parents} and {child}'s foster carer",
         "worker", 10),
        ("Visit {child} at the placement and write down {their} views for the guardian",
         "worker", 10),
        ("Check that the health assessment and the dentist are booked", "worker", 15),
        ("Read the court bundle before the next hearing", "manager", 10),
    ),
    "uasc": (
        ("Go with {child} to the solicitor to prepare for the asylum interview", "worker",
         15),
        ("Visit {child} at the placement and see {them} on {their} own", "worker", 10),
        ("Check the college place and the English classes with the Virtual School",
         "worker", 15),
        ("Ask the looked-after children's nurse to see {child} about sleeping", "worker",
         15),
        ("Read the last three visit records before the next supervision", "manager", 15),
    ),
}
DECIDED = {
    "proceedings": (
        "The care plan is the right one for now; it goes to the court as it stands.",
        "The plan continues; the parallel plan is to be assessed in full before the "
        "issues resolution hearing.",
        "The placement meets {child}'s needs; the care plan continues with the actions "
        "below.",
        "I will read the care plan again before it is filed with the court.",
    ),
    "uasc": (
        "The care plan is the right one for now; it continues as agreed.",
        "The placement meets {child}'s needs; the care plan continues with the actions "
        "below.",
        "I will read the record again before the next looked-after review.",
    ),
}

OVERSIGHT = {
    "proceedings": (
        "I read the record and talked to {worker}: {child} is settled with the foster "
        "carer, visits are within six weeks, and the proceedings are on track for the "
        "final hearing by {final_by}.",
        "Having read the record and the latest court order, I agreed the care plan to "
        "be filed: the parallel plan is being assessed alongside the plan for home.",
        "I checked the family time records: {parents} came to most sessions, and {child} "
        "coped well; the family time plan continues as agreed.",
        "I read the guardian's interim analysis with {worker}; we will answer the "
        "questions it raises in the next statement.",
        "I checked the care plan, the health assessment and the education plan are all "
        "in date, and that each sets out how {child} is and what matters to {them}.",
    ),
    "uasc": (
        "I read the record and talked to {worker}: {child} is settled in the placement, "
        "visits are within six weeks, and the asylum claim is moving.",
        "I checked the care plan, the health assessment and the education plan are all "
        "in date, and {child}'s views are in each, through the interpreter.",
    ),
}
PHONE = {
    "proceedings": (
        "{child}'s foster carer rang to say {child} had a good week and slept well after "
        "family time; I passed this on to {parents}.",
        "I rang {parents} to confirm the family time sessions for the next fortnight and "
        "the date of the next court hearing.",
        "The children's guardian rang to ask how {child} is settling; I gave an update "
        "and said the next statement is due on time.",
        "{parents} rang, upset after family time; we talked it through and I reminded "
        "them their solicitor can raise it at court.",
        "The foster carer rang about a cold {child} has; the GP has seen {them}, and I "
        "told {parents}, as the placement plan says.",
    ),
}


def at_nursery(kid: dict) -> bool:
    school = kid.get("school") or ""
    return "nursery" in school.lower() or "Children's Centre" in school


def band(born: date, on: date, uasc: bool = False) -> str:
    return "uasc" if uasc else stories.band_on(born, on)


class Texts:
    """One looked-after child's texts in care, each pool gone through in an order of the
    child's own, a text used again dated."""

    def __init__(self, kid: dict, words: dict, fc: str, uasc: bool = False,
                 final_by: date | None = None):
        self.kid, self.uasc = kid, uasc
        self.words = {**words, "fc": fc.split()[0],
                      "final_by": f"{final_by:%-d %B %Y}" if final_by else "the date set"}
        self._order: dict[str, list[str]] = {}
        self._used: dict[str, int] = {}

    def _next(self, name: str, pool, on: date, dated: bool = True) -> str:
        order = self._order.get(name)
        if order is None:
            order = [t for t in pool if "nursery" not in t or at_nursery(self.kid)]
            random.Random(f"in-care-{name}-{self.kid['id']}").shuffle(order)
            self._order[name] = order
        n = self._used.get(name, 0)
        self._used[name] = n + 1
        text = order[n % len(order)].format(**self.words)
        text = text[0].upper() + text[1:]
        if n >= len(order) and dated:  # a second time round: dated, never repeated
            text = f"On {on:%A %-d %B %Y}, " + _running_on(text, self.words)
        return text

    def voice(self, on: date, at_visit: bool = False) -> str:
        """The child's words (a baby's, what we saw), on a form; `at_visit`, at a visit,
        from the pool's own order (the visits' notes never repeat a sentence)."""
        b = band(self.kid["date_of_birth"], on, self.uasc)
        return self._next(f"voice-{'visit-' if at_visit else ''}{b}", VOICE[b], on)

    def seen(self, on: date) -> str:
        b = band(self.kid["date_of_birth"], on, self.uasc)
        return self._next(f"seen-{b}", SEEN[b], on)

    def oversight(self, on: date) -> str:
        kind = "uasc" if self.uasc else "proceedings"
        # One sentence with its date: never the same twice.
        return f"Management oversight, {on:%-d %B %Y}: " + _running_on(
            self._next("oversight", OVERSIGHT[kind], on, dated=False), self.words)

    def phone(self, on: date) -> str:
        return (f"Phone call on {on:%A %-d %B %Y} (nothing seen; not a visit): "
                + _running_on(self._next("phone", PHONE["proceedings"], on, dated=False),
                              self.words))


def _running_on(text: str, words: dict) -> str:
    names = [v for v in words.values() if isinstance(v, str) and v[:1].isupper()]
    if text.startswith(("I ", "I'")) or any(n and text.startswith(n) for n in names):
        return text
    return text[0].lower() + text[1:]


def final_hearing_by(started: date) -> date:
    """The last day for the court's decision: 26 weeks from the application, made a few
    days before the interim care order (the first hearing)."""
    # A working day (a move to another anchor keeps working days, not weekends).
    day = started - timedelta(days=3) + timedelta(weeks=PROCEEDINGS_WEEKS)
    while not days.is_working_day(day):
        day -= timedelta(days=1)
    return day


# The permanence plan the care plan sets at the second review (statutory guidance: by
# then at the latest), with the parallel plan beside it, by the child's age.
PERMANENCE = {
    # A relative who can care for the child comes before adoption: adoption is the plan
    # only where nothing else will do, so here it is only ever the parallel plan.
    "baby": (("special_guardianship", "adoption"), ("return_home", "special_guardianship"),
             ("return_home", "adoption")),
    "toddler": (("special_guardianship", "adoption"), ("return_home", "special_guardianship"),
                ("return_home", "adoption")),
    "primary": (("special_guardianship", "long_term_fostering"),
                ("return_home", "long_term_fostering"),
                ("long_term_fostering", "special_guardianship")),
    "teen": (("long_term_fostering", "return_home"), ("return_home", "long_term_fostering")),
}
PLAN_WORDS = {
    "return_home": "at home with {parents}, if the changes the assessments ask for are "
                   "made and kept up",
    "special_guardianship": "with {gran}, as special guardian, if the assessment of "
                            "{gran} is positive",
    "adoption": "with an adoptive family, if the court agrees that nothing else will do",
    "long_term_fostering": "in long-term foster care, staying with the same carers if "
                           "they can",
}


def permanence(kid: dict, on: date) -> tuple[str, str]:
    options = PERMANENCE[stories.band_on(kid["date_of_birth"], on)]
    return options[kid["id"] % len(options)]
