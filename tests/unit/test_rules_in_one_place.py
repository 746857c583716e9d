"""Each rule in one place (issue 18 point 4): the confidential reporter's masking is the
domain's access rule, the intake rules one domain function the API and the service both
call, and the API's enumerations the domain's own words."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from chalicelib.api.audience_models import AudienceCreate, ListQuery
from chalicelib.api.complaint_models import (
    AnswerIn,
    ClassifyIn,
    ComplaintCreate,
    ComplaintQuery,
    StaffComplaintCreate,
)
from chalicelib.api.complaint_views import reporter_out
from chalicelib.api.sla_models import EscalationOut, SlaOut
from chalicelib.domain import vocabulary
from chalicelib.domain.complaint import Reporter, intake_problems, reporter_seen_by
from chalicelib.domain.errors import FieldError, FieldErrors
from chalicelib.services.complaints import NewComplaint
from tests.unit.test_complaint_service import service
from tests.unit.test_transitions import NOW, complaint_in

SITI = Reporter("Siti Aminah", "0812-1111-2222", "siti@sambas.go.id")


@pytest.mark.parametrize(
    ("roles", "masked"),
    [
        ({"complaint_officer"}, False),
        ({"admin"}, True),  # domain.md: the complaint officer only
        ({"complaint_team", "supervisor"}, True),
        ({"admin", "complaint_officer"}, False),
    ],
)
def test_a_confidential_reporter_is_seen_by_the_complaint_officer_only(
    roles: set[str], masked: bool
) -> None:
    confidential = replace(complaint_in("received"), privacy="confidential", reporter=SITI)
    seen, was_masked = reporter_seen_by(confidential, frozenset(roles))
    assert was_masked is masked and seen is not None
    assert (seen.name == "Siti Aminah") is not masked
    assert seen.name == ("S*****" if masked else "Siti Aminah")
    out = reporter_out(confidential, frozenset(roles))  # the API shows what the rule gives
    assert out is not None and (out.name, out.masked) == (seen.name, masked)


def test_a_named_reporter_is_never_masked_and_an_anonymous_one_is_absent() -> None:
    named = replace(complaint_in("received"), privacy="named", reporter=SITI)
    assert reporter_seen_by(named, frozenset({"complaint_team"})) == (SITI, False)
    anonymous = replace(complaint_in("received"), privacy="anonymous", reporter=None)
    assert reporter_seen_by(anonymous, frozenset({"complaint_officer"})) == (None, False)


INTAKE_CASES: list[tuple[dict[str, Any], list[tuple[str, str]]]] = [
    (
        {"privacy": "anonymous", "reporter": {"name": "A"}},
        [("reporter", "reporter_with_anonymous")],
    ),
    ({"privacy": "confidential", "reporter": None}, [("reporter", "reporter_required")]),
    (
        {"privacy": "named", "evidence_upload_ids": ["A1", "A1"]},
        [("reporter", "reporter_required"), ("evidence_upload_ids", "duplicate_upload")],
    ),
    ({"privacy": "anonymous", "channel": "lapor"}, [("lapor_tracking_id", "lapor_required")]),
    (
        {"privacy": "anonymous", "channel": "telepon", "lapor_tracking_id": "L-1"},
        [("lapor_tracking_id", "lapor_only")],
    ),
    ({"privacy": "anonymous", "channel": "lapor", "lapor_tracking_id": "L-1"}, []),
]


@pytest.mark.parametrize(("data", "expected"), INTAKE_CASES)
def test_the_api_and_the_service_refuse_an_intake_with_the_same_words(
    data: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    errors = intake_problems(
        data.get("privacy"),
        data.get("reporter"),
        data.get("evidence_upload_ids", []),
        data.get("channel"),
        data.get("lapor_tracking_id"),
    )
    assert [(e.field, e.message_key) for e in errors] == expected
    api = StaffComplaintCreate.cross_field_problems({"channel": "web", **data})
    if "channel" in data:
        assert [(p.field, p.message_key) for p in api] == expected
    svc, repo = service()
    new = NewComplaint(
        subject="Aduan",
        description="Isi aduan yang cukup panjang",
        privacy=data["privacy"],
        reporter=None if data.get("reporter") is None else SITI,
        evidence_upload_ids=tuple(data.get("evidence_upload_ids", ())),
        channel=data.get("channel", "web"),
        received_at=NOW if data.get("channel") else None,
        lapor_tracking_id=data.get("lapor_tracking_id"),
    )
    if not expected:
        return
    with pytest.raises((FieldError, FieldErrors)) as raised:
        svc.submit(new, "desk", "token", NOW)
    error = raised.value
    refused = error.errors if isinstance(error, FieldErrors) else [error]
    assert all(isinstance(e, FieldError) for e in refused)
    assert [(e.field, e.message_key) for e in refused if isinstance(e, FieldError)] == expected
    assert repo.items == {}


def test_the_public_form_has_no_lapor_rules() -> None:
    assert ComplaintCreate.cross_field_problems({"privacy": "anonymous"}) == []


def _enum(model: Any, field: str) -> list[str]:
    schema = model.model_json_schema(by_alias=True)
    prop = schema["properties"][field]
    options = prop.get("anyOf", [prop])
    return next(o["enum"] for o in options if "enum" in o)


def test_the_api_enumerations_are_the_domain_words() -> None:
    assert _enum(ComplaintQuery, "status") == list(vocabulary.COMPLAINT_STATES)
    assert _enum(ComplaintQuery, "class") == list(vocabulary.COMPLAINT_CLASSES)
    assert _enum(ClassifyIn, "class") == list(vocabulary.COMPLAINT_CLASSES)
    assert _enum(ComplaintQuery, "sla") == list(vocabulary.SLA_STATES)
    assert _enum(ComplaintCreate, "privacy") == list(vocabulary.PRIVACY)
    assert _enum(StaffComplaintCreate, "channel") == [
        c for c in vocabulary.COMPLAINT_CHANNELS if c != "web"
    ]
    assert _enum(AnswerIn, "channel") == list(vocabulary.ANSWER_CHANNELS)
    assert _enum(ListQuery, "status") == list(vocabulary.AUDIENCE_STATES)
    assert _enum(AudienceCreate, "institution_type") == list(vocabulary.INSTITUTION_TYPES)
    assert _enum(SlaOut, "state") == list(vocabulary.SLA_STATES)
    assert _enum(EscalationOut, "level") == list(vocabulary.LEVELS)


def test_if_match_is_checked_by_one_rule() -> None:
    from chalicelib.domain.errors import VersionConflict, check_version

    check_version(3, None)  # no header, or `*`
    check_version(3, 3)
    with pytest.raises(VersionConflict) as stale:
        check_version(4, 3)
    assert stale.value.params["current"] == 4


def test_a_requester_opens_an_item_only_with_its_token() -> None:
    from chalicelib.domain.errors import NotFound
    from chalicelib.domain.tracking import hash_token
    from chalicelib.services.tracking_guard import open_tracked

    item = replace(complaint_in("received"), token_hash=hash_token("right"))
    stored = {item.code: item}
    assert open_tracked(None, "complaint", item.code, "right", NOW, stored.get) is item
    for code, token in ((item.code, "wrong"), (item.code, None), ("PGD-2611-ZZZZZZ", "right")):
        with pytest.raises(NotFound):
            open_tracked(None, "complaint", code, token, NOW, stored.get)
