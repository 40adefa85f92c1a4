"""Our own check of a return against the DfE's XML schema for the census: the elements each
block must and may hold, in order, and each value's type and code list.

The validator package reads the XML without it, silently dropping a misspelt element or
an unknown code, so this runs first. Problems are located as the validator locates its
own: table, row (in the order the package reads rows) and column.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from sandbox.census import codes

# element -> its children in order: (name, at least, at most (None: any), type). A type
# is a value type, or the name of another block below.
_UNBOUNDED = None
SPEC = {
    "Message": [("Header", 1, 1, "Header"), ("Children", 1, 1, "Children")],
    "Header": [("CollectionDetails", 1, 1, "CollectionDetails"), ("Source", 1, 1, "Source")],
    "CollectionDetails": [("Collection", 1, 1, ("CIN",)), ("Year", 1, 1, "year"),
                          ("ReferenceDate", 1, 1, "date")],
    "Source": [("SourceLevel", 1, 1, ("L",)), ("LEA", 1, 1, "la"),
               ("SoftwareCode", 0, 1, "text"), ("Release", 0, 1, "text"),
               ("SerialNo", 0, 1, "serial"), ("DateTime", 0, 1, "datetime")],
    "Children": [("Child", 1, _UNBOUNDED, "Child")],
    "Child": [("ChildIdentifiers", 1, 1, "ChildIdentifiers"),
              ("ChildCharacteristics", 1, 1, "ChildCharacteristics"),
              ("CINdetails", 1, _UNBOUNDED, "CINdetails")],
    "ChildIdentifiers": [("LAchildID", 1, 1, "text"), ("UPN", 0, 1, "upn"),
                         ("FormerUPN", 0, 1, "upn"), ("UPNunknown", 0, 1, codes.UPN_UNKNOWN),
                         ("PersonBirthDate", 0, 1, "date"),
                         ("ExpectedPersonBirthDate", 0, 1, "date"),
                         ("Sex", 1, 1, codes.SEXES), ("PersonDeathDate", 0, 1, "date")],
    "ChildCharacteristics": [("Ethnicity", 1, 1, codes.ETHNICITIES),
                             ("Disabilities", 0, 1, "Disabilities")],
    "Disabilities": [("Disability", 1, _UNBOUNDED, codes.DISABILITIES)],
    "CINdetails": [("CINreferralDate", 1, 1, "date"),
                   ("ReferralSource", 1, 1, codes.REFERRAL_SOURCES),
                   ("PrimaryNeedCode", 0, 1, codes.PRIMARY_NEEDS),
                   ("CINclosureDate", 0, 1, "date"),
                   ("ReasonForClosure", 0, 1, codes.CLOSURE_REASONS),
                   ("DateOfInitialCPC", 0, 1, "date"),
                   ("Assessments", 0, _UNBOUNDED, "Assessments"),
                   ("CINPlanDates", 0, _UNBOUNDED, "CINPlanDates"),
                   ("Section47", 0, _UNBOUNDED, "Section47"),
                   ("ReferralNFA", 1, 1, codes.BOOLEANS),
                   ("ChildProtectionPlans", 0, _UNBOUNDED, "ChildProtectionPlans")],
    "Assessments": [("AssessmentActualStartDate", 1, 1, "date"),
                    ("AssessmentInternalReviewDate", 0, 1, "date"),
                    ("AssessmentAuthorisationDate", 0, 1, "date"),
                    ("FactorsIdentifiedAtAssessment", 0, 1, "FactorsIdentifiedAtAssessment")],
    "FactorsIdentifiedAtAssessment": [
        ("AssessmentFactors", 1, _UNBOUNDED, codes.FACTORS + codes.FACTORS_QUERIED)],
    "CINPlanDates": [("CINPlanStartDate", 1, 1, "date"), ("CINPlanEndDate", 0, 1, "date")],
    "Section47": [("S47ActualStartDate", 1, 1, "date"), ("InitialCPCtarget", 0, 1, "date"),
                  ("DateOfInitialCPC", 0, 1, "date"), ("ICPCnotRequired", 1, 1, codes.BOOLEANS)],
    "ChildProtectionPlans": [("CPPstartDate", 1, 1, "date"), ("CPPendDate", 0, 1, "date"),
                             ("InitialCategoryOfAbuse", 1, 1, codes.CATEGORIES),
                             ("LatestCategoryOfAbuse", 1, 1, codes.CATEGORIES),
                             ("NumberOfPreviousCPP", 1, 1, "count"),
                             ("Reviews", 0, 1, "Reviews")],
    "Reviews": [("CPPreviewDate", 1, _UNBOUNDED, "date")],
}
# The blocks that are rows of the validator's tables (its names), and the table a value
# inside a nested list belongs to.
TABLES = {"ChildIdentifiers": "ChildIdentifiers",
          "ChildCharacteristics": "ChildCharacteristics", "Disability": "Disabilities",
          "CINdetails": "CINdetails", "Assessments": "Assessments",
          "AssessmentFactors": "AssessmentFactorsList", "CINPlanDates": "CINplanDates",
          "Section47": "Section47", "ChildProtectionPlans": "ChildProtectionPlans",
          "CPPreviewDate": "Reviews"}
COLUMN = {"AssessmentFactors": "AssessmentFactor"}
_LISTED = ("Disability", "AssessmentFactors", "CPPreviewDate")


@dataclass
class SchemaProblem:
    message: str
    table: str | None = None  # None: the return as a whole (header, structure)
    row: int | None = None
    column: str | None = None
    value: str | None = None
    child: int | None = None  # index of the Child element


def _value_problem(kind, text: str) -> str | None:
    if isinstance(kind, tuple):
        return None if text in kind else f"is not one of the DfE's codes ({', '.join(kind)})"
    if kind == "date":
        try:
            date.fromisoformat(text)
            return None if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else "is not a date"
        except ValueError:
            return "is not a date (YYYY-MM-DD)"
    checks = {"year": r"\d{4}", "la": r"\d{3}", "serial": r"\d{3}\d*",
              "count": r"\d+", "upn": r"[A-Za-z]\d{12}|[A-Za-z]\d{11}[A-Za-z]",
              "datetime": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", "text": r".+"}
    return None if re.fullmatch(checks[kind], text, re.S) else {
        "year": "is not a year", "la": "is not a three-digit council number",
        "serial": "is not a serial number", "count": "is not a whole number",
        "upn": "is not a UPN (a letter and 12 characters)", "datetime": "is not a date and time",
        "text": "is empty"}[kind]


class _Walker:
    def __init__(self):
        self.problems: list[SchemaProblem] = []
        self.rows: dict[str, int] = {}
        self.child = None

    def next_row(self, table: str) -> int:
        self.rows[table] = self.rows.get(table, -1) + 1
        return self.rows[table]

    def problem(self, message, table=None, row=None, column=None, value=None):
        self.problems.append(SchemaProblem(message, table, row, column, value, self.child))

    def walk(self, element: ET.Element, block: str, table=None, row=None) -> None:
        spec = SPEC[block]
        names = [s[0] for s in spec]
        seen: dict[str, int] = {}
        position = 0
        for sub in element:
            if sub.tag not in names:
                self.problem(f"{block} holds an element the schema does not know: "
                             f"<{sub.tag}>", table, row, sub.tag, (sub.text or "").strip())
                continue
            at = names.index(sub.tag)
            if at < position:
                self.problem(f"<{sub.tag}> is out of order in {block}", table, row, sub.tag)
            position = max(position, at)
            seen[sub.tag] = seen.get(sub.tag, 0) + 1
            name, _least, most, kind = spec[at]
            if most is not None and seen[name] > most:
                self.problem(f"{block} holds <{name}> more than once", table, row, name)
            self.element(sub, kind, table, row)
        for name, least, _most, _kind in spec:
            if seen.get(name, 0) < least:
                self.problem(f"{block} must hold <{name}>, and it is missing", table, row,
                             name)

    def element(self, sub: ET.Element, kind, table, row) -> None:
        if sub.tag == "Child":
            self.child = 0 if self.child is None else self.child + 1
        if isinstance(kind, str) and kind in SPEC:
            if sub.tag in TABLES:
                table, row = TABLES[sub.tag], self.next_row(TABLES[sub.tag])
            self.walk(sub, kind, table, row)
            return
        if sub.tag in _LISTED:
            table, row = TABLES[sub.tag], self.next_row(TABLES[sub.tag])
        text = (sub.text or "").strip()
        if len(sub):
            self.problem(f"<{sub.tag}> must hold a value, not other elements", table, row,
                         sub.tag)
        elif (found := _value_problem(kind, text)) is not None:
            self.problem(f"<{sub.tag}> '{text[:40]}' {found}", table, row,
                         COLUMN.get(sub.tag, sub.tag), text)


def check(root: ET.Element) -> list[SchemaProblem]:
    """Every way `root` differs from the DfE's schema for the census."""
    walker = _Walker()
    if root.tag != "Message":
        walker.problem(f"the return must start with <Message>, not <{root.tag}>")
        return walker.problems
    walker.walk(root, "Message")
    year = root.findtext("Header/CollectionDetails/Year")
    reference = root.findtext("Header/CollectionDetails/ReferenceDate")
    if year and year.isdigit() and reference and reference != f"{year}-03-31":
        walker.child = None
        walker.problem(f"<ReferenceDate> must be 31 March {year}, the census's reference "
                       "date", value=reference)
    return walker.problems
