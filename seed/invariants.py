"""The invariants of PRACTICE.md §9 (and the figures issue 17 asks for), measured on a
generated tenant's tables.

`measure(tables, as_of)` returns one `Figure` per rule: what was counted, the figure,
the threshold, whether it holds, and a few of the records that break it. The tests
assert every figure; `python -m seed.report` and `make bench` print them. The rules the
data model does not record (looked-after children, UPNs, injuries, interpreters used at
meetings) are not measured here: nothing is counted that the tenant cannot hold.
"""

import json
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace

from sandbox.casework import pathway as pw
from sandbox.casework import upn
from sandbox.casework.ages import age_on, school_year

from . import days, names


@dataclass
class Figure:
    number: str  # the row of PRACTICE.md §9, or "I17.n" for a figure the issue names
    what: str
    value: str  # the figure, as printed
    threshold: str
    ok: bool
    examples: list[str] = field(default_factory=list)

    def line(self) -> str:
        mark = "ok  " if self.ok else "FAIL"
        return f"{mark} {self.number:>6}  {self.what}: {self.value} (want {self.threshold})"


def _day(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def wd_between(a: date, b: date) -> int:
    """Working days after `a` up to and including `b` (0 when b <= a)."""
    count, day = 0, a
    while day < b:
        day = date.fromordinal(day.toordinal() + 1)
        count += days.is_working_day(day)
    return count


def _get(answers: dict, *keys):
    for key in keys:
        value = answers.get(key)
        if value not in (None, "", []):
            return value
    return None


class World:
    """The tables, indexed the ways the rules read them."""

    def __init__(self, tables: dict, as_of: date):
        self.as_of = as_of
        self.people = {p["id"]: p for p in tables["people"]}
        self.families = {f["id"]: f for f in tables["families"]}
        self.cases = tables["cases"]
        self.case_by_id = {c["id"]: c for c in self.cases}
        self.relationships = tables["relationships"]
        self.rel_by_child = defaultdict(list)
        for rel in self.relationships:
            self.rel_by_child[rel["child_id"]].append(rel)
        self.forms = defaultdict(lambda: defaultdict(list))  # case -> form key -> records
        self.records = []
        for record in tables["form_records"]:
            record = {**record, "answers": json.loads(record["answers_json"])}
            self.records.append(record)
            self.forms[record["case_id"]][record["form_key"]].append(record)
        self.chronology = defaultdict(list)
        for entry in tables["chronology_entries"]:
            self.chronology[entry["case_id"]].append(entry)
        self.notes = defaultdict(list)
        for note in tables["case_notes"]:
            self.notes[note["case_id"]].append(note)
        self.workers = {w["name"]: w for w in tables["workers"]}

    def child(self, case) -> dict:
        return self.people[case["child_id"]]

    def finished(self, case_id, key) -> list[dict]:
        return [r for r in self.forms[case_id][key] if r["status"] != "draft"]

    def texts(self, case) -> list[tuple[date, str, str]]:
        """(date, where, text) of everything written on one child's record."""
        out = []
        for e in self.chronology[case["id"]]:
            out.append((_day(e["occurred_on"]), "chronology", e["detail"]))
        for n in self.notes[case["id"]]:
            out.append((_day(n["written_on"]), f"note ({n['kind']})", n["body"]))
        for key, records in self.forms[case["id"]].items():
            for r in records:
                for k, v in r["answers"].items():
                    if isinstance(v, str) and len(v) > 25 and " " in v:
                        out.append((_day(r["started_at"]), f"{key}.{k}", v))
        return out


class Tally:
    def __init__(self):
        self.total = self.bad = 0
        self.examples: list[str] = []

    def count(self, good: bool, example: str = "") -> None:
        self.total += 1
        if not good:
            self.bad += 1
            if len(self.examples) < 5:
                self.examples.append(example)

    def share(self) -> float:
        return 1.0 if not self.total else (self.total - self.bad) / self.total

    def all_of(self, number, what) -> Figure:
        return Figure(number, what, f"{self.total - self.bad} of {self.total}", "all",
                      self.bad == 0, self.examples)

    def none_of(self, number, what) -> Figure:
        return Figure(number, what, f"{self.bad} violations in {self.total}", "0",
                      self.bad == 0, self.examples)


# Strategy discussion participants, by agency code (streamlined and legacy share them).
_AGENCY_WORDS = {"police": "police", "health": "health", "csc_social_worker": "sw",
                 "csc_manager": "manager"}
URGENT_CONCERNS = ("sexual_harm", "physical_harm")
EXTRA_FAMILIAL = ("criminal_exploitation", "sexual_exploitation", "missing_and_exploited",
                  "peer_violence", "online_harm")
_SCHOOL_WORDS = re.compile(
    r"\b(teacher|teaching assistant|class teacher|in class|breakfast club|sports day|"
    r"to school|at school|school run|Year \d+|PE\b|GCSE)", re.I)
_QUOTE = re.compile(r"['\u2018\u201c][A-Z][^'\u2019\u201d]{2,}['\u2019\u201d]")
_SEEN_WORDS = re.compile(
    r"\b(I saw|we saw|was wearing|showed me|bedroom|the flat was|the house was|fridge|"
    r"looked (well|tired|thin)|was clean|no new marks|I noticed)\b", re.I)
_SOS_WORDS = re.compile(r"(danger statement|safety goal|out of 10|house of worries|"
                        r"three houses|safety scale|safety network)", re.I)
_MASK = re.compile(r"\b([A-Z][\w'\u00c0-\u024f-]+|\d[\d.,%:/]*|she|he|her|him|his|hers|"
                   r"they|them|their|herself|himself)\b")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.strip()) > 12]


def _masked(sentence: str, words: set[str]) -> str:
    out = _MASK.sub("X", sentence)
    for w in words:
        out = out.replace(w, "X")
    return out


def _plan_period(world: World, case) -> tuple[date, date] | None:
    start = _day(case.get("initial_conference_on"))
    if case["stage"] not in ("cp_plan", "review_due", "stepped_down") or start is None:
        return None
    end = _day(case.get("stepped_down_on")) or world.as_of
    return start, end


def _cin_period(world: World, case) -> tuple[date, date] | None:
    if case["stage"] == "cin_plan" and case.get("stage_on"):
        return _day(case["stage_on"]), world.as_of
    if case["stage"] == "stepped_down" and case.get("stepped_down_to") == "Child in Need plan":
        return _day(case["stepped_down_on"]), world.as_of
    return None


def _visits(world: World, case_id) -> list[dict]:
    out = []
    for r in world.finished(case_id, "visit"):
        a = r["answers"]
        out.append({"on": _day(_get(a, "visited_on", "visit_date")),
                    "seen": _get(a, "child_seen", "child_seen_visit"),
                    "alone": _get(a, "child_seen_alone", "child_seen_alone_visit"),
                    "why": _get(a, "not_alone_why", "not_alone_reason"),
                    "bedroom": _get(a, "bedroom_seen"),
                    "kind": _get(a, "statutory_type", "visit_kind")})
    return sorted(out, key=lambda v: v["on"])


def _longest_gap(visits: list[date], start: date, end: date) -> int:
    points = [start] + sorted(d for d in visits if start <= d <= end) + [end]
    return max(wd_between(a, b) for a, b in zip(points, points[1:], strict=False))


def _scores(answers: dict) -> list[int]:
    rows = answers.get("scores") or []
    found = [r.get("score") for r in rows if isinstance(r, dict)]
    return [int(s) for s in found if isinstance(s, int | float)]


