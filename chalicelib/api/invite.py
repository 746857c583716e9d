"""The invite download (`invite.ics`) of the staff and the requester routes."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from chalicelib.api.http import Reply
from chalicelib.config import get_settings

if TYPE_CHECKING:
    from chalicelib.domain.audience import Audience


def invite_reply(audience: Audience, now: datetime) -> Reply:
    """The invite as a download (`<code>.ics`); staff and the requester get the same bytes.
    Raises InvalidTransition (409) when no meeting was scheduled."""
    from chalicelib.adapters.ical_invite import invite_ics, organizer_address

    invite = invite_ics(audience, now, organizer_address(get_settings().ses_sender))
    return Reply(
        invite.text,
        content_type=invite.content_type,
        headers={"Content-Disposition": f'attachment; filename="{audience.code}.ics"'},
    )
