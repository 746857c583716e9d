"""The front desk's receipt (tanda terima) of an item taken at the desk, as a one-page PDF
(issue 20 point 6).

The access token is shown once, in the create answer; the server keeps only its hash. So the
console sends back the tracking code and the token it was given, and the receipt is built
only when that token opens the item, through the same gate as the requester's tracking page
(tracking_guard.open_tracked: a wrong token and an unknown code are the same NotFound, wrong
tries are counted). Everything else printed (kind, times, channel, class) comes from the
stored item, never from the client: nobody can print a receipt for a code whose token they do
not hold, nor a receipt that says something the record does not.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from ..domain.letter import Letterhead
from ..domain.receipt import ReceiptContent, ReceiptFacts, receipt_content
from ..domain.sla import SlaTrack
from ..domain.tracking import kind_of


class ReceiptBuilder(Protocol):
    def build_receipt(self, content: ReceiptContent) -> bytes:
        """The receipt's one-page PDF/A-2b (adapters.receipt_pdf, in AWS by the letters
        function); StorageUnavailable when that function fails."""


class _Tracked(Protocol):
    @property
    def track(self) -> SlaTrack: ...

    @property
    def channel(self) -> str: ...


class _Opens(Protocol):
    def track(self, code: str, token: str | None, now: datetime) -> Any:
        """The item `code` opens with `token` (NotFound / TooManyAttempts otherwise)."""


class ReceiptService:
    """Builds receipts. `standard` gives the service standard as data
    (standar_pelayanan.json), `letterhead` the kop, `portal_base_url` the portal the QR code
    opens, `tz` the bureau's zone (WIB)."""

    def __init__(
        self,
        audiences: _Opens,
        complaints: _Opens,
        builder: ReceiptBuilder,
        standard: Callable[[], dict[str, Any]],
        letterhead: Callable[[], Letterhead],
        portal_base_url: str,
        tz: ZoneInfo,
    ) -> None:
        self._open = {"audience": audiences, "complaint": complaints}
        self._builder = builder
        self._standard = standard
        self._letterhead = letterhead
        self._portal = portal_base_url
        self._tz = tz

    def content(self, code: str, token: str, now: datetime, lang: str) -> ReceiptContent:
        """The receipt of the item `code` that `token` opens, in `lang` (id | en), `now` in
        UTC. NotFound for an unknown code or a token that does not open it (alike);
        TooManyAttempts while the code is locked after wrong tries."""
        kind = kind_of(code)
        item = self._open[kind].track(code, token, now)
        track: SlaTrack = item.track
        classified = kind == "audience" or getattr(item, "classification", None) is not None
        facts = ReceiptFacts(
            kind=kind,
            code=code,
            access_token=token,
            received_at=track.received_at,
            due_at=track.due_at,
            channel=item.channel,
            clock_class=track.clock_class,
            classified=classified,
        )
        return receipt_content(
            facts, self._standard(), self._letterhead(), self._portal, self._tz, lang
        )

    def pdf(self, code: str, token: str, now: datetime, lang: str) -> bytes:
        """The receipt as a one-page PDF (errors as `content`, and StorageUnavailable when
        the letters function fails)."""
        return self._builder.build_receipt(self.content(code, token, now, lang))