def measure(tables: dict, as_of: date) -> list[Figure]:
    w = World(tables, as_of)
    legacy = any(r["version_set"] == "legacy" for r in w.records)
    figures: list[Figure] = []
    add = figures.append

    # 1-3, 7: the front door.
    t1, t2, t3, t7 = Tally(), Tally(), Tally(), Tally()
    for case in w.cases:
        for r in w.finished(case["id"], "contact_referral"):
            a = r["answers"]
            got = _day(_get(a, "contact_date", "date_of_contact"))
            decided = _day(_get(a, "decided_on", "decision_date"))
            who = _get(a, "decided_by", "decision_maker")
            t1.count(bool(got and decided and who and decided <= days.add_working_days(got, 1)),
                     f"case {case['id']}: received {got}, decided {decided} by {who}")
            decision = _get(a, "decision", "threshold_decision")
            if decision in ("referral", "strategy", "protection"):
                t2.count(bool(_get(a, "referrer_told", "feedback_date")), f"case {case['id']}")
                t7.count(_get(a, "primary_need", "primary_need_code") in
                         {f"N{i}" for i in range(10)}, f"case {case['id']}")
            consent = _get(a, "parents_agree", "consent_obtained")
            reason_needed = consent not in ("yes", "given")
            t3.count(bool(consent) and (not reason_needed or bool(_get(a, "consent_reason"))),
                     f"case {case['id']}: consent {consent}")
    add(t1.all_of("1", "contacts decided within 1 WD, with decision-maker"))
    add(t2.all_of("2", "referrals with feedback to the referrer"))
    add(t3.all_of("3", "contacts with consent recorded (and a reason when not given)"))

    # 5, 6: the assessment; I17.3 assessments that take days to weeks.
    t5, t6, t_days = Tally(), Tally(), Tally()
    durations = []
    for case in w.cases:
        referral = _day(case.get("referral_on"))
        for r in w.finished(case["id"], "child_family_assessment"):
            a = r["answers"]
            start = _day(_get(a, "started_on", "assessment_start"))
            done = _day(_get(a, "completed_on", "cfa_completed"))
            ok = bool(referral and start and done and start >= referral
                      and done <= days.add_working_days(referral, 45))
            t5.count(ok, f"case {case['id']}: referral {referral}, {start} to {done}")
            if start and done:
                durations.append(wd_between(start, done))
                t_days.count(done > start, f"case {case['id']}: started and finished {done}")
            factors = _get(a, "factors", "assessment_factors") or []
            t6.count(bool(factors) and len(set(factors)) == len(factors)
                     and not ({"18A", "19A"} & set(factors))
                     and ("21" not in factors or factors == ["21"]),
                     f"case {case['id']}: {factors}")
    add(t5.all_of("5", "assessments authorised within 45 WD of referral, start >= referral"))
    add(t6.all_of("6", "completed assessments with valid factors"))
    add(t7.all_of("7", "referrals with a primary need code"))
    add(Figure("I17.3", "assessments completed after the day they start",
               f"{t_days.total - t_days.bad} of {t_days.total}; median "
               f"{statistics.median(durations) if durations else 0} WD", "all",
               t_days.bad == 0, t_days.examples))

    # 8: who takes part in a strategy discussion; I17.2 pace after an urgent trigger.
    t8, t_pace = Tally(), Tally()
    for case in w.cases:
        for r in w.finished(case["id"], "strategy_discussion"):
            a = r["answers"]
            rows = _get(a, "attendees", "strategy_attendees") or []
            agencies = {_AGENCY_WORDS.get(row.get("agency")) for row in rows
                        if isinstance(row, dict)}
            t8.count({"police", "health", "sw", "manager"} <= agencies,
                     f"case {case['id']}: {sorted(a for a in agencies if a)}")
        if case.get("strategy_on") and case["primary_concern"] in URGENT_CONCERNS:
            contact = _day(case["contact_on"])
            t_pace.count(_day(case["strategy_on"]) <= days.add_working_days(contact, 1),
                         f"case {case['id']} ({case['primary_concern']}): contact {contact}, "
                         f"strategy {case['strategy_on']}")
    add(t8.all_of("8", "strategy discussions naming social worker, manager, police, health"))
    add(t_pace.all_of("I17.2", "urgent concerns with a strategy discussion within 1 WD"))

    # 9-13: enquiry and conference.
    t9, t10, t12, t13, t_s47 = Tally(), Tally(), Tally(), Tally(), Tally()
    s47_done = icpcs = plans = 0
    for case in w.cases:
        cid = case["id"]
        if case.get("section47_started_on"):
            t9.count(case["section47_started_on"] == case.get("strategy_on")
                     and bool(case.get("assessment_started_on")), f"case {cid}")
        for r in w.finished(cid, "section47_enquiry"):
            a = r["answers"]
            s47_done += 1
            outcome = _get(a, "outcome", "s47_outcome")
            went = bool(case.get("initial_conference_on"))
            icpcs += went
            t10.count(outcome is not None and (outcome in ("conference", "icpc")) == went,
                      f"case {cid}: outcome {outcome}, conference {went}")
            seen = _day(_get(a, "child_seen_on", "child_seen_date"))
            done = _day(_get(a, "completed_on", "s47_completed"))
            t_s47.count(bool(seen and done and done > seen), f"case {cid}: seen {seen}, "
                        f"ended {done}")
        if case.get("initial_conference_on"):
            t12.count(bool(case.get("strategy_on") and case.get("section47_started_on")),
                      f"case {cid}")
            held, start = _day(case["initial_conference_on"]), _day(case.get("strategy_on"))
            t13.count(bool(start) and held <= days.add_working_days(start, 15)
                      and held.weekday() < 5, f"case {cid}: strategy {start}, ICPC {held}")
        plans += case["stage"] in ("cp_plan", "review_due", "stepped_down")
    add(t9.all_of("9", "enquiries starting on the strategy discussion, with an assessment"))
    add(t10.all_of("10/11", "finished enquiries whose conclusion matches the conference"))
    add(t12.none_of("12", "conferences without a strategy discussion and enquiry"))
    add(t13.all_of("13", "conferences within 15 WD of the strategy discussion, on a weekday"))
    add(t_s47.all_of("I17.3b", "enquiries that end after the day the child is seen"))

    # 14-16: the conference record; I17.4 who attends; I17.5 plan, chair, first core group.
    t14, t16, t_att, t_plan = Tally(), Tally(), Tally(), Tally()
    for case in w.cases:
        cid = case["id"]
        for r in w.finished(cid, "initial_conference"):
            a = r["answers"]
            chair = _get(a, "chair", "icpc_chair")
            rows = _get(a, "attendees", "icpc_attendees") or []
            roles = [(row.get("role") or row.get("agency") or "") for row in rows]
            agencies = {x for x in roles if x and "social care" not in x.lower()
                        and "parent" not in x.lower() and "mother" not in x.lower()
                        and "father" not in x.lower()}
            quorum = len(agencies) >= 2 or bool(_get(a, "quorum_reason"))
            parents = _get(a, "parents_part", "parents_attendance")
            voice = _get(a, "child_voice", "child_views_icpc")
            t14.count(bool(chair and chair != w.workers.get(chair, {}).get("name", "x")
                           and rows and quorum and parents and voice),
                      f"case {cid}: chair {chair}, agencies {sorted(agencies)}, parents "
                      f"{parents}, voice {bool(voice)}")
            decision = _get(a, "decision", "icpc_decision")
            if decision in ("plan", "cpp"):
                t16.count(bool(_get(a, "lead_social_worker", "lead_sw")
                               and _get(a, "core_group", "core_group_members")),
                          f"case {cid}")
                t_plan.count(bool(_get(a, "plan_actions", "recommendations")
                                  and _get(a, "first_core_group_on", "first_core_group")
                                  and chair), f"case {cid}")
            # No infant "attends"; a father who lives with the child takes part.
            present = set(_get(a, "family_present") or [])
            names_at = " ".join(str(row.get("name", "")) for row in rows)
            for pid in present:
                p = w.people.get(int(pid))
                if p and p["is_child"] and age_on(p["date_of_birth"], _day(r["started_at"])) < 12:
                    t_att.count(False, f"case {cid}: {p['first_name']} (a child) attends")
            for rel in w.rel_by_child[case["child_id"]]:
                if rel["kind"] in ("father", "mother's partner") and rel["lives_with_child"]:
                    man = w.people[rel["person_id"]]
                    t_att.count(str(man["id"]) in present or man["first_name"] in names_at,
                                f"case {cid}: resident {rel['kind']} {man['first_name']} "
                                "not at the conference")
    add(t14.all_of("14", "conferences with independent chair, attendees, quorum, parents, "
                   "child's views"))
    add(t16.all_of("16", "plans naming a lead social worker and core group"))
    add(t_plan.all_of("I17.5a", "plans with outline plan actions, chair, first core group"))
    add(t_att.none_of("I17.4", "conferences where a young child attends or a resident "
                      "father is left out"))

    # 17-18: core groups and reviews.
    t17, t18, t_rules = Tally(), Tally(), Tally()
    for case in w.cases:
        period = _plan_period(w, case)
        if not period:
            continue
        start, end = period
        cgs = sorted(_day(e["occurred_on"]) for e in w.chronology[case["id"]]
                     if e["title"] == "Core group meeting")
        if end > days.add_working_days(start, 10):
            ok = bool(cgs) and cgs[0] <= days.add_working_days(start, 10)
            gaps = [(b - a).days for a, b in zip(cgs, cgs[1:], strict=False)]
            t17.count(ok and all(g <= 42 for g in gaps),
                      f"case {case['id']}: ICPC {start}, core groups {cgs[:3]}")
        reviews = sorted(_day(e["occurred_on"]) for e in w.chronology[case["id"]]
                         if e["title"].startswith("Review child protection")
                         or e["title"] == "Child protection plan ended")
        points = [start, *reviews]
        limits = [pw.add_months(start, 3)] + [pw.add_months(r, 6) for r in reviews]
        ok = all(b <= lim for b, lim in zip(points[1:], limits, strict=False))
        if not reviews:
            ok = end <= pw.add_months(start, 3) or case["stage"] == "review_due"
        t18.count(ok, f"case {case['id']}: ICPC {start}, reviews {reviews}")
        if not legacy:
            for r in w.finished(case["id"], "core_group_review"):
                t_rules.count(bool(r["answers"].get("safety_rules")), f"case {case['id']}")
    add(t17.all_of("17", "plans with first core group <= 10 WD, gaps <= 42 days"))
    add(t18.all_of("18", "plans reviewed <= 3 months, then <= 6 months"))
    if not legacy:
        add(t_rules.all_of("I17.5b", "core groups with safety plan rules"))

    # 21: an assessment that closed the episode (RC8) or stepped down to Early Help (RC9)
    # holds no enquiry, conference or plan; I17.10 every contact ended at the front door
    # has its reason and the referrer told.
    t21, t_door = Tally(), Tally()
    for case in w.cases:
        cid = case["id"]
        assessments = w.finished(cid, "child_family_assessment")
        outcomes = {_get(r["answers"], "outcome", "cfa_outcome") for r in assessments}
        closing = outcomes & {"close", "nfa", "early_help", "eh"}
        if closing:
            later = [k for k in ("strategy_discussion", "section47_enquiry",
                                 "initial_conference", "cin_plan") if w.forms[cid].get(k)]
            done = _day(_get(assessments[0]["answers"], "completed_on", "cfa_completed"))
            referral = _day(case.get("referral_on"))
            t21.count(not later and bool(done and referral)
                      and done <= days.add_working_days(referral, 45)
                      and (case["stage"] == "early_help" or case.get("closure_reason") == "RC8"),
                      f"case {cid}: {sorted(closing)}, then {later}, stage {case['stage']}")
        if case.get("contact_on") and not case.get("referral_on") and case["stage"] in (
                "closed", "early_help"):
            for r in w.finished(cid, "contact_referral"):
                a = r["answers"]
                reason = _get(a, "reason", "decision_rationale") or ""
                t_door.count(len(reason) > 60 and bool(_get(a, "referrer_told",
                                                            "feedback_date")),
                             f"case {cid}: reason {reason[:40]!r}")
    add(t21.none_of("21", "RC8/RC9 assessments followed by an enquiry, conference or plan"))
    add(t_door.all_of("I17.10", "contacts ended at the front door with a reason and the "
                      "referrer told"))
    ended = Counter(case["closure_reason"] or "RC9" for case in w.cases
                    if case.get("closure_reason") == "RC8" or (
                        case["stage"] == "early_help" and case.get("referral_on")))
    front = sum(1 for case in w.cases if case["stage"] in ("closed", "early_help")
                and not case.get("referral_on"))
    add(Figure("I17.10b", "front-door endings; assessments closing RC8 and RC9",
               f"{front}; RC8 {ended['RC8']}, RC9 {ended['RC9']}", "each >= 1, from 20 "
               "families", (front and ended["RC8"] and ended["RC9"]) or len(w.families) < 20))

    # I17.11: harm outside the family is not always a conference: where the parents
    # protect the child, a Child in Need plan, the record saying why.
    outside, t_why = Counter(), Tally()
    for case in w.cases:
        if case["primary_concern"] not in EXTRA_FAMILIAL:
            continue
        for r in w.finished(case["id"], "section47_enquiry"):
            outcome = _get(r["answers"], "outcome", "s47_outcome")
            outside[outcome] += 1
            if outcome in ("child_in_need", "cin"):
                said = json.dumps(r["answers"]) + " ".join(
                    e["detail"] for e in w.chronology[case["id"]])
                t_why.count("protect" in said and "outside the family" in said,
                            f"case {case['id']}: no reason for the Child in Need plan")
    add(t_why.all_of("I17.11", "exploitation enquiries ending in a Child in Need plan, "
                     "saying the parents protect"))
    both = (outside["conference"] + outside["icpc"]) and (outside["child_in_need"]
                                                          + outside["cin"])
    add(Figure("I17.11b", "exploitation enquiries: to a conference / to a Child in Need plan",
               f"{outside['conference'] + outside['icpc']} / "
               f"{outside['child_in_need'] + outside['cin']}", "both, from 100 families",
               bool(both) or len(w.families) < 100))

    # I17.12: case supervision by the team manager at least every six weeks (30 WD) while
    # the case is open to children's social care, each after the first going back over
    # the last one's actions; I17.13 caseloads of 15 to 20 children a social worker.
    managers = {wk["id"] for wk in tables["workers"] if wk["job_title"] == "Team manager"}
    t_sup = Tally()
    for case in w.cases:
        referral = _day(case.get("referral_on"))
        if referral is None:
            continue
        end = _day(case.get("closed_on")) or (
            _day(case.get("stage_on")) if case["stage"] == "early_help" else None) or (
            _day(case.get("stepped_down_on"))
            if case.get("stepped_down_to") == "Early Help plan" else None) or as_of
        notes = sorted((n for n in w.notes[case["id"]] if n["kind"] == "Supervision"),
                       key=lambda n: n["written_on"])
        if wd_between(referral, end) < 30:
            continue
        on = [_day(n["written_on"]) for n in notes]
        ok = bool(notes) and all(n["author_id"] in managers for n in notes) and all(
            "actions" in n["body"] for n in notes[1:])
        ok = ok and _longest_gap(on, referral, end) <= 30
        t_sup.count(ok, f"case {case['id']}: referral {referral}, supervisions {on[:4]}")
    add(t_sup.all_of("I17.12", "cases with a manager's supervision at least every 6 weeks, "
                     "going back over the last actions"))
    held = Counter(case["social_worker_id"] for case in w.cases
                   if case["stage"] not in ("closed", "early_help"))
    loads = sorted(held.values())
    middle = statistics.median(loads) if loads else 0
    add(Figure("I17.13", "children open to each social worker", f"median {middle}, "
               f"{loads[0] if loads else 0} to {loads[-1] if loads else 0}",
               "median 15-20, none over 22, from 50 families",
               (15 <= middle <= 20 and loads[-1] <= 22) or len(w.families) < 50))

    figures.extend(_looked_after(w))

    # 19-22: plans and episodes (one case per child here).
    t22 = Tally()
    for case in w.cases:
        closed = _day(case.get("closed_on"))
        t22.count(bool(closed) == bool(case.get("closure_reason")), f"case {case['id']}")
        if closed:
            later = [d for d, _, _ in w.texts(case) if d and d > closed]
            t22.count(not later, f"case {case['id']}: entries after closure")
    add(t22.all_of("22", "closure date iff reason; nothing after closure"))

    # 23-26: visits.
    on_plan = within = 0
    gaps, t24, t25, t26 = [], Tally(), Tally(), Tally()
    worst = []
    for case in w.cases:
        child = w.child(case)
        visits = _visits(w, case["id"])
        for v in visits:
            age = age_on(child["date_of_birth"], v["on"])
            alone_ok = v["alone"] is not None and (
                v["alone"] in ("yes", "Yes") or age < 4 or bool(v["why"]))
            t24.count(bool(v["seen"]) and alone_ok and bool(v["bedroom"]),
                      f"case {case['id']} {v['on']}: seen {v['seen']}, alone {v['alone']} "
                      f"({v['why']}), bedroom {v['bedroom']}")
        seen_on = [v["on"] for v in visits if v["seen"] in ("yes", "Yes")]
        period = _plan_period(w, case)
        if period and period[1] > period[0]:
            on_plan += 1
            gap = _longest_gap(seen_on, *period)
            gaps.append(gap)
            within += gap <= 10
            if gap > 10:
                worst.append(f"case {case['id']}: longest gap {gap} WD")
        cin = _cin_period(w, case)
        if cin and cin[1] > cin[0]:
            gap = _longest_gap(seen_on, *cin)
            t26.count(gap <= 20, f"case {case['id']}: longest gap {gap} WD")
        for n in w.notes[case["id"]]:
            if "phone" in n["kind"].lower() or "call" in n["kind"].lower():
                hit = _SEEN_WORDS.search(n["body"])
                t25.count(hit is None, f"case {case['id']} {n['written_on']}: "
                          f"'{hit.group(0) if hit else ''}' in a phone call")
    share = within / on_plan if on_plan else 1.0
    add(Figure("23", "children on plans visited at least every 10 WD",
               f"{within} of {on_plan} ({share:.0%}); median longest gap "
               f"{statistics.median(gaps) if gaps else 0} WD, worst {max(gaps, default=0)}",
               ">= 90%", share >= 0.9, worst[:5]))
    add(t24.all_of("24", "visits recording seen, seen alone (+reason), bedroom seen"))
    add(t25.none_of("25", "phone calls recording what can only be seen"))
    add(t26.all_of("26", "children on CIN plans visited at least every 20 WD"))

    # 20 (in part) and §1.10: each child on a Child in Need plan has one plan form, dated
    # after what led to it: within 10 WD of the assessment's authorisation [L], or on the
    # day the child protection plan ended (the review conference agrees it; 4016 allows
    # that day, not an earlier one); then reviews at most 3 months apart [L].
    t_cin = Tally()
    for case in w.cases:
        cin = _cin_period(w, case)
        if cin is None:
            continue
        plans = w.finished(case["id"], "cin_plan")
        starts = [_day(_get(r["answers"], "started_on", "cin_start")) for r in plans]
        if case["stage"] == "stepped_down":
            after = cin[0]
            ok = len(starts) == 1 and starts[0] == after
        else:
            done = [_day(_get(r["answers"], "completed_on", "cfa_completed"))
                    for r in w.finished(case["id"], "child_family_assessment")]
            after = max(done, default=None)
            ok = len(starts) == 1 and after is not None and after <= starts[0] and \
                wd_between(after, starts[0]) <= 10
        held = sorted(_day(_get(r["answers"], "held_on", "cinr_date"))
                      for r in w.finished(case["id"], "cin_review"))
        for a, b in zip([cin[0], *held], [*held, w.as_of], strict=False):
            ok = ok and b <= pw.add_months(a, pw.CIN_REVIEW_MONTHS)
        t_cin.count(ok, f"case {case['id']}: after {after}, plans {starts}, reviews {held}")
    add(t_cin.all_of("I18.1", "CIN plans starting after the assessment, or the day the CP "
                     "plan ends, reviewed <= 3 months apart"))

    # 30-32: Signs of Safety content (streamlined) or its absence (legacy); scales.
    t30, t32, t_sos, t_scale = Tally(), Tally(), Tally(), Tally()
    made_at, plans_made = [], 0
    for case in w.cases:
        cid = case["id"]
        child = w.child(case)
        for key in ("section47_enquiry", "conference_report", "initial_conference",
                    "core_group_review", "review_conference"):
            for r in w.finished(cid, key):
                a = r["answers"]
                if legacy:
                    text = json.dumps(a)
                    t_sos.count(_SOS_WORDS.search(text) is None, f"case {cid} {key}")
                    continue
                # The streamlined review conference form asks no danger statement (a
                # form question, not a generator choice): its progress answer stands in.
                has = [bool(_get(a, "danger_statement", "worries", "progress")),
                       bool(_get(a, "strengths", "working_well", "progress")),
                       isinstance(a.get("safety_scale"), int)]
                t30.count(all(has), f"case {cid} {key}: {has}")
        for key in ("child_family_assessment", "section47_enquiry", "initial_conference",
                    "review_conference"):
            for r in w.finished(cid, key):
                a = r["answers"]
                voice = _get(a, "child_voice", "views_of_child", "child_views_s47",
                             "child_views_icpc", "child_views_rcpc")
                months = (_day(r["started_at"]) - child["date_of_birth"]).days / 30.4
                ok = bool(voice) and not (months < 18 and voice and _QUOTE.search(voice))
                t32.count(ok, f"case {cid} {key}: aged {months:.0f} months: {voice!r:.80}")
        if not legacy:
            series = []
            for key in ("section47_enquiry", "initial_conference", "core_group_review",
                        "review_conference"):
                for r in w.finished(cid, key):
                    series.append((_day(r["started_at"]), r["answers"].get("safety_scale")))
                    if key == "initial_conference" and _get(r["answers"], "decision") == "plan":
                        plans_made += 1
                        pro = _scores(r["answers"]) or [r["answers"].get("safety_scale") or 0]
                        made_at.append(statistics.median(pro))
            series = [s for _, s in sorted(series, key=lambda x: x[0]) if isinstance(s, int)]
            # Coherent over time: never more than 2 points down from one meeting to the next
            # without a reason on record (the generator gives none), never above 6 on a plan.
            t_scale.count(all(b >= a - 2 for a, b in zip(series, series[1:], strict=False)),
                          f"case {cid}: {series}")
    if legacy:
        add(t_sos.none_of("I17.5c", "legacy records carrying Signs of Safety items"))
    else:
        add(t30.all_of("30", "CP-stage records with danger/worries, strengths and a scale"))
        high = sum(m >= 7 for m in made_at)
        add(Figure("31", "plans made with the professionals' median scale >= 7",
                   f"{high} of {plans_made}", "<= 5%",
                   high <= 0.05 * max(plans_made, 1)))
        add(t_scale.all_of("I17.5d", "children whose safety scale is coherent over time"))
    add(t32.all_of("32", "child's voice on assessments, enquiries, conferences (no quoted "
                   "speech under 18 months)"))

    # 33: domestic abuse.
    t33 = Tally()
    for case in w.cases:
        for r in w.finished(case["id"], "child_family_assessment"):
            a = r["answers"]
            factors = set(_get(a, "factors", "assessment_factors") or [])
            if not factors & {"3A", "3B", "3C"}:
                continue
            steps = set(_get(a, "domestic_abuse_steps") or [])
            dash = _get(a, "dash_score")
            dash_done = bool(dash) or "dash" in steps or a.get("dash_completed") == "Yes"
            # Strangulation told at the front door is high risk whatever the score.
            told = json.dumps([a] + [c["answers"] for c in w.finished(
                case["id"], "contact_referral")]).lower()
            high = (dash and str(dash).isdigit() and int(dash) >= 14) or "strangl" in told \
                or "throat" in told
            marac = "marac" in steps or a.get("marac_referral") == "Yes"
            t33.count(dash_done and (not high or marac),
                      f"case {case['id']}: DASH {dash}, MARAC {marac}, high {bool(high)}")
    add(t33.all_of("33", "domestic abuse assessments with DASH, and MARAC when high risk"))
    # Non-fatal strangulation told at the front door: a strategy discussion, always.
    t_nfs = Tally()
    for case in w.cases:
        if any("strangl" in json.dumps(c["answers"]).lower()
               for c in w.finished(case["id"], "contact_referral")):
            t_nfs.count(bool(w.forms[case["id"]].get("strategy_discussion")),
                        f"case {case['id']}")
    add(t_nfs.all_of("I17.8", "contacts telling of strangulation with a strategy discussion"))

    # 35: fathers and male carers.
    t35, t35b = Tally(), Tally()
    for case in w.cases:
        men = [rel for rel in w.rel_by_child[case["child_id"]]
               if rel["kind"] in ("father", "mother's partner")]
        for r in w.finished(case["id"], "child_family_assessment"):
            a = r["answers"]
            rows = _get(a, "men_in_childs_life", "male_carers") or []
            named = {str(row.get("who") or row.get("name")) for row in rows}
            for rel in men:
                man = w.people[rel["person_id"]]
                t35.count(str(man["id"]) in named or
                          f"{man['first_name']} {man['last_name']}" in named,
                          f"case {case['id']}: {rel['kind']} {man['first_name']} unassessed")
        for _, where, text in w.texts(case):
            t35b.count("failed to protect" not in text.lower(), f"case {case['id']} {where}")
    add(t35.all_of("35", "fathers and male carers recorded in the assessment"))
    add(t35b.none_of("35b", "texts saying 'failed to protect'"))
    figures.extend(_carers(w))

    # 36, 39, 40: chronology and dates.
    t36, t39, t40 = Tally(), Tally(), Tally()
    for case in w.cases:
        child = w.child(case)
        seen = Counter((e["title"], e["detail"]) for e in w.chronology[case["id"]])
        dup = [k for k, n in seen.items() if n > 1]
        t36.count(not dup, f"case {case['id']}: {dup[0][0] if dup else ''}")
        for entry in w.chronology[case["id"]]:
            t36.count(bool(entry["occurred_on"] and entry["title"] and entry["source"]
                           and entry["detail"]), f"case {case['id']}: {entry['title']}")
        for day, where, _ in w.texts(case):
            t39.count(day is None or day >= child["date_of_birth"],
                      f"case {case['id']} {where} {day}: born {child['date_of_birth']}")
            t40.count(day is None or day <= as_of, f"case {case['id']} {where} {day}")
    add(t36.all_of("36", "chronologies with source and detail, no repeated entries"))
    add(t39.none_of("39", "entries dated before the child's birth"))
    add(t40.none_of("40", "entries dated after the tenant's today"))

    # 41, 44-47: people.
    t41, t44, t45, t46, t47 = Tally(), Tally(), Tally(), Tally(), Tally()
    for p in w.people.values():
        t41.count(bool(p["date_of_birth"]) and p["gender"] in ("female", "male"),
                  f"person {p['id']}")
    school_names = {c["school"] for c in (w.people[x["child_id"]] for x in w.cases)
                    if c["school"]}
    for case in w.cases:
        child = w.child(case)
        first = child["first_name"]
        family = {w.people[r["person_id"]]["school"] for r in w.rel_by_child[child["id"]]
                  if w.people[r["person_id"]]["is_child"]} | {child["school"]}
        nursery = any("nursery" in (s or "").lower() or "Children's Centre" in (s or "")
                      for s in family)
        speech = re.compile(rf"\b{re.escape(first)}\s+(has\s+)?(told|said|says|wrote|"
                            r"drew|scored|spoke|explained|tried to step in|asked)\b")
        siblings = [w.people[r["person_id"]] for r in w.rel_by_child[child["id"]]
                    if w.people[r["person_id"]]["is_child"]]
        for day, where, text in w.texts(case):
            if day is None:
                continue
            age = age_on(child["date_of_birth"], day)
            problems = []
            # A family event about an older brother or sister may name their school.
            about_sibling = any(re.search(rf"\b{re.escape(s['first_name'])}\b", text)
                                and age_on(s["date_of_birth"], day) >= 4 for s in siblings)
            if age < 4 and _SCHOOL_WORDS.search(text) and not about_sibling:
                problems.append(f"school words at {age}")
            if age < 2 and speech.search(text):
                problems.append(f"speech at {age}")
            if "nursery" in text.lower() and not nursery:
                problems.append("a nursery nobody attends")
            for s in school_names:
                if s in text and s not in family:
                    problems.append(f"another family's school {s}")
            t44.count(not problems, f"case {case['id']} {where} {day}: {problems}: "
                      f"{text[:90]!r}")
    for case in w.cases:
        child = w.child(case)
        dob = child["date_of_birth"]
        for rel in w.rel_by_child[child["id"]]:
            other = w.people[rel["person_id"]]
            gap = age_on(other["date_of_birth"], dob) if other["date_of_birth"] < dob else -1
            if rel["kind"] == "mother":
                t45.count(16 <= gap <= 45, f"mother {gap} at {first}'s birth")
            elif rel["kind"] == "father":
                t45.count(gap >= 16, f"father {gap} at birth")
            elif "grand" in rel["kind"]:
                t45.count(gap >= 30, f"{rel['kind']} {gap} years older")
            elif rel["kind"] in ("brother", "sister", "half-brother", "half-sister") \
                    and rel["kind"] in ("brother", "sister"):
                apart = abs((other["date_of_birth"] - dob).days)
                t45.count(apart == 0 or apart >= 270, f"siblings {apart} days apart")
    for p in w.people.values():
        last, first_names = p["last_name"], p["first_name"]
        female = p["gender"] == "female"
        words = f"{first_names} {last}".split()
        wrong = (re.search(r"(ski|cki|dzki)$", last) and female
                 or re.search(r"(ska|cka|dzka)$", last) and not female
                 or not female and bool({"Begum", "Khatun", "Bibi", "Khanom", "Kaur"} & set(words))
                 or female and "Singh" in words)
        t46.count(not wrong, f"{first_names} {last}")
    for case in w.cases:
        child = w.child(case)
        parents = [w.people[r["person_id"]] for r in w.rel_by_child[child["id"]]
                   if r["kind"] in ("mother", "father")]
        ethnic = {p["ethnicity"] for p in parents}
        code = child["ethnicity"]
        if len(ethnic) == 2 and code.startswith("Mixed"):
            white = any(e.startswith("White") for e in ethnic)
            asian = any(e.startswith("Asian") for e in ethnic)
            carib = any("Caribbean" in e.split(":")[-1] for e in ethnic)
            african = any("African" in e.split(":")[-1] for e in ethnic)
            want = (names.MIXED_WHITE_ASIAN if white and asian else
                    names.MIXED_WHITE_BLACK_CARIBBEAN if white and carib else
                    names.MIXED_WHITE_BLACK_AFRICAN if white and african else
                    names.MIXED_OTHER)
            t47.count(code == want, f"case {case['id']}: {sorted(ethnic)} -> {code}")
        elif len(ethnic) == 1:
            t47.count(code in ethnic or not code.startswith("Mixed"),
                      f"case {case['id']}: {ethnic} -> {code}")
    add(t41.all_of("41", "people with a date of birth and a recorded sex"))

    # 42: a UPN (valid check letter, never a real child's) for each child who has started
    # school, no two alike. A younger child may hold one (a UPN stays with the child, also
    # on a copy moved to an earlier day).
    t42, seen_upns = Tally(), Counter(p.get("upn") for p in w.people.values() if p.get("upn"))
    for p in w.people.values():
        if not p["is_child"]:
            continue
        at_school = school_year(p["date_of_birth"], as_of) not in (None, "Nursery")
        value = p.get("upn")
        ok = (upn.is_training(value) and seen_upns[value] == 1) if value else not at_school
        t42.count(ok, f"person {p['id']}: {value!r}, at school {at_school}")
    add(t42.all_of("42", "children at school with a valid training UPN, unique"))
    add(t44.none_of("44", "texts that do not fit the child's age or schooling"))
    add(t45.none_of("45", "family ages that do not hang together"))
    add(t46.none_of("46", "names breaking their heritage's rules"))
    add(t47.none_of("47", "mixed ethnicity codes inconsistent with the parents"))

    # 48: case-path mix.
    s47_share = icpcs / s47_done if s47_done else 0
    add(Figure("48", "finished enquiries going to a conference", f"{icpcs} of {s47_done} "
               f"({s47_share:.0%})", "30-50% [H], from 50 families",
               0.3 <= s47_share <= 0.5 or len(w.families) < 50))

    # The issue's own figures: adolescents, extra-familial harm, varied writing.
    children = [w.child(c) for c in w.cases]
    teens = [c for c in children if age_on(c["date_of_birth"], as_of) >= 12]
    share = len(teens) / len(children) if children else 0
    add(Figure("I17.1", "children aged 12 to 17", f"{len(teens)} of {len(children)} "
               f"({share:.0%})", ">= 15%", share >= 0.15 or len(children) < 10))
    outside = sum(c["primary_concern"] in EXTRA_FAMILIAL for c in w.cases)
    add(Figure("I17.1b", "children with harm outside the family", str(outside), ">= 1",
               outside >= 1 or len(w.families) < 30))
    masked, repeats = [], Tally()
    for case in w.cases:
        words = set()
        for rel in w.rel_by_child[case["child_id"]]:
            words.add(w.people[rel["person_id"]]["first_name"])
        words.add(w.child(case)["first_name"])
        own = Counter()
        for n in w.notes[case["id"]]:
            for s in _sentences(n["body"]):
                masked.append(_masked(s, words))
                own[s] += 1
        rep = [s for s, k in own.items() if k > 1]
        repeats.count(not rep, f"case {case['id']}: {rep[0][:80] if rep else ''!r}")
    distinct = len(set(masked)) / len(masked) if masked else 1.0
    add(Figure("I17.5e", "distinct case-note sentences once names are masked",
               f"{len(set(masked))} of {len(masked)} ({distinct:.0%})", ">= 50%",
               distinct >= 0.5))
    add(repeats.all_of("I17.5f", "children's records with no case-note sentence repeated"))
    reasons = [_get(r["answers"], "reason", "decision_rationale") for r in w.records
               if r["form_key"] == "contact_referral" and r["status"] != "draft"]
    reasons = [x for x in reasons if x]
    # Siblings share the front-door decision, so count one per family.
    varied = len(set(reasons)) / max(1, len(w.families))
    add(Figure("I17.5g", "front-door reasons: distinct per family", f"{len(set(reasons))} "
               f"for {len(w.families)} families", ">= 50%", varied >= 0.5 or
               len(w.families) < 4))
    groups = ("Roma", "Afghan", "Albanian", "Kurdish", "Arab", "Congolese", "Chinese",
              "Vietnamese", "Tamil", "Latin American", "Ukrainian")
    held = {g for g in groups for p in w.people.values() if g in p["ethnicity"]}
    add(Figure("I17.6", "heritage groups a London borough has, present",
               f"{len(held)} of {len(groups)}", "all, from 200 families",
               len(held) == len(groups) or len(w.families) < 200,
               [g for g in groups if g not in held]))
    disabled = {r["case_id"] for r in w.records if r["form_key"] == "child_family_assessment"
                and set(_get(r["answers"], "disability", "disability_codes") or ["NONE"])
                - {"NONE"}}
    add(Figure("I17.6b", "disabled children (assessment disability codes)",
               str(len(disabled)), ">= 1, from 50 families",
               bool(disabled) or len(w.families) < 50))
    coded = Tally()
    for p in w.people.values():
        coded.count(names.census_code(p["ethnicity"]) is not None, p["ethnicity"])
    add(coded.all_of("I17.6d", "people whose ethnicity has a CIN census code"))
    signs = [r for r in w.records if r["status"] != "draft" and r["form_key"] in (
        "child_family_assessment", "strategy_discussion", "section47_enquiry",
        "initial_conference", "review_conference")]
    signed = sum(r["status"] == "signed_off" for r in signs)
    add(Figure("I17.5h", "finished forms a manager or chair signs that are signed off",
               f"{signed} of {len(signs)}", ">= 80%", signed >= 0.8 * len(signs)))
    # An ABE interview or a criminal investigation is the police's part of a joint
    # enquiry: a strategy record saying "not joint" alongside one contradicts itself.
    joint = Tally()
    for r in w.records:
        if r["form_key"] != "strategy_discussion":
            continue
        a = r["answers"]
        said = _get(a, "joint_with_police", "joint_investigation")
        police = ("abe_interview" in (a.get("also_agreed") or [])
                  or "criminal_investigation" in (a.get("also_agreed") or [])
                  or "Yes" in (a.get("abe_required"), a.get("criminal_investigation")))
        if said is not None:
            joint.count(str(said).lower() == ("yes" if police else "no"),
                        f"case {r['case_id']}: joint {said}, police work {police}")
    add(joint.all_of("I17.7", "strategy records whose joint enquiry agrees with ABE/police"))
    return figures


