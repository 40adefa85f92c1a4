"""Forms already on record for cases further along the pathway.

A case at review stage has its assessment, strategy discussion, enquiry, conference and
core groups on record, filled in the tenant's form version from the family's own story.
Answers follow each definition's fields: a field's `sample` names the kind of writing it
holds; choices that move the pathway take the value that matches where the case has got to.
"""

import re
from datetime import date, datetime, time
from functools import cache
from json.encoder import JSONEncoder, c_make_encoder
from json.encoder import encode_basestring_ascii as _json_text

from sandbox.casework import pathway as pw
from sandbox.forms.definitions import FormDef, load

from . import days, stories
from . import facts as facts_for

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
    # The assessment's decision and the plan it led to, agreed the day it was authorised.
    "cin_plan": [("child_family_assessment", "cin_plan"), ("cin_plan", "cin_plan")],
    "cin_plan_start": [("cin_plan", "cin_plan")],  # after a child protection plan ends
    "cin_review": [("cin_review", "cin_plan")],
    # An assessment that closes the episode: no further action (RC8), or Early Help (RC9).
    "assessment_nfa": [("child_family_assessment", "closed")],
    "assessment_eh": [("child_family_assessment", "early_help")],
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
_RANK.update({"early_help": 99, "closed": 99, "cin_plan": 99, "assessment_nfa": 99,
              "assessment_eh": 99, "lac_from_cp": 99, "lac_uasc": 99})
_CARRIED = {"early_help": "contact", "closed": "contact", "cin_plan": "assessment",
            "assessment_nfa": "assessment", "assessment_eh": "assessment"}


@cache
def registry():
    return load()


_ALLOWED: dict[int, tuple] = {}


def _allowed(field) -> set[str]:
    """The values a choice field takes, worked out once per field of the (remembered)
    registry: the generator asks thousands of times."""
    found = _ALLOWED.get(id(field))
    if found is None or found[0] is not field:
        found = _ALLOWED[id(field)] = (field, {o.value for o in field.options})
    return found[1]


_DECIDED: dict[tuple, tuple] = {}


def _decision(definition: FormDef, target: str, facts: dict) -> tuple[dict, dict]:
    """(the values deciding the move to `target`, field key -> case column its effect
    copies), once per form, target and choice of move. Of the moves to `target`, the first
    that agrees with the record's facts (a joint enquiry where the facts say joint)."""
    effects = [e for e in definition.effects if e.when and e.stage == target]
    chosen = next((i for i, e in enumerate(effects)
                   if all(facts[k] in values for k, values in e.when.items() if k in facts)),
                  0)
    key = (id(definition), target, chosen)
    found = _DECIDED.get(key)
    if found is None or found[0] is not definition:
        decided = ({k: values[0] for k, values in effects[chosen].when.items()}
                   if effects else {})
        copied = {key: column for effect in definition.effects if effect.matches(decided)
                  for column, key in effect.values.items()}
        found = _DECIDED[key] = (definition, decided, copied)
    return found[1], found[2]


def _text(sample: str | None, ctx: dict, rng, version: str) -> str | None:
    concern, band = ctx["concern"], ctx["band"]
    legacy = version == "legacy"

    def by_band(value):
        return value[band] if isinstance(value, dict) else value

    texts = {
        "contact": lambda: ctx["contact_text"],
        "worries": lambda: stories.WORRIES[concern],
        "past_harm": lambda: ctx["past_harm"],
        # The legacy set records risk in its own style, with no Signs of Safety items.
        "danger_statement": lambda: ("Risk: " + stories.WORRIES[concern] + ". Risk "
                                     "remains while the adults' behaviour is unchanged")
        if legacy else by_band(stories.DANGER[concern]),
        "safety_goal": lambda: by_band(stories.SAFETY_GOALS[concern]),
        "strengths": lambda: rng.choice([t for t in stories.STRENGTHS if "{dad}" not in t
                                         or "dad" in ctx["words"]]),
        "child_voice": lambda: ctx["writer"].voice(ctx["on"]),
        "findings": lambda: rng.choice(stories.FINDINGS if ctx.get("s47_target") !=
                                       "cin_plan" else stories.FINDINGS_OUTSIDE if concern
                                       in stories.EXTRA_FAMILIAL
                                       else stories.FINDINGS_CHILD_IN_NEED),
        "note": lambda: rng.choice(stories.HOME_SEEN[concern]),
    }
    if sample not in texts:
        return None
    text = texts[sample]()
    if legacy:
        text = re.sub(r"\b(\d+) out of 10\b", "well", text)
        text = text.replace("the three houses", "direct work").replace(
            "We did the three houses", "We did direct work together")
    text = ctx["writer"].fill(text) if "{" in text else text
    ending = "" if text.rstrip().endswith((".", "!", "?", "'", "\u201d")) else "."
    return text[0].upper() + text[1:] + ending


