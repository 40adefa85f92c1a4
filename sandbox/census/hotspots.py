"""The census hotspots: which forms and questions cause the most census problems across
training copies, from the last check of each (kept as `CensusFinding` rows), as evidence
for the working group beside its feedback hotspots."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import delete, select

from sandbox.census.check import SCHEMA, Report
from sandbox.census.messages import plain as census_words
from sandbox.census.models import CensusFinding
from sandbox.census.reporting import CHILD_RECORD
from sandbox.core.clock import utcnow
from sandbox.core.extensions import db
from sandbox.core.transactions import transaction
from sandbox.tenants.models import LIVE, Tenant


def keep(tenant_name: str, version_set: str, report: Report, collection: str = "CIN") -> None:
    """Replace what the last check of this training copy's return (`collection`: "CIN" for
    the census, "SSDA903") found with `report`'s findings.
    The copy's row is taken for writing first, so that two checks of it at once write one
    set of findings, not both (SQLite writes one at a time anyway)."""
    counts: Counter = Counter()
    questions = {}
    for p in report.problems:
        if p.code is None and p.kind != SCHEMA:
            continue  # a record that cannot be placed: told on the census page
        source = p.source
        key = (source.form_key if source else None, source.field_key if source else None,
               p.code or "schema", p.kind)
        counts[key] += 1
        questions[key] = source.where if source else CHILD_RECORD
    now = utcnow()
    rows = [CensusFinding(tenant_name=tenant_name, collection=collection, year=report.year,
                          version_set=version_set if form_key else None, form_key=form_key,
                          field_key=field_key, question=questions[key][:300], rule_code=code,
                          kind=kind, count=count, checked_at=now)
            for key, count in sorted(counts.items(), key=lambda i: str(i[0]))
            for form_key, field_key, code, kind in [key]]
    with transaction():
        # A page's request has taken the copy's row already (its tenant hold); the command
        # line takes it here.
        db.session.execute(select(Tenant.id).where(Tenant.name == tenant_name,
                                                   Tenant.state == LIVE).with_for_update())
        db.session.execute(delete(CensusFinding).where(CensusFinding.tenant_name == tenant_name,
                                                       CensusFinding.collection == collection))
        _add(rows)


def _add(rows: list[CensusFinding]) -> None:
    db.session.add_all(rows)


@dataclass
class Hotspot:
    version_set: str | None
    form_key: str | None
    field_key: str | None
    question: str
    total: int = 0
    copies: set = field(default_factory=set)
    rules: Counter = field(default_factory=Counter)
    words: Callable = census_words  # the return's rules in plain words

    def rule_list(self) -> list[tuple[str, int, str]]:
        return [(code, n, self.words(code) if code != "schema" else "Does not fit the DfE's schema")
                for code, n in self.rules.most_common()]


def hotspots(limit: int = 30, collection: str = "CIN", words: Callable = census_words,
             ) -> tuple[list[Hotspot], int]:
    """Questions ranked by how many problems they caused in the live training copies'
    last checks of one return (`collection`); and how many copies were checked."""
    live = select(Tenant.name).where(Tenant.state == LIVE)
    rows = db.session.scalars(select(CensusFinding).where(
        CensusFinding.tenant_name.in_(live), CensusFinding.collection == collection)).all()
    spots: dict[tuple, Hotspot] = {}
    for row in rows:
        key = (row.version_set, row.form_key, row.field_key)
        spot = spots.setdefault(key, Hotspot(*key, row.question, words=words))
        spot.total += row.count
        spot.copies.add(row.tenant_name)
        spot.rules[row.rule_code] += row.count
    checked = len({r.tenant_name for r in rows})
    return sorted(spots.values(), key=lambda s: (-s.total, s.question))[:limit], checked


def forget(_sender=None, tenant=None, **_kw) -> None:
    """A deleted training copy's findings go with it (signals.tenant_removed)."""
    if tenant is not None:
        db.session.execute(delete(CensusFinding).where(CensusFinding.tenant_name == tenant.name))
