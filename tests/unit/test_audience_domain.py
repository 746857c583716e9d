"""Pure audience rules: the week view's meetings from a room's quarter-hour locks."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def test_booked_meetings_merge_consecutive_slots_of_one_request() -> None:
    from datetime import date as d

    from chalicelib.domain.audience import BookedMeeting, booked_meetings

    tz = ZoneInfo("Asia/Pontianak")
    day = d(2026, 12, 1)
    slots = [
        (day, "09:15", "AUD#A"),
        (day, "09:00", "AUD#A"),  # out of order: sorted first
        (day, "09:30", "AUD#B"),  # another request right after A
        (day, "13:00", "AUD#A"),  # A again later (a gap): another meeting
    ]

    def at(h: int, m: int) -> datetime:
        return datetime(2026, 12, 1, h, m, tzinfo=tz)

    assert booked_meetings(slots, tz) == [
        BookedMeeting("A", at(9, 0), at(9, 30)),
        BookedMeeting("B", at(9, 30), at(9, 45)),
        BookedMeeting("A", at(13, 0), at(13, 15)),
    ]
    assert booked_meetings([], tz) == []
