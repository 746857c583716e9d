"""Pure rules of complaints, audience requests and uploads (no AWS)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.audience import check_meeting
from chalicelib.domain.complaint import Complaint, Reporter, mask
from chalicelib.domain.errors import FieldError, FieldErrors, InvalidTransition, UploadInvalid
from chalicelib.domain.places import normalize_room, room_slots
from chalicelib.domain.sla import SlaPolicy, SlaTrack
from chalicelib.domain.tracking import derived_token, hash_token, new_token, token_matches
from chalicelib.domain.uploads import (
    Upload,
    judge,
    sniff,
)
from tests.clock import TZ, calendar, wib
from tests.files import PDF, jpeg_with_gps, png

CAL = calendar()
POLICY = SlaPolicy()


def complaint(**kw: object) -> Complaint:
    base: dict[str, object] = dict(
        code="PGD-2611-AAAAAA",
        status="received",
        channel="web",
        privacy="named",
        reporter=Reporter("Budi", "0812", None),
        subject="s",
        description="d",
        evidence_upload_ids=(),
        track=SlaTrack.start(wib(2026, 11, 23, 10), "ringan", CAL, POLICY),
        token_hash="h",
        created_by="public",
    )
    base.update(kw)
    return Complaint(**base)  # type: ignore[arg-type]


def test_pause_returns_to_the_state_it_came_from_and_credits_office_time() -> None:
    c, _ = complaint().classify("normatif", None, "o", wib(2026, 11, 23, 11), CAL, POLICY)
    paused, audit = c.request_info("Mohon info", "o", wib(2026, 11, 24, 15, 30))
    assert paused.status == "awaiting_reporter" and audit.action == "complaint.paused"
    resumed, audit = paused.reporter_message("Ini info", wib(2026, 11, 25, 9), CAL, POLICY)
    assert resumed.status == "classified" and audit.action == "complaint.resumed"
    assert resumed.track.due_at == wib(2026, 12, 1, 9, 30)
    assert [m.sender for m in resumed.messages] == ["bureau", "reporter"]


def test_answer_stops_the_clock_and_only_then_close_and_rate() -> None:
    c = complaint()
    with pytest.raises(InvalidTransition):
        c.close("o", wib(2026, 11, 23, 11))
    with pytest.raises(InvalidTransition):
        c.rate(5, None, wib(2026, 11, 23, 11))
    with pytest.raises(InvalidTransition):
        c.give_answer("Jawab", "web", "o", wib(2026, 11, 23, 11))  # not classified (issue 10)
    c, _ = c.classify("ringan", None, "o", wib(2026, 11, 23, 10, 30), CAL, POLICY)
    c, _ = c.assign("tim-1", "o", wib(2026, 11, 23, 10, 40))
    answered, _ = c.give_answer("Jawab", "web", "o", wib(2026, 11, 23, 11))
    assert answered.track.stopped_at == wib(2026, 11, 23, 11)
    rated, _ = answered.rate(4, "ok", wib(2026, 11, 23, 12))
    with pytest.raises(InvalidTransition):
        rated.rate(5, None, wib(2026, 11, 23, 13))


def test_anonymous_offline_reporter_cannot_be_asked_for_more() -> None:
    c = complaint(privacy="anonymous", reporter=None, channel="kotak_pengaduan")
    with pytest.raises(InvalidTransition):
        c.request_info("?", "o", wib(2026, 11, 23, 11))


def test_mask_keeps_little() -> None:
    assert mask("Rahmat Hidayat") == "R*****"
    assert mask(None) is None and mask("") == ""


def test_mask_hides_the_length() -> None:
    # GIVEN names of very different lengths WHEN masked THEN they are equally long
    short, long = mask("Ani"), mask("Rahmat Hidayat bin Abdurrahman Wahid")
    assert short is not None and long is not None and len(short) == len(long)


def test_meeting_rules_and_room_slots() -> None:
    start = wib(2026, 12, 7, 9)
    check_meeting(start, start + timedelta(hours=1), wib(2026, 12, 1, 9), CAL)
    for end in (start - timedelta(minutes=15), start + timedelta(hours=9)):
        with pytest.raises((FieldError, FieldErrors)) as err:
            check_meeting(start, end, wib(2026, 12, 1, 9), CAL)
        raised = err.value
        errors = raised.errors if isinstance(raised, FieldErrors) else [raised]
        assert {e.field for e in errors if isinstance(e, FieldError)} == {"end"}
    with pytest.raises(FieldError):
        check_meeting(
            start + timedelta(minutes=5), start + timedelta(hours=1), wib(2026, 12, 1, 9), CAL
        )
    slots = room_slots(" Ruang  Rapat ", start, start + timedelta(minutes=45), TZ)
    assert slots == {("ROOM#ruang rapat#2026-12-07", f"SLOT#09:{m:02d}") for m in (0, 15, 30)}
    assert normalize_room("AULA  Kesra") == "aula kesra"


def test_tokens() -> None:
    token = new_token()
    assert len(token) >= 43 and token_matches(token, hash_token(token))
    assert not token_matches("x", hash_token(token)) and not token_matches(None, hash_token(token))
    assert (
        derived_token("s" * 32, "k", "h")
        == derived_token("s" * 32, "k", "h")
        != derived_token("s" * 32, "k", "h2")
    )


def test_sniff_and_judge() -> None:
    assert (
        sniff(PDF) == "application/pdf"
        and sniff(png()) == "image/png"
        and sniff(jpeg_with_gps()) == "image/jpeg"
    )
    assert sniff(b"GIF89a") is None
    up = Upload("U1", "identity", "application/pdf", 10, "a.pdf", wib(2026, 11, 27, 9))
    with pytest.raises(UploadInvalid) as err:
        judge(up, "f", "identity", None, b"", wib(2026, 11, 27, 9, 5))
    assert err.value.reason == "not_uploaded"
    with pytest.raises(UploadInvalid) as err:
        judge(up, "f", "identity", None, b"", wib(2026, 11, 27, 9, 11))
    assert err.value.reason == "expired"
    with pytest.raises(UploadInvalid) as err:
        judge(up, "f", "evidence", 10, PDF, wib(2026, 11, 27, 9, 5))
    assert err.value.reason == "wrong_purpose"
    judge(up, "f", "identity", 10, PDF[:16], wib(2026, 11, 27, 9, 5))  # fine
