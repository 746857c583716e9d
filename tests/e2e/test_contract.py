"""The served contract and the public routes."""

from __future__ import annotations

import json
from typing import Any

from chalice.test import Client
from openapi_spec_validator import validate

from chalicelib.api.registry import REGISTRY


def test_openapi_is_valid_3_1_and_matches_the_route_table_exactly(client: Client) -> None:
    from app import app

    res = client.http.get("/openapi.json")
    assert res.status_code == 200
    doc = res.json_body
    assert doc["openapi"].startswith("3.1")
    validate(doc)
    documented = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    routed = {(m, p) for p, methods in app.routes.items() for m in methods}
    assert documented == routed


def test_admin_operations_declare_bearer_auth_and_problem_errors(client: Client) -> None:
    doc = client.http.get("/openapi.json").json_body
    for path, ops in doc["paths"].items():
        for op in ops.values():
            if path.startswith("/v1/admin"):
                assert op["security"] == [{"StaffBearer": []}]
                assert {"401", "403"} <= set(op["responses"])
            else:
                assert "security" not in op
            problem = op["responses"]["500"]["content"]["application/problem+json"]
            assert problem["schema"]["$ref"].endswith("/Problem")


def test_request_schemas_refuse_unknown_fields(client: Client) -> None:
    doc = client.http.get("/openapi.json").json_body
    create = doc["components"]["schemas"]["GuestbookCreate"]
    assert create["additionalProperties"] is False
    assert set(create["required"]) == {"name", "institution", "purpose"}
    preflights = {s.path for s in REGISTRY if s.roles is None}
    assert len(REGISTRY) + len(preflights) == sum(len(ops) for ops in doc["paths"].values())


def test_health(client: Client) -> None:
    res = client.http.get("/health")
    assert res.status_code == 200
    assert res.json_body["status"] == "ok" and res.json_body["version"]
    assert res.headers["X-Request-Id"]


def test_services_publish_the_standard_as_data(client: Client) -> None:
    res = client.http.get("/v1/services")
    assert res.status_code == 200
    services = {s["code"]: s for s in res.json_body["services"]}
    audience, complaint = services["audience"], services["complaint"]
    assert audience["fee"]["text"] == "Tidak dipungut biaya" and audience["fee"]["amount"] == 0
    assert {r["code"] for r in audience["requirements"]} == {"request_letter", "identity"}
    assert audience["completion_time"] == {
        "text": "3 hari kerja",
        "amount": 3,
        "unit": "working_days",
    }
    assert len(audience["procedure"]) == 4
    limits = {c["code"]: (c["limit"]["amount"], c["limit"]["unit"]) for c in complaint["classes"]}
    assert limits == {
        "ringan": (3, "office_hours"),
        "normatif": (5, "working_days"),
        "non_pengawasan": (14, "working_days"),
        "pengawasan": (60, "working_days"),
    }
    assert {c["code"] for c in complaint["channels"]} == {
        "tatap_muka",
        "kotak_pengaduan",
        "whatsapp",
        "telepon",
        "faksimile",
        "email",
        "lapor",
        "web",
    }
    assert len(complaint["flow"]) == 4
    assert res.headers["Vary"] == "Accept-Language" and res.headers["Content-Language"] == "id"
    assert '"en":' not in json.dumps(res.json_body)  # the overlays stay in the data file


def test_services_come_in_english_on_request(client: Client) -> None:
    """Issue 17 point 10: names, classes, limits, procedure and fee in English, codes and
    amounts the same as in Indonesian; proper names stay as they are."""
    indonesian = client.http.get("/v1/services").json_body
    res = client.http.get("/v1/services", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert res.status_code == 200 and res.headers["Content-Language"] == "en"
    english = res.json_body
    services = {s["code"]: s for s in english["services"]}
    audience, complaint = services["audience"], services["complaint"]
    assert audience["name"].startswith("Audiences for Government Agencies")
    assert audience["completion_time"] == {
        "text": "3 working days",
        "amount": 3,
        "unit": "working_days",
    }
    assert audience["fee"]["text"] == "Free of charge"
    assert audience["eligible"][0]["name"] == "Government agencies"
    assert audience["procedure"][0].startswith("The visitor goes to the information desk")
    classes = {c["code"]: c for c in complaint["classes"]}
    assert classes["ringan"]["name"] == "Minor complaints"
    assert classes["normatif"]["limit"]["text"] == "within 5 working days"
    assert complaint["name"] == "Service Complaints"
    channels = {c["code"]: c["name"] for c in complaint["channels"]}
    assert channels["whatsapp"] == "WhatsApp" and channels["telepon"] == "Telephone"

    def shape(node: Any) -> Any:  # codes, amounts and units: the same standard in both
        if isinstance(node, dict):
            return {k: shape(v) for k, v in node.items() if k not in ("name", "text", "unit")}
        if isinstance(node, list):
            return [shape(v) for v in node if not isinstance(v, str)]
        return node

    assert shape(english) == shape(indonesian)

    # Every text of the standard has its English, but the proper names.
    def texts(node: Any) -> list[str]:
        if isinstance(node, dict):
            return [
                t
                for k, v in node.items()
                if k not in ("code", "unit", "contact", "decree", "address", "website")
                for t in texts(v)
            ]
        if isinstance(node, list):
            return [t for v in node for t in texts(v)]
        return [node] if isinstance(node, str) else []

    same = set(texts(english)) & set(texts(indonesian))
    assert same == {"WhatsApp", "Email"}, same


def test_the_public_timeline_comes_in_english_on_request(client: Client) -> None:
    """Issue 17 point 10: the timeline's notes (stored in Indonesian) in English for a reader
    who asks; every public note the domain writes has its English."""
    from chalicelib.api.common import PUBLIC_NOTES_EN
    from chalicelib.domain.audience import PUBLIC_NOTES as AUDIENCE_NOTES
    from chalicelib.domain.complaint import PUBLIC_NOTES as COMPLAINT_NOTES

    assert set(COMPLAINT_NOTES.values()) | set(AUDIENCE_NOTES.values()) == set(PUBLIC_NOTES_EN)
    body = {"subject": "Surat", "description": "Belum dibalas.", "privacy": "anonymous"}
    made = client.http.post(
        "/v1/complaints", body=json.dumps(body), headers={"Content-Type": "application/json"}
    ).json_body
    path = f"/v1/track/{made['tracking_code']}"
    token = {"X-Access-Token": made["access_token"]}
    english = client.http.get(path, headers={**token, "Accept-Language": "en"}).json_body
    indonesian = client.http.get(path, headers=token).json_body
    assert [e["note"] for e in english["timeline"]] == ["Complaint received"]
    assert [e["note"] for e in indonesian["timeline"]] == ["Pengaduan diterima"]
