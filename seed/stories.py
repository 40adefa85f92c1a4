"""Words for chronologies and case notes, written the way a careful social worker writes:
plain, specific, factual, and fit for the family to read.

Texts are `str.format` templates. The generator fills them from one family's details
(names, ages, school, worker) and picks and combines parts at random, so two families
rarely read alike. Keys: child, age, they/them/their/They/Their (the child's pronouns),
mother, dad, school, gp, worker, gran, siblings (", with her brother Zain" or "").
"""

# Events before anyone contacted children's social care: (source, title, detail).
BACKGROUND = {
    "neglect": [
        ("Health visitor", "Missed health appointments",
         "{child} missed two health reviews in a row. The health visitor called at the home; "
         "{mother} said she had not opened her post for a while."),
        ("School", "Concerns about attendance and hunger",
         "{school} told us {child}'s attendance had dropped to 78%. Staff noticed {them} "
         "asking for extra toast at breakfast club most days."),
        ("GP", "Untreated tooth decay",
         "The dentist referred {child} to hospital to have several teeth taken out under "
         "general anaesthetic. {mother} had cancelled the first appointment."),
    ],
    "domestic_abuse": [
        ("Police", "Police called to the home",
         "Neighbours called the police after hearing shouting and a crash. Officers found "
         "{mother} upset, with a red mark on her cheek. {dad} had left before they arrived."),
        ("Police", "Domestic abuse risk assessment completed",
         "Police completed a risk assessment with {mother}, which came out as medium risk. "
         "She did not want to make a statement."),
        ("Health visitor", "Disclosure at a health visit",
         "At a routine visit {mother} told the health visitor that arguments at home had "
         "been getting worse and that she sometimes feels frightened."),
    ],
    "parental_mental_health": [
        ("GP", "Mother's low mood",
         "{mother} told her GP at {gp} that she has been feeling low and struggling to get "
         "out of bed. Her medication was changed."),
        ("Mental health services", "Crisis team involvement",
         "The crisis team visited {mother} at home after she called for help late at night. "
         "Her sister came to stay for a few days."),
        ("School", "Child worried about a parent",
         "{child} told a teaching assistant that {their} mum 'sleeps a lot' and that {they} "
         "makes {their} own tea most nights."),
    ],
    "substance_misuse": [
        ("Police", "Parent found drunk in charge of children",
         "Police were called to the park where {dad} was found asleep on a bench, with "
         "{child} playing nearby. A neighbour took {child} home."),
        ("Drug and alcohol service", "Missed appointments",
         "The drug and alcohol service let us know that {mother} had not been to her last "
         "three appointments and had been asked to leave her treatment programme."),
        ("School", "Parent smelling of alcohol at collection",
         "Staff at {school} noticed that the adult collecting {child} smelled strongly of "
         "alcohol and was unsteady on their feet."),
    ],
    "physical_harm": [
        ("School", "Bruise noticed at school",
         "A teacher saw a bruise on {child}'s upper arm during PE. {child} said {they} "
         "fell off {their} bike."),
        ("Hospital", "Attendance at A&E",
         "{child} was seen at A&E with a cut above {their} eye. The account given was that "
         "{they} tripped on the stairs."),
        ("Nursery", "Marks noticed at nursery",
         "Nursery staff saw small round marks on {child}'s back when changing {them} and "
         "wrote down what they saw."),
    ],
    "emotional_harm": [
        ("School", "Child withdrawn and anxious",
         "{school} said {child} has become quiet and tearful, often saying {they} is "
         "'stupid' and 'no good'. {They} does not want to go home at the end of the day."),
        ("Neighbour", "Shouting heard from the home",
         "A neighbour rang the council to say that they often hear an adult shouting and "
         "swearing at a child in the flat."),
    ],
    "sexual_harm": [
        ("School", "Worrying behaviour at school",
         "Staff at {school} noticed sexualised language and behaviour from {child} that is "
         "unusual for {their} age, and wrote down exactly what was said."),
        ("Police", "Adult of concern visiting the home",
         "Police shared that a man known to have harmed children had been seen visiting "
         "the family's address."),
    ],
}

