"""Words for chronologies, case notes and forms, written the way a careful social worker
writes: plain, specific, factual, and fit for the family to read.

Texts are `str.format` templates filled from one family's details. Keys: child (the
record's child, or for a family event the child it is about), they/them/their/They/Their
(that child's pronouns), mother, dad (the child's father), man (the man the worry is
about), gran, siblings, school (only in texts for a child who attends one), gp, worker,
manager, and the slots of `SLOTS` (activity, meal, room, ...), drawn afresh for each use.

Ages: a text that fits only some children carries the age bands it fits (`BANDS`): a baby
does not speak or go to school; a toddler has a nursery or childminder at most; school
words are for children on a school roll. Harm outside the family belongs to teenagers.
"""

from datetime import date, timedelta

from sandbox.casework.ages import age_on

BANDS = ("baby", "toddler", "primary", "teen")  # 0-1, 2-3, 4-10, 11-17
ANY = BANDS
SCHOOL_AGE = ("primary", "teen")


def band_of(age: int) -> str:
    return "baby" if age < 2 else "toddler" if age < 4 else "primary" if age < 11 else "teen"


# Words fit the age the child had a little before the day: placed at another anchor
# (seed.anchor keeps working days, and birth dates move by calendar days), an entry can
# come a few days nearer the birthday, and must still fit.
BAND_MARGIN = timedelta(days=7)


def band_on(born: date, on: date) -> str:
    return band_of(age_on(born, on - BAND_MARGIN))


# Slots drawn afresh for each sentence, so that two notes rarely read alike.
SLOTS = {
    "room": ("front room", "kitchen", "living room", "hallway", "kitchen table",
             "sofa by the window"),
    "when": ("at half past three", "at teatime", "mid-morning", "in the early evening",
             "just after lunch", "at the end of the day", "before bedtime"),
    "meal": ("pasta and sauce", "rice and chicken", "beans on toast", "a jacket potato",
             "soup and bread", "fish fingers and peas", "jollof rice", "dal and rice",
             "noodles", "a sandwich and fruit"),
    "weather": ("on a cold, wet afternoon", "on a bright morning", "in heavy rain",
                "on a windy day", "on a mild afternoon"),
    "baby_activity": ("lying on a play mat, kicking and watching a mobile",
                      "feeding from a bottle in {carer}'s arms", "asleep in the Moses basket",
                      "sitting in a bouncer, watching the television lights",
                      "crawling towards the coffee table", "pulling up to stand on the sofa",
                      "chewing on a teething ring", "having a nappy changed on the changing mat"),
    "toddler_activity": ("building a tower of blocks", "pushing a toy buggy round the room",
                         "doing a wooden jigsaw", "watching a cartoon with a beaker of milk",
                         "playing with play dough at the table", "looking at a picture book",
                         "lining up toy cars along the windowsill", "colouring with crayons"),
    "primary_activity": ("doing homework at the kitchen table", "playing a game on a tablet",
                         "drawing superheroes", "reading a comic", "building with Lego",
                         "practising spellings", "playing football in the yard",
                         "watching a film with a sibling"),
    "teen_activity": ("in {their} room with headphones on", "on {their} phone in the front room",
                      "getting ready to go out", "doing coursework on a laptop",
                      "playing a console game", "cooking noodles in the kitchen",
                      "just back from football training"),
    "sleep_baby": ("sleeps in a cot in {carer}'s room, on their back, with no pillows or "
                   "toys", "sleeps in a travel cot beside {carer}'s bed; the mattress fits "
                   "and is clean", "sleeps in a Moses basket on a stand; {carer} said {c_she} "
                   "never sleeps with the baby on the sofa"),
    "mood": ("seemed relaxed and chatty", "was quiet at first, then talked more",
             "was tired after a long day", "was cheerful and keen to show me things",
             "seemed worried and kept looking at the door", "was polite but guarded",
             "laughed about a film they had watched", "was hungry and asked about tea"),
    "sup_topic": ("went through the last three visits", "looked at the chronology together",
                  "talked about what the child has shown us", "weighed the health visitor's "
                  "view", "tested the evidence that the safety plan works",
                  "thought about how the family experience our visits"),
    "sup_action": ("meet {dad} on {d_his} own", "chase the health report",
                   "hold a family network meeting", "try an unannounced visit",
                   "update the Words and Pictures story", "ask the school nurse for her view",
                   "write to the family about the plan"),
    "decision": ("the plan continues as agreed", "visits stay at least every ten working "
                 "days", "a family network meeting is needed before the review",
                 "legal advice is not needed now", "the chair is asked to bring the review "
                 "forward", "the safety rules are to be written in the family's words"),
    "phone_topic": ("the week had been calmer", "the week had been hard going",
                    "the GP appointment went ahead", "the housing office had written",
                    "money for the electric meter had run out", "the baby had a cold",
                    "the next visit needs to move to the afternoon",
                    "the family network meeting time suits everyone"),
    "phone_action": ("I noted it for the next visit", "I passed it to the health visitor",
                     "I gave the number for the household support fund",
                     "I agreed a new time and wrote it down for the family",
                     "I will raise it at the core group", "I rang the housing officer"),
    "teen_help": ("more time with {gran}", "less shouting", "a lock on the bathroom door",
                  "a quiet place to revise", "seeing friends at weekends",
                  "being listened to", "{c_mum} getting some help for {c_herself}",
                  "knowing what happens next"),
    "teen_topic": ("college", "friends", "football", "the arguments at home", "money",
                   "a part-time job", "their phone being checked", "sleep"),
    "primary_wish": ("No arguing", "A dog", "More pizza nights", "{C_mum} to be happy",
                     "A bigger bedroom", "Trips to the park", "No more worries",
                     "My own bike"),
    "primary_topic": ("their best friend", "a school trip", "their favourite tea",
                      "a game they play with {gran}", "what makes them cross",
                      "the new baby", "a film they love", "their teacher"),
    "baby_look": ("well, with no marks that I could see", "clean and content",
                  "a little grizzly with teething", "alert and well fed",
                  "sleepy but settled", "well, in a clean sleepsuit"),
    "toddler_look": ("well cared for", "clean and dressed for the weather", "a bit tired",
                     "happy and busy", "shy at first", "full of energy"),
    "worry_word": ("when there is shouting", "when {c_mum} cries", "the dark", "people coming "
                   "to the door", "when grown-ups are cross", "being on my own", "tummy aches"),
    "good_word": ("my bike and {nan}'s dinners", "my friends", "football", "my cat",
                  "swimming", "when we go to the park", "my teacher"),
    "home_word": ("better now", "alright", "a bit noisy", "calm", "nice when {c_mum} is happy",
                  "boring"),
    "good_time": ("everyone eats together", "{c_mum} reads to them", "they go to the park",
                  "{nan} comes round", "there is film night", "it is quiet"),
    "hard_time": ("the mornings", "the evenings", "weekends", "school holidays",
                  "the nights"),
    "routine": ("evening routine", "morning routine", "bedtime routine", "bath time",
                "tea-time routine", "weekend routine"),
    "leaflet": ("leaflet about the parenting group", "safety plan in large print",
                "Words and Pictures story", "food bank voucher", "housing advice letter",
                "list of local family hubs"),
    "partner_agency": ("the health visitor", "the GP", "the housing officer", "the IDVA",
                       "the drug and alcohol worker", "the family hub"),
    "topic": ("the missed appointment", "the next review", "the letter that came",
              "what the family told me", "the help with money", "the safety rules"),
    "bedroom": ("has a bed with a clean duvet and a few toys on a shelf",
                "shares a room with a sibling; each has their own bed",
                "has their own room, tidy, with clothes in a chest of drawers",
                "sleeps on a bunk bed; the room was cold and the window did not shut properly",
                "has a single bed with a new mattress the housing officer arranged",
                "shares a bedroom with {carer}; there is no space for another bed"),
}

