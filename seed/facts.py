"""What each form on a generated record says, field by field, from the family's story:
who took part (agencies as agencies, named people speaking for them), when things
happened (in working days, true to the trigger), and the decisions and reasons.

Keys are the fields of both form sets (streamlined and legacy); records.answers_for keeps
those the definition has and shapes each to its field.
"""

from datetime import date, timedelta

from sandbox.casework import pathway as pw
from sandbox.casework.ages import age_on

from . import days, stories, timeline

# Assessment factors (census codes, PRACTICE.md §3.3) per worry.
FACTORS = {
    "neglect": ["16A"], "domestic_abuse": ["3B", "3C"], "parental_mental_health": ["4B"],
    "substance_misuse": ["2B", "1B"], "physical_harm": ["18B"], "emotional_harm": ["17A"],
    "sexual_harm": ["19B"], "criminal_exploitation": ["24A", "10A", "13A"],
    "sexual_exploitation": ["11A", "10A"],
}
CATEGORY = {"neglect": "neglect", "physical": "physical", "emotional": "emotional",
            "sexual": "sexual"}
INJURY = ("physical_harm", "sexual_harm")
# Worries about what a man in the home does: while the enquiry runs he is not alone with
# the children. Where the worry is the care itself, help comes into the home instead.
HARM_BY_MAN = ("domestic_abuse", "physical_harm", "sexual_harm", "emotional_harm")


def joint_with_police(concern: str) -> bool:
    """Whether the enquiry into this worry is joint with the police: an injury or sexual
    harm, or harm outside the home (a crime may have been committed)."""
    return concern in INJURY or concern in stories.EXTRA_FAMILIAL


def scheduled(limit: date) -> date:
    """A meeting set for no later than `limit` (calendar months): on a working day, kept
    inside by the margin a move to another anchor may need (seed.timeline)."""
    return timeline.previous_working_day(limit - timedelta(days=timeline.REVIEW_MARGIN_DAYS))


def _pick(rng, options):
    return options[rng.randrange(len(options))]


def _health(ctx, rng) -> tuple[str, str, str]:
    """The health professional who knows the child: (name, agency code, role)."""
    age = age_on(ctx["child"]["date_of_birth"], ctx["on"])
    pros = ctx["family"]["pros"]
    if age < 5:
        return _pick(rng, pros["health_visitor"]), "health", "Health visitor"
    if ctx["concern"] in INJURY and rng.random() < 0.5:
        return _pick(rng, pros["paediatrician"]), "health", "Consultant paediatrician"
    return _pick(rng, pros["school_nurse"]), "health", "School nurse"


def _people(ctx, rng, meeting: str) -> list[dict]:
    """Who takes part, each with a name, an agency code and a role."""
    fam = ctx["family"]
    pros = fam["pros"]
    school = ctx["child"]["school"]
    health = _health(ctx, rng)
    rows = [
        {"name": ctx["worker"], "agency": "csc_social_worker", "role": "Social worker, "
         "children's social care"},
        {"name": fam["manager"]["name"], "agency": "csc_manager", "role": "Team manager, "
         "children's social care" + (" (chair)" if meeting == "strategy" else "")},
        {"name": _pick(rng, pros["police"]), "agency": "police",
         "role": "Police, child abuse investigation team"},
        {"name": health[0], "agency": health[1], "role": health[2]},
    ]
    if school:
        rows.append({"name": _pick(rng, pros["dsl"]), "agency": "education",
                     "role": f"Designated safeguarding lead, {school}"})
    if ctx["concern"] == "domestic_abuse":
        rows.append({"name": _pick(rng, pros["idva"]), "agency": "other",
                     "role": "Independent domestic violence adviser"})
    if ctx["concern"] in stories.EXTRA_FAMILIAL:
        rows.append({"name": _pick(rng, pros["youth"]), "agency": "probation",
                     "role": "Youth justice service"})
    if meeting == "strategy" and fam["code"] not in ("2A", "6", "3B", "3E"):
        rows.append({"name": fam["source"], "agency": "referrer",
                     "role": f"{fam['source']} (the referrer)"})
    for row in rows:
        row["agency_text"] = row["role"]
    return rows


