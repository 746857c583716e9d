"""Indonesian public holidays and cuti bersama from the `holidays` package.

Imported on first use (it is a cold-start cost). Names in Indonesian whatever the process
locale: under LANG=C.UTF-8 the package would answer in English.
"""

from __future__ import annotations

import functools
from datetime import date


@functools.cache
def library_holidays(year: int) -> dict[date, str]:
    """Public holidays and government days off (cuti bersama) of `year`, named in Indonesian."""
    import holidays

    found = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return {d: str(name) for d, name in sorted(found.items()) if d.year == year}
