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

from sandbox.casework.ages import age_on

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
    "one": (
        "{child} is starting to talk: 'ball' and 'more' today, while {they} played on "
        "the floor with {fc}, and {they} crawled to {fc} when I came in.",
        "{child} pointed at the door and called '{c_mummy}' after family time; {fc} "
        "held {them} until {they} settled, which did not take long.",
        "{child} pulled {them}self up on the sofa to show me {their} new shoes, babbling, "
        "and looked back at {fc} each time for a smile.",
        "{child} is too young to tell us much in words, so I watched: {they} went "
        "happily between {fc} and me, and reached up to be carried to the window.",
        "{child} clapped at the song {fc} sang and tried to join in; {they} was calm, "
        "and fed {them}self pieces of toast.",
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
        "{child} told me about the big slide at the park and showed me how fast {they} "
        "can run round the garden.",
        "{child} said '{fc} home' when I asked where {they} lives, and 'see {c_mummy}' "
        "when I asked what {they} likes doing.",
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
        "{child} asked whether {they} can take {their} bike to family time, and wants "
        "the visits to be somewhere with a garden.",
        "{child} said the judge should know that {they} wants to see {their} family "
        "more, and asked me to write it down in {their} words, which I did.",
        "{child} scored living at {fc}'s a 7 out of 10, and said it would be a 10 if "
        "{their} family could come to tea.",
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
        "{child} told me {they} is worried about {their} younger brothers and sisters, "
        "and wants to know who is looking out for them.",
        "{child} said {they} would rather text me than talk on the phone, and we agreed "
        "{they} can message me about anything between visits.",
        "{child} said the best thing about {fc}'s is being left alone to get on with "
        "things, and the worst is the long journey to school.",
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
        "{child} told me, through the interpreter, that {they} wants to work one day and "
        "send money home, and asked what {they} is allowed to do now.",
        "{child} said {they} gets on with the other young person at {fc}'s and they cook "
        "together at weekends.",
    ),
}
# The first weeks of a placement: nothing has settled yet.
EARLY = {
    "baby": (
        "{child} was unsettled for the first nights, {fc} says, and is feeding better "
        "each day; {they} watched {fc} closely while we talked.",
    ),
    "one": (
        "{child} cried for {their} {c_mum} at bedtime the first nights, {fc} says; today "
        "{they} played with the stacking cups and let {fc} comfort {them}.",
    ),
    "toddler": (
        "{child} has been asking for '{c_mummy}' at night, {fc} says; {they} stayed close "
        "to {fc} while I was there and showed me {their} teddy from home.",
    ),
    "primary": (
        "{child} said {they} does not like it at {fc}'s yet and wants to go home; {they} "
        "asked when {they} will see {their} family, and I told {them} the first date.",
    ),
    "teen": (
        "{child} said {they} did not want to be here and did not want to talk for long; "
        "{they} asked for {their} phone charger and {their} things from home.",
    ),
    "uasc": (
        "{child} told me, through the interpreter, that {they} is tired and wants to "
        "sleep; {they} asked where {they} can pray and whether the food is halal.",
    ),
}
EARLY_DAYS = 28
SEEN_EARLY = ("{fc} has made up a room for {child}, with {their} things from home unpacked; "
              "{fc} talked me through the first days and what {child} finds hardest.",)

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
SEEN["one"] = (
    "{child} was crawling round {fc}'s kitchen after {their} ball; the stair gate was "
    "up, and {their} cot was in a room of {their} own.",
    "{fc} was giving {child} lunch in the high chair; {child} fed {them}self and {fc} "
    "talked me through {their} day.",
    "{child} was asleep when I arrived, and woke happy; {fc} showed me the room, with "
    "{their} blanket from home on the cot.",
    "{child} was in the garden with {fc}, pushing a toy trolley along the path; the "
    "gate was shut and the garden safe.",
    "The health visitor's red book was up to date on {fc}'s shelf; {child} was playing "
    "on the rug with {fc}'s own toddler.",
)
SEEN["uasc"] = (
    "{child} was in {their} room with the door open, reading {their} English homework; "
    "the room had a prayer mat and a photo {they} brought with {them}.",
    "{fc} and {child} had been to the shops for a winter coat; they were easy together "
    "and laughed about the size.",
    "{child} was cooking rice and beans for {fc} and the other young person; the "
    "kitchen was busy and calm.",
    "{child} had a friend from college round, which {fc} had agreed; the house was "
    "lively and {child} seemed at home.",
    "{child}'s room was tidy and {their} phone was charging downstairs at night, as "
    "agreed in the placement plan.",
)