# Events before anyone contacted children's social care: (source, title, detail, bands).
BACKGROUND = {
    "neglect": [
        ("Health visitor", "Missed health reviews",
         "{child} was not brought to two health reviews in a row. The health visitor called "
         "at the home; {carer} said {c_she} had not opened {c_his} post for a while.",
         ("baby", "toddler")),
        ("School", "Concerns about attendance and hunger",
         "{school} told us {child}'s attendance had dropped to 78%. Staff noticed {them} "
         "asking for extra toast at breakfast club most days.", SCHOOL_AGE),
        ("Dentist", "Untreated tooth decay",
         "The dentist referred {child} to hospital to have several teeth taken out under "
         "general anaesthetic. The first appointment was cancelled.", ("toddler", "primary")),
    ],
    "domestic_abuse": [
        ("Police", "Police called to the home",
         "Neighbours called the police after hearing shouting and a crash. Officers found "
         "{carer} upset, with a red mark on her cheek. {man} had left before they arrived.",
         ANY),
        ("Police", "Domestic abuse risk assessment completed",
         "Police completed the DASH risk checklist with {carer}; she answered yes to 11 "
         "questions. She did not want to make a statement.", ANY),
        ("Health visitor", "Disclosure at a health visit",
         "At a routine visit {carer} told the health visitor, on her own, that {man} checks "
         "her phone and has pushed her, and that she sometimes feels frightened.",
         ("baby", "toddler")),
    ],
    "parental_mental_health": [
        ("GP", "{Carer_role}'s low mood",
         "{carer} told {c_his} GP at {gp} that {c_she} has been feeling low and struggling to get "
         "out of bed. {c_His} medication was changed.", ANY),
        ("Mental health services", "Crisis team involvement",
         "The crisis team visited {carer} at home after {c_she} called for help late at night. "
         "{c_His} sister came to stay for a few days.", ANY),
        ("School", "Child worried about a parent",
         "{child} told a teaching assistant that {their} {c_mum} 'sleeps a lot' and that {they} "
         "makes {their} own tea most nights.", SCHOOL_AGE),
    ],
    "substance_misuse": [
        ("Police", "Father found drunk in charge of a child",
         "Police were called to the park where {man} was found asleep on a bench, with "
         "{child} nearby in the buggy. A neighbour took {child} home.", ("baby", "toddler")),
        ("Drug and alcohol service", "Appointments not kept",
         "The drug and alcohol service let us know that {carer} had not been to {c_his} last "
         "three appointments and had been asked to leave {c_his} treatment programme.", ANY),
        ("School", "Adult smelling of alcohol at collection",
         "Staff at {school} noticed that {man}, collecting {child}, smelled strongly of "
         "alcohol and was unsteady on his feet.", SCHOOL_AGE),
    ],
    "physical_harm": [
        ("School", "Bruise noticed at school",
         "A teacher saw a bruise on {child}'s outer left upper arm, about 3 cm by 2 cm, "
         "during PE. {child} said {they} fell off {their} bike.", SCHOOL_AGE),
        ("Hospital", "Attendance at A&E",
         "{child} was seen at A&E with a 2 cm cut above {their} right eye. {carer} said "
         "{child} tripped on the stairs.", ("toddler", "primary", "teen")),
    ],
    "emotional_harm": [
        ("School", "Child withdrawn and anxious",
         "{school} said {child} has become quiet and tearful, often saying {they} is "
         "'stupid' and 'no good'. {They} does not want to go home at the end of the day.",
         SCHOOL_AGE),
        ("Neighbour", "Shouting heard from the home",
         "A neighbour rang the council to say that they often hear an adult shouting and "
         "swearing at a child in the flat.", ANY),
    ],
    "sexual_harm": [
        ("School", "Worrying behaviour at school",
         "Staff at {school} noticed sexualised language and behaviour from {child} that is "
         "unusual for {their} age, and wrote down exactly what was said.", SCHOOL_AGE),
        ("Police", "Adult of concern visiting the home",
         "Police shared that a man known to have harmed children had been seen visiting "
         "the family's address.", ANY),
    ],
    "criminal_exploitation": [
        ("School", "Missing from lessons",
         "{school} told us {child} has missed most afternoons for three weeks and has been "
         "seen getting into a car with older young men at the gate.", ("teen",)),
        ("Police", "Reported missing",
         "{carer} reported {child} missing overnight. {They} came home the next morning "
         "with a new phone and would not say where {they} had been. A return home "
         "interview was offered within 72 hours.", ("teen",)),
    ],
    "sexual_exploitation": [
        ("Police", "Found with adults at night",
         "Police found {child} at 2am in a car with two adult men {they} met online. {They} was "
         "taken home; the men were spoken to by officers.", ("teen",)),
        ("School", "Gifts and an older 'boyfriend'",
         "{school}'s safeguarding lead told us {child} has new clothes and vapes {they} cannot "
         "explain, and talks about an adult {they} calls {their} boyfriend.", ("teen",)),
    ],
}

