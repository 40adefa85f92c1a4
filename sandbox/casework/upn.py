"""Unique pupil numbers (UPNs) for made-up children, valid by the DfE's rules.

A UPN is a check letter and 12 digits: the LA number (3), the school's establishment
number (4), the last two digits of the year it was allocated and a serial (3). Ours always
start 001 0: 001 is one of the DfE's pseudo LA numbers, which the census accepts (rule
1530) but no council allocates from, and no school's establishment number starts with 0,
so a training copy's UPN can never be a real child's. The serial's six digits spread over
the establishment number's last three and the final three.
"""

import re

TRAINING_PREFIX = "0010"
# The check letter: the sum of each digit times its position (2 to 13), modulo 23.
LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # no I, O or S
_SHAPE = re.compile(r"[A-Z]\d{12}")


def check_letter(digits: str) -> str:
    return LETTERS[sum(int(d) * i for i, d in enumerate(digits, start=2)) % 23]


def is_valid(upn: str) -> bool:
    """13 characters, the check letter right (a permanent UPN: 12 digits after it)."""
    return bool(_SHAPE.fullmatch(upn)) and check_letter(upn[1:]) == upn[0]


def is_training(upn: str) -> bool:
    return is_valid(upn) and upn[1:5] == TRAINING_PREFIX


def training_upn(serial: int, year: int) -> str:
    """The training UPN allocated in `year` (the September it started Reception) to the
    child numbered `serial` (0 to 999 999) in its copy."""
    serial = f"{serial % 1_000_000:06d}"
    digits = f"{TRAINING_PREFIX}{serial[:3]}{year % 100:02d}{serial[3:]}"
    return check_letter(digits) + digits
