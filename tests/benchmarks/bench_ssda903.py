"""Benchmark: the SSDA903 return of a training copy whose looked-after children were
recorded through the forms' pages (run by `make bench`).

BENCH_903_CHILDREN children (default 40) of a 120-family copy become looked after, each
with a review, and half of them move placement; then medians over BENCH_903_RUNS (default
5), on SQLite:
- `ssda903_ours`: our part, making the return from the recorded forms and writing its
  CSV tables (the baseline);
- `ssda903_rules`: the validator package reading those tables (its own reader) and running
  the DfE's rules on them;
- `ssda903_check`: the whole check as the command and the page run it.
With BENCH_JSON set, writes {"ssda903": {...}} to that file, merged with what is there.
"""

import json
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from sandbox import create_app
from sandbox.core import tenancy
from sandbox.core.extensions import db
from sandbox.ssda903 import check as ssda903
from sandbox.ssda903 import returns, tables, validator
from tests import factories
from tests.benchmarks.bench_forms import summary
from tests.benchmarks.bench_forms import timed as timed_runs
from tests.pages import Web
from tests.ssda903.test_ssda903 import TODAY, Recorder, children

RUNS = int(os.environ.get("BENCH_903_RUNS", "5"))
CHILDREN = int(os.environ.get("BENCH_903_CHILDREN", "40"))
YEAR = ssda903.default_year()


def _record(app, tenant) -> None:
    web = Web(app).sign_in(factories.user("trainee", tenant=tenant))
    with tenancy.scoped_to(tenant.id):
        for n, case in enumerate(children(CHILDREN)):
            me = Recorder(web, case)
            began = TODAY - timedelta(days=90)
            me.becomes_looked_after(began)
            me.review(began + timedelta(days=20), participation="PN1")
            if n % 2:
                me.becomes_looked_after(began + timedelta(days=40), reason_new_episode="P",
                                        placement_change_reason="CARPL")


def _ours():
    return tables.write(returns.build(YEAR))


def main() -> int:
    if (why := validator.available()) is not None:
        print(f"SSDA903 benchmark skipped: {why}")
        return 0
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp}/903.db")
        with app.app_context():
            db.create_all()
            tenant = factories.tenant("room-1", seed=5, families=120)
            _record(app, tenant)
            with tenancy.scoped_to(tenant.id):
                results["ssda903_ours"] = timed_runs(_ours, runs=RUNS)
                files, _origins = _ours()
                results["ssda903_rules"] = timed_runs(lambda: validator.run(files, YEAR),
                                                      runs=RUNS)
                results["ssda903_check"] = timed_runs(lambda: ssda903.check(YEAR), runs=RUNS)
                children = len(returns.build(YEAR).children)
            db.session.remove()
            db.engine.dispose()
    figures = summary(results, "ssda903_ours")
    print(f"SSDA903 return of {children} looked-after children ({YEAR})")
    print(f"{'operation':<16} {'median ms':>10} {'runs':>5} {'vs ours':>8}")
    for name, row in figures.items():
        print(f"{name:<16} {row['median_ms']:>10.1f} {row['runs']:>5} "
              f"{row['ratio_to_baseline']:>8.2f}")
    if os.environ.get("BENCH_JSON"):
        path = Path(os.environ["BENCH_JSON"])
        existing = json.loads(path.read_text()) if path.exists() else {}
        path.write_text(json.dumps({**existing, "ssda903": figures}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