# The contact that brought the family to us: (source, referral source code, detail, bands,
# urgent). Urgent contacts (a disclosure of sexual harm, an injury) get a strategy
# discussion the same or the next working day.
CONTACTS = {
    "neglect": [
        ("School", "2A", "{school} made a referral. {child} has come to school in the same "
         "clothes for a week, often hungry and tired, with head lice that keep coming back. "
         "Letters home have not been answered.", SCHOOL_AGE, False),
        ("Health visitor", "3B", "The health visitor is worried that the home is not safe for "
         "the children: rubbish on the floor, no working fridge, and {child}'s cot being "
         "used to store clothes.", ("baby", "toddler"), False),
    ],
    "domestic_abuse": [
        # Non-fatal strangulation: a high-risk indicator (PRACTICE.md §6), so urgent.
        ("Police", "6", "Police shared a report of a domestic incident at the home. {carer} "
         "told officers {man} had grabbed her by the throat and squeezed until she could not "
         "breathe: non-fatal strangulation. The children were in the flat. {man} was "
         "arrested and released on bail not to contact {carer}.", ANY, True),
        ("Hospital emergency department", "3E", "{carer} came to the emergency department "
         "with bruising to her neck and told the nurse {man} had strangled her with his "
         "hands during an argument last night, with {child} in the next room. She was "
         "offered an independent domestic violence adviser and accepted.", ANY, True),
        ("Police", "6", "Police attended after a neighbour heard shouting. {man} had pushed "
         "{carer} against the kitchen door and left before officers arrived; the children "
         "were upstairs. {carer} has told {man} not to come back, and he is staying with "
         "his brother.", ANY, False),
        ("Independent domestic violence adviser", "8", "The adviser working with {carer} "
         "shared that {man}'s abuse has become more frequent and that {child} has tried to "
         "step in to protect {their} mum.", ("teen",), False),
    ],
    "parental_mental_health": [
        ("Adult mental health team", "5A", "The adult mental health team let us know that "
         "{carer} has stopped taking {c_his} medication and has been very unwell. They are "
         "worried about how {c_she} is managing the children day to day.", ANY, False),
        ("GP", "3A", "The GP at {gp} asked us to help. {carer} has told them {c_she} has "
         "thoughts of harming {c_herself} and is finding it hard to look after the children.",
         ANY, False),
    ],
    "substance_misuse": [
        ("Police", "6", "Police found cannabis and cocaine in the home during a search. The "
         "children were present. The kitchen had no food for them.", ANY, False),
        ("Health visitor", "3B", "The health visitor is worried that {carer} has been "
         "drinking heavily and has missed {child}'s new-baby checks.", ("baby",), False),
    ],
    "physical_harm": [
        ("School", "2A", "{child} told a teacher that {man} hit {them} with a belt last night "
         "because {they} would not go to bed. The teacher saw two red lines, each about "
         "10 cm long, on the back of {their} legs.", SCHOOL_AGE, True),
        ("Hospital", "3E", "The hospital's safeguarding nurse shared that {child} was brought "
         "in with a spiral fracture of the left forearm that does not match the fall "
         "described by the adults.", ("toddler", "primary"), True),
        ("Health visitor", "3B", "At a home visit the health visitor saw a bruise about 1 cm "
         "across on the left cheek of {child}, who is not yet crawling. {carer} said she "
         "did not know how it happened. Under the bruising protocol the health visitor "
         "rang us straight away.", ("baby",), True),
    ],
    "emotional_harm": [
        ("School", "2A", "{school} is worried about {child}'s wellbeing. {They} has started "
         "scratching {their} arms and says that nobody at home listens to {them}.",
         SCHOOL_AGE, False),
        ("Family member", "1A", "{gran} called us. She is worried about how the children are "
         "spoken to at home: {man} calls them names and shouts when they cry.", ANY, False),
    ],
    "sexual_harm": [
        ("School", "2A", "{child} told {their} teacher that {man} touched {them} in a way "
         "that made {them} feel uncomfortable. The school followed its procedures and rang "
         "us straight away.", SCHOOL_AGE, True),
        ("Police", "6", "Police told us that a man with a conviction for sexual offences "
         "against children has moved into the household.", ANY, True),
    ],
    "criminal_exploitation": [
        ("Police", "6", "British Transport Police found {child} on a train to the coast with "
         "£400 in cash and two phones. Officers believe {they} is being used to carry drugs "
         "for a county line. A National Referral Mechanism referral has been made.",
         ("teen",), True),
        ("Youth justice service", "7", "The youth justice worker says {child} has been seen "
         "with older young men linked to drug dealing and has been threatened over a debt "
         "{they} is said to owe them.", ("teen",), True),
    ],
    "sexual_exploitation": [
        ("Police", "6", "Police shared that {child} has been reported missing four times this "
         "month and was found each time at the flat of a man in his twenties.", ("teen",),
         True),
        ("School", "2A", "{school} told us {child} disclosed that an older man {they} met "
         "online has sent {them} money and asked {them} to visit him. {They} has shown staff the "
         "messages.", ("teen",), True),
    ],
}
# Contacts the front door can rightly close, or meet with Early Help, and assessments
# that find no need for children's social care (RC8) or step down to Early Help (RC9):
# worries below the threshold of significant harm, with the family already acting.
LOW_LEVEL_CONTACTS = {
    "neglect": [
        ("School", "2A", "{school} let us know that {child} has been late most mornings "
         "this term and has come in without a coat twice. {carer} told the school that "
         "mornings have been hard since {c_she} started a new job.", SCHOOL_AGE, False),
        ("Health visitor", "3B", "The health visitor shared that {carer} missed {child}'s "
         "last health review and seems tired and on {c_his} own a lot. The home was clean "
         "and {child} was well and gaining weight.", ("baby", "toddler"), False),
    ],
    "parental_mental_health": [
        ("GP", "3A", "The GP at {gp} let us know that {carer} has been struggling with low "
         "mood and has started talking therapy. The children are well cared for and "
         "{gran} helps most days; the GP asked what support there is for the family.",
         ANY, False),
    ],
    "emotional_harm": [
        ("School", "2A", "{school} shared that {child} has been tearful in class and said "
         "there are arguments at home about money. {carer} came in when asked, was "
         "worried too, and asked the school for help.", SCHOOL_AGE, False),
    ],
}
EXTRA_FAMILIAL = ("criminal_exploitation", "sexual_exploitation")
# What shows a continuing risk of significant harm, so that an enquiry into it does not end
# "substantiated, no continuing risk" (conclusion 2, PRACTICE.md §1.5) but goes to a
# conference: strangulation, escalating abuse. Exploitation by adults outside the family
# is not among them: where the parents protect the child, a child protection plan (about
# the care the child is given at home) adds nothing, and the enquiry ends with a Child in
# Need plan while police disrupt the adults (WT23 on harm outside the home); where they
# cannot, it goes to a conference.
_CONTINUING_RISK = ("by the throat", "strangl", "become more frequent")


