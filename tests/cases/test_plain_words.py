"""Practitioner pages say "training copy", never "tenant" (our word, not theirs): every
page a trainee opens inside a training copy, read as the words on the screen, and the
templates those pages are made from."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import select

from sandbox.cases.models import Case, CaseNote, ChronologyEntry
from sandbox.core import tenancy
from sandbox.core.extensions import db

TEMPLATES = Path(__file__).parents[2] / "templates"
# The pages practitioners see; the working group's draft pages and staff pages may name
# tenants, since tenants are what staff manage.
PRACTITIONER_TEMPLATES = sorted(
    [TEMPLATES / "base.html", TEMPLATES / "main" / "home.html",
     TEMPLATES / "sessions" / "join.html",
     *[p for folder in ("cases", "recording", "scenarios", "errors", "guides")
       for p in (TEMPLATES / folder).glob("*.html")
       if p.name not in ("draft.html", "drafts.html")]])


class _Words(HTMLParser):
    """The text a person reads: the words between tags (and the page title), not the
    markup, its attributes or scripts."""

    def __init__(self):
        super().__init__()
        self.words, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:  # what a screen reader says is read too
            if name in ("aria-label", "alt", "title") and value:
                self.words.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.words.append(data)


def words_of(html: str) -> str:
    parser = _Words()
    parser.feed(html)
    return " ".join(" ".join(parser.words).split())


def test_the_words_reader_finds_the_word(app):
    assert "tenant" in words_of('<p>You are in a <b>tenant</b></p>')
    assert "tenant" in words_of('<div aria-label="Training tenant"></div>')
    assert "tenant" not in words_of('<a class="app-tenant" href="/t/x">Go</a>')


@pytest.mark.parametrize("path", PRACTITIONER_TEMPLATES, ids=lambda p: p.name)
def test_practitioner_templates_never_say_tenant(path):
    source = path.read_text()
    shown = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", source, flags=re.S)
    assert "tenant" not in words_of(shown).lower(), path


def test_practitioner_pages_never_say_tenant(web, make):
    tenant = make.tenant("room-1", seed=3, families=4)
    user = make.user("trainee", tenant=tenant)
    web.sign_in(user)
    tenancy.enter(tenant.id)
    case = db.session.scalars(select(Case).order_by(Case.id)).first()
    note = db.session.scalars(select(CaseNote).order_by(CaseNote.id)).first()
    entry = db.session.scalars(select(ChronologyEntry).order_by(ChronologyEntry.id)).first()
    started = web.post(f"/t/room-1/children/{case.child_id}/forms",
                       {"form_key": "case_note"})
    form = started.location.split("/t/room-1")[1]
    pages = ["/t/room-1/", f"/t/room-1/families/{case.family_id}",
             f"/t/room-1/children/{case.child_id}",
             f"/t/room-1/chronology/{entry.id}", f"/t/room-1/notes/{note.id}",
             f"/t/room-1/children/{case.child_id}/chronology/new",
             f"/t/room-1{form}", f"/t/room-1{form}/history", "/t/room-1/scenarios/",
             "/guides/"]
    for url in pages:
        text = words_of(web.get(url).get_data(as_text=True))
        assert "tenant" not in text.lower(), (url, text[:400])
    missing = web.get("/t/room-1/children/999999", status=404).get_data(as_text=True)
    assert "tenant" not in words_of(missing).lower()
