"""One child's record, written sentence by sentence: age-true, varied, never repeating a
sentence within the record (PRACTICE.md §7: purpose, what was seen, what was said,
analysis, actions)."""

import re
from datetime import date

from sandbox.casework import pathway as pw
from sandbox.casework.ages import age_on

from . import stories

_SLOT = re.compile(r"\{(\w+)\}")
MUM_DOING = ("cooking tea", "folding washing", "on the phone to the housing office",
             "helping with homework", "feeding the baby", "tidying the kitchen",
             "just back from the shops", "sorting out post at the table")
ARRIVAL = ("announced", "unannounced")


class Writer:
    def __init__(self, rng, words: dict, concern: str, kid: dict, dad: dict):
        self.rng, self.words, self.concern, self.kid = rng, words, concern, kid
        self.used: set[str] = set()
        self.visits = 0
        self.last_visit: dict = {}

    def band(self, on: date) -> str:
        return stories.band_of(age_on(self.kid["date_of_birth"], on))

    def fill(self, template: str, on: date | None = None, **extra) -> str:
        values = {**self.words, **extra}
        for slot in set(_SLOT.findall(template)):
            if slot in stories.SLOTS and slot not in extra:
                values[slot] = self.rng.choice(stories.SLOTS[slot]).format(**self.words)
        values.setdefault("score", self.rng.randint(4, 8))
        values.setdefault("next_day", self.rng.choice(stories.DAYS))
        values.setdefault("week", self.rng.choice(stories.WEEK))
        text = template.format(**values)
        return text[0].upper() + text[1:]

    def fresh(self, options, tries: int = 6, **extra) -> str | None:
        """A sentence from `options` not yet used in this record, or None."""
        for _ in range(tries):
            text = self.fill(self.rng.choice(options), **extra)
            if text not in self.used:
                self.used.add(text)
                return text
        return None

    def voice(self, on: date) -> str:
        return self.fresh(stories.CHILD_VOICE[self.band(on)], tries=8) or self.fill(
            stories.CHILD_VOICE[self.band(on)][0])

    def visit_note(self, day: date, kind: str) -> str:
        band = self.band(day)
        self.visits += 1
        purpose = {
            "assessment": "Visit for the Child and Family Assessment, to see {child} and "
            "hear from {mother}",
            "section47": "Section 47 enquiry visit, to see {child} and speak with each "
            "adult on their own",
            "cp": "Child protection visit {n} since the conference ({arrival}), to see "
            "{child} at home and check the safety plan",
            "cin": "Child in Need visit {n} ({arrival}), to see {child} and review the plan",
        }[kind]
        opening = self.fill(purpose + ".", n=self.visits, arrival=self.rng.choice(ARRIVAL))
        self.used.add(opening)
        scene = self.fresh([f"I arrived {{when}}; {{mother}} was {doing}."
                            for doing in MUM_DOING])
        seen = self.fresh([stories.CHILD_SEEN[band]], tries=8)
        home = self.fresh(stories.HOME_SEEN[self.concern])
        voice = self.fresh(stories.CHILD_VOICE[band], tries=8)
        meaning = self.rng.choice(stories.MEANING[self.concern])
        analysis = self.fresh(stories.ANALYSIS, meaning=meaning.format(**self.words),
                              meaning_lc=meaning.format(**self.words))
        nxt = self.fresh(stories.NEXT_VISIT)
        saw = " ".join(p for p in (scene, seen, home) if p)
        self.last_visit = {"voice": voice or self.fill(stories.CHILD_VOICE[band][0]),
                           "saw": saw or opening, "meaning": analysis, "next": nxt}
        return "\n\n".join(p for p in (opening, saw, voice, analysis, nxt) if p)

    def phone(self, day: date) -> str:
        said = self.fresh(stories.PHONE) or self.fill(
            "Phone call with {mother} on {next_day} about arrangements for the week.")
        return "\n\n".join((self.fill("Phone call, to keep in touch between visits. Nothing "
                                      "was seen on this call; it does not count as a visit."),
                            said))

    def oversight(self, day: date) -> str:
        progress = self.rng.choice(stories.CORE_GROUP_PROGRESS[self.concern])
        text = self.fresh(stories.OVERSIGHT, progress=progress.format(**self.words))
        return text or self.fill("Management oversight: record read on {next_day}; the "
                                 "plan and visiting pattern continue.")

    def supervision(self, day: date) -> str:
        return self.fresh(stories.SUPERVISION) or self.fill(
            "Supervision: the plan was reviewed and the actions from last time checked.")

    def core_group(self, number: int, on: date) -> str:
        progress = self.rng.sample(stories.CORE_GROUP_PROGRESS[self.concern], 2)
        worry = self.rng.choice(stories.CORE_GROUP_WORRY)
        text = (f"Core group meeting {number}. Since the last meeting {progress[0]}, and "
                f"{progress[1]}. Still worrying: {worry}. The safety plan rules were "
                "checked with the family and actions agreed.")
        return self.fill(text)

    def working_days(self, a: date, n: int) -> date:
        return pw.add_working_days(a, n)
