"""Driving the public flows through the test client: uploads, submissions."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import requests
from chalice.test import Client

from tests.files import PDF

JSON = {"Content-Type": "application/json"}


def start_upload(
    client: Client,
    purpose: str,
    data: bytes,
    content_type: str = "application/pdf",
    size: int | None = None,
) -> dict[str, Any]:
    res = client.http.post(
        "/v1/uploads",
        headers=JSON,
        body=json.dumps(
            {
                "purpose": purpose,
                "content_type": content_type,
                "size_bytes": len(data) if size is None else size,
                "filename": "berkas.pdf",
            }
        ),
    )
    assert res.status_code == 201, res.json_body
    ticket: dict[str, Any] = res.json_body
    return ticket


def upload(
    client: Client,
    purpose: str,
    data: bytes = PDF,
    content_type: str = "application/pdf",
    size: int | None = None,
) -> str:
    """Declare, then really POST the form to the presigned URL (moto answers it)."""
    ticket = start_upload(client, purpose, data, content_type, size)
    res = requests.post(
        ticket["url"], data=ticket["fields"], files={"file": ("f", data)}, timeout=10
    )
    assert res.status_code in (200, 201, 204), res.text
    return ref(ticket)


def id_of(upload_ref: str) -> str:
    """The upload id in a ref (as staff screens, audit lines and object keys show it)."""
    return upload_ref.partition(".")[0]


def ref(ticket: dict[str, Any]) -> str:
    """How a submission names a ticket's upload: `<upload_id>.<upload_secret>`."""
    return f"{ticket['upload_id']}.{ticket['upload_secret']}"


def register(sub: str, role: str = "complaint_team") -> str:
    """Put `sub` with `role` in the local staff directory (as `make token` does); needs moto."""
    import os

    import boto3

    from dev.staff_accounts import ensure_member

    ensure_member(boto3.client("dynamodb"), os.environ["TABLE_NAME"], sub, role)
    return sub


def working_day(days: int) -> date:
    """The first working day (Mon-Fri, no library holiday) at least `days` from today (local
    Pontianak), so tests never ask for a meeting on a weekend or a holiday."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from chalicelib.adapters.holiday_library import library_holidays

    day = datetime.now(UTC).astimezone(ZoneInfo("Asia/Pontianak")).date() + timedelta(days=days)
    while day.weekday() >= 5 or day in library_holidays(day.year):
        day += timedelta(days=1)
    return day


def audience_body(client: Client, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "institution_name": "Dinas Sosial Kabupaten Sambas",
        "institution_type": "pemerintah_daerah",
        "contact": {
            "name": "Siti Aminah",
            "position": "Kepala Bidang",
            "phone": "0812-1111-2222",
            "email": "siti@sambas.go.id",
        },
        "topic": "Koordinasi bantuan sosial",
        "purpose": "Membahas penyaluran bantuan sosial tahun 2027.",
        "attendees": 5,
        "preferred_dates": [working_day(7).isoformat()],
    }
    if "request_letter_upload_id" not in overrides:
        body["request_letter_upload_id"] = upload(client, "request_letter")
    if "identity_upload_id" not in overrides:
        body["identity_upload_id"] = upload(client, "identity")
    body.update(overrides)
    return body


def submit(client: Client, body: dict[str, Any], key: str | None = None) -> Any:
    headers = dict(JSON)
    if key:
        headers["Idempotency-Key"] = key
    return client.http.post("/v1/audiences", headers=headers, body=json.dumps(body))
