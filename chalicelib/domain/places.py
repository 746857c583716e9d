"""How a meeting place's name is compared: the room locks and the bureau's room list use
this one rule (light to import: the room routes load it without the audience domain)."""

from __future__ import annotations

import re


def normalize_room(room: str) -> str:
    """A room's name as compared: spaces trimmed and collapsed, case folded
    ("  Aula  Biro" and "aula biro" are the same room)."""
    return re.sub(r"\s+", " ", room.strip()).casefold()
