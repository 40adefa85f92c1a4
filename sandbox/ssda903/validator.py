"""The DfE's validation rules for the SSDA903 return, run by the `csc-validator-be-903`
package (import name `lac_validator`) on the very CSV tables the export writes, read by
the package's own reader.

What the package does and how we report it, never counting a rule as passed unless it ran:
- a rule that raises is logged and skipped by the package's own loop: here each runs in a
  guard that keeps why, and the rule is reported as one that could not run;
- a rule returns nothing at all (`{}`) when a table it needs is not in the return (last
  year's return, Ofsted's lists of homes and providers, a table we do not write): it is
  reported as not checked, with the tables it needed;
- some rules place postcodes on the national postcode list that comes with it (to find
  the council a child is placed in, and how far from home). Northbrook is made up and so
  are its postcodes, so these rules cannot tell anything about a training copy: they are
  not run, and are reported as not checked, with that reason. Which rules they are is read
  from the rules' own code (the columns the package works out from postcodes, or its
  postcode lookup), not from a list of ours.

The package needs pandas 1.5, which installs on Python 3.11 only (pyproject.toml): on
another Python the check says it is unavailable, and why (sandbox.census.reporting), and
the export still works.
"""

import contextlib
import io
import logging
import os
import warnings
from dataclasses import dataclass, field
from functools import cache

from sandbox.census.reporting import (  # noqa: F401 - Unavailable: what run raises
    Unavailable,
    cell_text,
    load_validator,
    why_unavailable,
)

# The columns the package works out from the postcodes, and its postcode lookup.
FROM_POSTCODES = ("PL_LA", "PL_LOCATION", "PL_DISTANCE")
POSTCODE_LOOKUP = {"merge_postcodes", "postcodes"}
NOT_ON_THE_LIST = ("places postcodes on the national postcode list, and Northbrook's "
                   "postcodes are made up")
# The tables the rules ask for, in words (the package spells some names differently from
# rule to rule: "MIssing", "HEader_last", "OC2s").
TABLE_WORDS = {"oc2": "the outcomes of children looked after for a year (OC2)",
               "oc2s": "the outcomes of children looked after for a year (OC2)",
               "oc3": "the care leavers' outcomes (OC3)", "ad1": "the adoptions (AD1)",
               "placedadoption": "the decisions to place for adoption (PlacedAdoption)",
               "prevperm": "the previous permanence options (PrevPerm)",
               "missing": "the missing episodes (Missing)",
               "swepisodes": "the social worker episodes (SWEpisodes)",
               "dolo": "the deprivation of liberty orders (DoLo)", "uasc": "UASC",
               "provider info": "Ofsted's lists of children's homes and providers"}


def _needs(tables: list[str]) -> str:
    words = []
    for table in tables:
        name = table.lower()
        word = "last year's return" if name.endswith("_last") else TABLE_WORDS.get(name, table)
        if word not in words:
            words.append(word)
    return f"needs {' and '.join(words)}, which this return does not have"


# The council's code as the package wants it (the long form). No council has this one:
# a training return can never be taken for a real council's.
LOCAL_AUTHORITY = "E09999999"


@dataclass
class Finding:
    code: str
    message: str  # the DfE's own words
    table: str
    row: int
    child: str | None  # CHILD
    columns: list[str]  # the rule's affected fields that are in this table
    values: dict[str, str | None]  # those columns' values in the row


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    could_not_run: dict[str, str] = field(default_factory=dict)  # code -> why
    not_checked: dict[str, str] = field(default_factory=dict)  # code -> why
    rules_run: int = 0  # rules that gave an answer: with the two above, every rule


def _import():
    # The package logs every rule it runs, and a line per postcode letter it loads.
    logging.getLogger("lac_validator").setLevel(logging.WARNING)
    # Its postcode list takes seconds to load and tells nothing of a made-up borough
    # (the rules that use it are not run, above): the package's own switch skips it.
    os.environ.setdefault("QLAC_DISABLE_PC", "1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from lac_validator import datastore, ingress
        from lac_validator.rules import ruleset_utils
    return ingress, datastore, ruleset_utils


@cache
def _package():
    return load_validator("csc-validator-be-903", _import)


def available() -> str | None:
    """None when the rules can run, else why not, in one sentence."""
    return why_unavailable(_package)


def _names(code) -> set[str]:
    """Every name and string a function's code uses, its inner functions' too."""
    found = set(code.co_names) | {c for c in code.co_consts if isinstance(c, str)}
    for inner in code.co_consts:
        if hasattr(inner, "co_names"):
            found |= _names(inner)
    return found


def needs_postcode_list(rule) -> bool:
    """Whether a rule reads what the package works out from the national postcode list:
    the columns it names (also inside a query's text), or the lookup itself."""
    names = _names(rule.func.__code__)
    return bool(names & POSTCODE_LOOKUP) or any(
        column in text for column in FROM_POSTCODES
        for text in [*names, *(rule.affected_fields or [])])


@cache
def registry(year: int) -> dict:
    return _package()[2].get_year_ruleset(str(year))


def read(files: dict[str, bytes], year: int) -> dict:
    """The tables (file name -> CSV) as the package's data store, read by its own reader."""
    ingress, datastore, _ = _package()
    raw = [{"name": name, "file_content": content, "description": "This year"}
           for name, content in files.items()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' notices about the package's own code
        tables, extras = ingress.read_from_text(raw)
        metadata = {"collectionYear": str(year), "localAuthority": LOCAL_AUTHORITY, **extras}
        return datastore.create_datastore(tables, metadata)


def run(files: dict[str, bytes], year: int) -> Outcome:
    """The DfE's rules for `year` on the tables `files`. Raises Unavailable."""
    data = read(files, year)
    copy_datastore = _package()[1].copy_datastore
    outcome = Outcome()
    for code, rule in registry(year).items():
        if needs_postcode_list(rule):
            outcome.not_checked[code] = NOT_ON_THE_LIST
            continue
        try:
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = rule.func(copy_datastore(data))
        except Exception as problem:  # the rule's fault, not the return's: say so
            outcome.could_not_run[code] = f"{type(problem).__name__}: {problem}"[:200]
            continue
        if not result:
            missing = [t for t in (rule.tables or []) if t and t not in data]
            outcome.not_checked[code] = _needs(missing) if missing else (
                "needs what this return does not have (such as Ofsted's lists of "
                "children's homes and providers)")
            continue
        outcome.rules_run += 1  # a rule that gave an answer, found something or not
        for table, rows in result.items():
            frame = data.get(table)
            if frame is None:
                continue
            columns = [c for c in (rule.affected_fields or []) if c in frame.columns]
            for row in rows:
                if row not in frame.index:
                    continue
                found = frame.loc[row]
                outcome.findings.append(Finding(
                    code, rule.message or "", table, int(row),
                    cell_text(found.get("CHILD")), columns,
                    {c: cell_text(found.get(c)) for c in columns}))
    return outcome