def continuing_risk(concern: str, contact_text: str) -> bool:
    return any(m in contact_text for m in _CONTINUING_RISK)

# What we are worried about, in words the family can read.
WORRIES = {
    "neglect": "{child} is not always getting the food, warmth and care {they} needs",
    "domestic_abuse": "{man}'s violence and control towards {carer} is frightening {child} "
    "and puts {them} at risk of being hurt",
    "parental_mental_health": "{carer}'s mental health means {c_she} cannot always care for "
    "{child} safely at the moment",
    "substance_misuse": "the adults' drinking or drug use means {child} is not always "
    "safe or looked after",
    "physical_harm": "{child} has been hurt by {man}, who is meant to care for {them}",
    "emotional_harm": "the way {child} is spoken to at home is making {them} feel "
    "worthless and scared",
    "sexual_harm": "{child} may have been sexually harmed, or is at risk of it",
    "criminal_exploitation": "adults outside the family are using {child} to carry drugs and "
    "money, and {they} is in danger of serious violence",
    "sexual_exploitation": "adult men are grooming {child} and {they} is at risk of sexual "
    "exploitation when {they} goes missing",
}

# An unaccompanied asylum-seeking young person (seed.looked_after): the worry is being
# alone, not anyone's care of them.
WORRIES["unaccompanied"] = ("{child} is alone in the country, with nobody with parental "
                            "responsibility to care for {them}, and may have been "
                            "trafficked on the way")

# Front-door reasons: why the manager decided what they did. Parts, so reasons fit the case.
DECISION_REASONS = {
    "advice": "Checks with the GP, the school and the police show {child} is well cared "
    "for; the worry was that {worry}. This does not need children's social care: "
    "{carer} was given advice and the details of the family hub, and the referrer was "
    "told the outcome by phone.",
    "early_help": "The family would be helped by some support, but {child} is not a child "
    "in need of children's social care: {worry}. {consent_from} agreed to Early Help; "
    "the family hub will name a lead practitioner, and the referrer was told.",
    "referral": "The information suggests {child} may be a child in need: {worry}. We need to "
    "meet the family and see {child} to understand what is happening. Consent was sought "
    "from {consent_from}.",
    "strategy": "There is reasonable cause to suspect {child} is suffering, or likely to "
    "suffer, significant harm: {worry}. A strategy discussion with police and health is "
    "needed today.",
}

REFERRAL = [
    "{manager} reviewed the contact the same day and accepted it as a referral for a Child "
    "and Family Assessment. Allocated to {worker}.",
    "Contact reviewed in the MASH. Police, health and education checks completed. Referral "
    "accepted; the family will be offered an assessment.",
]

ASSESSMENT = [
    "First visit for the Child and Family Assessment. {worker} explained why we are "
    "involved and what an assessment is. {carer} agreed to it going ahead.",
    "Assessment started. {worker} met {carer} at home and agreed who else we should speak "
    "to: the GP at {gp}, {gran} and, separately, {dad}.",
]

_STRATEGY_HELD = (
    "Strategy discussion chaired by {manager}, with police, health and the referrer. All "
    "agreed there is reasonable cause to suspect {child} is suffering, or likely to suffer, "
    "significant harm. A Section 47 enquiry starts today.")
# By whether the enquiry is joint with the police (seed.facts.joint_with_police).
STRATEGY = {
    False: [_STRATEGY_HELD,
            "Strategy meeting chaired by {manager}. Police and health shared what they hold. "
            "Decision: a Section 47 enquiry by children's social care, not joint: the police "
            "open no criminal investigation."],
    True: [_STRATEGY_HELD,
           "Strategy meeting chaired by {manager}. Police and health shared what they hold. "
           "Decision: joint Section 47 enquiry with police."],
}

SECTION47 = {
    "baby": "Section 47 enquiry: {worker} saw {child} at home with {carer} and saw where "
    "{they} sleeps. {carer} and {dad} were each spoken to on their own.",
    "toddler": "Section 47 enquiry: {worker} saw {child} at home, played with {them} and "
    "saw {their} bedroom. Each adult was spoken to separately.",
    "primary": "Section 47 enquiry: {worker} saw {child} on {their} own at {school}. {They} "
    "talked about home and what {they} would like to change.",
    "teen": "Section 47 enquiry: {worker} saw {child} on {their} own after college hours. "
    "{They} talked about what has been happening and who {they} trusts.",
}
SECTION47_NO_CONFERENCE = (
    "Section 47 enquiry concluded and signed off by {manager}: {child} has been harmed, "
    "but with the safety plan and {gran}'s help is not judged at continuing risk of "
    "significant harm. No conference; a Child in Need plan instead. {carer} and the "
    "referrer were told."
)
# Harm outside the family, parents protective: no conference (the danger is not in the
# care at home), a Child in Need plan beside the police's disruption.
SECTION47_NO_CONFERENCE_OUTSIDE = (
    "Section 47 enquiry concluded and signed off by {manager}: adults outside the family "
    "have exploited {child}. {carer} has done everything asked to protect {them}, and the "
    "police are disrupting the adults, so a child protection plan would add nothing to "
    "{child}'s safety at home. No conference; a Child in Need plan, with the exploitation "
    "panel overseeing the work outside the home. {carer}, {child} and the referrer were "
    "told."
)
FINDINGS_CHILD_IN_NEED = [
    "We saw {child} and spoke with {carer} and {dad} separately, and with the GP and the "
    "police. {child} has been harmed: {worry}. With the safety plan working and {gran}'s "
    "help, {child} is not judged to be at continuing risk of significant harm.",
    "The enquiry found the worries were right, and that {carer} has acted on them since: "
    "{child} is not likely to suffer significant harm while the safety plan holds. A "
    "Child in Need plan will keep the help in place.",
]
FINDINGS_OUTSIDE = [
    "The enquiry found that adults outside the family are exploiting {child}. {carer} "
    "reported each missing episode at once, took the phone to the police and keeps to "
    "the safety plan: the danger is outside the home, and {carer} is protecting {child} "
    "from it. The police lead the disruption of the adults; a Child in Need plan, with "
    "the youth worker and the exploitation panel, supports {child} and {carer}.",
    "{child} has been harmed by adults outside the family. {carer} has worked with the "
    "police and the school at every step and {child} trusts {c_her}. A conference would "
    "not add to the protection {carer} gives at home, so the plan is a Child in Need "
    "plan, reviewed at the exploitation panel.",
]
SECTION47_DONE = (
    "Section 47 enquiry concluded and signed off by {manager}: the worries were "
    "substantiated and {child} is likely to suffer significant harm. An initial child "
    "protection conference is being arranged; {carer} and the referrer were told."
)

