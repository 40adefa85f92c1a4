"""What the last check of each training copy's census (and SSDA903 return) found, question
by question (control data, outside tenants): the working group's hotspots add these up
across copies."""

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.core.extensions import db


class CensusFinding(db.Model):
    """How many problems of one rule one question caused in a training copy's return."""

    __tablename__ = "census_findings"
    __table_args__ = (Index("ix_census_findings_tenant_name", "tenant_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # By name: a reset swaps in a fresh copy under the same name, and its return is made
    # again at the next check.
    tenant_name: Mapped[str] = mapped_column(String(63))
    # Which return: "CIN" for the census, "SSDA903" for the looked-after return.
    collection: Mapped[str] = mapped_column(String(10), default="CIN", server_default="CIN")
    year: Mapped[int]
    version_set: Mapped[str | None] = mapped_column(String(30))
    form_key: Mapped[str | None] = mapped_column(String(60))  # None: the child's record
    field_key: Mapped[str | None] = mapped_column(String(60))
    question: Mapped[str] = mapped_column(String(300))
    rule_code: Mapped[str] = mapped_column(String(10))  # "schema" for our own check
    kind: Mapped[str] = mapped_column(String(10))
    count: Mapped[int]
    checked_at: Mapped[datetime]