def _family_present(ctx, on: date) -> list[str]:
    """Every adult the child lives with (the main carer first), and the child from 12."""
    present = [str(p["id"]) for p, _, _ in ctx["family"]["home"]]
    if age_on(ctx["child"]["date_of_birth"], on) >= 12:
        present.append(str(ctx["child"]["id"]))
    return present


def _role(ctx, person, role: str) -> str:
    """An adult's role for this child: a man who is not the child's father (nor a
    second adoptive father) is the mother's partner."""
    fam = ctx["family"]
    if role == "Father" and person is not ctx["dad"] and person is not fam.get("co_father"):
        return "Mother's partner"
    return role


def _family_rows(ctx) -> list[dict]:
    return [{"name": f"{p['first_name']} {p['last_name']}", "role": _role(ctx, p, role),
             "agency": "Family" if _role(ctx, p, role) == "Mother's partner" else agency}
            for p, role, agency in ctx["family"]["home"]]


def _scores(ctx, rng, with_parent: bool = True) -> list[dict]:
    scale = ctx["scale"]
    fam = ctx["family"]
    rows = [{"who": f"{ctx['worker']} (social worker)", "score": scale,
             "why": "What has changed, and what still worries me, as set out above."},
            {"who": f"{fam['manager']['name']} (team manager)", "score": scale,
             "why": "Agrees with the social worker's reasons."},
            {"who": "Health", "score": max(0, min(10, scale + rng.choice((-1, 0, 1)))),
             "why": "From what health services have seen since the last meeting."}]
    if with_parent:
        rows.append({"who": ctx["writer"].fill("{carer} ({carer_role})"),
                     "score": min(10, scale + rng.randint(1, 3)),
                     "why": ctx["writer"].fill("{c_She} feels things are better than "
                                               "professionals think.")})
    return rows


def _men(ctx) -> tuple[list[dict], list[dict]]:
    """Every man in the child's life, with his parental responsibility: (streamlined rows,
    legacy rows)."""
    fam = ctx["family"]
    streamlined, legacy = [], []
    for man in fam["men"]:
        lives = man["family_id"] is not None
        is_dad = man is ctx["dad"] or man is fam.get("co_father")
        pr = is_dad and fam["pr"].get(man["id"], False)
        contact = ("Seen at home and spoken to on his own." if lives else
                   "Letter sent and two phone calls; met at the office on his own.")
        streamlined.append({"who": str(man["id"]), "pr": "yes" if pr else "no",
                            "contact": contact})
        legacy.append({"name": f"{man['first_name']} {man['last_name']}",
                       "relationship": "Father" if is_dad else "Mother's partner",
                       "pr": "Yes" if pr else "No", "contact_attempts": contact,
                       "assessed": "Yes"})
    return streamlined, legacy


def _closing_steps(ctx, done: date) -> list[dict]:
    """What follows an assessment that closes the case or hands it to Early Help."""
    w = ctx["writer"]
    if ctx["case"]["stage"] == "early_help":
        first = w.fill("Handover meeting with {carer} and the family hub's lead practitioner")
    else:
        first = w.fill("Closure letter to {carer}, with the family hub's details")
    return [{"what": first, "who": ctx["worker"],
             "by_when": days.add_working_days(done, 3).isoformat()},
            {"what": "Tell the referrer and the GP the outcome", "who": ctx["worker"],
             "by_when": days.add_working_days(done, 2).isoformat()}]


def _adults(fam) -> list[dict]:
    """Each adult an enquiry speaks with on their own: those the child lives with (the
    main carer first), then each man in the child's life who lives elsewhere."""
    seen = {}
    for person in [p for p, _, _ in fam["home"]] + fam["men"]:
        seen.setdefault(person["id"], person)
    return list(seen.values())


