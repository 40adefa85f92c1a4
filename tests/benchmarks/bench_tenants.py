"""Benchmark: generating, creating and resetting tenants, and a 30-seat training session.

Run with `make bench`. Prints the median of repeated runs (BENCH_RUNS, default 11) for each
operation and its ratio to the baseline measured in the same run: deleting a 50-family
tenant and generating it again from its seed (what a reset would cost without a stored
baseline). Runs on a temporary SQLite file, and on PostgreSQL too when BENCH_DATABASE_URL
(or TEST_DATABASE_URL) is set. With BENCH_JSON set, writes the figures there as JSON:
{"<backend>": {"<operation>": {"median_ms", "runs", "ratio_to_baseline"}}}.

Operations (README, "Benchmarks", lists them with what each means):
  generate_50, create_50, baseline_delete_and_regenerate_50,
  reset_50 (what the person waits for: the spare swapped in),
  reset_50_next_spare (the work done after the response: old copy removed, spare made),
  reset_50_in_place (the first reset, before a spare exists),
  reset_10, reset_200 and reset_in_place_10, reset_in_place_200 (growth with size),
  reset_50_among_1, reset_50_among_200 (other tenants of 10 families each),
  session_30_seats_12, session_30_seats_50 (a training session of 30 seats and the
  front of the room, with 12 families each, as the new-session page offers, and 50),
  copy_30_seats_50 (the copy alone: a 50-family tenant into 30 new seats, as a session
  fills its room), with its own baselines, the same rows written by the database alone:
  raw_insert_30_seats_50 (one plain INSERT ... SELECT per table into tables with the same
  columns and indexes and no foreign keys) and raw_ctas_30_seats_50 (CREATE TABLE AS, no
  indexes); each copy's ratio to them is printed as well;
  room_ready_30_seats_50 (a session of 30 seats of 50 families set up for later, its seats
  prepared in the background: from the trainer's start to every seat usable).
"""

import json
import os
import statistics
import sys
import tempfile
import time

from sqlalchemy import Column, Index, MetaData, Table, literal, select, text, true, union_all

from sandbox import create_app
from sandbox.auth.models import User
from sandbox.core import tenancy
from sandbox.core.config import _normalise_database_url
from sandbox.core.extensions import db
from sandbox.scenarios import sessions
from sandbox.tenants import service
from sandbox.tenants.models import LIVE, Tenant
from seed import generate

RUNS = int(os.environ.get("BENCH_RUNS", "11"))
BASELINE = "baseline_delete_and_regenerate_50"


def timed(fn, runs=RUNS, between=None) -> list[float]:
    """Milliseconds for each of `runs` calls of fn; `between` runs untimed after each."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        if between:
            between()
    return samples


def _live(name: str) -> Tenant:
    return db.session.scalar(select(Tenant).where(Tenant.name == name, Tenant.state == LIVE))


def _swap_resets(app, name: str, runs=RUNS) -> tuple[list[float], list[float]]:
    """Time resets as a person sees them, with the work after the response timed apart."""
    service.reset(_live(name))  # the first reset makes the spare
    waited, after = [], []
    app.config["DEFER_WORK"] = True
    for _ in range(runs):
        with app.test_request_context():  # the deferred work waits for a response
            start = time.perf_counter()
            tenant = service.reset(_live(name))
            waited.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        service.after_reset(tenant.id)
        after.append((time.perf_counter() - start) * 1000)
    app.config["DEFER_WORK"] = False
    return waited, after


def _in_place_resets(name: str) -> list[float]:
    return timed(lambda: service.restore(_live(name), _live(name).baseline))


def _settle() -> None:
    """On PostgreSQL, refresh the planner's statistics after bulk loading, as autovacuum
    does within a minute in a running deployment (a fresh database otherwise plans the
    foreign-key checks of big deletes as if its tables were empty)."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def _copy_room(source_name: str, seats: int) -> None:
    """The copy that fills a room: `seats` new tenants, then rolled back (untimed)."""
    source = _live(source_name)
    service.create_copies([f"copy-{n}" for n in range(seats)], source, source.baseline)


def _uncopy(seats: int) -> None:
    for n in range(seats):
        service.delete(_live(f"copy-{n}"))
    _settle()


def _raw_tables(kind: str) -> tuple[MetaData, dict]:
    """For each tenant table, a table of the same columns, keys and indexes and no foreign
    keys (kind "insert"), or only its name (kind "ctas", made by the copy itself)."""
    meta, made = MetaData(), {}
    for table in tenancy.tenant_tables():
        name = f"raw_{kind}_{table.name}"
        if kind == "insert":
            raw = Table(name, meta, *[Column(c.name, c.type, primary_key=c.primary_key,
                                             nullable=c.nullable, autoincrement=False)
                                      for c in table.c])
            for number, index in enumerate(table.indexes):
                Index(f"{name}_{number}", *[raw.c[c.name] for c in index.columns],
                      unique=index.unique)
        made[table.name] = name
    return meta, made


def _raw_copy(source_name: str, seats: int, kind: str) -> None:
    """The same rows as `_copy_room`, written by one statement per table with nothing
    for the database to check: the limit of the database itself."""
    source_id = _live(source_name).id
    base = 10**6  # tenant ids no real tenant has
    targets = union_all(*[select(literal(base + t).label("target_id")) for t in range(seats)]
                        ).cte("targets")
    meta, names = _raw_tables(kind)
    with db.engine.begin() as connection:
        meta.create_all(connection)
        for table in tenancy.tenant_tables():
            columns = [c.name for c in table.c if c.name != tenancy.TENANT_KEY]
            rows = select(targets.c.target_id.label(tenancy.TENANT_KEY),
                          *[table.c[n] for n in columns]).select_from(
                table.join(targets, true())).where(table.c[tenancy.TENANT_KEY] == source_id)
            if kind == "insert":
                connection.execute(meta.tables[names[table.name]].insert().from_select(
                    [tenancy.TENANT_KEY, *columns], rows))
            else:
                sql = rows.compile(connection, compile_kwargs={"literal_binds": True})
                connection.execute(text(f'CREATE TABLE "{names[table.name]}" AS {sql}'))