INITIAL_CONFERENCE = [
    "Initial child protection conference chaired by {chair}. The conference agreed that "
    "{child} should have a child protection plan under the category of {plan_category}. "
    "{parents} took part.",
    "Initial child protection conference. Family, health, police and children's social care "
    "took part; {chair} chaired. Decision: child protection plan ({plan_category}). First "
    "core group on {first_core_group}.",
]

REVIEW = [
    "Review child protection conference chaired by {chair}. The plan continues; the "
    "professionals' safety scale has moved up a little since the last conference.",
    "Review conference held. Progress recognised, but the danger has not yet gone: the plan "
    "continues, with the next review within six months.",
]

EARLY_HELP = [
    "Front-door decision: the worries are below the level for children's social care. "
    "{carer} agreed to Early Help; a lead practitioner will arrange a Team Around the "
    "Family meeting.",
    "Contact reviewed in the MASH. Early Help offered and accepted by {carer}; the family "
    "hub will lead.",
]
CIN_PLAN = [
    "Assessment authorised: {child} is a child in need. A Child in Need plan was agreed "
    "with {carer} and the GP at {gp}; it will be reviewed in three months.",
    "Child in Need plan agreed at a meeting with the family. {worker} will visit at least "
    "every four weeks; {gran} will help with the mornings.",
]
# A Child in Need plan after a child protection plan ends (chronology).
CIN_PLAN_AFTER_CP = [
    "Child in Need plan agreed with {carer} and the professionals who stay involved. "
    "{worker} will visit at least every four weeks; the plan will be reviewed within three "
    "months.",
    "Child in Need plan agreed at the review conference that ended the child protection "
    "plan. The safety network stays in place and {worker} will keep visiting at least "
    "every four weeks.",
]
# What a Child in Need plan sets out to change, per worry: (outcome, how we will know).
CIN_OUTCOMES = {
    "neglect": ("{child} has regular meals, clean clothes and a warm home",
                "seen at every visit and by the health services"),
    "domestic_abuse": ("{carer} and the children are safe from {man}'s violence and control",
                       "no police call-outs; {carer} tells us she feels safe"),
    "parental_mental_health": ("{carer} gets the help {c_she} needs for {c_his} mental health and "
                               "the children are cared for on bad days",
                               "{c_his} nurse's reports; {gran} steps in as agreed"),
    "substance_misuse": ("a sober adult looks after the children at all times",
                         "clear tests and the drug and alcohol service's reports"),
    "physical_harm": ("{child} is cared for without physical punishment",
                      "no new marks; {carer} uses the calm-down plan"),
    "emotional_harm": ("{child} hears kind words at home and feels listened to",
                       "what {child} and {carer} tell us at each visit"),
    "sexual_harm": ("{child} is kept away from the man of concern and knows who to tell",
                    "every adult who cares for {child} knows the plan"),
    "criminal_exploitation": ("{child} is not drawn back into exploitation and spends "
                              "time with people who keep {them} safe",
                              "no missing episodes; the youth worker's reports"),
    "sexual_exploitation": ("{child} is safe from the men who exploited {them}",
                            "no missing episodes; {their} specialist worker's reports"),
}

# An assessment that closes the episode (RC8), or steps down to Early Help (RC9).
ASSESSMENT_NFA = [
    "Assessment authorised by {manager}: {child}'s needs are being met at home and the "
    "worry that brought us in has eased. No further action (RC8); {carer} had a letter "
    "saying so, with the family hub's details, and the referrer was told.",
    "Child and Family Assessment concluded: {carer} has acted on the worry with help "
    "from {gran}, and {child} is not a child in need. {manager} authorised closing the "
    "case with no further action; the GP and the referrer were told.",
]
ASSESSMENT_EH = [
    "Assessment authorised by {manager}: {child} is not a child in need of children's "
    "social care, but the family would be helped by Early Help. {consent_from} agreed; "
    "the family hub's lead practitioner met {carer} with {worker} to take it on.",
    "Child and Family Assessment concluded: step down to Early Help. {worker} handed the "
    "case to the family hub's lead practitioner at a meeting with {carer}; the referrer "
    "and the school were told.",
]

CLOSED = [
    "Front-door decision: no further action. {carer} was given advice and the details of "
    "the family hub; the referrer was told.",
    "Contact reviewed: no further action for children's social care. Information and "
    "advice given to {carer}, and the referrer told the outcome.",
]
STEP_DOWN = [
    "Review conference: {child} no longer needs a child protection plan. The family will "
    "be supported under a {stepped_down_to}. The safety network stays in place.",
    "Decision at review: the child protection plan ends. The professionals rated safety "
    "at 7 out of 10, {carer} at 8. Support continues through a {stepped_down_to}.",
]