def _looked_after(w: World) -> list[Figure]:
    """27-29 for looked-after children (PRACTICE.md §4.2, §4.3): visits within a week of
    the placement and at most 6 weeks apart; reviews within 20 WD, then 3 months, then 6
    months; care plan within 10 WD, placement plan within 5 WD, initial health assessment
    within 20 WD, health reviews within 6 or 12 months, education plan within 10 WD for a
    child at school; the first episode starts with reason S, its codes valid for the
    child's age; a child stepping up from a protection plan had one before."""
    t27, t28, t29, t_step = Tally(), Tally(), Tally(), Tally()
    for case in w.cases:
        if case["stage"] != "looked_after":
            continue
        cid, child = case["id"], w.child(case)
        start = _day(case["looked_after_on"])
        born = child["date_of_birth"]

        def on(key, *fields, cid=cid):
            return sorted(d for r in w.finished(cid, key)
                          if (d := _day(_get(r["answers"], *fields))))

        visits = on("lac_visit", "visited_on")
        points = [start] + visits
        gaps = [(b - a).days for a, b in zip(points, points[1:], strict=False)]
        late = (w.as_of - (visits[-1] if visits else start)).days
        t27.count(bool(visits) and gaps[0] <= 7 and all(g <= 42 for g in gaps[1:])
                  and late <= 42, f"case {cid}: placed {start}, visits {visits[:3]}")
        reviews = on("lac_review", "review_on")
        limits = [days.add_working_days(start, 20)] + [
            pw.add_months(r, 3 if i == 0 else 6) for i, r in enumerate(reviews)]
        ok = all(r <= lim for r, lim in zip(reviews, limits, strict=False)) and (
            limits[len(reviews)] >= w.as_of)
        care = on("care_plan", "agreed_on")
        placement = on("placement_plan", "agreed_on")
        health = [(_day(_get(r["answers"], "done_on")), _get(r["answers"], "kind"))
                  for r in w.finished(cid, "health_assessment")]
        health.sort()
        ok = ok and bool(care) and care[0] <= days.add_working_days(start, 10)
        ok = ok and bool(placement) and placement[0] <= days.add_working_days(start, 5)
        ok = ok and bool(health) and health[0][1] == "initial" and \
            health[0][0] <= days.add_working_days(start, 20)
        for (a, _), (b, _) in zip(health, health[1:], strict=False):
            ok = ok and b <= pw.add_months(a, 6 if age_on(born, a) < 5 else 12)
        if age_on(born, start) >= pw.PEP_FROM_AGE:  # from 3, as the app asks
            peps = on("personal_education_plan", "done_on")
            ok = ok and bool(peps) and peps[0] <= days.add_working_days(start, 10)
        t28.count(ok, f"case {cid}: start {start}, reviews {reviews}, care plan {care}, "
                      f"placement plan {placement}, health {health[:2]}")
        for r in w.finished(cid, "looked_after_start"):
            a = r["answers"]
            begun = _day(a.get("started_on"))
            status, place = a.get("legal_status"), a.get("placement_type")
            bad = (a.get("reason_new_episode") != "S" or begun < born
                   or (place == "K3" and age_on(born, begun) < 16)
                   or (status or "").startswith("J") and age_on(born, begun) < 10
                   or place in ("T0", "T1", "T2", "T3", "T4"))
            t29.count(not bad, f"case {cid}: {a.get('reason_new_episode')} {status} {place}")
        if case.get("initial_conference_on"):
            before = w.finished(cid, "initial_conference")
            # The plan goes on in care until a review conference ends it (PRACTICE.md
            # §1.9): ended at one held since, the child staying looked after; or still
            # held beside the care plan, its next review not yet overdue.
            in_care = [r["answers"] for r in w.finished(cid, "review_conference")
                       if _day(_get(r["answers"], "held_on", "rcpc_held")) >= start]
            ended = [a for a in in_care if _get(a, "decision", "rcpc_decision") in
                     ("end", "discontinue") and _get(a, "step_down_to", "step_down")
                     == "Looked after"]
            held = case.get("strategy_from") in ("cp_plan", "review_due")
            due = pw.review_conference_step(SimpleNamespace(**case)).due
            reviewed = (len(ended) == 1 and not held) or (
                held and not ended and due is not None and due >= w.as_of)
            t_step.count(bool(before) and _day(case["initial_conference_on"]) < start
                         and bool(w.finished(cid, "section47_enquiry")) and reviewed,
                         f"case {cid}: looked after {start}, conference "
                         f"{case['initial_conference_on']}, ended in care {len(ended)}, "
                         f"held {held}")
    # Unaccompanied asylum-seeking young people: an adolescent, accommodated under
    # section 20 with no one to agree (no parent in the country), the return's UASC flag,
    # an interpreter at the visits, and no "parents" on the record.
    t_uasc = Tally()
    for case in w.cases:
        if case["primary_concern"] != "unaccompanied":
            continue
        child, cid = w.child(case), case["id"]
        starts = [r["answers"] for r in w.finished(cid, "looked_after_start")]
        parents = [r for r in w.rel_by_child[child["id"]] if r["kind"] in ("mother", "father")]
        visits = [r["answers"] for r in w.finished(cid, "lac_visit")]
        ok = bool(starts) and all(a.get("legal_status") == "V2" and a.get("uasc") == "yes"
                                  and a.get("s20_agreed_by") in (None, "no_one")
                                  for a in starts)
        ok = ok and not parents and 14 <= age_on(child["date_of_birth"],
                                                 _day(case["looked_after_on"])) < 18
        ok = ok and all("interpreter" in (a.get("observations") or "") for a in visits)
        ok = ok and not any("parents" in t.lower() and "no one with parental" not in t
                            and "nobody with parental" not in t.lower()
                            for _, _, t in w.texts(case))
        t_uasc.count(ok, f"case {cid}: {starts[:1]}, parents {len(parents)}")
    # Missing from care: within the period of care, ended, the police told, and an
    # independent return interview offered within 72 hours of coming back.
    t_missing = Tally()
    for case in w.cases:
        for r in w.finished(case["id"], "missing_from_care"):
            a = r["answers"]
            gone, back = _day(a.get("started_on")), _day(a.get("ended_on"))
            offered = _day(a.get("return_interview_on"))
            ok = case["stage"] == "looked_after" and gone >= _day(case["looked_after_on"]) \
                and back is not None and gone <= back <= w.as_of and a.get("police_told") \
                == "yes" and offered is not None and 0 <= (offered - back).days <= 3
            t_missing.count(ok, f"case {case['id']}: {gone} to {back}, offered {offered}")
    # Once a child is in care, their record is of care (seed.in_care): no note or form
    # since speaks of home visits under the plan, unannounced visits or core groups, or of
    # a parent picking the child up; a child under 2 is watched, never quoted; a child in
    # care proceedings has a permanence plan by the second review.
    t_care, t_permanence = Tally(), Tally()
    at_home = re.compile(r"unannounced|core group|network meeting|test the safety rules|"
                         r"picked (him|her) up|house of worries|visit \d+ on the plan",
                         re.I)
    for case in w.cases:
        started = _day(case.get("looked_after_on"))
        if case["stage"] != "looked_after" or started is None:
            continue
        child, cid = w.child(case), case["id"]
        # The chronology keeps what happened before; the plan's own forms (its review
        # conference, held with the looked-after review) speak of it by right.
        wrong = [(on, where, t[:60]) for on, where, t in w.texts(case)
                 if on > started and where != "chronology"
                 and not where.startswith(("review_conference", "core_group_review"))
                 and at_home.search(t)]
        babies = [a for key in ("lac_visit", "lac_review", "care_plan")
                  for r in w.finished(cid, key) if age_on(child["date_of_birth"], _day(
                      _get(r["answers"], "visited_on", "review_on", "agreed_on"))) < 2
                  for a in (r["answers"].get("child_words"), r["answers"].get("child_views"))
                  if a and re.search(r"\b(said|told me)\b", a)]
        t_care.count(not wrong and not babies, f"case {cid}: {wrong[:1]} {babies[:1]}")
        reviews = sorted(_day(_get(r["answers"], "review_on")) for r in
                         w.finished(cid, "lac_review"))
        if case["primary_concern"] != "unaccompanied" and len(reviews) > 1:
            plans = [r["answers"] for r in w.finished(cid, "care_plan")
                     if _day(_get(r["answers"], "agreed_on")) <= reviews[1]]
            t_permanence.count(bool(plans) and plans[-1].get("permanence_plan") not in (
                None, "not_decided"), f"case {cid}: second review {reviews[1]}, plans "
                f"{[p.get('permanence_plan') for p in plans]}")
    # Brothers and sisters coming into care on the same day are placed together, with one
    # reviewing officer (CA89 s22C(8)(c); PRACTICE.md §4.2 on the IRO).
    t_together, groups = Tally(), defaultdict(list)
    for case in w.cases:
        for r in w.finished(case["id"], "looked_after_start")[:1]:
            a = r["answers"]
            groups[(case["family_id"], _get(a, "started_on"))].append(
                (a.get("placement_carer"), tuple(_get(p["answers"], "chaired_by") for p in
                                                 w.finished(case["id"], "lac_review"))))
    for (family, on), placed in groups.items():
        if len(placed) > 1:
            t_together.count(len(set(placed)) == 1, f"family {family}, {on}: {placed}")
    steps = t_step.total
    return [
        t_together.all_of("I17.19", "brothers and sisters coming into care together, "
                          "placed together with one reviewing officer"),
        t_care.all_of("I17.17", "looked-after children whose records since are of care, "
                      "not home, and never quote a baby"),
        t_permanence.all_of("I17.18", "children in care proceedings with a permanence plan "
                            "by the second review"),
        t_missing.all_of("I17.16", "missing episodes in care, ended, police told, a return "
                         "interview offered within 72 hours"),
        t_uasc.all_of("I17.15", "unaccompanied young people accommodated under section 20 "
                      "with no one to agree, an interpreter, no parents"),
        Figure("I17.15b", "unaccompanied asylum-seeking young people", str(t_uasc.total),
               ">= 1, from 20 families", t_uasc.total >= 1 or len(w.families) < 20),
        t27.all_of("27", "looked-after children visited within a week of the placement, "
                   "then at most 6 weeks apart"),
        t28.all_of("28", "looked-after children's reviews, plans, health and education "
                   "plans on time"),
        t29.none_of("29", "looked-after episodes with a first reason, codes or age wrong"),
        t_step.all_of("I17.14", "children looked after from a protection plan, its "
                      "enquiry and conference before, the plan reviewed in care"),
        Figure("I17.14b", "children stepping up from a protection plan into care",
               str(steps), ">= 1, from 40 families", steps >= 1 or len(w.families) < 40),
    ]


