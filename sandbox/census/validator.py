"""The DfE's validation rules for the census, run by the `csc-validator-be-cin` package.

The package is not ours and has faults we work around and report, never hide:
- a rule that raises is printed and counted as passed: each rule here runs inside a guard
  that notes the failure, tries once more with the assessment factors as tuples rather
  than lists (8614 fails on lists whenever it has something to flag), and otherwise
  reports the rule as one that could not run;
- only the first review date in a `Reviews` block is read: the rules are given a copy of
  the return with one `Reviews` block per date (the export itself keeps the DfE's shape);
- the return-level query 2887Q fires on small returns: it is reported with that warning.

The package needs pandas 1.5, which installs on Python 3.11 only (pyproject.toml): on
another Python the check says it is unavailable, and why, and the export still works.
"""

import contextlib
import copy
import dataclasses
import io
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache

from sandbox.census.reporting import Unavailable, load_validator, why_unavailable  # noqa: F401
from sandbox.census.reporting import cell_int as _int
from sandbox.census.reporting import cell_text as _text

KNOWN_FAULTS = {
    "2887Q": "The validator is known to raise this query on small returns (its count is the "
             "opposite of what the rule describes), so check it by hand.",
}


@dataclass
class Finding:
    code: str
    query: bool
    message: str  # the DfE's own words
    table: str | None
    column: str | None
    row: int | None
    child: str | None  # LAchildID
    value: str | None


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    return_level: list[Finding] = field(default_factory=list)
    could_not_run: dict[str, str] = field(default_factory=dict)  # code -> why
    worked_around: list[str] = field(default_factory=list)
    rules_run: int = 0


def _import():
    from cin_validator import cin_validator
    from cin_validator.rule_engine import RuleType
    from cin_validator.rules import ruleset_utils
    return cin_validator, ruleset_utils, RuleType


@cache
def _package():
    return load_validator("csc-validator-be-cin", _import)


def available() -> str | None:
    """None when the rules can run, else why not, in one sentence."""
    return why_unavailable(_package)


def one_review_per_block(root: ET.Element) -> ET.Element:
    """A copy of the return with each review date in a `Reviews` block of its own (the
    package reads only the first date of a block)."""
    root = copy.deepcopy(root)
    for plan in root.iter("ChildProtectionPlans"):
        for block in plan.findall("Reviews"):
            dates = block.findall("CPPreviewDate")
            plan.remove(block)
            for review in dates:
                ET.SubElement(plan, "Reviews").append(review)
    return root


def _factors_as_tuples(data: dict) -> dict:
    data = copy.deepcopy(data)
    for table, frame in data.items():
        if getattr(table, "name", "") == "Assessments" and "AssessmentFactors" in frame:
            frame["AssessmentFactors"] = frame["AssessmentFactors"].map(
                lambda v: tuple(v) if isinstance(v, list) else v)
    return data


def _guarded(rule, outcome: Outcome, pristine: dict, ran=None):
    """The rule, run so that a failure is noted (and retried once) rather than passed.
    `pristine`: the tables as read, for the retry (a rule may change what it is given).
    `ran()` once the rule has run (how far the check has got)."""
    def run(data, context):
        try:
            return _run(data, context)
        finally:
            if ran:
                ran()

    def _run(data, context):
        try:
            return rule.func(data, context)
        except Exception as first:
            try:
                result = rule.func(_factors_as_tuples(pristine), context)
            except Exception:
                outcome.could_not_run[rule.code] = f"{type(first).__name__}: {first}"[:200]
                raise
            outcome.worked_around.append(rule.code)
            return result
    return dataclasses.replace(rule, func=run)


def read(root: ET.Element) -> dict:
    """The return as the package's tables (its own reader). Raises Unavailable."""
    cin_validator = _package()[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' notices about the package's own code
        return cin_validator.process_data(
            cin_validator.convert_data(one_review_per_block(root)))


def run(root: ET.Element, year: int, shown=None) -> Outcome:
    """The DfE's rules for `year` on the return `root`. Raises Unavailable."""
    return rules(read(root), year, shown)


def rules(data: dict, year: int, shown=None) -> Outcome:
    """The DfE's rules for `year` on tables `read` made; `shown(done, total)` after each
    rule (sandbox.core.progress)."""
    cin_validator, ruleset_utils, rule_type = _package()
    outcome = Outcome()
    registry = ruleset_utils.get_year_ruleset(str(year))
    pristine = cin_validator.enum_keys(data)
    done = [0]

    def ran():
        done[0] += 1
        if shown:
            shown(min(done[0], len(registry)), len(registry))

    guarded = {code: _guarded(rule, outcome, pristine, ran) for code, rule in registry.items()}
    outcome.rules_run = len(guarded)
    # The package prints each failing rule; what failed is kept in `outcome` instead.
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' notices about the package's own code
        result = cin_validator.CinValidator(data, guarded)
    if shown:  # a rule with no table of the return to read is not run: it is done too
        shown(len(registry), len(registry))
    queries = {code for code, rule in registry.items() if rule.rule_type == rule_type.QUERY}
    report = result.user_report
    for row in report.to_dict("records") if len(report) else []:
        table = _text(row.get("tables_affected"))
        if table in (None, "Header"):
            continue
        outcome.findings.append(Finding(
            str(row["rule_code"]), str(row["rule_code"]) in queries,
            str(row.get("rule_description") or ""), table,
            _text(row.get("columns_affected")), _int(row.get("ROW_ID")),
            _text(row.get("LAchildID")), _flagged(row.get("value_flagged"))))
    level = result.multichild_issues
    for row in level.drop_duplicates().to_dict("records") if len(level) else []:
        code = str(row["rule_code"])
        outcome.return_level.append(Finding(code, code in queries,
                                            str(row.get("rule_description") or ""),
                                            None, None, None, None, None))
    return outcome


def _flagged(value) -> str | None:
    """The value a rule flagged, if it is one: some rules (8675Q) flag the outcome of their
    own test, True or False, which is no value on the child's record."""
    text = _text(value)
    return None if text is None or text.lower() in ("true", "false") else text
