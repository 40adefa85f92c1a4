"""Forms already on record for cases further along the pathway.

A case at review stage has its assessment, strategy discussion, enquiry, conference and
core groups on record, filled in the tenant's form version from the family's own story.
Answers follow each definition's fields: a field's `sample` names the kind of writing it
holds; choices that move the pathway take the value that matches where the case has got to.
"""

import json
from datetime import date, datetime, time
from functools import cache

from sandbox import pathway as pw
from sandbox.forms.definitions import FormDef, load

from . import stories

# Which form each step of the timeline puts on record, and how far it takes the case.
STEP_FORMS = {
    "contact": [("contact_referral", "referral")],
    "assessment": [("child_family_assessment", "assessment")],
    "strategy": [("strategy_discussion", "section47")],
    "section47": [("section47_enquiry", "section47")],
    "initial_conference": [("conference_report", "initial_conference"),
                           ("initial_conference", "initial_conference")],
    "core_group": [("core_group_review", "cp_plan")],
    "review": [("review_conference", "cp_plan")],
    "step_down": [("review_conference", "stepped_down")],
}
# The stage a case must have passed for that step's form to be submitted, not a draft.
SUBMITTED_FROM = {
    "contact_referral": "referral", "child_family_assessment": "strategy",
    "strategy_discussion": "section47", "section47_enquiry": "initial_conference",
}
_RANK = {key: i for i, key in enumerate(pw.STAGE_KEYS)}
_RANK["review_due"] = _RANK["cp_plan"]


@cache
def registry():
    return load()


def _choice_for_target(definition: FormDef, target: str) -> dict:
    """Values of the fields that decide the pathway, for a case reaching `target`."""
    best, best_rank = {}, -1
    for effect in definition.effects:
        if not effect.when:
            continue
        rank = _RANK[effect.stage] if effect.stage else _RANK[target]
        if rank <= _RANK[target] and rank > best_rank:
            best, best_rank = effect.when, rank
    return dict(best)


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
    copied = {key: column for effect in definition.effects
              for column, key in effect.values.items()}
    answers = {}
    for f in definition.fields:
        value = None
        if f.key in decided:
            value = decided[f.key]
        elif f.key in copied:
            wanted = ctx["case"].get(copied[f.key])
            value = wanted if wanted in {o.value for o in f.options} else None
            if value is not None and f.kind == "choices":
                value = [value]
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
    return answers


def add_forms(rows, case_id: int, events, stage: str, version: str, ctx: dict, rng) -> None:
    """Form records (and their history) for each pathway step the case has been through."""
    forms = registry()
    progress = _RANK[stage]
    steps = [(event, key, target) for event in events
             for key, target in STEP_FORMS.get(event.step, [])]
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
