"""The DfE's rules in plain words (plain.yaml beside this file), the rule code kept beside
them; a rule not listed there is shown in the DfE's own words."""

from functools import cache
from pathlib import Path

import yaml


@cache
def _plain() -> dict[str, str]:
    return yaml.safe_load((Path(__file__).parent / "plain.yaml").read_text())


def plain(code: str, dfe_message: str = "") -> str:
    return _plain().get(code) or dfe_message