# Core groups: what moved, per concern (behaviour that keeps the child safe, not courses
# attended), and what is still worrying.
CORE_GROUP_PROGRESS = {
    "neglect": ("there has been food in the fridge at every visit since the last meeting",
                "{child} has been seen in clean clothes at each visit",
                "the kitchen floor is clear and the children's beds have clean sheets",
                "{gran} has done the morning routine with {carer} three days a week"),
    "domestic_abuse": ("{man} has not come to the flat, and police report no call-outs",
                       "{carer} has met the IDVA twice and the locks were changed",
                       "{man} has started the perpetrator programme and attended both "
                       "sessions; the facilitator will report on what he says about his "
                       "behaviour", "{carer} has used the safety plan once, calling {gran}"),
    "parental_mental_health": ("{carer} has seen {c_his} mental health nurse every week",
                               "{carer} has taken {c_his} medication, checked by the pharmacy",
                               "{gran} stayed over on the two bad nights, as planned",
                               "{carer} wrote down {c_his} early warning signs with the nurse"),
    "substance_misuse": ("the drug and alcohol service reports two clear tests",
                         "a sober adult has been with the children every evening, as the plan says",
                         "{carer} has kept four of {c_his} five treatment appointments",
                         "{gran} has checked in each evening by video call"),
    "physical_harm": ("no new marks have been seen by anyone in the safety network",
                      "{man} has kept to the rule of leaving the room when angry",
                      "{child} says nobody has hit {them} since the last meeting",
                      "the calm-down plan is on the fridge and {carer} has used it"),
    "emotional_harm": ("{child} says the shouting at home has mostly stopped",
                       "{man} has started to praise {child} at bedtime, {carer} says",
                       "the reward chart has been used every day this month",
                       "{child} has started to talk about how {they} feels"),
    "sexual_harm": ("the man of concern has not been in the home",
                    "every adult who looks after {child} knows the safety plan",
                    "{carer} has been to four sessions of the protective parenting group",
                    "{child} has met the ISVA and knows who to tell"),
    "criminal_exploitation": ("{child} has not been reported missing since the last meeting",
                              "{child} has been at college four days out of five",
                              "the police have disrupted the line and made arrests",
                              "{child} has met the youth worker every week"),
    "sexual_exploitation": ("{child} has not gone missing since the last meeting",
                            "the man was served with a child abduction warning notice",
                            "{child} has seen {their} specialist worker every week",
                            "{child} blocked the accounts and showed {their} {c_mum} how"),
}
CORE_GROUP_WORRY = (
    "two appointments were missed this month, and the group agreed who will help",
    "the evenings are still the hardest part of the day",
    "money is very tight and the family is waiting for a housing decision",
    "{dad} has not yet met the social worker, and another visit is booked",
    "the safety network needs one more person for the weekends",
)

# The safety plan's rules, in the family's words: (rule, who checks, if broken).
SAFETY_RULES = {
    "neglect": [("There will be food for the children's breakfast and tea every day; "
                 "{gran} will check the fridge on Mondays and Thursdays.", "gran",
                 "{gran} will bring food and tell the social worker the same day.")],
    "domestic_abuse": [("{man} will not come to the flat or contact {carer}; if he does, "
                        "{carer} will call 999 and then {gran}.", "mother",
                        "Police are called and the social worker is told the next day.")],
    "parental_mental_health": [("When {carer} notices {c_his} warning signs {c_she} will ring "
                                "{gran}, who will come and stay.", "gran",
                                "{gran} rings the crisis line and the social worker.")],
    "substance_misuse": [("There will always be a sober adult looking after the children; "
                          "{gran} checks in every evening at 7.", "gran",
                          "{gran} takes the children to hers and tells the social worker.")],
    "physical_harm": [("Nobody will hit the children. If {man} gets angry he leaves the room "
                       "and goes for a walk.", "mother",
                       "{carer} tells the social worker, and {man} stays at his brother's.")],
    "emotional_harm": [("No name-calling at home; {man} and {carer} will say one kind "
                        "thing to each child every day.", "gran",
                        "{gran} talks to them, and it is raised at the next core group.")],
    "sexual_harm": [("The man of concern will not come to the home or meet the children "
                     "anywhere.", "mother", "{carer} calls the police and the social "
                     "worker straight away.")],
    "criminal_exploitation": [("{child} will be home by 9pm and will share {their} location "
                               "with {carer}; if {they} is late, {carer} rings {them} and "
                               "then the police.", "mother", "{carer} reports {child} "
                               "missing to the police; a return home interview follows.")],
    "sexual_exploitation": [("{child} will not meet anyone {they} only knows online; if "
                             "someone asks, {they} tells {carer} or {their} worker.", "mother",
                             "{carer} reports it to the police and the worker the same day.")],
}

# Danger statements: who is worried, about what the adults might do, and the effect on the
# child. A dict gives the words per age band.
DANGER = {
    "neglect": {
        "baby": "Everyone is worried that if {carer} cannot make sure {child} is fed, "
        "changed and kept warm, {child} will not grow as {they} should and could become ill.",
        "toddler": "Everyone is worried that if {carer} cannot make sure {child} has food, "
        "clean clothes and a safe home, {child} will go hungry and fall behind in "
        "{their} development.",
        "primary": "Children's services and {school} are worried that if {carer} cannot "
        "make sure {child} has food, clean clothes and gets to school each day, {child} will "
        "keep going hungry and fall further behind.",
        "teen": "We are worried that if nobody makes sure {child} has food and a clean, warm "
        "home, {child} will keep looking after {them}self and the younger ones, and will "
        "stop going to school.",
    },
    "domestic_abuse": "Everyone is worried that if {man} hurts or frightens {carer} again, "
    "{child} could be hurt, and will keep being frightened in {their} own home.",
    "parental_mental_health": "We are worried that when {carer} becomes very unwell again "
    "and nobody else knows, {child} will not have an adult who can care for {them} safely.",
    "substance_misuse": "We are worried that if the adults drink or take drugs while "
    "looking after {child}, {child} could be hurt or left alone, with no adult able to "
    "help in an emergency.",
    "physical_harm": "We are worried that if {man} uses physical punishment again when he "
    "is angry, {child} could be badly hurt.",
    "emotional_harm": "We are worried that if {child} keeps being shouted at and called "
    "names, {they} will go on believing {they} is no good and become more withdrawn.",
    "sexual_harm": "We are worried that if {child} has contact with the man who is a risk "
    "to children, {child} could be sexually harmed.",
    "criminal_exploitation": "We are worried that if the men running the line keep "
    "contact with {child}, {they} could be seriously hurt, arrested or moved around the "
    "country to sell drugs.",
    "sexual_exploitation": "We are worried that if the men keep contacting {child} and "
    "{they} goes missing to meet them, {they} will be sexually abused.",
}

