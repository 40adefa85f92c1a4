"""The practice guidance as people read it: every guide renders through its page, the links
between guides lead somewhere, and neither guides nor scenarios use words we have corrected."""

import re

import pytest

from sandbox.forms import plain_language
from sandbox.forms.definitions import load as load_forms
from sandbox.guides import library
from sandbox.scenarios.definitions import load as load_scenarios

# One guide for each part of the pathway, and the practice guides beside them.
EXPECTED = {"child-protection-pathway", "front-door", "early-help", "children-in-need",
            "closure", "visits", "domestic-abuse", "glossary", "hearing-the-child",
            "safety-planning", "signs-of-safety", "writing-for-families"}

# Words practitioners must never read in guidance: "tenant" is our word only (they read
# "training copy"); the others taught errors of practice.
NEVER = ["tenant", "thumbprint", "conference must then be held", "volatile relationship",
         "arguments between the parents", "hitting each other", "worries are confirmed, so"]


def plain(text: str) -> str:
    """Lower case, with line breaks and runs of spaces read as one space."""
    return " ".join(text.lower().split())


def scenario_prose():
    """Every piece of scenario text a trainee or trainer reads, with where it comes from."""
    for s in load_scenarios(load_forms()).scenarios.values():
        yield s.key, "title", s.title
        yield s.key, "audience", s.audience
        for outcome in s.outcomes:
            yield s.key, "outcome", outcome
        for number, step in enumerate(s.steps, 1):
            for part in ("title", "instruction", "guidance"):
                yield s.key, f"step {number} {part}", getattr(step, part)
            for hint in step.hints:
                yield s.key, f"step {number} hint", hint


def test_every_guide_renders_through_its_page(web, make):
    names = {g.name for g in library.all_guides()}
    assert not EXPECTED - names, f"missing guides: {EXPECTED - names}"
    web.sign_in(make.user("trainee"))
    index = web.get("/guides/").get_data(as_text=True)
    for guide in library.all_guides():
        assert f'href="/guides/{guide.name}"' in index
        page = web.get(f"/guides/{guide.name}").get_data(as_text=True)
        assert f">{guide.title}</h1>" in page, guide.name
        assert guide.html in page, f"{guide.name} is not shown in full"


def test_links_between_guides_lead_to_a_guide():
    for guide in library.all_guides():
        for target in re.findall(r'href="([^"]+)"', guide.html):
            if "://" in target or target.startswith("mailto:"):
                continue
            assert library.guide(target) is not None, f"{guide.name} links to {target}"


@pytest.mark.parametrize("phrase", NEVER)
def test_no_guide_uses_a_corrected_phrase(phrase):
    found = [g.name for g in library.all_guides() if phrase in plain(g.text)]
    assert found == [], f"'{phrase}' in guides {found}"


@pytest.mark.parametrize("phrase", NEVER)
def test_no_scenario_uses_a_corrected_phrase(phrase):
    found = [(key, where) for key, where, text in scenario_prose() if phrase in plain(text)]
    assert found == [], f"'{phrase}' in scenarios {found}"


def test_a_step_recording_a_conference_decision_says_it_is_the_chairs():
    """A step recording a conference's decision is the chair's (its role), and says that
    the conference decides and the chair records it: a social worker never does."""
    for s in load_scenarios(load_forms()).scenarios.values():
        for step in s.steps:
            if step.check.form in ("initial_conference", "review_conference"):
                text = " ".join((step.title + " " + step.instruction).lower().split())
                assert step.role == "conference_chair", (s.key, step.title)
                # Whoever holds the chair's part records it, in a session or alone.
                assert "chair records" in text and "chair's part" in text, (s.key, step.title)


def test_the_glossary_keeps_the_iro_and_the_conference_chair_apart():
    terms = {t.term: t for t in plain_language.glossary()}
    assert terms["IRO"].plain == "independent reviewing officer"
    assert "child in care" in terms["IRO"].meaning
    assert "not the same role as the chair" in terms["IRO"].meaning.lower()
