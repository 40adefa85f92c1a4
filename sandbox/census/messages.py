"""The DfE's census rules in plain words (plain.yaml beside this file), the rule code kept
beside them; a rule not listed there is shown in the DfE's own words."""

from pathlib import Path

from sandbox.census.reporting import Plain

plain = Plain(Path(__file__).parent / "plain.yaml")
