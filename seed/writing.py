"""One child's record, written sentence by sentence: age-true, varied, never repeating a
sentence within the record (PRACTICE.md §7: purpose, what was seen, what was said,
analysis, actions)."""

import re
from datetime import date
from functools import lru_cache

from . import days, stories

_SLOT = re.compile(r"\{(\w+)\}")
_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")


@lru_cache(maxsize=2048)
def _slots(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_SLOT.findall(template)))


@lru_cache(maxsize=16384)
def _sentences(text: str) -> tuple[str, ...]:
    # Remembered: a record tries the same few texts again and again for a fresh one.
    return tuple(s.strip() for s in _SPLIT.split(text) if s.strip())


def _capital(text: str) -> str:
    return text[0].upper() + text[1:] if text[:1] != "{" else text


_STARTERS = ("The ", "There ", "Next ", "Before ", "This ", "My ", "What ", "No ")


def _joined(first: str | None, second: str | None) -> str | None:
    """Two observations in one sentence: 'I arrived ...; the kitchen was ...'."""
    if not first or not second:
        return first or second
    head = second[0].lower() + second[1:] if second.startswith(_STARTERS) else second
    return first.rstrip(".") + "; " + head


MUM_DOING = ("cooking tea", "folding washing", "on the phone to the housing office",
             "helping with homework", "feeding the baby", "tidying the kitchen",
             "just back from the shops", "sorting out post at the table")
ARRIVAL = ("announced", "unannounced")
PURPOSES = {
    "assessment": ("Visit for the Child and Family Assessment, to see {child} and hear from "
                   "{carer}", "First assessment visit, to meet {child} and explain what an "
                   "assessment is", "Assessment visit to see {child} at home and hear each "
                   "adult's view"),
    "section47": ("Section 47 enquiry visit, to see {child} and speak with each adult on "
                  "their own", "Enquiry visit to see {child} and the home, and to talk with "
                  "each adult separately"),
    "cp": ("Child protection visit {n} since the conference, to see {child} at home and "
           "check the safety plan", "Visit {n} on the plan, to see {child} where {they} "
           "lives and test the safety rules", "Statutory visit {n}, to see {child} and "
           "hear how the plan is going", "Home visit {n} under the plan, to see {child} "
           "and check what has changed"),
    "cin": ("Child in Need visit {n}, to see {child} and review the plan", "Visit {n} under "
            "the Child in Need plan, to see {child} at home", "Child in Need visit {n}, to "
            "hear from {child} and {carer} how things are"),
}


# Signs of Safety words, which a legacy tenant's record does not use.
_SIGNS_OF_SAFETY = re.compile(r"three houses|house of worries|out of 10|safety network|"
                              r"safety scale|danger statement|safety goal", re.I)


_CHILD_SPEAKS = re.compile(r"\{child\} (says|has started to talk|has met|blocked)")


