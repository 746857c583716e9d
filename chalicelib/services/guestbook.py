"""Use cases of the buku tamu."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from ..domain import guestbook
from ..domain.errors import AlreadyExists, NotFound, check_version
from ..domain.guestbook import GuestbookEntry
from ..domain.skm import SurveyInvite
from .ports import GuestbookRepository, Page

# now -> (the one-time SKM code shown to the visitor, what is stored of it)
InviteMaker = Callable[[datetime], tuple[str, SurveyInvite]]


@dataclass(frozen=True, slots=True)
class NewVisit:
    name: str
    institution: str
    purpose: str
    phone: str | None = None
    time_in: datetime | None = None


class GuestbookService:
    """Records visits and check-outs; every change lands with its audit line."""

    ID_ATTEMPTS = 3

    def __init__(
        self,
        repo: GuestbookRepository,
        new_id: Callable[[datetime], str],
        invites: InviteMaker | None = None,
    ) -> None:
        self._repo = repo
        self._new_id = new_id
        self._invites = invites

    def record(self, visit: NewVisit, actor: str, now: datetime) -> GuestbookEntry:
        for _ in range(self.ID_ATTEMPTS):
            entry, audit = guestbook.new_entry(
                entry_id=self._new_id(now),
                name=visit.name,
                institution=visit.institution,
                purpose=visit.purpose,
                phone=visit.phone,
                time_in=visit.time_in,
                actor=actor,
                now=now,
            )
            try:
                self._repo.add(entry, audit)
            except AlreadyExists:
                continue  # a random id collided: draw another
            return entry
        raise AlreadyExists("could not allocate a guestbook id")

    def get(self, entry_id: str) -> GuestbookEntry:
        entry = self._repo.get(entry_id)
        if entry is None:
            raise NotFound(entry_id=entry_id)
        return entry

    def check_out(
        self,
        entry_id: str,
        actor: str,
        now: datetime,
        *,
        time_out: datetime | None = None,
        if_match: int | None = None,
    ) -> GuestbookEntry:
        return self.check_out_with_survey(
            entry_id, actor, now, time_out=time_out, if_match=if_match
        )[0]

    def check_out_with_survey(
        self,
        entry_id: str,
        actor: str,
        now: datetime,
        *,
        time_out: datetime | None = None,
        if_match: int | None = None,
    ) -> tuple[GuestbookEntry, str | None]:
        """Check out, and hand the visitor a one-time SKM code stored in the same transaction
        (None when no code maker is configured). The code is not kept on the entry, so a
        response can never be traced back to the visitor's name."""
        entry = self.get(entry_id)
        check_version(entry.version, if_match)
        updated, audit = entry.check_out(time_out or now, actor, now)
        code, invite = self._invites(now) if self._invites else (None, None)
        self._repo.save(updated, expected_version=entry.version, audit=audit, invite=invite)
        return updated, code

    def list_day(self, day: date, limit: int, position: str | None) -> Page[GuestbookEntry]:
        return self._repo.list_by_day(day, limit, position)
