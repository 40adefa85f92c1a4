"""Benchmark: the Children in Need census of a 500-family training copy (run by `make
bench`).

Medians over BENCH_CENSUS_RUNS (default 3: one run of the DfE's rules on 500 families
takes a while), on SQLite:
- `census_ours`: our part, making the return from the recorded forms, writing the XML and
  our schema check (the baseline);
- `census_read`: the validator package reading that XML into its tables (its own reader);
- `census_rules`: the validator package running the DfE's rules on those tables;
- `census_check`: the whole check as the command and the page run it.
Each with its ratio to our part. With BENCH_JSON set, writes {"census": {...}} to that
file, merged with what is there.
"""

import json
import os
import statistics
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from sandbox import create_app
from sandbox.census import check as census
from sandbox.census import document, returns, schema, validator
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.tenants import service
from tests.benchmarks.bench_forms import timed as timed_runs

RUNS = int(os.environ.get("BENCH_CENSUS_RUNS", "3"))
FAMILIES = int(os.environ.get("BENCH_CENSUS_FAMILIES", "500"))
YEAR = 2027


def timed(fn) -> list[float]:
    return timed_runs(fn, runs=RUNS)


def _ours():
    built = returns.build(YEAR)
    xml, _origins = document.write(built)
    schema.check(ET.fromstring(xml))
    return xml


def main() -> int:
    if (why := validator.available()) is not None:
        print(f"census benchmark skipped: {why}")
        return 0
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp}/census.db")
        with app.app_context():
            db.create_all()
            tenant = service.create_from_seed("room-1", 5, FAMILIES)
            with tenancy.scoped_to(tenant.id):
                results["census_ours"] = timed(_ours)
                root = ET.fromstring(_ours())
                results["census_read"] = timed(lambda: validator.read(root))
                tables = validator.read(root)
                results["census_rules"] = timed(lambda: validator.rules(tables, YEAR))
                results["census_check"] = timed(lambda: census.check(YEAR))
                children = len(returns.build(YEAR).children)
            db.session.remove()
            db.engine.dispose()
    base = statistics.median(results["census_ours"])
    figures = {name: {"median_ms": round(statistics.median(s), 1), "runs": len(s),
                      "ratio_to_baseline": round(statistics.median(s) / base, 2)}
               for name, s in results.items()}
    print(f"census of {FAMILIES} families ({children} children in the {YEAR} return)")
    print(f"{'operation':<16} {'median ms':>10} {'runs':>5} {'vs ours':>8}")
    for name, row in figures.items():
        print(f"{name:<16} {row['median_ms']:>10.1f} {row['runs']:>5} "
              f"{row['ratio_to_baseline']:>8.2f}")
    if out := os.environ.get("BENCH_JSON"):
        path = Path(out)
        found = json.loads(path.read_text()) if path.exists() else {}
        found["census"] = figures
        path.write_text(json.dumps(found, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