class Writer:
    def __init__(self, rng, words: dict, concern: str, kid: dict, dad: dict,
                 legacy: bool = False):
        self.rng, self.words, self.concern, self.kid = rng, words, concern, kid
        self.legacy = legacy
        self.used: set[str] = set()
        self._slot_words: dict[str, list[str]] = {}
        self._filled: dict[str, str] = {}  # templates with only the family's words
        # template -> (the template with the family's words in, the slots drawn each time)
        self._partial: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.visits = 0
        self.last_visit: dict = {}

    def band(self, on: date) -> str:
        return stories.band_on(self.kid["date_of_birth"], on)

    def fill(self, template: str, on: date | None = None, **extra) -> str:
        if not extra:
            # A template of the family's words alone draws nothing: worked out once.
            done = self._filled.get(template)
            if done is not None:
                return done
        known = self._partial.get(template)
        if known is None:
            slots = _slots(template)
            if not slots:
                return template[0].upper() + template[1:]
            drawn = tuple(s for s in slots if s not in self.words)
            if not drawn and not extra:
                text = template.format_map(self.words)
                self._filled[template] = text = text[0].upper() + text[1:]
                return text
            # The family's words put in once; each use fills only what it draws.
            partial = template
            for slot in slots:
                if slot in self.words:
                    value = str(self.words[slot]).replace("{", "{{").replace("}", "}}")
                    partial = partial.replace("{" + slot + "}", value)
            known = self._partial[template] = (partial, drawn)
        partial, drawn = known
        if extra and not extra.keys().isdisjoint(self.words):
            partial, drawn = template, _slots(template)  # given words win over the family's
            values = {**self.words, **extra}
        else:
            values = dict(extra)
        for slot in drawn:
            if slot in extra:
                continue
            if slot in stories.SLOTS:
                values[slot] = self.rng.choice(self._options(slot))
            elif slot == "score":
                values[slot] = self.rng.randint(4, 8)
            elif slot == "next_day":
                values[slot] = self.rng.choice(stories.DAYS)
            elif slot == "week":
                values[slot] = self.rng.choice(stories.WEEK)
        text = partial.format_map(values)
        return text[0].upper() + text[1:]

    def _options(self, slot: str) -> list[str]:
        """A slot's options in this family's words, worked out once per record."""
        options = self._slot_words.get(slot)
        if options is None:
            options = [o.format(**self.words) for o in stories.SLOTS[slot]]
            self._slot_words[slot] = options
        return options

    def fresh(self, options, tries: int = 6, **extra) -> str | None:
        """A text from `options` none of whose sentences this record has yet, or None."""
        if self.legacy:
            options = [o for o in options if not _SIGNS_OF_SAFETY.search(o)] or options
        for _ in range(tries):
            text = self.fill(self.rng.choice(options), **extra)
            sentences = _sentences(text)
            if not any(x in self.used for x in sentences):
                self.used.update(sentences)
                return text
        return None

    def voice(self, on: date) -> str:
        options = stories.CHILD_VOICE[self.band(on)]
        return self.fresh(options, tries=8) or self.fill(options[-1])

    def visit_note(self, day: date, kind: str) -> str:
        """Purpose and scene, what was seen, the child's voice, analysis, next step."""
        band = self.band(day)
        self.visits += 1
        purpose = self.rng.choice(PURPOSES[kind])
        scene = self.fill(f"{{carer}} was {self.rng.choice(MUM_DOING)} when I arrived "
                          "{when}")
        opening = self.fill(f"{purpose} ({self.rng.choice(ARRIVAL)}, {day:%A %-d %B %Y}): "
                            f"{scene}.", n=self.visits)
        self.used.add(opening)
        saw = None
        for _ in range(8):  # what was seen of the home and the child, new to this record
            candidate = _joined(self.fill(self.rng.choice(stories.HOME_SEEN[self.concern])),
                                self.fill(stories.CHILD_SEEN[band]))
            if not any(x in self.used for x in _sentences(candidate)):
                self.used.update(_sentences(candidate))
                saw = candidate
                break
        voice = self.fresh(stories.CHILD_VOICE[band], tries=8)
        meaning = self.rng.choice(stories.MEANING[self.concern]).format(**self.words)
        analysis = self.fresh(stories.ANALYSIS, meaning=meaning, meaning_lc=meaning)
        nxt = self.fresh(stories.NEXT_VISIT)
        self.last_visit = {"voice": voice or self.fill(stories.CHILD_VOICE[band][0]),
                           "saw": saw or opening, "meaning": analysis, "next": nxt}
        closing = _joined(analysis, nxt)
        return "\n\n".join(p for p in (opening, saw, voice, closing) if p)

    def phone(self, day: date) -> str:
        calls = [c for c in stories.PHONE if "bail" not in c
                 or self.concern == "domestic_abuse"]
        said = self.fresh(calls) or self.fill(
            f"{{carer}} and I spoke about arrangements for the week of {day:%-d %B}.")
        return (f"Phone call on {day:%A %-d %B %Y}, between visits (nothing seen; not a "
                f"visit): {said[0].lower() + said[1:] if not said[:2].istitle() else said}")

    def progress(self, on: date, k: int = 1) -> list[str]:
        """What has moved since the last meeting; words of the child's only from an age
        when they speak for themselves."""
        options = stories.CORE_GROUP_PROGRESS[self.concern]
        if self.band(on) in ("baby", "toddler"):
            options = [o for o in options if not _CHILD_SPEAKS.search(o)] or options
        return self.rng.sample(options, min(k, len(options)))

    def oversight(self, day: date) -> str:
        progress = self.progress(day)[0]
        text = self.fresh(stories.OVERSIGHT, progress=progress.format(**self.words))
        return f"Management oversight, {day:%-d %B %Y}: " + (text or self.fill(
            f"I read the record again on {day:%-d %B}; the plan and the visiting pattern "
            "continue."))

    def supervision(self, day: date) -> str:
        text = self.fresh(stories.SUPERVISION) or self.fill(
            f"The plan was reviewed on {day:%-d %B} and the actions from last time checked.")
        return f"Supervision on {day:%-d %B %Y}: " + text

    def core_group(self, number: int, on: date) -> str:
        progress = self.progress(on, 2)
        worry = self.rng.choice(stories.CORE_GROUP_WORRY)
        # One thing to a sentence: what moved, what still worries, what was agreed.
        text = (f"Core group meeting {number}. What has gone well: {progress[0]}. "
                f"{_capital(progress[1])}. Still worrying: {worry}. The family and the core "
                "group went through the safety plan rules and agreed the actions.")
        return self.fill(text)

    def working_days(self, a: date, n: int) -> date:
        return days.add_working_days(a, n)