_FEMALE = re.compile(r"\b(she|her|hers|herself)\b", re.I)
_MALE = re.compile(r"\b(he|him|his|himself)\b", re.I)
# Words for a woman who is not a named adult of the family: a clause naming one of them
# says nothing of the carer's sex.
_WOMEN_WORDS = re.compile(r"\b(nurse|midwife|health visitor|IDVA|adviser|teacher|gran|nan|"
                          r"grandmother|aunt|auntie|sister|daughter|girl|woman|mother|mum|"
                          r"godmother|wife)\b", re.I)
_MEN_WORDS = re.compile(r"\b(officer|police|father|dad|brother|son|boy|man|men|partner|"
                        r"grandfather|uncle|godfather|husband|youth worker|GP|doctor|"
                        r"adults?|\w+ers?)\b", re.I)
_MUM = re.compile(r"\b(mum|mummy|mam|mama)\b", re.I)
_MOTHER_AT_HOME = re.compile(r"(?<!'s )(?<!their )(?<!birth )(?<!his )(?<!her )"
                             r"\bmother\b(?!'s partner)", re.I)


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[.;:!?\n]|, and |, but | and (?=[A-Z])", text) if c.strip()]


def _carers(w: World) -> list[Figure]:
    """Who brings the child up, as the texts tell it (seed.carers): no clause naming an
    adult the child lives with calls them by the other sex's pronouns (unless it names
    someone else it could be about); no household without a mother at home has a "mum"
    or a mother at home in its texts; and each father or male carer at home is named in
    the child's plan."""
    t_pron, t_word, t_dads = Tally(), Tally(), Tally()
    shapes = set()
    for case in w.cases:
        child = w.child(case)
        rels = w.rel_by_child[case["child_id"]]
        home = [(rel, w.people[rel["person_id"]]) for rel in rels
                if rel["lives_with_child"] and not w.people[rel["person_id"]]["is_child"]]
        kinds = sorted(rel["kind"] for rel, _ in home)
        shapes.add(_shape(kinds))
        others = [w.people[r["person_id"]] for r in rels if not any(
            r["person_id"] == p["id"] for _, p in home)] + [child]
        women = {p["first_name"] for p in others if p["gender"] == "female"}
        men = {p["first_name"] for p in others if p["gender"] == "male"}
        mother_home = "mother" in kinds
        for _, where, text in w.texts(case):
            for clause in _clauses(text):
                for _, adult in home:
                    if not re.search(rf"\b{re.escape(adult['first_name'])}\b", clause):
                        continue
                    female = adult["gender"] == "female"
                    wrong = _MALE if female else _FEMALE
                    same = men if female else women
                    cover = _MEN_WORDS if female else _WOMEN_WORDS
                    fellow = [p for _, p in home if p is not adult
                              and p["gender"] != adult["gender"]
                              and re.search(rf"\b{re.escape(p['first_name'])}\b", clause)]
                    # The child's own pronouns may be the other sex's: checked where
                    # the child and the adult share a sex (other seeds hold the rest).
                    if child["gender"] != adult["gender"]:
                        continue
                    if wrong.search(clause) and not fellow and not cover.search(clause) \
                            and not any(re.search(rf"\b{re.escape(n)}\b", clause)
                                        for n in same):
                        t_pron.count(False, f"case {case['id']} {where}: {adult['first_name']}"
                                     f" ({adult['gender']}): {clause.strip()[:100]!r}")
                    else:
                        t_pron.count(True)
            if not mother_home:
                bad = _MUM.search(text) or _MOTHER_AT_HOME.search(text)
                t_word.count(not bad, f"case {case['id']} {where} ({', '.join(kinds)}): "
                             f"{text[:100]!r}")
        plans = [r for key in ("initial_conference", "cin_plan")
                 for r in w.finished(case["id"], key)]
        for rel, adult in home:
            if adult["gender"] != "male" or not plans:
                continue
            said = json.dumps([_get(r["answers"], "plan_actions", "recommendations", "plan",
                                    "cin_actions", "cin_outcomes") for r in plans],
                              ensure_ascii=False)
            t_dads.count(adult["first_name"] in said, f"case {case['id']}: {rel['kind']} "
                         f"{adult['first_name']} not in the plan")
    wanted = ("mother alone", "mother and father", "mother and partner", "two mothers",
              "single father", "two fathers", "kinship carer")
    return [
        t_pron.none_of("I17.9", "clauses calling a carer by the other sex's pronouns"),
        t_word.none_of("I17.9b", "'mum' or a mother at home where none lives"),
        t_dads.all_of("I17.9c", "fathers and male carers at home named in the child's plan"),
        Figure("I17.6c", "household types present", f"{len(shapes & set(wanted))} of "
               f"{len(wanted)}", "all, from 200 families", set(wanted) <= shapes
               or len(w.families) < 200, [h for h in wanted if h not in shapes]),
    ]


def _shape(kinds: list[str]) -> str:
    if kinds == ["mother", "mother"]:
        return "two mothers"
    if kinds == ["father", "father"]:
        return "two fathers"
    if kinds == ["father"]:
        return "single father"
    if kinds in (["mother"],):
        return "mother alone"
    if kinds == ["father", "mother"]:
        return "mother and father"
    if "mother's partner" in kinds:
        return "mother and partner"
    if any(k.startswith(("maternal", "paternal")) for k in kinds):
        return "kinship carer"
    return ", ".join(kinds)


def report(figures: list[Figure], examples: bool = True) -> str:
    lines = []
    for f in figures:
        lines.append(f.line())
        if examples and not f.ok:
            lines += [f"         e.g. {e}" for e in f.examples[:3]]
    return "\n".join(lines)
