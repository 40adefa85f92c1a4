from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC, as stored in the database (SQLite keeps no time zones)."""
    return datetime.now(UTC).replace(tzinfo=None)