# The contact that brought the family to us: (source, detail).
CONTACTS = {
    "neglect": [
        ("School", "{school} made a referral. {child} has come to school in the same "
         "clothes for a week, often hungry and tired, and has head lice that keep coming "
         "back. Letters home have not been answered."),
        ("Health visitor", "The health visitor is worried that the home is not safe for "
         "the children: rubbish on the floor, no working fridge, and the baby's cot being "
         "used to store clothes."),
    ],
    "domestic_abuse": [
        ("Police", "Police shared a report of a domestic incident at the home. {mother} "
         "told officers {dad} had grabbed her by the throat. The children were upstairs and "
         "heard it. {dad} was arrested and released on bail."),
        ("Independent domestic violence adviser", "The adviser working with {mother} shared "
         "that the abuse has become more frequent and that {child} has tried to step in to "
         "protect {their} mum."),
    ],
    "parental_mental_health": [
        ("Adult mental health team", "The adult mental health team let us know that "
         "{mother} has stopped taking her medication and has been very unwell. They are "
         "worried about how she is managing the children day to day."),
        ("GP", "The GP at {gp} asked us to help. {mother} has told them she has thoughts of "
         "harming herself and is finding it hard to look after the children."),
    ],
    "substance_misuse": [
        ("Police", "Police found cannabis and cocaine in the home during a search. The "
         "children were present. The kitchen had no food for them."),
        ("Midwife", "The community midwife is worried that {mother} has been drinking "
         "heavily and missed appointments for her youngest child."),
    ],
    "physical_harm": [
        ("School", "{child} told a teacher that {dad} hit {them} with a belt last night "
         "because {they} would not go to bed. The teacher saw red marks on {their} legs."),
        ("Hospital", "The hospital's safeguarding nurse shared that {child} was brought in "
         "with an injury that does not match the explanation given by the adults."),
    ],
    "emotional_harm": [
        ("School", "{school} is worried about {child}'s wellbeing. {They} has started "
         "scratching {their} arms and says that nobody at home listens to {them}."),
        ("Family member", "{gran} called us. She is worried about how the children are "
         "spoken to at home and says {child} is frightened of getting things wrong."),
    ],
    "sexual_harm": [
        ("School", "{child} told {their} teacher that an adult at home touched {them} in a "
         "way that made {them} feel uncomfortable. The school followed its procedures and "
         "rang us straight away."),
        ("Police", "Police told us that an adult with a conviction for sexual offences "
         "against children has moved into the household."),
    ],
}

# What we are worried about, in words the family can read.
WORRIES = {
    "neglect": "{child} is not always getting the food, warmth and care {they} needs",
    "domestic_abuse": "{child} is living with frightening arguments and violence between "
    "the adults at home",
    "parental_mental_health": "{mother}'s mental health means she cannot always care for "
    "{child} safely at the moment",
    "substance_misuse": "the adults' drinking or drug use means {child} is not always "
    "safe or looked after",
    "physical_harm": "{child} has been hurt by an adult who is meant to care for {them}",
    "emotional_harm": "the way {child} is spoken to at home is making {them} feel "
    "worthless and scared",
    "sexual_harm": "{child} may have been sexually harmed, or is at risk of it",
}

REFERRAL = [
    "Duty manager reviewed the contact the same day. There is enough concern to accept it "
    "as a referral and start a Child and Family Assessment. {worker} allocated.",
    "Contact reviewed with the MASH team. Checks with police, health and school completed. "
    "Referral accepted; the family will be offered an assessment.",
    "Decision: accept as a referral. The worries are serious enough that we need to meet "
    "the family and hear from {child}. Allocated to {worker}.",
]

