"""Benchmark: the synthetic world. Medians of generating tenants (BENCH_RUNS, default 11),
of placing 50 families at another anchor date (seed.anchor, across Easter), and the
practice invariants (seed.invariants) of seed 5 at 30 and 100 families.

Run with `make bench`, or `python -m tests.benchmarks.bench_world`."""

import os
import statistics
import time
from datetime import date

from seed import REFERENCE_DATE, generate
from seed.anchor import move_tables
from seed.invariants import measure, report

RUNS = int(os.environ.get("BENCH_RUNS", "11"))


def timed(work) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    for families in (50, 100):
        print(f"generate_{families}: median {timed(lambda n=families: generate(1, n)):.0f} ms")
    fifty = generate(1, 50)
    print(f"move_50: median "
          f"{timed(lambda: move_tables(fifty, REFERENCE_DATE, date(2027, 4, 6))):.0f} ms")
    tables = generate(5, 100)
    print(f"measure_100: median {timed(lambda: measure(tables, REFERENCE_DATE)):.0f} ms")
    for families in (30, 100):
        figures = measure(generate(5, families), REFERENCE_DATE)
        held = sum(f.ok for f in figures)
        print(f"\nInvariants, seed 5, {families} families: {held} of {len(figures)} hold")
        print(report(figures, examples=False))


if __name__ == "__main__":
    main()