def _fit(field, value):
    """`value` shaped to `field`: a repeat's rows keep the field's own columns, a choice
    one of its options (else nothing)."""
    if field.kind == "repeat":
        if not isinstance(value, list):
            return None  # the same key holds text in the other form set
        keys = {sub.key: sub for sub in field.fields}
        rows = []
        for row in value or []:
            kept = {}
            for k, v in (row if isinstance(row, dict) else {}).items():
                sub = keys.get(k)
                if sub is None:
                    continue
                if sub.kind == "choice" and v not in _allowed(sub):
                    continue
                kept[k] = v
            if kept:
                rows.append(kept)
        return rows or None
    if field.kind == "choice":
        return value if value in _allowed(field) else None
    if field.kind in ("text", "longtext") and not isinstance(value, str):
        return None
    if field.kind == "choices":
        if not isinstance(value, list):
            return None
        allowed = _allowed(field)
        kept = [v for v in value if v in allowed]
        return kept or None
    if field.kind == "date":
        return value.isoformat() if isinstance(value, date) else value
    return value


def answers_for(definition: FormDef, on: date, target: str, ctx: dict, rng) -> dict:
    facts = ctx.get("facts", {})
    decided, copied = _decision(definition, target, facts)
    version = ctx.get("version", "streamlined")
    answers = {}
    for f in definition.fields:
        value = None
        column = copied.get(f.key, "")
        wanted = ctx["case"].get(column)
        if wanted is None and column == "plan_category":
            # The plan's category on its conference forms, also for a plan that has ended
            # (the child's record no longer shows a current one).
            wanted = ctx.get("plan_category")
        if f.key in copied and wanted in _allowed(f):
            value = [wanted] if f.kind == "choices" else wanted
        elif f.key in decided:
            value = decided[f.key]
        elif f.key in facts:
            value = _fit(f, facts[f.key])
        elif f.kind == "date":
            if "dob" in f.key:
                value = ctx["child"]["date_of_birth"].isoformat() if f.key.startswith(
                    "child") else None
            elif f.required or f is definition.fields[0]:
                value = on.isoformat()
        elif f.kind == "longtext":
            value = _text(f.sample, ctx, rng, version)
            if value is None and f.required:
                value = "Discussed with the family; see the chronology for details."
        elif f.kind == "scale" and (f.sample == "scale" or f.required):
            value = ctx["scale"]
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
        if value not in (None, [], ""):
            answers[f.key] = value
    # A date the decision needs (the next review, when a plan continues): three months on;
    # and nothing the decision rules out.
    for refusal in definition.refusals:
        if refusal.given and refusal.applies(answers):
            del answers[refusal.given]
        needed = definition.field(refusal.missing) if refusal.missing else None
        if needed is not None and needed.kind == "date" and refusal.applies(answers):
            answers[needed.key] = facts_for.scheduled(
                pw.add_months(on, pw.FIRST_REVIEW_MONTHS)).isoformat()
    return answers