ASSESSMENT = [
    "First visit for the Child and Family Assessment. {worker} explained why we are "
    "involved and what an assessment is. {mother} agreed to it going ahead.",
    "Assessment started. {worker} met {mother} at home and agreed who else we should speak "
    "to: {school}, the GP at {gp} and {gran}.",
    "Assessment visit. {mother} was nervous at first but talked openly about the last few "
    "months. {worker} saw {child} and {their} bedroom.",
]

STRATEGY = [
    "Strategy discussion held with police, health and {school}. Everyone agreed there is "
    "reasonable cause to suspect {child} is suffering, or likely to suffer, significant "
    "harm. A Section 47 enquiry will start today.",
    "Strategy meeting chaired by the team manager. Information shared by police and the "
    "school nurse. Decision: joint Section 47 enquiry with police.",
    "Strategy discussion by phone with police and the GP. Agreed a single-agency Section 47 "
    "enquiry by children's social care, and that {child} should be seen alone within 24 hours.",
]

SECTION47 = [
    "Section 47 enquiry started. {worker} saw {child} on {their} own at {school}. {They} "
    "spoke about home and what {they} would like to change.",
    "Section 47 enquiry: {worker} and a police officer visited the family home together. "
    "The adults were told clearly what the worries are and what happens next.",
]

INITIAL_CONFERENCE = [
    "Initial child protection conference held. The conference agreed that {child} should "
    "have a child protection plan under the category of {plan_category}. {mother} attended "
    "with an advocate.",
    "Initial child protection conference. Family, school, health visitor and police "
    "attended. Decision: child protection plan ({plan_category}). First core group booked.",
    "Conference decision: {child} is to be the subject of a child protection plan, "
    "category {plan_category}. The family's safety network was discussed and {gran} agreed "
    "to be part of it.",
]

CORE_GROUP = [
    "Core group met to review the plan. Attendance at {school} has improved. {mother} has "
    "started the parenting course. Next core group booked.",
    "Core group meeting. Everyone agreed things are moving in the right direction but "
    "there is more to do. Safety plan updated with the family's own words.",
    "Core group held at the family home. {gran} joined for the first time and shared what "
    "she has been doing to help with the school run.",
    "Core group: some progress, but two appointments were missed this month. The group "
    "agreed who will help {mother} get to them.",
    "Core group. {school} reported that {child} seems more settled and is eating lunch. "
    "{mother} said the evenings are still the hardest part of the day.",
    "Core group meeting. {child}'s words from the last visit were read out, and the group "
    "talked about what {they} wants to change. Actions agreed for {mother}, {gran} and "
    "{worker}.",
    "Core group held at the family centre. The safety scale was 4 out of 10 last time; "
    "today everyone put it at 5. The group agreed what a 6 would look like for {child}.",
]

REVIEW = [
    "Review child protection conference. The plan will continue; the safety scale moved "
    "from 3 to 5. Everyone agreed what still needs to happen.",
    "Review conference held. Good progress recognised. The plan continues for now, with "
    "the next review in six months.",
]

EARLY_HELP = [
    "Front-door decision: the worries are below the level for children's social care. "
    "{mother} agreed to Early Help; a lead practitioner will arrange a Team Around the "
    "Family meeting.",
    "Contact reviewed with the MASH team. Early Help offered and accepted by {mother}; "
    "the family hub will lead, with {school} involved.",
]
CIN_PLAN = [
    "Assessment authorised: {child} is a child in need. A Child in Need plan was agreed "
    "with {mother}, {school} and the GP at {gp}; it will be reviewed in three months.",
    "Child in Need plan agreed at a meeting with the family. {worker} will visit every "
    "four weeks; {gran} will help with the school run.",
]
CLOSED = [
    "Front-door decision: no further action. {mother} was given advice and the details of "
    "the family hub; the referrer was told.",
    "Contact reviewed: no further action for children's social care. Information and "
    "advice given to {mother}, and the referrer thanked and told the outcome.",
]
STEP_DOWN = [
    "Review conference: {child} no longer needs a child protection plan. The family will "
    "be supported under a {stepped_down_to}. The safety network stays in place.",
    "Decision at review: the child protection plan ends. Everyone, including {mother}, "
    "rated safety at 8 out of 10. Support continues through a {stepped_down_to}.",
]

