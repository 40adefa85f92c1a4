"""Forms already on record for cases further along the pathway.

A case at review stage has its assessment, strategy discussion, enquiry, conference and
core groups on record, filled in the tenant's form version from the family's own story.
Answers follow each definition's fields: a field's `sample` names the kind of writing it
holds; choices that move the pathway take the value that matches where the case has got to.
"""

import json
from datetime import date, datetime, time
from functools import cache

from sandbox.casework import pathway as pw
from sandbox.forms.definitions import FormDef, load

from . import stories

# Which form each step of the timeline puts on record, and the stage its decision moves
# the case to.
STEP_FORMS = {
    "contact": [("contact_referral", "referral")],
    "assessment": [("child_family_assessment", "strategy")],
    "strategy": [("strategy_discussion", "section47")],
    "section47": [("section47_enquiry", "initial_conference")],
    "initial_conference": [("conference_report", "initial_conference"),
                           ("initial_conference", "cp_plan")],
    "core_group": [("core_group_review", "cp_plan")],
    "review": [("review_conference", "cp_plan")],
    "step_down": [("review_conference", "cin_plan")],
    "early_help": [("contact_referral", "early_help")],
    "closed": [("contact_referral", "closed")],
    "cin_plan": [("child_family_assessment", "cin_plan")],
}
# The stage a case must have passed for that step's form to be submitted, not a draft.
SUBMITTED_FROM = {
    "contact_referral": "referral", "child_family_assessment": "strategy",
    "strategy_discussion": "section47", "section47_enquiry": "initial_conference",
}
_RANK = {key: i for i, key in enumerate(pw.CP_PATH)}
_RANK["review_due"] = _RANK["cp_plan"]
# Off the child-protection path each form on record is submitted, and the decision's
# step carries the form its earlier step would have (the contact's, the assessment's).
_RANK.update({"early_help": 99, "closed": 99, "cin_plan": 99})
_CARRIED = {"early_help": "contact", "closed": "contact", "cin_plan": "assessment"}


@cache
def registry():
    return load()


def _choice_for_target(definition: FormDef, target: str) -> dict:
    """Values of the fields that decide the pathway, for the decision that moves a case to
    `target` (the first such move)."""
    for effect in definition.effects:
        if effect.when and effect.stage == target:
            return {key: values[0] for key, values in effect.when.items()}
    return {}


def _text(sample: str | None, ctx: dict, rng) -> str | None:
    concern = ctx["concern"]
    texts = {
        "contact": lambda: ctx["contact_text"],
        "worries": lambda: stories.WORRIES[concern],
        "past_harm": lambda: ctx["past_harm"],
        "danger_statement": lambda: stories.DANGER[concern],
        "safety_goal": lambda: stories.SAFETY_GOALS[concern],
        "strengths": lambda: rng.choice(stories.STRENGTHS),
        "child_voice": lambda: rng.choice(stories.CHILD_VOICE[ctx["band"]]),
        "findings": lambda: rng.choice(stories.FINDINGS),
        "note": lambda: rng.choice(stories.OBSERVATIONS[concern]),
    }
    if sample not in texts:
        return None
    text = texts[sample]().format(**ctx["words"])
    ending = "" if text.rstrip().endswith((".", "!", "?", "'", "\u201d")) else "."
    return text[0].upper() + text[1:] + ending


def answers_for(definition: FormDef, on: date, target: str, ctx: dict, rng) -> dict:
    decided = _choice_for_target(definition, target)
    copied = {key: column for effect in definition.effects if effect.matches(decided)
              for column, key in effect.values.items()}
    answers = {}
    for f in definition.fields:
        value = None
        wanted = ctx["case"].get(copied.get(f.key, ""))
        if f.key in copied and wanted in {o.value for o in f.options}:
            value = [wanted] if f.kind == "choices" else wanted
        elif f.key in decided:
            value = decided[f.key]
        elif f.kind == "date":
            if "dob" in f.key:
                value = ctx["child"]["date_of_birth"].isoformat() if f.key.startswith(
                    "child") else None
            elif f.required or f is definition.fields[0]:
                value = on.isoformat()
        elif f.kind == "longtext":
            value = _text(f.sample, ctx, rng)
            if value is None and f.required:
                value = "Discussed with the family; see the chronology for details."
        elif f.kind == "scale" and (f.sample == "scale" or f.required):
            value = min(9, max(1, ctx["scale"] + rng.randint(-1, 1)))
        elif f.kind == "people":
            value = {"household": ctx["household"], "network": ctx["network"]}.get(
                f.sample or "")
        elif f.kind == "choice" and f.required:
            value = f.options[0].value
        elif f.kind == "text" and f.required:
            value = {"child_surname": ctx["child"]["last_name"],
                     "child_forenames": ctx["child"]["first_name"],
                     "worker_name": ctx["worker"], "subject": "Visit",
                     "referrer_name": ctx["contact_source"]}.get(f.key, ctx["contact_source"])
        elif f.kind == "repeat" and "attendees" in f.key:
            agency = f.fields[1]
            coded = agency.kind == "choice"  # the strategy discussion's agencies are coded
            value = [{f.fields[0].key: ctx["worker"],
                      agency.key: "csc_social_worker" if coded else "Children's social care"},
                     {f.fields[0].key: ctx["school"],
                      agency.key: "education" if coded else "School"}]
        if value not in (None, [], ""):
            answers[f.key] = value
    # A date the decision needs (the next review, when a plan continues): three months on;
    # and nothing the decision rules out.
    for refusal in definition.refusals:
        if refusal.given and refusal.applies(answers):
            del answers[refusal.given]
        needed = definition.field(refusal.missing) if refusal.missing else None
        if needed is not None and needed.kind == "date" and refusal.applies(answers):
            answers[needed.key] = pw.add_months(on, pw.FIRST_REVIEW_MONTHS).isoformat()
    return answers


def add_forms(rows, case_id: int, events, stage: str, version: str, ctx: dict, rng) -> None:
    """Form records (and their history) for each pathway step the case has been through."""
    forms = registry()
    progress = _RANK[stage]
    steps = [(event, key, target) for event in events
             for key, target in STEP_FORMS.get(event.step, [])
             if event.step != _CARRIED.get(stage)]
    for number, (event, key, target) in enumerate(steps):
        definition = forms.form(version, key)
        ctx["scale"] = 2 + min(progress, 8) // 2 + number // 4
        answers = answers_for(definition, event.on, target, ctx, rng)
        submitted = progress >= _RANK[SUBMITTED_FROM.get(key, stage)]
        at = datetime.combine(event.on, time(9 + rng.randint(0, 7), rng.choice((0, 15, 30, 45))))
        record_id = rows.add(
            "form_records", case_id=case_id, form_key=key, version_set=version,
            definition_version=definition.version,
            status="submitted" if submitted else "draft", answers_json=json.dumps(answers),
            revision=2 if submitted else 1, editor=None,
            started_by=ctx["worker"], started_at=at, updated_by=ctx["worker"], updated_at=at,
            submitted_by=ctx["worker"] if submitted else None,
            submitted_at=at if submitted else None, signed_off_by=None, signed_off_at=None)
        rows.add("form_changes", form_record_id=record_id, revision=1, action="started",
                 changed_by=ctx["worker"], changed_at=at,
                 changes_json=json.dumps({k: [None, v] for k, v in answers.items()}))
        if submitted:
            rows.add("form_changes", form_record_id=record_id, revision=2,
                     action="submitted", changed_by=ctx["worker"], changed_at=at,
                     changes_json="{}")
