"""How plain a piece of writing is: a reading-ease score and the jargon in it.

Reading ease is Flesch's formula (206.835 - 1.015 x words per sentence - 84.6 x syllables
per word): 60 and above reads easily for most adults; below 50 is hard going. Jargon comes
from the table in guides/glossary.md, so trainers can add terms without touching code.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from sandbox.forms.definitions import GUIDES_DIR

WORD = re.compile(r"[A-Za-z][A-Za-z'&-]*")
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n\s*\n")


def syllables(word: str) -> int:
    word = word.lower().strip("'")
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def reading_ease(text: str) -> float | None:
    words = WORD.findall(text)
    if len(words) < 5:
        return None
    sentences = max(1, len([s for s in SENTENCE_END.split(text) if WORD.search(s)]))
    total = sum(syllables(w) for w in words)
    score = 206.835 - 1.015 * len(words) / sentences - 84.6 * total / len(words)
    return round(min(100.0, max(0.0, score)), 1)  # the formula can stray outside 0-100


def ease_label(score: float | None) -> str:
    if score is None:
        return "Not enough writing to measure"
    if score >= 70:
        return "Easy to read"
    if score >= 60:
        return "Plain English"
    if score >= 50:
        return "Fairly hard to read"
    return "Hard to read: try shorter sentences and everyday words"


@dataclass(frozen=True)
class Term:
    term: str
    plain: str
    meaning: str
    pattern: re.Pattern


@cache
def _glossary(path: Path, mtime: float) -> tuple[Term, ...]:
    terms = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not line.startswith("|") or set(cells[0]) <= {"-"} or \
                cells[0] == "Term":
            continue
        term = cells[0]
        # Whole words only; short abbreviations must match their case (CP, not "cp").
        flags = 0 if term.isupper() or "&" in term else re.IGNORECASE
        pattern = re.compile(rf"(?<![\w&]){re.escape(term)}(?![\w&])", flags)
        terms.append(Term(term, cells[1], cells[2] if len(cells) > 2 else "", pattern))
    return tuple(sorted(terms, key=lambda t: -len(t.term)))


def glossary() -> tuple[Term, ...]:
    path = GUIDES_DIR / "glossary.md"
    return _glossary(path, path.stat().st_mtime)


def jargon_in(text: str) -> list[Term]:
    return [t for t in glossary() if t.pattern.search(text)]


def marked(text: str) -> Markup:
    """The text, escaped, with each jargon term wrapped in <mark> naming the plain words."""
    html = str(escape(text))
    for term in glossary():
        escaped = re.compile(term.pattern.pattern.replace("&", "&amp;"), term.pattern.flags)
        html = escaped.sub(
            lambda m, t=term: f'<mark class="app-jargon" title="Say instead: '
                              f'{escape(t.plain)}">{m.group(0)}<span class="govuk-visually-hidden">'
                              f' (jargon: say “{escape(t.plain)}”)</span></mark>', html)
    return Markup(html)
