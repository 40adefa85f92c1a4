"""Practice guidance: Markdown files in guides/, rendered to sanitised HTML."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import markdown
import nh3

from sandbox.forms.definitions import GUIDES_DIR

NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "a", "code",
                "blockquote", "table", "thead", "tbody", "tr", "th", "td", "hr", "br"}


@dataclass(frozen=True)
class Guide:
    name: str
    title: str
    html: str
    text: str


def _render(source: str) -> str:
    html = markdown.markdown(source, extensions=["tables"])
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}},
                     url_schemes={"http", "https", "mailto"})


def _with_govuk_classes(html: str) -> str:
    classes = {"h1": "govuk-heading-l", "h2": "govuk-heading-m", "h3": "govuk-heading-s",
               "p": "govuk-body", "ul": "govuk-list govuk-list--bullet",
               "ol": "govuk-list govuk-list--number", "table": "govuk-table",
               "a": "govuk-link", "th": "govuk-table__header", "td": "govuk-table__cell"}
    for tag, css in classes.items():
        html = re.sub(rf"<{tag}(?=[ >])", f'<{tag} class="{css}"', html)
    return html


@cache
def _load(path: Path, mtime: float) -> Guide:
    source = path.read_text(encoding="utf-8")
    title = next((line[2:].strip() for line in source.splitlines() if line.startswith("# ")),
                 path.stem.replace("-", " ").capitalize())
    return Guide(path.stem, title, _with_govuk_classes(_render(source)), source)


def guide(name: str) -> Guide | None:
    if not NAME.match(name):
        return None
    path = GUIDES_DIR / f"{name}.md"
    if not path.exists():
        return None
    return _load(path, path.stat().st_mtime)


def all_guides() -> list[Guide]:
    return sorted((guide(p.stem) for p in GUIDES_DIR.glob("*.md") if NAME.match(p.stem)),
                  key=lambda g: g.title)


@cache
def render_markdown(source: str) -> str:
    """Markdown from a scenario or guide, sanitised and styled for GOV.UK pages."""
    return _with_govuk_classes(_render(source))


@dataclass(frozen=True)
class Match:
    guide: Guide
    snippet: str


def search(query: str) -> list[Match]:
    """Guides containing every word of the query, best (most mentions) first."""
    words = [w.lower() for w in re.findall(r"\w+", query)][:10]
    if not words:
        return []
    found = []
    for g in all_guides():
        text = g.text.lower()
        if all(w in text for w in words):
            at = text.find(words[0])
            snippet = re.sub(r"[#*|`\[\]]", "", g.text[max(0, at - 80): at + 160]).strip()
            found.append((sum(text.count(w) for w in words), Match(g, f"…{snippet}…")))
    return [m for _, m in sorted(found, key=lambda pair: -pair[0])]