SAFETY_GOALS = {
    "neglect": {
        "baby": "Everyone, including {gran} and the health visitor, will see that {child} "
        "is fed, clean, warm and taken to every health check for the next six months.",
        "toddler": "Everyone, including {gran}, will see that {child} has regular meals, "
        "clean clothes and a safe, tidy home for the next six months.",
        "primary": "Everyone, including {gran} and the school, will see that {child} has "
        "breakfast, clean clothes and gets to school on time every day for six months.",
        "teen": "{child} will have food at home, a warm clean room and an adult who knows "
        "where {they} is, every day for the next six months.",
    },
    "domestic_abuse": "{man} will stop his abuse and keep away while it is assessed; "
    "{carer} and the safety network will know what to do if {man} comes, and {child} will "
    "live without violence at home.",
    "parental_mental_health": "When {carer} is unwell, {c_she} and {gran} will put the plan "
    "into action straight away so that an adult who is well is always caring for {child}.",
    "substance_misuse": "There will always be a sober adult looking after {child}, and "
    "{gran} will check in every evening.",
    "physical_harm": "Nobody in the family will use physical punishment; {man} will show "
    "over six months that he deals with anger without hurting anyone.",
    "emotional_harm": "{child} will hear kind words at home every day, and the adults will "
    "show they can stay calm when {child} gets things wrong.",
    "sexual_harm": "{child} will have no contact with the man who is a risk to children, "
    "and every adult who looks after {child} will know the safety plan.",
    "criminal_exploitation": "{child} will be safe from the men running the line: home "
    "each night, in education, and with a trusted adult {they} can call at any time.",
    "sexual_exploitation": "{child} will not go missing, and will have trusted adults {they} "
    "tells when anyone online or offline asks to meet {them}.",
}

FINDINGS = [
    "We saw {child} and spoke with {carer} and {dad} separately, and with the GP and the "
    "police. The worries were confirmed: {worry}.",
    "The enquiry found that {child} has been harmed and that the risk continues: {worry}. "
    "{carer} is willing to work with us and with the safety network.",
]

# The child's own voice, by age band. Babies and toddlers: what was seen.
CHILD_VOICE = {
    "baby": [
        "{child} was {baby_activity}; {they} followed my face and settled when {carer} "
        "picked {them} up.",
        "{child} was {baby_activity} and looked towards {carer} when {c_she} spoke; {they} "
        "looked {baby_look}.",
        "{child} was {baby_activity}; {their} nappy was clean and {they} reached for "
        "{carer} when {c_she} came back into the {room}.",
    ],
    "toddler": [
        "{child} was {toddler_activity}; {they} brought me a toy and said 'mine' and "
        "'{c_mummy}', then went back to {their} game in the {room}.",
        "{child} was {toddler_activity} and went to {carer} for a cuddle when the door "
        "banged; {they} settled quickly and looked {toddler_look}.",
        "{child} was {toddler_activity} and chatted in short words; {they} stayed close to "
        "{gran} {when}.",
    ],
    "primary": [
        "We did the three houses {when}: in the house of worries {child} wrote '{worry_word}'; "
        "good things, '{good_word}'; dreams, '{primary_wish}'.",
        "{child} was {primary_activity} when I arrived, and said home is '{home_word}' and "
        "that {they} likes it when {good_time}.",
        "{child} scored home at {score} out of 10 and, asked what would make it higher "
        "while {they} was {primary_activity}, said '{primary_wish}'.",
        "{child} was {primary_activity} and told me about {primary_topic}; {they} wished "
        "for '{primary_wish}'.",
        "{child} showed me a drawing of {their} family and told me who makes {them} feel "
        "safe.",
    ],
    "teen": [
        "{child} spoke to me on {their} own. {They} said {they} is fed up of people asking "
        "questions, but wants things at home to be calmer.",
        "{child} was {teen_activity}; we talked on our own about {teen_topic}, and {they} "
        "said {they} goes to {gran}'s when things get bad.",
        "{child} said {they} is happy for me to share what {they} told me about "
        "{teen_topic} with the other people who help {them}, and asked for {teen_help}.",
        "{child} put how safe {they} feels at {score} out of 10 when we talked about "
        "{teen_topic}, and said {teen_help} would help.",
        "{child} talked with me on {their} own about {teen_topic}, and said {teen_help} "
        "would make things better.",
    ],
}

