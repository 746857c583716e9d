"""Delivery adapters on moto: SNS for staff, SES for e-mail, never a citizen on the topic."""

from __future__ import annotations

import json

import boto3
import pytest

from chalicelib.adapters.notifiers import (
    FanOutNotifier,
    RequesterNeedsEmail,
    SesNotifier,
    SnsNotifier,
)
from chalicelib.domain.errors import DeliveryFailed
from chalicelib.domain.notification import Notification
from tests.clock import wib


def message(*recipients: str) -> Notification:
    return Notification(
        id="NT-1",
        created_at=wib(2026, 11, 27, 9),
        kind="escalation",
        item_kind="complaint",
        item_code="PGD-2611-AAAAAA",
        recipients=recipients,
        subject="Peringatan",
        body="Isi",
        level="warning",
    )


def test_sns_publishes_staff_alerts_with_filterable_attributes(aws: None) -> None:
    sns, sqs = boto3.client("sns"), boto3.client("sqs")
    topic = sns.create_topic(Name="alerts")["TopicArn"]
    queue = sqs.create_queue(QueueName="inbox")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    notifier = SnsNotifier(sns, topic)
    notifier.send(message("role:supervisor"))
    notifier.send(message("requester"))  # a citizen is never sent to the staff topic
    got = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    assert len(got) == 1
    envelope = json.loads(got[0]["Body"])
    assert envelope["Subject"] == "Peringatan"
    assert json.loads(envelope["MessageAttributes"]["recipients"]["Value"]) == ["role:supervisor"]
    with pytest.raises(DeliveryFailed):
        SnsNotifier(sns, topic + "-missing").send(message("role:supervisor"))


def test_ses_mails_staff_and_the_requester_looked_up_at_send_time(aws: None) -> None:
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    ses = boto3.client("ses")
    ses.verify_email_identity(EmailAddress="kesra@kalbarprov.go.id")
    looked_up: list[tuple[str, str]] = []

    def lookup(kind: str, code: str) -> str | None:
        looked_up.append((kind, code))
        return "warga@contoh.id"

    notifier = SesNotifier(
        ses, "kesra@kalbarprov.go.id", {"role:supervisor": ["kabag@kalbarprov.go.id"]}, lookup
    )
    notifier.send(message("role:supervisor", "requester"))
    sent = ses_backends[DEFAULT_ACCOUNT_ID]["ap-southeast-3"].sent_messages
    assert sorted(set(sent[-1].destinations)) == [  # moto lists To and Destinations both
        "kabag@kalbarprov.go.id",
        "warga@contoh.id",
    ]
    # raw MIME with a stable Message-ID naming the item, so a reply threads back (issue 19)
    assert ".PGD-2611-AAAAAA@birokesra.kalbarprov.go.id>" in sent[-1].raw_data
    assert looked_up == [("complaint", "PGD-2611-AAAAAA")]
    with pytest.raises(DeliveryFailed):
        SesNotifier(ses, "unverified@x.id", {}, lookup).send(message("requester"))


def test_ses_attaches_the_signed_letter_to_the_requesters_answer(aws: None) -> None:
    import email

    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    ses = boto3.client("ses")
    ses.verify_email_identity(EmailAddress="kesra@kalbarprov.go.id")
    pdf = b"%PDF-1.7 surat"
    notifier = SesNotifier(
        ses,
        "kesra@kalbarprov.go.id",
        {},
        lambda kind, code: "warga@contoh.id",
        attachment=lambda n: ("surat-AUD-2611-AAAAAA.pdf", pdf),
    )
    notifier.send(message("requester"))
    raw = ses_backends[DEFAULT_ACCOUNT_ID]["ap-southeast-3"].sent_messages[-1].raw_data
    parsed = email.message_from_string(raw)
    assert parsed.get_content_type() == "multipart/mixed"
    parts = [p for p in parsed.walk() if p.get_content_type() == "application/pdf"]
    assert len(parts) == 1 and parts[0].get_filename() == "surat-AUD-2611-AAAAAA.pdf"
    assert parts[0].get_payload(decode=True) == pdf


def test_without_ses_a_requester_message_fails_loudly() -> None:
    chain = FanOutNotifier([RequesterNeedsEmail()])
    chain.send(message("role:supervisor"))
    with pytest.raises(DeliveryFailed):
        chain.send(message("requester"))