def scale_on(ctx: dict, on: date, key: str) -> int:
    """The professionals' safety scale on a day: low while harm is being enquired into,
    rising slowly over the months of a plan, highest when it ends (PRACTICE.md §5)."""
    case = ctx["case"]
    base = ctx["scale_base"]
    conference = case.get("initial_conference_on")
    if key == "review_conference" and ctx.get("ending"):
        return 7
    if case.get("closure_reason") == "RC8" or case["stage"] == "early_help":
        return 7 + base % 2  # closed, or Early Help: safe enough (PRACTICE.md §5)
    if conference is None or on < conference:
        return max(1, base)
    months = (on - conference).days / 30.4
    return max(2, min(6, base + 1 + int(months / 2)))


# json.dumps's own C encoder and settings, made once (json.dumps makes one per call).
_json_value = c_make_encoder(None, JSONEncoder().default, _json_text, None, ": ", ", ",
                             False, False, True)


def _encoded(answers: dict) -> tuple[str, str]:
    """`json.dumps(answers)` and `json.dumps({k: [None, v]})` (the form's first change),
    character for character, each value encoded once."""
    pairs = [(_json_text(k), _json_text(v) if v.__class__ is str else
              "".join(_json_value(v, 0))) for k, v in answers.items()]
    return ("{" + ", ".join([f"{k}: {v}" for k, v in pairs]) + "}",
            "{" + ", ".join([f"{k}: [null, {v}]" for k, v in pairs]) + "}")


def _record(rows, case_id, key, version, definition, answers, status, started, finished,
            ctx, rng, by: str | None = None) -> None:
    worker = by or ctx["worker"]
    at = datetime.combine(started, time(9 + rng.randint(0, 7), rng.choice((0, 15, 30, 45))))
    done = datetime.combine(max(finished, started), time(10 + rng.randint(0, 6),
                                                         rng.choice((0, 20, 40))))
    signer = None
    if status != "draft" and definition.signed_off_by and finished < ctx["as_of"]:
        family = ctx["family"]
        # The reviewing officer signs off the review they chaired (`by`): independent of
        # the case's line management (CA89 s25A).
        signer = family["chair"] if definition.signed_off_by == pw.CHAIR else \
            worker if definition.signed_off_by == pw.IRO else family["manager"]["name"]
        status = "signed_off"
    signed_at = datetime.combine(min(days.add_working_days(finished, 1), ctx["as_of"]),
                                 time(9, 30)) if signer else None
    revision = {"draft": 1, "submitted": 2, "signed_off": 3}[status]
    answers_json, changes_json = _encoded(answers)
    record_id = rows.add(
        "form_records", case_id=case_id, form_key=key, version_set=version,
        definition_version=definition.version, status=status,
        answers_json=answers_json, revision=revision, editor=None,
        started_by=worker, started_at=at, updated_by=worker,
        updated_at=done if status != "draft" else at,
        submitted_by=worker if status != "draft" else None,
        submitted_at=done if status != "draft" else None,
        signed_off_by=signer, signed_off_at=signed_at)
    rows.add("form_changes", form_record_id=record_id, revision=1, action="started",
             changed_by=worker, changed_at=at,
             changes_json=changes_json)
    if status != "draft":
        rows.add("form_changes", form_record_id=record_id, revision=2, action="submitted",
                 changed_by=worker, changed_at=done, changes_json="{}")
    if signer:
        rows.add("form_changes", form_record_id=record_id, revision=3, action="signed off",
                 changed_by=signer, changed_at=signed_at, changes_json="{}")