def _drop_raw(kind: str) -> None:
    with db.engine.begin() as connection:
        for name in _raw_tables(kind)[1].values():
            connection.execute(text(f'DROP TABLE IF EXISTS "{name}"'))


def _copies(results: dict) -> None:
    """copy_30_seats_50 and its two baselines, taken in turn within each round, so that
    the machine's load falls alike on all three."""
    service.create_from_seed("copy-source", 1, 50)
    _settle()
    for key in ("copy_30_seats_50", "raw_insert_30_seats_50", "raw_ctas_30_seats_50"):
        results[key] = []
    for _ in range(max(3, RUNS // 2)):
        results["copy_30_seats_50"] += timed(lambda: _copy_room("copy-source", 30), runs=1,
                                             between=lambda: _uncopy(30))
        for kind in ("insert", "ctas"):
            results[f"raw_{kind}_30_seats_50"] += timed(
                lambda k=kind: _raw_copy("copy-source", 30, k), runs=1,
                between=lambda k=kind: _drop_raw(k))
    service.delete(_live("copy-source"))


def _room_ready(trainer, runs: int) -> list[float]:
    """From the trainer's start of a session set up for later (its seats prepared in the
    background meanwhile: here, before the clock starts) to every seat usable."""
    samples = []
    for n in range(runs):
        room = sessions.create(f"Later {n}", "strategy-and-section-47", 30, 4, 50,
                               "streamlined", trainer, later=True)
        start = time.perf_counter()
        sessions.start(room)
        seats = sessions.seats_of(room)
        usable = db.session.scalars(select(Tenant.id).where(
            Tenant.id.in_([s.tenant_id for s in seats]), Tenant.state == LIVE)).all()
        samples.append((time.perf_counter() - start) * 1000)
        assert len(usable) == len(seats) == 31 and room.started_at is not None
    return samples


def _delete_all() -> None:
    for tenant in db.session.scalars(select(Tenant).where(Tenant.state == LIVE)).all():
        service.delete(tenant)
    service.sweep()


def bench_backend(url: str) -> dict:
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    results = {}
    with app.app_context():
        db.drop_all()
        db.create_all()
        results["generate_50"] = timed(lambda: generate(1, 50))
        counter = iter(range(10**6))
        results["create_50"] = timed(
            lambda: service.create_from_seed(f"c-{next(counter)}", 1, 50))
        _delete_all()

        def regenerate():
            service.delete(service.get_tenant("again"))
            service.create_from_seed("again", 1, 50)

        service.create_from_seed("again", 1, 50)
        results[BASELINE] = timed(regenerate)

        for size in (10, 50, 200):
            service.create_from_seed(f"size-{size}", 1, size)
            _settle()
            results[f"reset_in_place_{size}"] = _in_place_resets(f"size-{size}")
            waited, after = _swap_resets(app, f"size-{size}")
            results[f"reset_{size}"] = waited
            if size == 50:
                results["reset_50_next_spare"] = after
        results["reset_50_in_place"] = results.pop("reset_in_place_50")
        _delete_all()

        service.create_from_seed("alone", 1, 50)
        results["reset_50_among_1"] = _swap_resets(app, "alone")[0]
        others = service.create_from_seed("other-0", 2, 10)
        service.create_copies([f"other-{n}" for n in range(1, 200)], others, others.baseline)
        _settle()
        results["reset_50_among_200"] = _swap_resets(app, "alone")[0]
        _delete_all()

        _copies(results)
        _settle()
        trainer = User(username="bench-trainer", full_name="Bench Trainer", role="trainer",
                       password_hash="-")
        db.session.add(trainer)
        db.session.commit()
        made = []
        for families in (12, 50):  # 12 is what the new-session page offers
            results[f"session_30_seats_{families}"] = timed(lambda f=families: made.append(
                sessions.create(f"Room {len(made)}", "strategy-and-section-47", 30, 4, f,
                                "streamlined", trainer)), runs=max(3, RUNS // 3))
        results["room_ready_30_seats_50"] = _room_ready(trainer, max(3, RUNS // 3))
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
        among = rows["reset_50_among_200"]["median_ms"] / rows["reset_50_among_1"]["median_ms"]
        print(f"{backend:<11} reset among 200 tenants / among 1: {among:.2f}x; reset 200 / "
              f"reset 10 families: "
              f"{rows['reset_200']['median_ms'] / rows['reset_10']['median_ms']:.2f}x "
              f"(in place: {rows['reset_in_place_200']['median_ms'] / rows['reset_in_place_10']['median_ms']:.2f}x "  # noqa: E501
              f"for 20x the families)")
        copy = rows["copy_30_seats_50"]["median_ms"]
        print(f"{backend:<11} copy of 30 seats of 50 families / plain INSERT ... SELECT: "
              f"{copy / rows['raw_insert_30_seats_50']['median_ms']:.2f}x; / CREATE TABLE "
              f"AS: {copy / rows['raw_ctas_30_seats_50']['median_ms']:.2f}x")
    print(f"load average when measured: {os.getloadavg()[0]:.1f}")
    if os.environ.get("BENCH_JSON"):
        with open(os.environ["BENCH_JSON"], "w") as out:
            json.dump(backends, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
