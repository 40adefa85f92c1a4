"""Benchmark: suggesting groups of likely duplicates in the feedback queue (`make bench`).

Medians over BENCH_RUNS (default 5) of `sandbox.feedback.queue.suggested_groups` on 300
and 1,200 notes, with the ratio to the old approach measured in the same run (every note
compared with every group's notes, `pairwise_groups` below: 1,200 notes took about a
minute to show). The notes are made up, seeded: 40 targets, near-duplicate sentences
among them. With BENCH_JSON set, writes {"feedback": {...}} to that file, merged.
"""

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from sandbox import create_app

# The app's modules are imported in their order by making the app once.
create_app("test")
from sandbox.feedback import queue  # noqa: E402
from sandbox.feedback.models import FeedbackItem  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
VOCABULARY = ("chair minutes date child name asked again twice section strategy discussion "
         "outcome police health school social worker plan review meeting form field page "
         "save button missing confusing slow error address family mother father carer "
         "threshold decision manager agreed recorded notes box help text list drop down "
         "calendar choose option select wrong order step back next previous summary")
WORDS = VOCABULARY.split()
SENTENCES = ["The chair name is asked again here", "Why is the date asked twice?",
             "I could not find the save button", "The outcome list is missing police",
             "The help text for threshold is confusing", "The drop down is in a wrong order"]


def notes(count: int, seed: int = 13) -> list[FeedbackItem]:
    """Made-up notes, as the queue holds them (not stored)."""
    pick = random.Random(seed)
    made = []
    for n in range(count):
        if pick.random() < 0.5:
            words = pick.choice(SENTENCES).split()
            words.insert(pick.randrange(len(words)), pick.choice(WORDS))
        else:
            words = pick.sample(WORDS, pick.randint(3, 14))
        field = pick.randrange(40)
        made.append(FeedbackItem(
            id=n + 1, kind=pick.choice(["asked_twice", "confusing", "missing", "broken"]),
            text=" ".join(words), form_version="legacy", form_key=f"form{field % 8}",
            field_key=f"field{field}" if field % 5 else "", place="", page=""))
    return made


def pairwise_groups(items: list[FeedbackItem]) -> list[list[FeedbackItem]]:
    """The old approach: each note compared with the notes of every group before it."""
    groups: list[list[FeedbackItem]] = []
    for item in items:
        home = next((g for g in groups if any(queue.similar(item, other) for other in g)),
                    None)
        if home is None:
            groups.append([item])
        else:
            home.append(item)
    return sorted(groups, key=lambda g: (-len(g), g[0].id))


def timed(fn, runs=RUNS) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> int:
    figures = {}
    for count in (300, 1200):
        items = notes(count)
        assert queue.suggested_groups(items) == pairwise_groups(items)  # the same groups
        old = timed(lambda i=items: pairwise_groups(i), runs=max(1, RUNS // 2))
        new = timed(lambda i=items: queue.suggested_groups(i))
        base = statistics.median(old)
        for name, samples in ((f"pairwise_{count}", old), (f"suggested_groups_{count}", new)):
            figures[name] = {"median_ms": round(statistics.median(samples), 3),
                             "runs": len(samples),
                             "ratio_to_baseline": round(statistics.median(samples) / base, 3)}
    print(f"{'operation':<28} {'median ms':>10} {'runs':>5} {'vs pairwise':>12}")
    for name, row in figures.items():
        print(f"{name:<28} {row['median_ms']:>10.2f} {row['runs']:>5} "
              f"{row['ratio_to_baseline']:>11.3f}x")
    if os.environ.get("BENCH_JSON"):
        path = Path(os.environ["BENCH_JSON"])
        existing = json.loads(path.read_text()) if path.exists() else {}
        path.write_text(json.dumps({**existing, "feedback": figures}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