def add_forms(rows, case_id: int, tl, stage: str, version: str, ctx: dict, rng) -> None:
    """Form records (and their history) for each pathway step the case has been through."""
    forms = registry()
    ctx["version"] = version
    ctx["scale_base"] = rng.choice((2, 2, 3))
    progress = _RANK[stage]
    steps = [(event, key, target) for event in tl.events
             for key, target in STEP_FORMS.get(event.step, [])
             if event.step != _CARRIED.get(stage)]
    meetings = 0
    for event, key, target in steps:
        definition = forms.form(version, key)
        ctx["on"] = event.on
        meetings += key == "core_group_review"
        ctx["ending"] = event.step == "step_down"
        ctx["scale"] = scale_on(ctx, event.on, key)
        ctx["facts"], finished = facts_for.facts(key, event, tl, ctx, rng, meetings)
        if key == "section47_enquiry":
            target = ctx.get("s47_target", target)
        if key == "contact_referral" and ctx["family"]["urgent"] and tl.dates.get(
                "strategy_on"):
            target = "strategy"  # an urgent contact goes straight to a strategy discussion
        answers = answers_for(definition, event.on, target, ctx, rng)
        submitted = progress >= _RANK[SUBMITTED_FROM.get(key, stage)]
        if not submitted:
            answers = _unfinished(definition, answers)
        _record(rows, case_id, key, version, definition, answers,
                "submitted" if submitted else "draft", event.on, finished or event.on,
                ctx, rng)


_AMONG: dict[int, tuple] = {}


def _fields_among(definition: FormDef, values: dict) -> list:
    """The definition's fields, in order, that `values` (always the same keys) answers."""
    found = _AMONG.get(id(definition))
    if found is None or found[0] is not definition:
        found = _AMONG[id(definition)] = (definition, [f for f in definition.fields
                                                       if f.key in values])
    return found[1]


def _answers_from(definition: FormDef, values: dict) -> dict:
    """`values` as the form's answers: only its questions, each fitted to its field, and
    nothing left empty."""
    answers = {}
    for f in _fields_among(definition, values):
        value = values[f.key]
        if value is not None:
            value = _fit(f, value)
        if value not in (None, [], ""):
            answers[f.key] = value
    return answers


# What only a finished assessment records: its factors are found at its end (census 8614:
# none on an assessment not yet authorised).
_AT_THE_END = {"factors"}


def _unfinished(definition: FormDef, answers: dict) -> dict:
    ends = {f.key for f in definition.fields if _AT_THE_END & set(f.statutory)}
    return {k: v for k, v in answers.items() if k not in ends}


def add_visit(rows, case_id: int, day: date, kind: str, written: dict, ctx: dict,
              rng) -> None:
    """A statutory visit on the visit form: the child seen at home, seen alone where
    their age allows (with the reason when not), and where they sleep."""
    version = ctx["version"]
    definition = registry().form(version, "visit")
    ctx["on"] = day
    values = facts_for.visit(day, kind, written, ctx, rng)
    answers = _answers_from(definition, values)
    _record(rows, case_id, "visit", version, definition, answers, "submitted", day, day,
            ctx, rng)


def add_supervision(rows, case_id: int, day: date, values: dict, ctx: dict, rng,
                    manager: dict) -> None:
    """A case supervision on the supervision form, recorded by the team manager."""
    version = ctx["version"]
    definition = registry().form(version, "supervision")
    values = {**values, "scale": scale_on(ctx, day, "supervision"),
              "sup_risk_rating": "High" if ctx["case"].get("initial_conference_on") and
              day >= ctx["case"]["initial_conference_on"] else "Medium"}
    answers = _answers_from(definition, values)
    _record(rows, case_id, "supervision", version, definition, answers, "submitted", day,
            day, ctx, rng, by=manager["name"])


def add_record(rows, case_id: int, key: str, day: date, values: dict, ctx: dict, rng,
               target: str = "looked_after", by: str | None = None) -> None:
    """A submitted form from `values` (keys of both form sets), the rest as answers_for
    fills a form: the looked-after records (seed.looked_after), management oversight
    (seed.oversight, `by` the manager)."""
    version = ctx["version"]
    definition = registry().form(version, key)
    ctx["on"] = day
    ctx["facts"] = {k: v for k, v in values.items() if v is not None}
    answers = answers_for(definition, day, target, ctx, rng)
    _record(rows, case_id, key, version, definition, answers, "submitted", day, day, ctx,
            rng, by=by)
