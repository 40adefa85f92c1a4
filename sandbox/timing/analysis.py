"""Form analysis for a version set: how many questions, which ones the pathway asks more
than once, and which answers are pre-filled from where.

How likeness is judged (shown to the working group with each suggestion):
- the same data: the same field key in two forms (the legacy set's shared sections);
- copied: a field pre-filled from another form's answer, so it is shown and asked again;
- the same question in other words: the labels share most of their meaningful words
  (lower case, without small words such as "the" or "of", possessive, plural and
  -ing endings trimmed): at least two such words and at least 60% of them (Jaccard likeness).
Each suggested pair can be confirmed or dismissed by the working group.
"""

import re
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import select

from sandbox.core.errors import ServiceError
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.forms.definitions import Field, FormDef
from sandbox.timing.models import QuestionPairVerdict

SMALL_WORDS = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from", "has",
    "have", "how", "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "them",
    "there", "they", "this", "to", "was", "were", "what", "when", "where", "which", "who",
    "why", "will", "with", "you", "your", "any", "about", "been", "if", "not"
])
LIKENESS = 0.6
SAME_DATA, COPIED, REWORDED = "same data", "pre-filled copy", "same question in other words"
VERDICTS = ("confirmed", "dismissed")


@dataclass(frozen=True)
class Question:
    form: FormDef
    field: Field

    @property
    def ref(self) -> str:
        return f"{self.form.key}/{self.field.key}"


@dataclass(frozen=True)
class Pair:
    first: Question
    second: Question
    reason: str
    likeness: float


def _stem(word: str) -> str:
    word = word.removesuffix("'s").strip("'")
    for ending in ("ing", "ies", "es", "s", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)] + ("y" if ending == "ies" else "")
    return word


def words(label: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in re.findall(r"[a-z0-9']+", label.lower())
                     if w not in SMALL_WORDS)


def likeness(a: str, b: str) -> float:
    first, second = words(a), words(b)
    shared = first & second
    if len(shared) < 2 and first != second:
        return 0.0
    return len(shared) / len(first | second) if first | second else 0.0


def questions(forms: list[FormDef]) -> list[Question]:
    return [Question(form, f) for form in forms for f in form.fields if f.kind != "repeat"] + [
        Question(form, sub) for form in forms for f in form.fields if f.kind == "repeat"
        for sub in f.fields]


_cache: dict[tuple[int, ...], tuple] = {}


def repeated(forms: list[FormDef]) -> list[Pair]:
    """Suggested pairs of questions asking the same, in pathway order. Kept per set of
    definitions (the same objects until the files change), as comparing every pair of a
    512-question set takes a moment."""
    key = tuple(id(f) for f in forms)
    if key not in _cache:
        if len(_cache) > 16:
            _cache.clear()
        _cache[key] = (forms, _repeated(forms))
    return list(_cache[key][1])


def _repeated(forms: list[FormDef]) -> tuple[Pair, ...]:
    found: dict[tuple[str, str], Pair] = {}
    asked = questions(forms)
    first_of_key: dict[str, Question] = {}
    by_ref = {q.ref: q for q in asked}
    for q in asked:
        earlier = first_of_key.setdefault(q.field.key, q)
        if earlier is not q and earlier.form.key != q.form.key:
            found[(earlier.ref, q.ref)] = Pair(earlier, q, SAME_DATA, 1.0)
        for rule in q.field.prefill:
            source = by_ref.get(f"{rule.form or q.form.key}/{rule.field}")
            if source is not None and not rule.sibling and source is not q:
                found.setdefault((source.ref, q.ref), Pair(source, q, COPIED, 1.0))
    for a, b in combinations(asked, 2):
        if a.field.key == b.field.key or (a.ref, b.ref) in found:
            continue
        score = likeness(a.field.label, b.field.label)
        if score >= LIKENESS:
            found[(a.ref, b.ref)] = Pair(a, b, REWORDED, round(score, 2))
    return tuple(found.values())


def prefills(forms: list[FormDef]) -> list[tuple[Question, str]]:
    """Each pre-filled question and where its answer comes from, in words."""
    titles = {f.key: f.title for f in forms}
    listed = []
    for q in questions(forms):
        for rule in q.field.prefill:
            where = ("the same form on a brother's or sister's record" if rule.sibling
                     else f"{titles.get(rule.form, rule.form)}: '{rule.field}'")
            listed.append((q, where))
    return listed


def verdicts(version_set: str) -> dict[tuple[str, str], QuestionPairVerdict]:
    return {(v.first, v.second): v for v in db.session.scalars(
        select(QuestionPairVerdict).where(QuestionPairVerdict.version_set == version_set))}


class AnalysisError(ServiceError):
    """A verdict on a pair of questions that cannot be taken."""


def judge(version_set: str, first: str, second: str, verdict: str, by: str,
          known: list[Pair]) -> None:
    if verdict not in VERDICTS:
        raise AnalysisError("Choose confirmed or dismissed")
    if not any((p.first.ref, p.second.ref) == (first, second) for p in known):
        raise AnalysisError("That pair is not one of the suggestions")
    with transaction():
        row = db.session.get(QuestionPairVerdict, (version_set, first, second))
        if row is None:
            row = QuestionPairVerdict(version_set=version_set, first=first, second=second,
                                      verdict=verdict, by=by)
            db.session.add(row)
        row.verdict, row.by = verdict, by

