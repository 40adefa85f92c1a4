"""Every item a council must record (forms/statutory.yaml, from PRACTICE.md) is asked in
both form sets, each in its own style; `forms check` refuses an unknown item; the form
analysis page shows where each set asks each item, and says when a set misses one."""

import html
import re
import shutil

import pytest
from click.testing import CliRunner

from sandbox.forms.cli import forms as forms_command
from sandbox.forms.coverage import coverage, missing
from sandbox.forms.definitions import FORMS_DIR, load

REG = load()
SETS = ("legacy", "streamlined")


def all_fields(form):
    return [f for top in form.fields for f in (top, *top.fields)]


def found():
    return coverage(REG.statutory, {name: REG.forms(name) for name in SETS})


def test_every_statutory_item_is_asked_in_both_sets():
    rows = [c for _, items in found() for c in items]
    assert len(rows) > 200
    assert missing(found(), "legacy") == [] and missing(found(), "streamlined") == []
    # Each form in the list exists in both sets, and every item is checked against it.
    assert set(REG.statutory.items) == set(REG.sets["legacy"]) == set(REG.sets["streamlined"])


def test_streamlined_asks_at_most_half_as_many_questions():
    legacy = sum(f.field_count for f in REG.forms("legacy"))
    streamlined = sum(f.field_count for f in REG.forms("streamlined"))
    assert 2 * streamlined <= legacy, (legacy, streamlined)


SIGNS_OF_SAFETY = re.compile(r"danger statement|safety scale|safety network|safety goal|"
                             r"words and pictures|three houses|working well|family network",
                             re.IGNORECASE)


def test_legacy_is_an_ics_style_set_without_signs_of_safety():
    for form in REG.forms("legacy"):
        for f in all_fields(form):
            assert f.kind != "scale", (form.key, f.key)
            assert not SIGNS_OF_SAFETY.search(f.label), (form.key, f.label)
            assert f.guide not in ("signs-of-safety", "safety-planning"), (form.key, f.key)


def test_streamlined_is_built_around_signs_of_safety():
    labels = {form.key: " | ".join(f.label for f in all_fields(form))
              for form in REG.forms("streamlined")}
    assert "Words and Pictures" in labels["core_group_review"]
    assert "child's own safety plan" in labels["core_group_review"]
    assert "Immediate safety plan" in labels["strategy_discussion"]
    assert "family network meeting" in labels["section47_enquiry"]
    for key in ("child_family_assessment", "section47_enquiry", "initial_conference",
                "core_group_review", "review_conference"):
        scores = REG.form("streamlined", key).field("scores")
        assert scores.kind == "repeat" and "scale" in [s.kind for s in scores.fields], key


@pytest.mark.parametrize("version", SETS)
def test_structured_answers_a_check_can_test(version):
    strategy = REG.form(version, "strategy_discussion")
    (group,) = [f for f in strategy.fields if "participants" in f.statutory]
    (agency,) = [s for s in group.fields if "participant_agency" in s.statutory]
    assert agency.kind == "choice"
    assert {"police", "health", "csc_social_worker", "csc_manager"} <= {
        o.value for o in agency.options}
    conference = REG.form(version, "initial_conference")
    (categories,) = [f for f in conference.fields if "categories" in f.statutory]
    assert categories.kind == "choices"
    assert {o.value for o in categories.options} == {"neglect", "physical", "emotional",
                                                     "sexual"}
    (factors,) = [f for f in REG.form(version, "child_family_assessment").fields
                  if "factors" in f.statutory]
    assert factors.kind == "choices" and {"3B", "21", "24A"} <= {o.value
                                                              for o in factors.options}
    assert not {"18A", "19A"} & {o.value for o in factors.options}
    (reason,) = [f for f in REG.form(version, "closure").fields if "reason" in f.statutory]
    assert {o.value for o in reason.options} == {f"RC{n}" for n in range(1, 10)}
    note = REG.form(version, "case_note")
    (kind,) = [f for f in note.fields if "type" in f.statutory]
    assert kind.required and any("anagement oversight" in o.label for o in kind.options)


def test_forms_check_refuses_an_unknown_statutory_item(tmp_path):
    shutil.copytree(FORMS_DIR, tmp_path / "forms")
    visit = tmp_path / "forms" / "streamlined" / "visit.yaml"
    visit.write_text(visit.read_text().replace("statutory: bedroom_seen",
                                               "statutory: bedrom_seen"))
    result = CliRunner().invoke(forms_command, ["check", str(tmp_path / "forms")])
    assert result.exit_code == 1
    assert "visit.yaml" in result.output
    assert "unknown statutory item 'bedrom_seen' for form 'visit'" in result.output
    good = CliRunner().invoke(forms_command, ["check", str(FORMS_DIR)])
    assert good.exit_code == 0 and "Statutory items in legacy: 341 of 341" in good.output


def words(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


def test_the_analysis_page_shows_statutory_coverage(web, make):
    web.sign_in(make.user("working_group"))
    page = html.unescape(web.get("/timings/forms?set=streamlined").get_data(as_text=True))
    text = words(page)
    assert "What each form must record" in text
    assert "Legacy: every item asked" in text and "Streamlined: every item asked" in text
    row = page[page.index(">Bedroom or sleeping place seen"):]
    row = row[:row.index("</tr>")]
    assert "Child's bedroom / sleeping arrangements seen?" in row
    assert "Did you see where the child sleeps?" in row
    assert "Recorded by the system: worked out: 15 working days after the discussion" in text


def test_a_set_that_misses_an_item_says_so(web, make, tmp_path, monkeypatch):
    shutil.copytree(FORMS_DIR, tmp_path / "forms")
    visit = tmp_path / "forms" / "legacy" / "visit.yaml"
    visit.write_text(visit.read_text().replace(", statutory: bedroom_seen", ""))
    monkeypatch.setitem(web.app.extensions, "forms", load(tmp_path / "forms"))
    web.sign_in(make.user("working_group"))
    page = html.unescape(web.get("/timings/forms?set=legacy").get_data(as_text=True))
    text = words(page)
    assert "Legacy: 1 not asked (Bedroom or sleeping place seen" in text
    assert "Streamlined: every item asked" in text
    row = page[page.index("<th scope=\"row\" class=\"govuk-table__header\">Bedroom"):]
    row = row[:row.index("</tr>")]
    assert "Not asked" in row and "Did you see where the child sleeps?" in row


GUIDES = {
    "contact_referral": {"front-door"}, "visit": {"visits"},
    "cin_plan": {"children-in-need"}, "cin_review": {"children-in-need"},
    "closure": {"closure"}, "early_help_assessment": {"early-help"},
    "early_help_plan": {"early-help"}, "child_family_assessment": {"domestic-abuse"},
}


@pytest.mark.parametrize("version", SETS)
def test_the_forms_link_their_practice_guides(version):
    for key, guides in GUIDES.items():
        linked = {f.guide for f in all_fields(REG.form(version, key))}
        assert guides <= linked, (version, key)
    contact = REG.form(version, "contact_referral")
    for item in ("consent", "decision", "feedback_on"):
        (asked, *_) = [f for f in all_fields(contact) if item in f.statutory]
        assert asked.guide == "front-door", (version, item)
    assessment = REG.form(version, "child_family_assessment")
    for item in ("men_in_childs_life", "domestic_abuse_risk"):
        (asked, *_) = [f for f in all_fields(assessment) if item in f.statutory]
        assert asked.guide == "domestic-abuse", (version, item)