# Case supervision in care: what the manager and the worker reflect on, decide and do.
# A 16- or 17-year-old accommodated under section 20 with their own agreement: no care
# proceedings (a care order cannot be made from 17, CA89 s31(3)).
ACCOMMODATED = {
    "reflection": (
        "{child} chose to be accommodated and can choose to leave; the plan only works "
        "if {they} wants it, so {their} views come first in every meeting.",
        "Turning 18 is close: the pathway plan and the personal adviser need to be in "
        "place well before, and staying put with the foster carer talked about now.",
        "{child} still sees {parents}; family time is {their} choice, and the plan "
        "should say how we keep {them} safe when {they} goes home for the day.",
        "College and work matter most to {child}; the education plan should follow "
        "{them} past 16, with the 16 to 19 bursary in place.",
    ),
    "actions": (
        ("Start the pathway plan with {child} and name a personal adviser", "worker", 20),
        ("Visit {child} at the placement and see {them} on {their} own", "worker", 10),
        ("Check the college place and the 16 to 19 bursary with the Virtual School",
         "worker", 15),
        ("Ask {child} how family time with {parents} is going, and write down {their} "
         "words", "worker", 10),
        ("Read the last three visit records before the next supervision", "manager", 15),
    ),
    "decided": (
        "The care plan is the right one for now; it continues as agreed with {child}.",
        "The placement meets {child}'s needs; the care plan continues with the actions "
        "below.",
        "I will read the pathway plan when it is drafted, before the next review.",
    ),
    "oversight": (
        "I read the record and talked to {worker}: {child} is settled at the placement, "
        "visits are within six weeks, and the pathway plan is under way.",
        "I checked the care plan, the health assessment and the education plan are all "
        "in date, and that each sets out what {child} wants.",
        "I read {child}'s own words from the last visit; {they} wants more say in family "
        "time, and the care plan is to be changed with {them}.",
    ),
    "phone": (
        "{child} rang to ask about the college bursary; I said I would find out and call "
        "back by Friday.",
        "I rang {parents} to say how {child} is doing, as {child} agreed I could.",
        "The foster carer rang to say {child} came in late on Saturday and they talked it "
        "through; I will talk about it with {child} at the next visit.",
    ),
}

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

