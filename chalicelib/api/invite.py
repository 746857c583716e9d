"""The calendar invite of a scheduled meeting (RFC 5545), built with `icalendar`."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.audience import Audience
from chalicelib.domain.errors import InvalidTransition
from chalicelib.domain.timeutil import to_utc

ORGANIZER = "mailto:kesra@kalbarprov.go.id"
UID_DOMAIN = "birokesra.kalbarprov.go.id"


def invite_ics(audience: Audience, now: datetime) -> str:
    """REQUEST for a scheduled (or held) meeting, CANCEL once it is cancelled. The UID is
    stable per request; SEQUENCE counts reschedules (and the cancellation)."""
    from icalendar import Calendar, Event, vCalAddress, vText

    s = audience.schedule
    if s is None or audience.status not in ("scheduled", "held", "cancelled"):
        raise InvalidTransition(
            "no meeting scheduled", rule="audience.invite", state=audience.status
        )
    cancelled = audience.status == "cancelled"
    cal = Calendar()
    cal.add("prodid", "-//Biro Kesra Kalbar//Layanan Kesra//ID")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"{audience.code}@{UID_DOMAIN}")
    event.add("sequence", s.sequence + (1 if cancelled else 0))
    event.add("dtstamp", to_utc(now))
    event.add("dtstart", to_utc(s.start))
    event.add("dtend", to_utc(s.end))
    event.add("summary", f"Audiensi: {audience.topic}")
    event.add("description", f"{audience.institution_name}; nomor {audience.code}")
    event.add("location", s.room)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(ORGANIZER)
    organizer.params["cn"] = vText("Biro Kesejahteraan Rakyat")
    event["organizer"] = organizer
    cal.add_component(event)
    text: str = cal.to_ical().decode("utf-8")
    return text