# Case notes are built from these parts.
NOTE_OPENINGS = {
    "Home visit": [
        "Announced home visit. {mother} let me in and we sat in the front room.",
        "Unannounced home visit at teatime. {mother} was cooking and the children were "
        "watching television.",
        "Home visit with the family support worker. The flat was warm and tidier than last "
        "time.",
    ],
    "Phone call": [
        "Phone call with {mother} to check in after last week's meeting.",
        "{mother} rang the duty line and asked for me.",
    ],
    "School visit": [
        "Visited {child} at {school}. We met in a quiet room next to the library.",
        "Met {child} at {school} with {their} class teacher for the first ten minutes.",
    ],
    "Direct work": [
        "Direct work session with {child} at home, in {their} bedroom with the door open.",
        "Spent an hour with {child} doing drawing and talking at the family centre.",
    ],
}

OBSERVATIONS = {
    "neglect": [
        "There was some food in the fridge: milk, bread and yoghurts. {mother} said money "
        "runs out before her next payment.",
        "The children's beds now have sheets and duvets. The kitchen floor still needs "
        "clearing.",
        "{child} was wearing a coat that was too small. {mother} said she would ask {gran} "
        "for help with a new one.",
    ],
    "domestic_abuse": [
        "{mother} said {dad} has not been to the flat since the bail conditions started, but "
        "he has been texting her every day.",
        "We talked about the refuge and the Freedom Programme. {mother} wants to think about "
        "it.",
        "{mother} showed me the new lock on the door and told me her plan if {dad} turns up.",
    ],
    "parental_mental_health": [
        "{mother} said she is taking her medication again and her mental health nurse now "
        "visits every week.",
        "{mother} seemed tired and flat today. She said the mornings are hardest.",
        "We talked about what {mother} notices when she is becoming unwell, and who she can "
        "call.",
    ],
    "substance_misuse": [
        "{mother} said she has cut down and is now drinking only at weekends. She agreed to "
        "a test through the drug and alcohol service.",
        "There were empty cans in the recycling. {mother} said they were from before.",
        "{mother} has been to two appointments at the drug and alcohol service this month.",
    ],
    "physical_harm": [
        "I saw no new marks. {mother} said she has been using the calm-down plan instead of "
        "smacking.",
        "We went through the safety plan rules again: no physical punishment, and {gran} "
        "is called if things get heated.",
        "{dad} agreed to go on a parenting course about managing anger.",
    ],
    "emotional_harm": [
        "We talked about how {child} might hear the words used at home, and about praise.",
        "{mother} has put a reward chart on the fridge. {child} has three stickers already.",
        "{mother} said she did not realise how much the shouting was upsetting {child}.",
    ],
    "sexual_harm": [
        "The adult of concern has not been in the home, and {mother} understands he must "
        "not have contact with the children.",
        "We went through who is allowed to look after the children. The list is on the "
        "fridge.",
        "{mother} has been to the first session of the protective parenting group.",
    ],
}

# The child's own voice, by age. Written as said or seen, not summarised away.
CHILD_VOICE = {
    "baby": [
        "{child} was alert and followed my face. {They} settled quickly in {mother}'s arms.",
        "{child} was clean and content, and reached out to {mother} when she came back into "
        "the room.",
    ],
    "young": [
        "{child} showed me {their} favourite toy and said, 'Mummy sings to me.'",
        "{child} drew a picture of {their} house. When I asked who lives there, {they} drew "
        "{mother} and {gran} holding hands.",
        "{child} said {they} does not like it when 'people shout at night'.",
    ],
    "school": [
        "We did the three houses. In the house of worries {child} wrote 'when mum is sad'. "
        "In the house of good things: 'my bike and nan's dinners'. In the house of dreams: "
        "'a dog and everyone happy'.",
        "{child} said school is 'alright' and that {their} best friend is in the same class. "
        "{They} would like mum to come to sports day.",
        "{child} scored home at 6 out of 10. When I asked what would make it a 7, {they} "
        "said, 'No arguing.'",
    ],
    "teen": [
        "{child} spoke to me on {their} own. {They} said {they} is fed up of people asking "
        "questions, but wants things at home to be calmer.",
        "{child} said {they} worries about {their} mum and does not want to be away from "
        "home. {They} is happy for me to share that with the core group.",
        "{child} told me {they} goes to {gran}'s when things get bad, and that helps.",
    ],
}

