"""Benchmark: generating, creating and resetting a 50-family tenant.

Run with `make bench`. Prints the median of repeated runs for each operation, and its
ratio to the baseline measured in the same run: deleting the tenant and generating it
again from its seed (what a reset would cost without a stored baseline). Runs on a
temporary SQLite file, and on PostgreSQL too when BENCH_DATABASE_URL (or
TEST_DATABASE_URL) is set. With BENCH_JSON set, writes the figures there as JSON:
{"<backend>": {"<operation>": {"median_ms", "runs", "ratio_to_baseline"}}}.
Operations: generate_50, create_50, reset_50, baseline_delete_and_regenerate_50.
"""

import json
import os
import statistics
import sys
import tempfile
import time

from sandbox import create_app
from sandbox.config import _normalise_database_url
from sandbox.extensions import db
from sandbox.tenants import service
from seed import generate

FAMILIES = 50
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
BASELINE = "baseline_delete_and_regenerate_50"


def timed(fn, runs=RUNS) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def bench_backend(url: str) -> dict:
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    results = {}
    with app.app_context():
        db.drop_all()
        db.create_all()
        results["generate_50"] = timed(lambda: generate(1, FAMILIES))
        counter = iter(range(10**6))
        results["create_50"] = timed(
            lambda: service.create_from_seed(f"c-{next(counter)}", 1, FAMILIES))
        tenant = service.create_from_seed("room", 1, FAMILIES)
        results["reset_50"] = timed(lambda: service.reset(tenant))

        def regenerate():
            service.delete(service.get_tenant("again"))
            service.create_from_seed("again", 1, FAMILIES)

        service.create_from_seed("again", 1, FAMILIES)
        results[BASELINE] = timed(regenerate)
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    base = statistics.median(results[BASELINE])
    return {name: {"median_ms": round(statistics.median(s), 2), "runs": len(s),
                   "ratio_to_baseline": round(statistics.median(s) / base, 3)}
            for name, s in results.items()}


def main() -> int:
    backends = {}
    with tempfile.TemporaryDirectory() as tmp:
        backends["sqlite"] = bench_backend(f"sqlite:///{tmp}/bench.db")
    pg = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if pg:
        backends["postgresql"] = bench_backend(_normalise_database_url(pg))
    print(f"{'backend':<11} {'operation':<36} {'median ms':>10} {'runs':>5} {'vs baseline':>12}")
    for backend, rows in backends.items():
        for name, row in rows.items():
            print(f"{backend:<11} {name:<36} {row['median_ms']:>10.1f} {row['runs']:>5} "
                  f"{row['ratio_to_baseline']:>11.3f}x")
    if os.environ.get("BENCH_JSON"):
        with open(os.environ["BENCH_JSON"], "w") as out:
            json.dump(backends, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