def _actions(ctx, on: date, rng) -> list[dict]:
    """The plan's first actions. Its second is with the other parent: the man the worry
    is about, or the father (the mother when the father brings the children up), so
    fathers are part of every plan."""
    fam = ctx["family"]
    man = fam["man"]
    gran, parents = ctx["words"]["gran"], ctx["words"]["parents"]
    if man is not None and man is not fam["carer"]:
        other = f"Meet {man['first_name']} on his own to talk about his part in the plan"
    else:
        other = ctx["writer"].fill("Talk with {dad} on {d_his} own about {d_his} part in "
                                   "the plan and {d_his} time with {child}")
    return [
        {"what": "Visit at least every 10 working days and see the child on their own",
         "who": ctx["worker"], "by_when": days.add_working_days(on, 10).isoformat()},
        {"what": other,
         "who": ctx["worker"], "by_when": days.add_working_days(on, 5).isoformat()},
        {"what": f"Family network meeting with {parents}, {gran} and the safety network"
         if ctx["version"] != "legacy" else f"Family meeting with {parents}, {gran} and "
         "wider family",
         "who": ctx["worker"], "by_when": days.add_working_days(on, 15).isoformat()},
    ]


def _strategy_tasks(ctx, on: date, people: list[dict], joint: bool) -> list[dict]:
    """A strategy discussion's tasks are the enquiry's, not a plan's: the social worker
    sees the child alone; where the police investigate they, not the social worker,
    interview the adult suspected of the harm (PRACTICE.md §1.4)."""
    child = ctx["child"]["first_name"]
    officer = next((p["name"] for p in people if p["agency"] == "police"), "Police")
    tasks = [{"what": ctx["writer"].fill("See {child} on {their} own as part of the Section "
                                         "47 enquiry"),
              "who": ctx["worker"], "by_when": days.add_working_days(on, 1).isoformat()}]
    if joint:
        tasks.append({"what": f"Plan the achieving best evidence interview with {child} "
                      "together", "who": f"{officer} and {ctx['worker']}",
                      "by_when": days.add_working_days(on, 2).isoformat()})
        if ctx["concern"] in stories.EXTRA_FAMILIAL:  # the harm is from adults outside
            tasks.append({"what": f"Police to identify and pursue the adults exploiting "
                          f"{child}", "who": officer,
                          "by_when": days.add_working_days(on, 5).isoformat()})
        else:
            tasks.append({"what": f"Police to interview {ctx['words']['man']}; "
                          "children's social care to speak with him only after that",
                          "who": officer, "by_when": days.add_working_days(on, 5).isoformat()})
    else:
        tasks.append({"what": "Speak with each parent and carer about the worries",
                      "who": ctx["worker"], "by_when": days.add_working_days(on, 3)
                      .isoformat()})
    return tasks


def _meeting_voice(ctx, joint: bool) -> str:
    """What the meeting knows of the child's own words: reported, never a visit's."""
    band = ctx["band"]
    then = (" The police and the social worker will plan a video interview together."
            if joint else "")
    if band in ("baby", "toddler"):
        return ctx["writer"].fill("{child} is too young to tell us in words; "
                                  f"{ctx['worker']} will see {{them}} and record how {{they}} "
                                  "is with {carer} and the people around {them}.")
    return ctx["writer"].fill("What {child} has said is in the referral from "
                              f"{ctx['family']['source']}; {ctx['worker']} will see {{them}} "
                              "on {their} "
                              f"own as part of the enquiry.{then}")


def _reason(ctx, decision: str) -> str:
    words = {**ctx["words"], "worry": ctx["words"]["worry"]}
    return stories.DECISION_REASONS.get(decision, stories.DECISION_REASONS["referral"]) \
        .format(**words)