STRENGTHS = [
    "{mother} clearly loves the children and wants things to be better for them.",
    "The children are close to {gran}, who lives nearby and helps most days.",
    "{mother} has been honest about what has been hard, which helps us plan together.",
    "{child} is doing well at {school} and has friends there.",
    "{mother} has kept every appointment this month.",
]

NEXT_STEPS = [
    "Next visit booked for next week. I will bring the leaflet about the parenting course.",
    "I will speak to {school} about breakfast club and let {mother} know by Friday.",
    "Agreed that {mother} will call {gran} to join the next core group.",
    "I will update the safety plan with the words {mother} and {child} used today.",
    "No new worries today. Next visit in two weeks, unannounced.",
]

# Danger statements: who is worried, about what the adults might do, and the effect on the child.
DANGER = {
    "neglect": "Children's services and {school} are worried that if {mother} cannot make "
    "sure {child} has food, clean clothes and gets to school each day, {child} will keep "
    "going hungry and fall further behind, and will feel that nobody is looking after {them}.",
    "domestic_abuse": "Everyone is worried that if {dad} hurts {mother} again when {child} "
    "is at home, {child} could be hurt trying to stop it, and will keep being frightened in "
    "{their} own home.",
    "parental_mental_health": "We are worried that when {mother} becomes very unwell again "
    "and nobody else knows, {child} will be left to look after {them}self and could be in "
    "danger without an adult to help.",
    "substance_misuse": "We are worried that if the adults drink or take drugs while "
    "looking after {child}, {child} could be hurt or left alone, and will not be able to "
    "wake an adult in an emergency.",
    "physical_harm": "We are worried that if {dad} uses physical punishment again when he "
    "is angry, {child} could be badly hurt, and will learn that hitting is how people deal "
    "with anger.",
    "emotional_harm": "We are worried that if {child} keeps being shouted at and told "
    "{they} is no good, {they} will go on believing it and become more withdrawn and unhappy.",
    "sexual_harm": "We are worried that if {child} has contact with the man who is a risk "
    "to children, {child} could be sexually harmed.",
}

SAFETY_GOALS = {
    "neglect": "Everyone, including {gran} and the school, will see that {child} has "
    "breakfast, clean clothes and gets to school on time every day for the next six months.",
    "domestic_abuse": "{mother} and the safety network will make sure {child} is never "
    "around violence at home, and that {child} knows who to call if {they} is scared.",
    "parental_mental_health": "When {mother} is unwell, she and {gran} will put the plan "
    "into action straight away so that an adult who is well is always caring for {child}.",
    "substance_misuse": "There will always be a sober adult looking after {child}, and "
    "{gran} will check in every evening.",
    "physical_harm": "Nobody in the family will use physical punishment, and {child} will "
    "tell us {they} feels safe at home.",
    "emotional_harm": "{child} will hear kind words at home every day and will tell us "
    "{they} feels listened to.",
    "sexual_harm": "{child} will have no contact with the man who is a risk to children, "
    "and every adult who looks after {child} will know the safety plan.",
}

FINDINGS = [
    "We saw {child} on {their} own and spoke with {mother}, {school} and the GP. The worries "
    "were confirmed, and {mother} agreed that things need to change.",
    "The enquiry found that {child} has been harmed and that the risk continues. {mother} "
    "is willing to work with us and with the safety network.",
]
