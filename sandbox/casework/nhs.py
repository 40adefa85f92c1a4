"""NHS numbers in the range set aside for testing (999 000 0000 to 999 999 9999)."""

import random

TEST_PREFIX = "999"


def check_digit(first_nine: str) -> int | None:
    """The modulus-11 check digit, or None where no valid number has these digits."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(first_nine))
    remainder = 11 - total % 11
    if remainder == 11:
        return 0
    if remainder == 10:
        return None
    return remainder


def is_valid(number: str) -> bool:
    if len(number) != 10 or not number.isdigit():
        return False
    return check_digit(number[:9]) == int(number[9])


def is_test_number(number: str) -> bool:
    return is_valid(number) and number.startswith(TEST_PREFIX)


def test_number(rng: random.Random) -> str:
    while True:
        first_nine = TEST_PREFIX + f"{rng.randrange(1_000_000):06d}"
        digit = check_digit(first_nine)
        if digit is not None:
            return first_nine + str(digit)


def formatted(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"
