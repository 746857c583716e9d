"""The calendar invite of a scheduled meeting: an iTIP (RFC 5546) message in iCalendar
(RFC 5545), built with `icalendar` (imported on first use), that mail clients act on
(accept/decline, apply a cancellation). The same bytes are downloaded by staff and the
requester (api/invite.py) and mailed to the requester (iMIP, adapters/notifiers.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.audience import Audience
from chalicelib.domain.errors import InvalidTransition
from chalicelib.domain.timeutil import to_utc

ORGANIZER = "kesra@kalbarprov.go.id"
ORGANIZER_NAME = "Biro Kesejahteraan Rakyat"
UID_DOMAIN = "birokesra.kalbarprov.go.id"


@dataclass(frozen=True, slots=True)
class Invite:
    """An iTIP message: `method` is REQUEST or CANCEL, the same word as the body's METHOD;
    `content_type` carries it as RFC 5545 section 3.7.2 asks
    (`text/calendar; charset=utf-8; method=REQUEST`)."""

    text: str
    method: str

    @property
    def content_type(self) -> str:
        return f"text/calendar; charset=utf-8; method={self.method}"


def _stamp(audience: Audience, now: datetime) -> datetime:
    """DTSTAMP: when the organizer last changed the meeting (scheduled, rescheduled or
    cancelled), so that the same state gives the same bytes to everyone, every time."""
    changes = [e.at for e in audience.timeline if e.status in ("scheduled", "cancelled")]
    return to_utc(max(changes) if changes else now)


def organizer_address(sender: str | None) -> str:
    """The bare address of the configured mail sender (`SES_SENDER`, which may read
    `Name <addr>`), or the bureau's default: replies to an invite go to its organizer."""
    from email.utils import parseaddr

    address = parseaddr(sender or "")[1]
    return address if "@" in address else ORGANIZER


def invite_ics(audience: Audience, now: datetime, organizer: str | None = None) -> Invite:
    """REQUEST for a scheduled (or held) meeting, CANCEL once it is cancelled.

    UID is stable per request (`<code>@birokesra.kalbarprov.go.id`); SEQUENCE counts
    reschedules, and the cancellation adds one more (RFC 5546 section 2.1.4). ORGANIZER is the
    bureau's mail address (`organizer`, default kesra@kalbarprov.go.id), ATTENDEE the
    requester's contact with ROLE=REQ-PARTICIPANT, PARTSTAT=NEEDS-ACTION and RSVP=TRUE, so
    Outlook and Gmail show accept/decline. Times are UTC. `now` (aware) is used only when the
    timeline holds no scheduling change. Raises InvalidTransition when no meeting was ever
    scheduled (submitted, in review, declined)."""
    from icalendar import Calendar, Event, vCalAddress, vText

    s = audience.schedule
    if s is None or audience.status not in ("scheduled", "held", "cancelled"):
        raise InvalidTransition(
            "no meeting scheduled", rule="audience.invite", state=audience.status
        )
    cancelled = audience.status == "cancelled"
    method = "CANCEL" if cancelled else "REQUEST"
    cal = Calendar()
    cal.add("prodid", "-//Biro Kesra Kalbar//Layanan Kesra//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    event = Event()
    event.add("uid", f"{audience.code}@{UID_DOMAIN}")
    event.add("sequence", s.sequence + (1 if cancelled else 0))
    event.add("dtstamp", _stamp(audience, now))
    event.add("dtstart", to_utc(s.start))
    event.add("dtend", to_utc(s.end))
    event.add("summary", f"Audiensi: {audience.topic}")
    event.add("description", f"{audience.institution_name}; nomor {audience.code}")
    event.add("location", s.room)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    org = vCalAddress(f"mailto:{organizer or ORGANIZER}")
    org.params["cn"] = vText(ORGANIZER_NAME)
    event.add("organizer", org)
    if audience.contact.email:  # a walk-in without e-mail gets the invite printed, no ATTENDEE
        attendee = vCalAddress(f"mailto:{audience.contact.email}")
        attendee.params["cn"] = vText(audience.contact.name)
        attendee.params["cutype"] = vText("INDIVIDUAL")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("FALSE" if cancelled else "TRUE")
        event.add("attendee", attendee)
    cal.add_component(event)
    return Invite(cal.to_ical().decode("utf-8"), method)
