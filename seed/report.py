"""Print the practice invariants of a generated tenant: python -m seed.report --seed 5
--families 30 [--forms legacy]. Exits 1 when any invariant fails."""

import argparse
import sys

from . import REFERENCE_DATE, generate
from .invariants import measure, report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--families", type=int, default=30)
    parser.add_argument("--forms", choices=("streamlined", "legacy"), default="streamlined")
    args = parser.parse_args(argv)
    if args.families < 1 or args.families > 1000:
        parser.error("--families must be between 1 and 1000")
    figures = measure(generate(args.seed, args.families, form_version=args.forms),
                      REFERENCE_DATE)
    print(f"seed {args.seed}, {args.families} families, {args.forms} forms")
    print(report(figures))
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