# What worries us now, at each supervision in care.
WORRIES = {
    "proceedings": "Delay for {child}: every week in care without a decision matters, so "
                   "the assessments for the court must be on time, and family time kept "
                   "safe and regular.",
    "accommodated": "That {child} could walk away from the placement, and the adults "
                    "{they} sees when {they} does; the plan has to keep {their} trust.",
    "uasc": "That the people who brought {child} here may try to reach {them}, and the "
            "strain of waiting on the asylum claim.",
}
REFLECTION["accommodated"] = ACCOMMODATED["reflection"]
ACTIONS["accommodated"] = ACCOMMODATED["actions"]
DECIDED["accommodated"] = ACCOMMODATED["decided"]

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
        "I read the solicitor's letter with {worker}: the date of the asylum interview "
        "is in the care plan, and {worker} will go with {child}.",
        "I checked the missing from care plan with {worker}: the carer knows what to do "
        "and whom to ring, and {child} knows it too.",
    ),
    "accommodated": ACCOMMODATED["oversight"],
}
PHONE = {
    "accommodated": ACCOMMODATED["phone"],
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
    """The age band of a looked-after child's texts: a baby under 1, a one-year-old with
    a word or two, 2 to 3, 4 to 10, 11 and over (a few days' margin, as stories has)."""
    if uasc:
        return "uasc"
    age = age_on(born, on - stories.BAND_MARGIN)
    return "baby" if age < 1 else "one" if age < 2 else "toddler" if age < 4 else \
        "primary" if age < 11 else "teen"


class Texts:
    """One looked-after child's texts in care, each pool gone through in an order of the
    child's own, a text used again dated."""

    def __init__(self, kid: dict, words: dict, fc: str, uasc: bool = False,
                 final_by: date | None = None, placed: date | None = None):
        self.kid, self.uasc, self.placed = kid, uasc, placed
        # In care proceedings (an interim care order), or accommodated under section 20.
        self.kind = "uasc" if uasc else "proceedings" if final_by else "accommodated"
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
        early = f"early-{'visit-' if at_visit else ''}{b}"
        if self._early(on) and not self._used.get(early):
            return self._next(early, EARLY[b], on)
        return self._next(f"voice-{'visit-' if at_visit else ''}{b}", VOICE[b], on)

    def _early(self, on: date) -> bool:
        return bool(self.placed) and (on - self.placed).days < EARLY_DAYS

    def seen(self, on: date) -> str:
        # Undated: the visit's note puts it in a sentence that begins with the day.
        b = band(self.kid["date_of_birth"], on, self.uasc)
        if self._early(on) and not self._used.get("seen-early"):
            return self._next("seen-early", SEEN_EARLY, on, dated=False)
        return self._next(f"seen-{b}", SEEN[b], on, dated=False)

    def oversight(self, on: date) -> str:
        # One sentence with its date: never the same twice.
        return f"Management oversight, {on:%-d %B %Y}: " + _running_on(
            self._next("oversight", OVERSIGHT[self.kind], on, dated=False), self.words)

    def escalation(self, on: date) -> str:
        """The manager's oversight on the way to court, before the child came into care."""
        return f"Management oversight, {on:%-d %B %Y}: " + _running_on(
            self._next("escalation", ESCALATION, on, dated=False), self.words)

    def phone(self, on: date) -> str:
        return (f"Phone call on {on:%A %-d %B %Y} (nothing seen; not a visit): "
                + _running_on(self._next("phone", PHONE[self.kind], on, dated=False),
                              self.words))


def _running_on(text: str, words: dict) -> str:
    names = [v for v in words.values() if isinstance(v, str) and v[:1].isupper()]
    if text.startswith(("I ", "I'")) or any(n and text.startswith(n) for n in names):
        return text
    return text[0].lower() + text[1:]


def in_proceedings(born: date, started: date) -> bool:
    """Whether a child coming into care from a protection plan is taken to court: not a
    young person who would be 17 before the final hearing (no care order can be made
    then, CA89 s31(3)), who is accommodated under section 20 with their own agreement."""
    return age_on(born, final_hearing_by(started)) < 17


def _working_day_before(day: date) -> date:
    # A working day (a move to another anchor keeps working days, not weekends).
    while not days.is_working_day(day):
        day -= timedelta(days=1)
    return day


def issued_on(started: date) -> date:
    """The day the council applied to the court: a few days before the interim care
    order, made at the first hearing."""
    return _working_day_before(started - timedelta(days=3))


def final_hearing_by(started: date) -> date:
    """The last day for the court's decision: 26 weeks from the application (s32(1)(a))."""
    return _working_day_before(issued_on(started) + timedelta(weeks=PROCEEDINGS_WEEKS))


def legal_gateway(started: date, plan_from: date | None) -> list[tuple[date, str, str]]:
    """The way to court before an interim care order (PRACTICE.md §4.3; the Public Law
    Outline): the legal planning meeting, the letter before proceedings and the
    pre-proceedings meeting, then the application; straight to court where the plan began
    too recently for pre-proceedings to be tried. (day, title, text) for the chronology."""
    issued = issued_on(started)
    meeting = days.add_working_days(started, -30)
    out = []
    if plan_from is not None and meeting > plan_from:
        pre = days.add_working_days(meeting, 5)
        out += [(meeting, "Legal planning meeting",
                 "Legal planning meeting with the council's solicitor: the changes the "
                 "child protection plan asked for are not being made; the threshold for "
                 "care proceedings is met, and pre-proceedings under the Public Law "
                 "Outline begin. The letter before proceedings goes to {parents}."),
                (pre, "Pre-proceedings meeting",
                 "Pre-proceedings meeting with {parents} and their solicitors: what must "
                 "change, by when, and the support offered; the family network is asked "
                 "who could care for {child} if it comes to that.")]
    else:
        out.append((days.add_working_days(issued, -2), "Legal planning meeting",
                    "Legal planning meeting with the council's solicitor: the danger to "
                    "{child} is too great to wait for pre-proceedings, and the council "
                    "applies to the court for an interim care order."))
    out.append((issued, "Care proceedings issued",
                "The council applied to the family court for a care order; the court's "
                "decision is due within 26 weeks, and a children's guardian is appointed "
                "for {child}."))
    return out


ESCALATION = (
    "I read the record with {worker}: the plan's changes are not being made, and I have "
    "asked for a legal planning meeting.",
    "Having read the pre-proceedings meeting's notes, I agreed the work with {parents} "
    "goes on while the assessments for court are made.",
    "I checked the record before the application to court: the chronology, the "
    "assessments and {child}'s own words are all in it.",
)


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


# Brothers and sisters planned for together, whatever their ages (adoption of a group
# is rare; a relative, home, or long-term foster care together).
GROUP = (("special_guardianship", "long_term_fostering"),
         ("return_home", "special_guardianship"), ("return_home", "long_term_fostering"))


def permanence(kid: dict, on: date, lead: int | None = None,
               siblings: bool = False) -> tuple[str, str]:
    """The permanence plan and the parallel plan, by the child's age; for brothers and
    sisters in care together, one plan for the group (from the first of them)."""
    options = GROUP if siblings else PERMANENCE[stories.band_on(kid["date_of_birth"], on)]
    return options[(lead or kid["id"]) % len(options)]
