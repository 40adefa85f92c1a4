"""Benchmark: time and motion's own costs (run by `make bench`).

Medians over BENCH_RUNS (default 11), with ratios to a baseline measured in the same run:
- form analysis (suggested questions asked twice) of the 512-question legacy set against
  the 114-question streamlined set (the baseline), uncached each run;
- recording one sign of use on an open form (`sandbox.timing.capture.seen`) against
  reading the form record it belongs to (the baseline), on SQLite;
- reading every form and scenario file as the app does at start-up (with libyaml, checked
  for anchors, nesting and control characters, each mapping's line kept) against PyYAML's
  pure-Python safe loader on the same files (the baseline).
With BENCH_JSON set, writes {"forms": {"<operation>": {"median_ms", "runs",
"ratio_to_baseline"}}} to that file, merged with what is there.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from sqlalchemy import select

from sandbox import create_app
from sandbox.cases.models import Case
from sandbox.core import tenancy
from sandbox.core.content_files import ROOT, read_yaml
from sandbox.core.extensions import db
from sandbox.recording import service as recording
from sandbox.recording.models import FormRecord
from sandbox.tenants import service
from sandbox.timing import analysis, capture
from tests import factories

RUNS = int(os.environ.get("BENCH_RUNS", "11"))


def timed(fn, runs=RUNS) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(results: dict, baseline: str) -> dict:
    base = statistics.median(results[baseline])
    return {name: {"median_ms": round(statistics.median(s), 3), "runs": len(s),
                   "ratio_to_baseline": round(statistics.median(s) / base, 2)}
            for name, s in results.items()}


def main() -> int:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp}/forms.db")
        with app.app_context():
            db.create_all()
            registry = app.extensions["forms"]
            for name in ("streamlined", "legacy"):
                forms = registry.forms(name)
                results[f"analysis_{name}"] = timed(lambda f=forms: analysis._repeated(f))
            tenant = service.create_from_seed("room-1", 1, 10)
            user = factories.user("trainee", tenant=tenant)
            with tenancy.scoped_to(tenant.id):
                case = db.session.scalars(select(Case)).first()
                record = recording.start(case, "streamlined", "visit", "T")
                sitting = capture.open_sitting(user, tenant, record, None)
                key = (tenant.id, record.id)
                results["read_form_record"] = timed(
                    lambda: (db.session.expire_all(), db.session.get(FormRecord, key)))
                results["time_on_form_sign"] = timed(
                    lambda: capture.seen(str(sitting.id), user, tenant, record))
            db.session.remove()
            db.engine.dispose()
    files = sorted((ROOT / "forms").rglob("*.yaml")) + sorted((ROOT / "scenarios").rglob("*.yaml"))
    texts = [(f, f.read_text(encoding="utf-8")) for f in files]
    reading = {
        "read_content_pure_python": timed(lambda: [yaml.load(t, Loader=yaml.SafeLoader)  # noqa: S506
                                                   for _f, t in texts]),
        "read_content_as_the_app": timed(lambda: [read_yaml(f, text=t) for f, t in texts]),
    }
    figures = {**summary({k: v for k, v in results.items() if k.startswith("analysis")},
                         "analysis_streamlined"),
               **summary({k: v for k, v in results.items() if not k.startswith("analysis")},
                         "read_form_record"),
               **summary(reading, "read_content_pure_python")}
    print(f"{'operation':<28} {'median ms':>10} {'runs':>5} {'vs baseline':>12}")
    for name, row in figures.items():
        print(f"{name:<28} {row['median_ms']:>10.2f} {row['runs']:>5} "
              f"{row['ratio_to_baseline']:>11.2f}x")
    if os.environ.get("BENCH_JSON"):
        path = Path(os.environ["BENCH_JSON"])
        existing = json.loads(path.read_text()) if path.exists() else {}
        path.write_text(json.dumps({**existing, "forms": figures}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
