"""Adding to and correcting a child's chronology."""

from sandbox.cases.models import ChronologyEntry
from sandbox.core import tenancy
from sandbox.core.transactions import transaction

FIELDS = ("occurred_on", "kind", "title", "detail", "source")


def add(case, data: dict) -> ChronologyEntry:
    with transaction():
        return tenancy.add_new(ChronologyEntry(case_id=case.id,
                                               **{k: data[k] for k in FIELDS}))


def update(entry: ChronologyEntry, data: dict) -> ChronologyEntry:
    with transaction():
        for key in FIELDS:
            setattr(entry, key, data[key])
    return entry
