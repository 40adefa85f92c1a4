"""The SSDA903 (children looked after) return's years and tables (PRACTICE.md §4.3)."""

# Years are named as the DfE names a collection: by the year of its last day (the 2026 to
# 2027 return is "2027", 1 April 2026 to 31 March 2027). These are the years whose rules
# the validator package carries and whose Header holds SEX as M, F or U (from 2024 to 2025).
YEARS = (2025, 2026, 2027)

# The tables we write, in the DfE's column order (the package's own lac_validator.config,
# checked by tests/ssda903), and the file each goes in. What we leave out and why: README.
TABLES = {
    "Header": ("header.csv", ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]),
    "Episodes": ("episodes.csv", ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE",
                                  "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE",
                                  "HOME_POST", "PL_POST", "URN"]),
    "Reviews": ("reviews.csv", ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]),
    "UASC": ("uasc.csv", ["CHILD", "SEX", "DOB", "DUC"]),
    "Missing": ("missing.csv", ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"]),
    "OC2": ("oc2.csv", ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
                        "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
                        "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]),
}

# How an episode ends when the next begins the same day (903 REC).
NEW_EPISODE_SAME_DAY = "X1"
# The answers of a yes-or-no question that mean yes.
YES = (True, "yes", "Yes", "YES", "y", "Y", "true", "True", "1", 1)
