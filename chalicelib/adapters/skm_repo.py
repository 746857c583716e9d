"""The satisfaction survey (SKM) in DynamoDB (docs/data-model.md):

Response:    PK=SKM#<random id>          SK=RESPONSE     GSI2PK=MONTH#skm#<yyyy-mm>  GSI2SK=<service>#<id>
Survey mark: PK=SKM_DONE#<item ref>      SK=SURVEY       (once per item; no link to the response)
Code:        PK=SKMCODE#<sha256 of code> SK=CODE         service, expires_on, used; TTL
Population:  the audit line of each service-ending action carries
             GSI2PK=SKM_POP#<service>  GSI2SK=<at UTC>#<item ref>   (audit_store.py)
Publication: PK=SKMPUB#<from>#<to>#<service>  SK=PUBLICATION  GSI1PK=SKM_PUBLICATIONS  GSI1SK=<at>#<from>#<to>#<service>
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from chalicelib.adapters.audit_store import audit_put
from chalicelib.adapters.dynamo import Dynamo, to_item
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import AlreadyExists, InvalidTransition
from chalicelib.domain.skm import (
    SERVICES,
    FollowUp,
    Publication,
    SkmResult,
    SurveyInvite,
    SurveyResponse,
    UnsurResult,
)
from chalicelib.domain.timeutil import iso_utc, parse_iso_utc
from chalicelib.services.ports import Page

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

PUBLICATIONS = "SKM_PUBLICATIONS"
# Used codes stay (so a second use is told apart from a wrong code) until a week after expiry.
CODE_KEEP = timedelta(days=7)


def invite_put(db: Dynamo, invite: SurveyInvite) -> TransactWriteItemTypeDef:
    """The transaction part that stores a new one-time code (with the guestbook check-out)."""
    expires = datetime.combine(invite.expires_on + CODE_KEEP, time(0), tzinfo=UTC)
    return {
        "Put": {
            "TableName": db.table,
            "Item": to_item(
                {
                    "PK": f"SKMCODE#{invite.code_hash}",
                    "SK": "CODE",
                    "entity": "skm_code",
                    "service": invite.service,
                    "expires_on": invite.expires_on.isoformat(),
                    "used": False,
                    "expires_at": int(expires.timestamp()),
                }
            ),
            "ConditionExpression": "attribute_not_exists(PK)",
        }
    }


def _response_put(db: Dynamo, r: SurveyResponse) -> TransactWriteItemTypeDef:
    values: dict[str, Any] = {
        "PK": f"SKM#{r.id}",
        "SK": "RESPONSE",
        "GSI2PK": f"MONTH#skm#{r.month}",
        "GSI2SK": f"{r.service}#{r.id}",
        "entity": "skm_response",
        "id": r.id,
        "service": r.service,
        "month": r.month,
        "answers": dict(r.answers),
        "profile": dict(r.profile) or None,
        "suggestion": r.suggestion,
    }
    return {
        "Put": {
            "TableName": db.table,
            "Item": to_item(values),
            "ConditionExpression": "attribute_not_exists(PK)",
        }
    }


def _response(item: dict[str, Any]) -> SurveyResponse:
    return SurveyResponse(
        id=item["id"],
        service=item["service"],
        month=item["month"],
        answers={k: int(v) for k, v in item["answers"].items()},
        profile={k: str(v) for k, v in (item.get("profile") or {}).items()},
        suggestion=item.get("suggestion"),
    )


# --- the frozen result, as JSON text (Decimals as strings: exactly what was published) -------


def _unsur(u: UnsurResult) -> dict[str, str]:
    return {
        "unsur": u.unsur,
        "name": u.name,
        "nrr": str(u.nrr),
        "nrr_weighted": str(u.nrr_weighted),
        "converted": str(u.converted),
        "mutu": u.mutu,
    }


def _unsur_from(d: dict[str, str]) -> UnsurResult:
    return UnsurResult(
        d["unsur"],
        d["name"],
        Decimal(d["nrr"]),
        Decimal(d["nrr_weighted"]),
        Decimal(d["converted"]),
        d["mutu"],
    )


def result_json(r: SkmResult) -> str:
    return json.dumps(
        {
            "responses": r.responses,
            "population": r.population,
            "minimum_sample": r.minimum_sample,
            "sample_sufficient": r.sample_sufficient,
            "per_unsur": [_unsur(u) for u in r.per_unsur],
            "index": None if r.index is None else str(r.index),
            "converted_index": None if r.converted_index is None else str(r.converted_index),
            "mutu": r.mutu,
            "kinerja": r.kinerja,
            "weakest": [_unsur(u) for u in r.weakest],
            "profile": r.profile,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def result_from(text: str) -> SkmResult:
    d = json.loads(text)
    return SkmResult(
        responses=d["responses"],
        population=d["population"],
        minimum_sample=d["minimum_sample"],
        sample_sufficient=d["sample_sufficient"],
        per_unsur=tuple(_unsur_from(u) for u in d["per_unsur"]),
        index=None if d["index"] is None else Decimal(d["index"]),
        converted_index=None if d["converted_index"] is None else Decimal(d["converted_index"]),
        mutu=d["mutu"],
        kinerja=d["kinerja"],
        weakest=tuple(_unsur_from(u) for u in d["weakest"]),
        profile=d["profile"],
        suggestions=(),
    )


class DynamoSkmRepository:
    def __init__(self, db: Dynamo) -> None:
        self._db = db

    def add_tracked_response(self, item_ref: str, response: SurveyResponse) -> None:
        mark: TransactWriteItemTypeDef = {
            "Put": {
                "TableName": self._db.table,
                "Item": {"PK": {"S": f"SKM_DONE#{item_ref}"}, "SK": {"S": "SURVEY"}},
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        }
        self._db.transact(
            [mark, _response_put(self._db, response)],
            [InvalidTransition(rule="skm.survey.once", state="surveyed"), AlreadyExists()],
        )

    def surveyed(self, item_ref: str) -> bool:
        return self._db.get(f"SKM_DONE#{item_ref}", "SURVEY") is not None

    def get_invite(self, code_hash: str) -> SurveyInvite | None:
        item = self._db.get(f"SKMCODE#{code_hash}", "CODE")
        if item is None:
            return None
        return SurveyInvite(
            code_hash=code_hash,
            service=item["service"],
            expires_on=date.fromisoformat(item["expires_on"]),
            used=bool(item.get("used")),
        )

    def add_code_response(self, invite: SurveyInvite, response: SurveyResponse) -> None:
        use: TransactWriteItemTypeDef = {
            "Update": {
                "TableName": self._db.table,
                "Key": {"PK": {"S": f"SKMCODE#{invite.code_hash}"}, "SK": {"S": "CODE"}},
                "UpdateExpression": "SET #u = :yes",
                "ConditionExpression": "attribute_exists(PK) AND #u = :no",
                "ExpressionAttributeNames": {"#u": "used"},
                "ExpressionAttributeValues": {":yes": {"BOOL": True}, ":no": {"BOOL": False}},
            }
        }
        self._db.transact(
            [use, _response_put(self._db, response)],
            [InvalidTransition(rule="skm.code.used", state="used"), AlreadyExists()],
        )

    def responses(self, months: list[str], service: str | None) -> list[SurveyResponse]:
        out: list[SurveyResponse] = []
        for month in months:
            condition = "GSI2PK = :pk"
            values: dict[str, Any] = {":pk": {"S": f"MONTH#skm#{month}"}}
            if service:
                condition += " AND begins_with(GSI2SK, :svc)"
                values[":svc"] = {"S": f"{service}#"}
            out.extend(
                _response(i)
                for i in self._db.query_all(
                    IndexName="GSI2",
                    KeyConditionExpression=condition,
                    ExpressionAttributeValues=values,
                )
            )
        return out

    def population(self, start: datetime, end: datetime, service: str | None) -> int:
        lower = iso_utc(start)
        upper = iso_utc(end)  # exclusive: every key of that second sorts after the bare time
        total = 0
        for svc in [service] if service else list(SERVICES):
            total += self._db.count(
                IndexName="GSI2",
                KeyConditionExpression="GSI2PK = :pk AND GSI2SK BETWEEN :lo AND :hi",
                ExpressionAttributeValues={
                    ":pk": {"S": f"SKM_POP#{svc}"},
                    ":lo": {"S": lower},
                    ":hi": {"S": upper},
                },
            )
        return total

    def publish(self, publication: Publication, audit: AuditEntry) -> None:
        p = publication
        values = {
            "PK": p.ref,
            "SK": "PUBLICATION",
            "GSI1PK": PUBLICATIONS,
            "GSI1SK": f"{iso_utc(p.published_at)}#{p.period_from}#{p.period_to}#{p.service}",
            "entity": "skm_publication",
            "period_from": p.period_from,
            "period_to": p.period_to,
            "service": p.service,
            "result": result_json(p.result),
            "follow_up": [
                {"unsur": f.unsur, "action": f.action, "who": f.who, "by": f.by.isoformat()}
                for f in p.follow_up
            ],
            "published_at": iso_utc(p.published_at),
            "published_by": p.published_by,
        }
        put: TransactWriteItemTypeDef = {
            "Put": {
                "TableName": self._db.table,
                "Item": to_item(values),
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        }
        self._db.transact([put, audit_put(self._db, audit)], [AlreadyExists(), None])

    @staticmethod
    def _publication(item: dict[str, Any]) -> Publication:
        return Publication(
            period_from=item["period_from"],
            period_to=item["period_to"],
            service=item["service"],
            result=result_from(item["result"]),
            follow_up=tuple(
                FollowUp(f["unsur"], f["action"], f["who"], date.fromisoformat(f["by"]))
                for f in item.get("follow_up", [])
            ),
            published_at=parse_iso_utc(item["published_at"]),
            published_by=item["published_by"],
        )

    def publications(self, limit: int, position: str | None) -> Page[Publication]:
        kwargs: dict[str, Any] = {
            "IndexName": "GSI1",
            "KeyConditionExpression": "GSI1PK = :pk",
            "ExpressionAttributeValues": {":pk": {"S": PUBLICATIONS}},
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if position:
            kwargs["ExclusiveStartKey"] = json.loads(position)
        items, last = self._db.query(**kwargs)
        return Page(
            items=[self._publication(i) for i in items],
            position=json.dumps(last, separators=(",", ":"), sort_keys=True) if last else None,
        )
