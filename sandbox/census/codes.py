"""The DfE's code lists for the Children in Need census (PRACTICE.md §3.2, §3.3), the
census years we can write and check, and how our records' words become census codes."""

from datetime import date

# Years are named as the DfE names a collection: by the year of its reference date (the
# 2026 to 2027 census is "2027", reference date 31 March 2027). These are the years whose
# rules the validator package carries and whose return uses `Sex` (from 2024 to 2025).
YEARS = (2025, 2026, 2027)

# A council's DfE number goes in the header (and its schools' UPNs start with it; ours
# start with the pseudo LA number 001 instead: sandbox.casework.upn). Northbrook is
# made up, so its return carries 999: no council has it (as NHS numbers starting 999 are
# for testing), and a training return can never be taken for a real council's.
LA_CODE = "999"

REFERRAL_SOURCES = ("1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F",
                    "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10")
PRIMARY_NEEDS = ("N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9")
CLOSURE_REASONS = ("RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9")
DISABILITIES = ("NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH",
                "CON", "AUT", "DDA")
CATEGORIES = ("NEG", "PHY", "EMO", "SAB", "MUL")
SEXES = ("M", "F", "U")
UPN_UNKNOWN = ("UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7")
ETHNICITIES = ("WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH",
               "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH",
               "REFU", "NOBT")
FACTORS = tuple(
    [f"{n}{s}" for n in range(1, 7) for s in "ABC"] + ["7A"]
    + [f"8{s}" for s in "BCDEF"]
    + [f"{n}A" for n in range(9, 18)] + ["18B", "18C", "19B", "19C", "20", "21", "22A",
                                          "23A", "24A"])
# Still accepted by the DfE, but queried (8945Q, 8950Q).
FACTORS_QUERIED = ("18A", "19A")
BOOLEANS = ("true", "false", "1", "0", "TRUE", "FALSE")

# Our plan categories (sandbox.casework.pathway.PLAN_CATEGORIES) as census codes; a plan
# under more than one is "MUL" (8905, 8910).
PLAN_CATEGORY_CODES = {"neglect": "NEG", "physical": "PHY", "emotional": "EMO",
                       "sexual": "SAB"}

SEX_CODES = {"male": "M", "female": "F"}

# The child's ethnicity as the record holds it (the 2021 Census groups: "White: Irish")
# and its census code. The first prefix that matches wins.
_ETHNICITY_PREFIXES = (
    ("White: English", "WBRI"), ("White: British", "WBRI"), ("White: Irish", "WIRI"),
    ("White: Irish Traveller", "WIRT"), ("White: Gypsy", "WROM"), ("White: Roma", "WROM"),
    ("White:", "WOTH"),
    ("Mixed or Multiple: White and Black Caribbean", "MWBC"),
    ("Mixed or Multiple: White and Black African", "MWBA"),
    ("Mixed or Multiple: White and Asian", "MWAS"), ("Mixed or Multiple:", "MOTH"),
    ("Asian or Asian British: Indian", "AIND"), ("Asian or Asian British: Pakistani", "APKN"),
    ("Asian or Asian British: Bangladeshi", "ABAN"), ("Asian or Asian British: Chinese", "CHNE"),
    ("Asian or Asian British:", "AOTH"),
    ("Black, Black British, Caribbean or African: Caribbean", "BCRB"),
    ("Black, Black British, Caribbean or African: African", "BAFR"),
    ("Black, Black British, Caribbean or African:", "BOTH"),
    ("Other ethnic group:", "OOTH"), ("Refused", "REFU"), ("Not yet obtained", "NOBT"),
)


def ethnicity_code(recorded: str | None) -> str | None:
    """The census code of the ethnicity on a child's record, or None when it is not one of
    the groups the census knows (the schema check then says so)."""
    text = (recorded or "").strip()
    if text in ETHNICITIES:
        return text
    # "White: Irish Traveller" before "White: Irish": the longest matching prefix wins.
    found = [(len(p), code) for p, code in _ETHNICITY_PREFIXES if text.startswith(p)]
    return max(found)[1] if found else None


def category_code(categories) -> str | None:
    """One census code for a plan's categories: one category's own code, MUL for more."""
    values = [categories] if isinstance(categories, str) else list(categories or [])
    codes = sorted({PLAN_CATEGORY_CODES.get(v, v) for v in values if v})
    if not codes:
        return None
    return codes[0] if len(codes) == 1 else "MUL"


def reference_date(year: int) -> date:
    return date(year, 3, 31)


def census_start(year: int) -> date:
    return date(year - 1, 4, 1)


def year_of(day: date) -> int:
    """The census year a day falls in (1 April to 31 March), by its reference date."""
    return day.year + 1 if day >= date(day.year, 4, 1) else day.year