# Visit notes are built from these parts. Observations of the home, by concern.
HOME_SEEN = {
    "neglect": ("There was food in the cupboards: {meal} was cooking when I arrived.",
                "The kitchen was cleaner than last time; the bins had been emptied.",
                "The children's beds had sheets and duvets; the {room} floor was clear.",
                "There was little food in the fridge; {carer} said money runs out before "
                "{c_his} next payment, and I made a referral to the food bank."),
    "domestic_abuse": ("The new lock on the front door was working and the chain was on.",
                       "{carer} showed me the safety plan on the fridge and her phone with "
                       "the IDVA's number saved.",
                       "The {room} was calm; {carer} said {man} has not been to the flat.",
                       "There was a new hole in the hallway door; {carer} said it was from "
                       "before the bail conditions."),
    "parental_mental_health": ("{carer} was dressed and had the children's tea planned: "
                               "{meal}.",
                               "{carer} seemed tired and flat {when}; {c_she} said {hard_time} "
                               "are hardest.",
                               "The flat was warm and tidy; {carer}'s medication was in the "
                               "locked box as agreed.",
                               "The curtains were closed {when}; {carer} said {c_she} had not "
                               "slept."),
    "substance_misuse": ("There was no alcohol in the flat that I could see.",
                         "There were empty cans in the recycling; {carer} said they were "
                         "from the weekend, when the children were at {gran}'s.",
                         "{carer} showed me {c_his} appointment card from the drug and alcohol "
                         "service.", "The home was tidy and smelled of {meal} cooking."),
    "physical_harm": ("I saw no new marks on any of the children.",
                      "The calm-down plan was on the fridge and {carer} talked me through it.",
                      "{man} was in; he spoke with me on his own about how he manages anger.",
                      "The children moved freely around the {room} and did not seem wary "
                      "of the adults."),
    "emotional_harm": ("The reward chart on the fridge had stickers for most days.",
                       "The adults spoke kindly to the children while I was there.",
                       "{man} raised his voice once at {child}; when I asked about it later "
                       "he said he is trying.", "The {room} was calm and the television off."),
    "sexual_harm": ("The man of concern was not in the home and there was no sign he had "
                    "been.", "The list of who may look after the children was on the fridge.",
                    "{carer} told me who has visited since the last time, as agreed.",
                    "The children's bedrooms have locks that they can open from inside."),
    "criminal_exploitation": ("{child}'s room had no new items that {carer} could not "
                              "explain.", "{carer} showed me the location sharing on {c_his} "
                              "phone.", "{child} was home before the agreed time of 9pm.",
                              "There was a new phone on the side; {carer} said {c_she} had taken "
                              "it and given it to the police."),
    "sexual_exploitation": ("{child}'s room was tidy; {carer} said there have been no new "
                            "gifts.", "{carer} showed me the parental controls {c_she} has set "
                            "up.", "{child} was home and talking with {carer} {when}.",
                            "{carer} said {child} has been home every night this week."),
}
CHILD_SEEN = {
    "baby": "I saw {child} {baby_activity}; {they} looked {baby_look}, and {carer} showed "
    "me where {they} sleeps: {child} {sleep_baby}.",
    "toddler": "I saw {child} {toddler_activity}; {they} looked {toddler_look} and moved "
    "confidently around the {room}.",
    "primary": "I saw {child} on {their} own in {their} bedroom; {they} {bedroom}, and "
    "{they} {mood}.",
    "teen": "I spoke with {child} on {their} own in {their} room; {they} {bedroom}, and "
    "{they} {mood}.",
}
ANALYSIS = (
    "What this means for {child}: {meaning}",
    "My view: {meaning}",
    "This matters for {child} because {meaning_lc}",
)
MEANING = {
    "neglect": ("the basic care is better this week, but it has to last for months before "
                "{child} can rely on it.", "without the help from {gran}, {child} would "
                "still be going without."),
    "domestic_abuse": ("{child} is safer while {man} stays away; the danger comes back if "
                       "the bail conditions end without a plan.", "{carer} is doing "
                       "everything she can; the change that is needed is in {man}'s "
                       "behaviour."),
    "parental_mental_health": ("{child} is cared for well on {carer}'s good days; the plan "
                               "for bad days is what keeps {them} safe.",
                               "the early warning plan is working as long as {gran} is "
                               "told."),
    "substance_misuse": ("{child} had a sober adult today; the tests will show whether "
                         "that holds.", "the plan depends on {gran}'s evening checks."),
    "physical_harm": ("{child} seems safer, but {man} needs to show over time that he "
                      "can manage his anger.", "nobody has seen any new injury, which fits "
                      "what the family tell us."),
    "emotional_harm": ("{child} is hearing more kind words, and it shows in how {they} "
                       "talks.", "the change is recent and needs to hold."),
    "sexual_harm": ("{child} is protected while the rule about the man holds.",
                    "{carer} understands the danger and is acting on it."),
    "criminal_exploitation": ("{child} is safer at home, but the men still have ways to "
                              "reach {them}.", "{child} needs trusted adults more than "
                              "rules."),
    "sexual_exploitation": ("{child} is safer while {they} is not going missing.",
                            "the grooming has not stopped just because {they} is home."),
}
NEXT_VISIT = (
    "next visit within ten working days, unannounced, {when}",
    "I will visit again next week and see {child} {when}",
    "next visit booked for {next_day} {when}, after the core group",
    "I will come back {when} within the fortnight to see the {routine}",
    "next time I will bring the {leaflet} and go through it with {carer}",
    "before the next visit I will speak to {partner_agency} about {topic}",
)
PHONE = (
    "{carer} told me by phone that {phone_topic}, and {phone_action}.",
    "{gran} rang to say {phone_topic}; {phone_action}.",
    "I rang {carer}, who said {phone_topic}; {phone_action}.",
    "{carer} rang to tell me {man} had sent her a message {when}; I told her that contact "
    "breaches his bail conditions, and rang the officer in the case, who is acting today.",
)
WEEK = ("calmer", "hard going", "better than last week", "busy with appointments",
        "difficult in the evenings")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
OVERSIGHT = (
    "I read the record and talked to {worker}: progress, {progress}; decision, {decision}.",
    "I read the record after {worker}'s visits: {progress}, so {decision}; still worried "
    "that {worry}.",
    "Having read the record and the core group notes, {decision}; what changed is that "
    "{progress}.",
)
SUPERVISION = (
    "with {manager}, we {sup_topic}, and agreed that I will {sup_action}.",
    "{manager} and I {sup_topic}; next, I will {sup_action} before the next visit.",
)

STRENGTHS = [
    "{carer} clearly loves the children and wants things to be better for them.",
    "The children are close to {gran}, who lives nearby and helps most days.",
    "{carer} has been honest about what has been hard, which helps us plan together.",
    "{carer} has kept every appointment offered this month.",
    "{dad} has come to meetings and says {d_he} wants to be part of the plan.",
]

DANGER["unaccompanied"] = ("We are worried that without a safe home and adults {child} "
                           "trusts, {child} could be found by the people who brought "
                           "{them} here, go missing, or be exploited.")
SAFETY_GOALS["unaccompanied"] = ("{child} will live somewhere safe with carers {they} "
                                 "trusts, be in education, and have help with {their} "
                                 "asylum claim and {their} health.")
HOME_SEEN["unaccompanied"] = (
    "{carer} has cleared a room for {child}, with a prayer mat and clothes from the "
    "charity shop.", "{child} was cooking with {carer} {when}.",
    "The house was calm; {child} had homework from the English class on the table.")
MEANING["unaccompanied"] = ("{child} is safer with a carer and a routine; the risk of "
                            "going missing stays while the traffickers may have {their} "
                            "number.",)