def facts(key: str, event, tl, ctx: dict, rng, meetings: int) -> tuple[dict, date | None]:
    """(answers by field key, the date the form was finished) for `key` at `event`."""
    on = event.on
    fam = ctx["family"]
    case = ctx["case"]
    extra = tl.extra
    d = tl.dates
    child = ctx["child"]
    age = age_on(child["date_of_birth"], on)
    alone = "yes" if age >= 4 else "too_young"
    manager = fam["manager"]["name"]
    chair = fam["chair"]
    # The plan's category, also for a plan that has ended (its record no longer shows one).
    plan_cat = CATEGORY.get(case.get("plan_category") or ctx.get("plan_category") or "")
    out: dict = {}
    finished = None
    if key == "contact_referral":
        decided = d.get("referral_on") or d.get("stage_on") or on
        urgent = bool(fam["urgent"] and d.get("strategy_on"))
        # Ended at the front door: no further action with advice, or Early Help.
        ended = None if d.get("referral_on") else {"closed": "advice",
                                                   "early_help": "early_help"}.get(
                                                       case["stage"])
        decision = "strategy" if urgent else ended or "referral"
        told = min(days.add_working_days(decided, 1), ctx["as_of"])
        out = {
            "contact_date": on, "date_of_contact": on, "contact_time": "09:40",
            "time_of_contact": "09:40", "referrer_name": fam["source"],
            "referrer_role": fam["code"], "referral_source": fam["code"],
            "referrer_agency": fam["source"],
            "decided_on": decided, "decision_date": decided, "decided_at": "15:10",
            "decision_time": "15:10", "decided_by": manager, "decision_maker": manager,
            "manager_name": manager, "reason": _reason(ctx, decision),
            "decision_rationale": _reason(ctx, decision),
            "referrer_told": told, "feedback_date": told, "referrer_told_how": "phone",
            "feedback_method": "Telephone",
            "family_aware": "no" if urgent else "yes", "parents_informed": "No" if urgent
            else "Yes",
            "parents_agree": "risk" if urgent else "yes",
            "consent_obtained": "not_sought" if urgent else "given",
            "consent_reason": "Telling the parents now could put the child at risk and "
            f"harm the police investigation. Agreed by {manager}." if urgent else None,
            "consent_authorised_by": manager if urgent else None,
            "primary_need": None if ended else "N1",
            "primary_need_code": None if ended else "N1",
            "immediate_risk": "Yes" if urgent else "No",
            "checks": [{"agency": a, "asked_on": on.isoformat(), "answered_on": on.isoformat(),
                        "what": w} for a, w in (("Police", "Call-outs and any bail "
                                                 "conditions"), ("Health", "GP and health "
                                                 "visiting records"))],
            "mash_checks": [{"agency": "Police", "requested": on.isoformat(),
                             "received": on.isoformat(), "summary": "Checked"}],
        }
        finished = decided
    elif key == "child_family_assessment":
        start = d.get("assessment_started_on") or on
        done = extra.get("assessment_done_on") or d.get("stage_on") or on
        streamlined_men, legacy_men = _men(ctx)
        need = ("N9" if case.get("closure_reason") == "RC8" else "N4") if \
            case.get("closure_reason") == "RC8" or case["stage"] == "early_help" else "N1"
        factors = list(FACTORS[ctx["concern"]])
        band = ctx["band"]
        # An assessment closing the episode (RC8) or stepping down to Early Help (RC9):
        # what was found, and a need code that says the child is not in need of
        # children's social care (N9) or the family's stress (N4).
        closing = case.get("closure_reason") == "RC8" or case["stage"] == "early_help"
        if case.get("closure_reason") == "RC8" and rng.random() < 0.5:
            factors = ["21"]  # no factors identified: census 8873Q expects it to close
        out = {
            "started_on": start, "assessment_start": start,
            "child_seen_on": extra.get("child_seen_on", start),
            "date_child_seen_cfa": extra.get("child_seen_on", start),
            "child_seen_alone": alone,
            "voice_tool": {"baby": "observation", "toddler": "observation",
                           "primary": "three_houses", "teen": "conversation"}[band],
            "direct_work_method": {"baby": "Observation", "toddler": "Observation and play",
                                   "primary": "Direct work with drawings",
                                   "teen": "Conversation on their own"}[band],
            "completed_on": done, "cfa_completed": done,
            "factors": factors, "assessment_factors": factors,
            "primary_need": need, "cfa_primary_need": need,
            "disability": ctx["disability"], "disability_codes": ctx["disability"],
            "child_disability": "No" if ctx["disability"] == ["NONE"] else "Yes",
            "men_in_childs_life": streamlined_men, "male_carers": legacy_men,
            "scores": _scores(ctx, rng),
            "next_steps": _closing_steps(ctx, done) if closing else _actions(ctx, on, rng)[:2],
            "contributors": f"{fam['carer']['first_name']}, each man in {child['first_name']}'s "
            f"life, the GP, {ctx['words']['gran']}" + (f", {child['school']}"
                                                       if child["school"] else ""),
            "manager_name": manager,
        }
        if ctx["concern"] == "domestic_abuse":
            # Strangulation or escalation is high risk, whatever the score (some score
            # under 14): MARAC on professional judgement; else the score decides (14 or
            # more: MARAC; PRACTICE.md §6). An IDVA offered either way.
            high = stories.continuing_risk("domestic_abuse", ctx["contact_text"])
            score = rng.randint(9, 19) if high else rng.randint(8, 13)
            marac = high or score >= 14
            on_roll = bool(child["school"])
            out.update({"domestic_abuse_steps": ["dash"] + (["marac"] if marac else [])
                        + ["idva"] + (["encompass"] if on_roll else []),
                        "dash_score": str(score), "dash_completed": "Yes",
                        "marac_referral": "Yes" if marac else "No",
                        "encompass_notified": "Yes" if on_roll else "N/A"})
        finished = done
    elif key == "strategy_discussion":
        people = _people(ctx, rng, "strategy")
        joint = joint_with_police(ctx["concern"])
        also = ["criminal_investigation", "abe_interview"] if joint else []
        if ctx["concern"] in INJURY:
            also.append("medical")
        tasks = _strategy_tasks(ctx, on, people, joint)
        voice = _meeting_voice(ctx, joint)
        out = {
            "held_on": on, "date_of_strategy_meeting": on, "held_at": "14:00",
            "time_of_meeting": "14:00", "format": "meeting" if rng.random() < 0.5 else "video",
            "meeting_venue": "Video (Teams)", "chair": manager, "meeting_chair": manager,
            "attendees": people, "strategy_attendees": people,
            "joint_with_police": "yes" if joint else "no",
            "joint_investigation": "Yes" if joint else "No",
            "criminal_investigation": "Yes" if joint else "No",
            "medical_required": "Yes" if ctx["concern"] in INJURY else "No",
            "abe_required": "Yes" if joint else "No",
            "also_agreed": also,
            "immediate_safety": (
                ctx["writer"].fill("{child} will stay at home with {carer}, who will tell "
                                   "the police at once if {they} goes missing; police will "
                                   "disrupt the adults involved.")
                if ctx["concern"] in stories.EXTRA_FAMILIAL else
                f"{ctx['words']['man']} is not to be alone with the children while the "
                f"enquiry runs; {ctx['words']['gran']} will stay at the home tonight."
                if fam["man"] is not None and fam["man"] is not fam["carer"]
                and fam["man"]["family_id"] is not None and ctx["concern"] in HARM_BY_MAN else
                # The worry is about the carer's own care: help in the home, not a rule.
                ctx["writer"].fill("{gran} will call in every morning and evening while "
                                   "the enquiry runs, and {carer} will ring {worker} if "
                                   "{c_she} cannot manage.")),
            "actions": tasks,
            "strategy_actions": [{"action": a["what"], "responsible": a["who"],
                                  "timescale": a["by_when"]} for a in tasks],
            "child_voice": voice, "child_views_strategy": voice,
            "family_told": "yes", "parents_informed_strategy": "Yes",
            "parents_informed_by": ctx["worker"],
            "police_information": "Police shared their call-outs and any bail conditions.",
            "health_information": "Health shared what they know of the child's health and "
            "development.",
            "manager_name": manager,
        }
        finished = on
    elif key == "section47_enquiry":
        seen = extra.get("s47_seen_on", on)
        done = extra.get("s47_done_on") or min(days.add_working_days(seen, 3), ctx["as_of"])
        joint = joint_with_police(ctx["concern"])
        adults = [{"who": str(m["id"]), "seen_on": (seen if m is fam["carer"] else
                                                    days.add_working_days(seen, 1)).isoformat()}
                  for m in _adults(fam)]
        out = {
            "started_on": d.get("strategy_on", on), "s47_start": d.get("strategy_on", on),
            "strategy_date_ref": d.get("strategy_on", on),
            "enquiry_type": "Joint with police" if joint else "Single agency",
            "joint_with_police": "yes" if joint else "no",
            "child_seen_on": seen, "child_seen_date": seen, "child_seen_alone": alone,
            "child_seen_alone_s47": "Yes" if age >= 4 else "N/A",
            "adults_seen": adults,
            "parents_interviewed": [{"name": f"{m['first_name']} {m['last_name']}",
                                     "relationship": "Parent or carer",
                                     "date": seen.isoformat()} for m in _adults(fam)],
            "completed_on": done, "s47_completed": done, "agreed_by": manager,
            "s47_manager": manager, "manager_name": manager,
            "family_feedback_date": done, "referrer_feedback_date": done,
            "told": f"{fam['carer']['first_name']} and the referrer were told the outcome "
            "on the day it was decided.",
            "scores": _scores(ctx, rng),
            "checks_completed": ["Police", "Health"] + (["Education"] if child["school"]
                                                        else []),
        }
        finished = done
    elif key == "conference_report":
        conference = d.get("initial_conference_on") or on
        out = {"conference_on": conference, "conference_date": conference,
               "conference_type": "ICPC",
               "shared_on": days.add_working_days(conference, -3),
               "report_shared_date": days.add_working_days(conference, -3),
               "recommendation": "plan", "sw_recommendation": "cpp",
               "categories": [plan_cat] if plan_cat else None,
               "recommended_category": [{"neglect": "Neglect", "physical": "Physical abuse",
                                         "emotional": "Emotional abuse",
                                         "sexual": "Sexual abuse"}.get(plan_cat, "Neglect")],
               "manager_name": manager}
        finished = days.add_working_days(conference, -3)
    elif key == "initial_conference":
        people = _family_rows(ctx) + _people(ctx, rng, "conference")
        # Scheduled on a working day, a week inside three months (timeline's margin).
        first_review = scheduled(pw.add_months(on, 3))
        first_cg = next((e.on for e in tl.events if e.step == "core_group"),
                        days.add_working_days(on, 8))
        core = [{"name": r["name"], "role": r["role"], "agency": r.get("agency_text", r["agency"])}
                for r in people if r.get("agency") != "csc_manager"]
        out = {
            "held_on": on, "icpc_date": on, "cpp_start_date": on, "chair": chair,
            "icpc_chair": chair,
            "family_present": _family_present(ctx, on),
            "parents_part": "whole", "parents_attendance": "Attended",
            "attendees": [{"name": r["name"], "role": r["role"]} for r in people],
            "icpc_attendees": [{"name": r["name"], "agency": r.get("agency_text") or r["role"]}
                               for r in people],
            "quorate": "yes", "reasons": "The conference agreed that "
            f"{child['first_name']} is likely to suffer significant harm: "
            f"{ctx['words']['worry']}.",
            "decision_reasons": "Threshold met for significant harm: "
            f"{ctx['words']['worry']}.", "threshold_significant_harm": "Yes",
            "previous_plans": "0", "previous_cpps": "0",
            "lead_social_worker": ctx["worker"], "lead_sw": ctx["worker"],
            "core_group": core, "core_group_members": core,
            "plan_actions": _actions(ctx, on, rng),
            "recommendations": [{"recommendation": a["what"], "responsible": a["who"],
                                 "timescale": a["by_when"]} for a in _actions(ctx, on, rng)],
            "contingency": "If the safety plan is broken, a strategy discussion is held the "
            "same day and legal advice is sought.",
            "contingency_icpc": "If the plan is not followed, legal planning will be "
            "considered.",
            "visits": "ten_days", "visit_frequency_icpc": "Every 10 working days",
            "first_core_group_on": first_cg, "first_core_group": first_cg,
            "review_on": first_review, "rcpc_date": first_review,
            "scores": _scores(ctx, rng), "parents_say": ctx["writer"].fill(
                "{carer} said {c_she} wants the children to be safe and will work with "
                "the plan."),
        }
        finished = on
    elif key == "core_group_review":
        rules = []
        for rule, who, if_broken in stories.SAFETY_RULES[ctx["concern"]]:
            person = {"gran": ctx["network"][0] if ctx["network"] else str(fam["carer"]["id"]),
                      "mother": str(fam["carer"]["id"])}[who]
            rules.append({"rule": rule.format(**ctx["words"]), "who": person,
                          "if_broken": if_broken.format(**ctx["words"])})
        people = [{"name": ctx["worker"], "role": "Lead social worker"}] + [
            {"name": r["name"], "role": r["role"]} for r in _family_rows(ctx)] + [
            {"name": r["name"], "role": r["role"]} for r in _people(ctx, rng, "core")
            if r["agency"] not in ("csc_manager", "csc_social_worker", "police")]
        out = {
            "held_on": on, "cg_date": on, "number": str(meetings), "cg_number": str(meetings),
            "cg_chair": ctx["worker"], "family_present": _family_present(ctx, on),
            "attendees": people,
            "cg_attendees": [{"name": p["name"], "agency": p["role"]} for p in people],
            "child_seen": "yes", "child_seen_cg": "Yes",
            "safety_rules": rules, "scores": _scores(ctx, rng),
            "plan_progress": [{"action": a["what"], "progress": "in_progress"}
                              for a in _actions(ctx, on, rng)[:2]],
            "actions": _actions(ctx, on, rng)[:2],
            "next_meeting_on": days.add_working_days(on, 25),
            "next_cg": days.add_working_days(on, 25), "early_review": "no",
            "early_review_requested": "No",
            "statutory_visits": "Visited at least every 10 working days; seen alone where "
            "age allows.",
        }
        finished = on
    elif key == "review_conference":
        people = _family_rows(ctx) + _people(ctx, rng, "conference")
        ending = event.step == "step_down"
        next_review = scheduled(pw.add_months(on, 6))
        out = {
            "held_on": on, "rcpc_held": on, "chair": chair, "rcpc_chair": chair,
            "family_present": _family_present(ctx, on),
            "attendees": [{"name": r["name"], "role": r["role"]} for r in people],
            "rcpc_attendees": [{"name": r["name"], "agency": r.get("agency_text") or r["role"]}
                               for r in people],
            "quorate": "yes", "rcpc_quorate": "Yes", "rcpc_parents_attendance": "Attended",
            "scores": _scores(ctx, rng),
            "reasons": ("The danger has reduced and the safety plan has worked for months: "
                        "the plan ends.") if ending else
            "Progress is real but the danger is still present: the plan continues.",
            "rcpc_reasons": "Plan ends." if ending else "Plan continues.",
            "categories": [plan_cat] if plan_cat and not ending else None,
            "next_review_on": None if ending else next_review,
            "next_rcpc": None if ending else next_review,
        }
        finished = on
    elif key in ("cin_plan", "cin_review"):
        out, finished = _child_in_need(key, on, extra, ctx, rng), on
    if fam["interpreter"]:
        # An interpreter from the council's language service, never a relative or child.
        out.setdefault("interpreter", "Yes")
        out.setdefault("language", f"{fam['language']}: report read through with "
                       "{carer} by an interpreter from the language service"
                       .format(**ctx["words"]))
        out.setdefault("report_translated", "Yes")
    elif ctx["version"] == "legacy":
        out.setdefault("interpreter", "No")
    return {k: v for k, v in out.items() if v is not None}, finished


