"""Short, readable identifiers that a person can read out over the phone."""

from __future__ import annotations

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

# No 0/O, 1/I/L or U: nothing a caller can misread.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def random_part(length: int = 6) -> str:
    """`length` characters from ALPHABET (about 4.9 bits each)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def dated_code(prefix: str, at: datetime, tz: ZoneInfo, date_format: str = "%y%m%d") -> str:
    """PREFIX-<local date>-<random>, e.g. BT-261127-7KQ3MX."""
    return f"{prefix}-{at.astimezone(tz).strftime(date_format)}-{random_part()}"
