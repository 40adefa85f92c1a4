"""Questions asked twice, pre-fills, and the pages where the working group judges them."""

import html
from pathlib import Path

from sqlalchemy import select

from sandbox.core.content_files import read_yaml
from sandbox.core.extensions import db
from sandbox.forms.definitions import _Reader
from sandbox.timing import analysis
from sandbox.timing.models import QuestionPairVerdict

FORM = """
key: {key}
title: {title}
version: 1
order: {order}
sections:
  - title: Only
    fields:
{fields}
"""


def crafted(app, forms):
    """Small form definitions read as files are, without the shipped set around them."""
    parsed = []
    for order, (key, fields) in enumerate(forms):
        text = FORM.format(key=key, title=key.title(), order=order, fields="".join(
            f"      - key: {k}\n        kind: text\n        label: \"{label}\"\n{extra}"
            for k, label, extra in fields))
        path = Path(key)
        parsed.append(_Reader(path, {}).form(read_yaml(path, text=text), "crafted"))
    return parsed


def test_likeness_of_wording():
    assert analysis.likeness("Child's date of birth", "Date of birth of the child") == 1.0
    assert analysis.likeness("Who lives in the home?", "Who is living at home") == 1.0
    assert analysis.likeness("Date of birth", "Date of the visit") == 0.0  # one word shared
    assert analysis.likeness("School attended", "GP surgery") == 0.0


def test_pairs_found_on_a_small_crafted_set(app):
    first, second = crafted(app, [
        ("contact", [("dob", "Child's date of birth", ""),
                     ("worries", "What are the worries?", ""),
                     ("school", "School attended", "")]),
        ("assessment", [("dob", "Date of birth", ""),
                        ("concerns", "What worries do we have?", ""),
                        ("birth", "Date of birth of the child", ""),
                        ("gp", "GP surgery", "")]),
    ])
    pairs = {(p.first.ref, p.second.ref): p.reason for p in analysis.repeated([first, second])}
    assert pairs[("contact/dob", "assessment/dob")] == analysis.SAME_DATA
    assert pairs[("contact/dob", "assessment/birth")] == analysis.REWORDED
    assert ("contact/school", "assessment/gp") not in pairs
    # "What are the worries?" and "What worries do we have?" share only one meaningful word.
    assert ("contact/worries", "assessment/concerns") not in pairs


def test_a_prefilled_question_is_a_copy(app):
    first, second = crafted(app, [
        ("contact", [("name", "Name of the person who got in touch", "")]),
        ("assessment", [("referrer", "Who made the referral",
                         "        prefill: [{form: contact, field: name}]\n")]),
    ])
    (pair,) = analysis.repeated([first, second])
    assert pair.reason == analysis.COPIED and pair.second.ref == "assessment/referrer"
    ((question, where),) = analysis.prefills([first, second])
    assert question.ref == "assessment/referrer" and "'name'" in where


def test_the_shipped_legacy_set_asks_far_more_twice(app):
    registry = app.extensions["forms"]
    legacy = analysis.repeated(registry.forms("legacy"))
    streamlined = analysis.repeated(registry.forms("streamlined"))
    assert len({p.second.ref for p in legacy}) > 3 * len({p.second.ref for p in streamlined})


def test_the_analysis_page_and_judging_a_pair(web, make):
    web.sign_in(make.user("working_group"))
    page = html.unescape(web.get("/timings/forms?set=legacy").get_data(as_text=True))
    assert "All forms" in page and "How likeness is judged" in page and "Page 2" in page
    pair = analysis.repeated(web.app.extensions["forms"].forms("legacy"))[0]
    data = {"set": "legacy", "first": pair.first.ref, "second": pair.second.ref,
            "verdict": "confirmed", "back": "/timings/forms?set=legacy&page=1"}
    response = web.post("/timings/forms/pairs", data)
    assert response.location.endswith("/timings/forms?set=legacy&page=1")
    web.post("/timings/forms/pairs", {**data, "verdict": "dismissed", "back": "https://x.test"})
    verdict = db.session.scalar(select(QuestionPairVerdict))
    assert verdict.verdict == "dismissed"
    web.post("/timings/forms/pairs", {**data, "verdict": "maybe"}, status=400)
    web.post("/timings/forms/pairs", {**data, "second": "visit/nothing"}, status=400)
    web.post("/timings/forms/pairs", {**data, "set": "nothing"}, status=404)
    web.get("/timings/forms?set=nothing", status=404)
    web.get("/timings/forms?set=legacy&page=999", status=404)
    streamlined = web.get("/timings/forms?set=streamlined&reason=pre-filled+copy")
    assert "Filled in from" in streamlined.get_data(as_text=True)


def test_the_comparison_page(web, make):
    web.sign_in(make.user("trainer"))
    page = web.get("/timings/forms/compare?form=section47_enquiry&older=legacy"
                   "&newer=streamlined").get_data(as_text=True)
    assert "Removed" in page and "Added" in page
    web.get("/timings/forms/compare?form=nothing", status=404)
    web.get("/timings/forms/compare?older=nothing", status=404)