def _child_in_need(key: str, on: date, extra: dict, ctx: dict, rng) -> dict:
    """A Child in Need plan (agreed the day it starts) or one of its reviews (the plan
    carries on): the next review is the one held, or one set within three months."""
    fam, writer = ctx["family"], ctx["writer"]
    reviews = extra.get("cin_reviews", [])
    later = [r for r in reviews if r > on]
    next_review = later[0] if later else scheduled(extra["cin_review_due"])
    outcome, measure = (writer.fill(text) for text in stories.CIN_OUTCOMES[ctx["concern"]])
    visits = writer.fill(f"{ctx['worker']} visits {{child}} at least every four weeks and "
                         "sees {them} alone where {their} age allows")
    if key == "cin_plan":
        return {
            "started_on": on, "cin_start": on, "lead": ctx["worker"],
            "cin_lead": ctx["worker"], "visits": "four_weeks", "cin_visits": "Every 4 weeks",
            "review_on": next_review, "cin_first_review": next_review,
            "plan": [{"outcome": outcome, "who": f"{ctx['words']['parents']}, with "
                      f"{ctx['worker']}", "by_when": next_review.isoformat()},
                     {"outcome": visits, "who": ctx["worker"],
                      "by_when": next_review.isoformat()}],
            "cin_outcomes": [{"outcome": outcome, "measure": measure}],
            "cin_actions": [{"action": outcome, "responsible": f"{ctx['words']['parents']}, "
                             f"with {ctx['worker']}", "timescale": next_review.isoformat()},
                            {"action": visits, "responsible": ctx["worker"],
                             "timescale": next_review.isoformat()}],
            "cin_parent_views": f"{ctx['words']['parents']} agreed the plan and said "
            "what would help most.",
            "cin_contingency": "If the worries grow, the social worker talks to the team "
            "manager the same day and a strategy discussion is considered.",
        }
    progress = "; ".join(writer.fill(p) for p in writer.progress(on, 2))
    people = [r for r in _people(ctx, rng, "cin_review")
              if r["agency"] not in ("police", "csc_manager")]
    return {
        "held_on": on, "cinr_date": on, "cinr_chair": fam["manager"]["name"],
        "family_present": _family_present(ctx, on),
        # A line of text (200 characters at most): each name and role in short.
        "attendees": ", ".join(f"{r['name']} ({r['role'].split(',')[0].lower()})"
                               for r in people)[:200].rpartition(")")[0] + ")",
        "cinr_attendees": [{"name": r["name"], "agency": r["role"]} for r in people],
        "progress": f"What has got better: {progress}. The plan carries on, with the same "
        "visits.", "cinr_progress": f"{_capital(progress)}. CIN plan to continue.",
        "cinr_outcomes": [{"outcome": outcome, "progress": "Partly achieved"}],
        "next_review_on": next_review, "cinr_next": next_review,
    }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def visit(day: date, kind: str, written: dict, ctx: dict, rng) -> dict:
    """The visit form's answers, by field key (both form sets)."""
    child = ctx["child"]
    age = age_on(child["date_of_birth"], day)
    refused = age >= 12 and rng.random() < 0.1
    alone = "yes" if age >= 4 and not refused else ("no" if age >= 4 else "too_young")
    why = None
    if age < 4:
        months = (day - child["date_of_birth"]).days // 30
        why = f"Aged {months} months" if months < 24 else f"Aged {age}, too young to talk on "\
            "their own"
    elif refused:
        why = ctx["writer"].fill("Refused to speak on their own today; spoke with me with "
                                 "{carer} in the room")
    values = {
        "visited_on": day, "visit_date": day, "start_time": "16:15", "visit_time": "16:15",
        "statutory_type": kind, "visit_kind": {"cp": "Statutory CP visit",
                                               "cin": "Statutory CIN visit"}[kind],
        "visit_type": "unannounced" if rng.random() < 0.3 else "announced",
        "announced": "Unannounced" if rng.random() < 0.3 else "Announced",
        "seen": ctx["household"],
        "persons_present": ctx["writer"].fill("{Carer_role} and children")
        if len(ctx["family"]["home"]) == 1 else "Parents and children",
        "child_seen": "yes", "child_seen_visit": "Yes",
        "child_seen_alone": alone, "child_seen_alone_visit": "Yes" if alone == "yes" else
        "No" if alone == "no" else "N/A",
        "not_alone_why": why, "not_alone_reason": why,
        "bedroom_seen": ("Yes" if ctx["version"] == "legacy" else "yes")
        if rng.random() < 0.85 else ("No" if ctx["version"] == "legacy" else "no"),
        "child_voice": written["voice"], "child_views_visit": written["voice"],
        "what_i_saw": written["saw"], "observations": written["saw"],
        "meaning": written["meaning"], "next_steps": written["next"],
        "visit_actions": written["next"],
        "next_visit_on": days.add_working_days(day, 9),
        "next_visit_due": days.add_working_days(day, 9),
    }
    return values
