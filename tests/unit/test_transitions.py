"""Every (state, action) pair of domain.md's two state machines: allowed ones succeed, every
other one is InvalidTransition naming its rule (issue 10 point 3).

The expected tables are written here from domain.md, independently of the code's ALLOWED."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, timedelta
from typing import Any

import pytest

from chalicelib.api.rule_messages import transition_detail, transition_details
from chalicelib.domain.audience import Audience, Contact, ReplyLetter, Schedule
from chalicelib.domain.complaint import Complaint, Reporter
from chalicelib.domain.errors import InvalidTransition, ScheduleUnchanged
from chalicelib.domain.public import Rating
from chalicelib.domain.sla import SlaPolicy, SlaTrack
from tests.clock import calendar, wib

CAL = calendar()
POLICY = SlaPolicy()
RECEIVED = wib(2026, 11, 23, 10)  # Monday
NOW = wib(2026, 11, 24, 10)

# --- complaints -------------------------------------------------------------------------

# domain.md: received -> classified -> in_progress -> answered -> closed; awaiting_reporter
# pauses and returns; rejected/forwarded end an open complaint.
COMPLAINT_ALLOWED: dict[str, set[str]] = {
    "received": {"classify", "request_info", "reject", "forward", "message"},
    # the complaint officer may answer a classified complaint directly (api.md; issue 17)
    "classified": {
        "classify",
        "assign",
        "request_info",
        "answer",
        "reject",
        "forward",
        "message",
    },
    "in_progress": {
        "classify",
        "assign",
        "request_info",
        "answer",
        "reject",
        "forward",
        "message",
    },
    "awaiting_reporter": {"assign", "reject", "forward", "message"},
    "answered": {"close", "rate"},
    "closed": {"rate"},
    "rejected": set(),
    "forwarded": set(),
}

COMPLAINT_ACTIONS: dict[str, Callable[[Complaint], Any]] = {
    "classify": lambda c: c.classify("normatif", None, "o", NOW, CAL, POLICY),
    "assign": lambda c: c.assign("tim-1", "o", NOW),
    "request_info": lambda c: c.request_info("Mohon data", "o", NOW),
    "answer": lambda c: c.give_answer("Jawaban", "web", "o", NOW),
    "close": lambda c: c.close("o", NOW),
    "reject": lambda c: c.reject("Di luar kewenangan", "o", NOW),
    "forward": lambda c: c.forward("Dinas Sosial", None, "o", NOW),
    "message": lambda c: c.reporter_message("Info tambahan", NOW, CAL, POLICY),
    "rate": lambda c: c.rate(5, None, NOW),
}


def complaint_in(status: str) -> Complaint:
    track = SlaTrack.start(RECEIVED, "normatif", CAL, POLICY)
    c = Complaint(
        code="PGD-2611-AAAAAA",
        status=status,
        channel="web",
        privacy="named",
        reporter=Reporter("Budi", "0812-0000-0000", None),
        subject="Aduan",
        description="Isi aduan",
        evidence_upload_ids=(),
        track=track,
        token_hash="h",
        created_by="public",
        classification=None if status == "received" else "normatif",
    )
    if status in ("in_progress", "awaiting_reporter", "answered", "closed"):
        c = replace(c, assignee="tim-1")
    if status == "awaiting_reporter":
        c = replace(c, paused_from="in_progress", track=track.pause(RECEIVED))
    if status in ("answered", "closed", "rejected", "forwarded"):
        c = replace(c, track=track.stop(RECEIVED))
    return c


@pytest.mark.parametrize("status", list(COMPLAINT_ALLOWED))
@pytest.mark.parametrize("action", list(COMPLAINT_ACTIONS))
def test_complaint_state_machine(status: str, action: str) -> None:
    item = complaint_in(status)
    if action in COMPLAINT_ALLOWED[status]:
        after, audit = COMPLAINT_ACTIONS[action](item)
        assert after.version == item.version + 1 and audit.at == NOW
    else:
        with pytest.raises(InvalidTransition) as err:
            COMPLAINT_ACTIONS[action](item)
        assert err.value.rule == f"complaint.{action}"
        assert err.value.params["state"] == status
        assert err.value.rule in transition_details()


def test_assign_while_paused_before_classification_is_refused() -> None:
    paused = replace(complaint_in("awaiting_reporter"), paused_from="received", classification=None)
    with pytest.raises(InvalidTransition) as err:
        paused.assign("tim-1", "o", NOW)
    assert err.value.rule == "complaint.assign"


def test_assigning_a_paused_classified_complaint_resumes_in_progress() -> None:
    paused = replace(complaint_in("awaiting_reporter"), paused_from="classified")
    assigned, _ = paused.assign("tim-1", "o", NOW)
    resumed, _ = assigned.reporter_message("Ini datanya", NOW + timedelta(hours=1), CAL, POLICY)
    assert resumed.status == "in_progress"


def test_a_rating_is_given_once() -> None:
    rated = replace(complaint_in("answered"), rating=Rating(4, None, NOW))
    with pytest.raises(InvalidTransition) as err:
        rated.rate(5, None, NOW)
    assert err.value.rule == "complaint.rate.once"


# --- audience requests ------------------------------------------------------------------

# domain.md: submitted -> in_review -> scheduled | declined; scheduled -> held | cancelled;
# a scheduled meeting may be moved (same state).
AUDIENCE_ALLOWED: dict[str, set[str]] = {
    "submitted": {"review"},
    "in_review": {"schedule", "decline"},
    "scheduled": {"schedule", "held", "cancel"},
    "declined": set(),
    "held": {"rate"},
    "cancelled": set(),
}
MEETING = Schedule(wib(2026, 11, 30, 9), wib(2026, 11, 30, 10), "Ruang Rapat", ("Kabag",))
LATER = wib(2026, 11, 30, 11)
# Where "schedule" puts the meeting: another hour than MEETING, so moving a scheduled one is
# a real move (the same meeting again is refused, below).
MOVED = Schedule(wib(2026, 11, 30, 13), wib(2026, 11, 30, 14), "Ruang Rapat", ("Kabag",))
LETTER = ReplyLetter("005/1/KESRA", date(2026, 11, 24), "Dengan hormat")

AUDIENCE_ACTIONS: dict[str, Callable[[Audience], Any]] = {
    "review": lambda a: a.review("d", NOW),
    "schedule": lambda a: a.schedule_meeting(MOVED, LETTER, "d", NOW, CAL),
    "decline": lambda a: a.decline("Di luar kewenangan", LETTER, "d", NOW, CAL),
    "held": lambda a: a.mark_held("d", LATER),
    "cancel": lambda a: a.cancel("Berhalangan", "d", NOW),
    "rate": lambda a: a.rate(5, None, LATER),
}


def audience_in(status: str) -> Audience:
    track = SlaTrack.start(RECEIVED, "audience", CAL, POLICY)
    a = Audience(
        code="AUD-2611-AAAAAA",
        status=status,
        institution_name="Dinas Sosial",
        institution_type="pemerintah_daerah",
        contact=Contact("Siti", "Kabid", "0812-1111-2222", "siti@sambas.go.id"),
        topic="Koordinasi",
        purpose="Membahas bantuan",
        attendees=3,
        preferred_dates=(date(2026, 11, 30),),
        request_letter_upload_id="UP1",
        identity_upload_id="UP2",
        channel="web",
        track=track,
        token_hash="h",
        created_by="public",
    )
    if status in ("scheduled", "held", "cancelled", "declined"):
        a = replace(a, reply_letter=LETTER, track=track.stop(RECEIVED))
    if status in ("scheduled", "held", "cancelled"):
        a = replace(a, schedule=MEETING)
    return a


@pytest.mark.parametrize("status", list(AUDIENCE_ALLOWED))
@pytest.mark.parametrize("action", list(AUDIENCE_ACTIONS))
def test_audience_state_machine(status: str, action: str) -> None:
    item = audience_in(status)
    if action in AUDIENCE_ALLOWED[status]:
        after, _ = AUDIENCE_ACTIONS[action](item)
        assert after.version == item.version + 1
    else:
        with pytest.raises(InvalidTransition) as err:
            AUDIENCE_ACTIONS[action](item)
        assert err.value.rule == f"audience.{action}"
        assert err.value.params["state"] == status


def test_rescheduling_to_the_same_meeting_is_refused() -> None:
    """Issue 17: a second click on unchanged data issued letter 0002 superseding 0001 and a
    second identical notice. The same start, end and room (even written in another zone, the
    room in other case) is refused; another hour or room is a move."""
    scheduled = audience_in("scheduled")
    same = replace(
        MEETING,
        start=MEETING.start.astimezone(UTC),
        room=" ruang rapat ",
        bureau_attendees=("Kabag", "Kasubag"),
    )
    with pytest.raises(ScheduleUnchanged) as err:
        scheduled.schedule_meeting(same, LETTER, "d", NOW, CAL)
    assert err.value.code == "schedule_unchanged"
    for moved in (MOVED, replace(MEETING, room="Aula"), replace(MEETING, end=LATER)):
        after, audit = scheduled.schedule_meeting(moved, LETTER, "d", NOW, CAL)
        assert after.schedule is not None and after.schedule.sequence == MEETING.sequence + 1
        assert audit.action == "audience.rescheduled"


def test_a_meeting_is_not_held_before_it_starts() -> None:
    with pytest.raises(InvalidTransition) as err:
        audience_in("scheduled").mark_held("d", MEETING.start - timedelta(minutes=1))
    assert err.value.rule == "audience.held.before_start"


def test_every_rule_has_a_sentence_in_both_languages_naming_the_state() -> None:
    for rule, texts in transition_details().items():
        assert set(texts) == {"id", "en"}, rule
        for lang in ("id", "en"):
            text = transition_detail(rule, lang, {"state": "xyz", "allowed": "abc"})
            assert text and text.endswith(".") and "{" not in text
            if "{state}" in texts[lang]:
                assert "xyz" in text
    answer = transition_detail("complaint.answer", "en", {"state": "received"})
    assert answer and "classified" in answer and "Received" in answer


def test_a_refused_transition_names_states_in_words_and_the_step_to_take() -> None:
    """Trial 2, finding 1: no status codes in the sentence; the words are the console's, and
    scheduling a request still submitted says to review it first."""
    with pytest.raises(InvalidTransition) as err:
        AUDIENCE_ACTIONS["schedule"](audience_in("submitted"))
    for lang, state, step in (
        ("id", "Diajukan", "tinjau permohonan dulu"),
        ("en", "Submitted", "review the request first"),
    ):
        text = transition_detail(err.value.rule, lang, dict(err.value.params))
        assert text and state in text and step in text
        assert "submitted" not in text and "in_review" not in text
    declined = transition_detail(
        "audience.schedule", "id", {"state": "declined", "allowed": "in_review, scheduled"}
    )
    assert declined and "Tidak difasilitasi" in declined and "(Ditelaah, Dijadwalkan)" in declined
    assert "in_review" not in declined
