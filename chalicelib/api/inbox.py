"""Kotak masuk: the complaint officer's inbox of WhatsApp and e-mail conversations (issue 19
point 2): list, read, make a complaint of one, attach one to an item, dismiss one."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Literal

from chalice.app import Blueprint
from pydantic import Field

from chalicelib import bootstrap
from chalicelib.api.common import Reason, note_unreadable
from chalicelib.api.complaint_models import ComplaintOut
from chalicelib.api.complaint_views import complaint_reply, staff_of
from chalicelib.api.cursor import decode_cursor, encode_cursor
from chalicelib.api.http import Ctx, Reply, endpoint
from chalicelib.api.validation import RequestModel, ResponseModel
from chalicelib.config import get_settings
from chalicelib.domain.vocabulary import Privacy

if TYPE_CHECKING:
    from chalicelib.domain.inbox import Conversation

bp = Blueprint(__name__)

READ = frozenset({"complaint_officer", "supervisor", "admin"})
ACT = frozenset({"complaint_officer", "admin"})


class InboxQuery(RequestModel):
    limit: Annotated[int, Field(ge=1, le=100)] = 50
    cursor: Annotated[str | None, Field(max_length=4096)] = None


class AttachmentOut(ResponseModel):
    filename: str
    content_type: str
    upload_id: Annotated[
        str | None, Field(description="The kept file (GET /v1/admin/attachments/{id})")
    ]
    refused: Annotated[
        str | None, Field(description="Why the file checks refused it (nothing was kept)")
    ]


class InboxMessageOut(ResponseModel):
    id: str
    received_at: datetime
    kind: str
    subject: str | None
    text: str
    attachments: list[AttachmentOut]


class ConversationOut(ResponseModel):
    id: str
    channel: Literal["whatsapp", "email"]
    sender: Annotated[str, Field(description="E.164 number or e-mail address")]
    sender_name: str | None
    status: Literal["open", "complaint", "attached", "dismissed"]
    first_received_at: datetime
    last_received_at: datetime
    due_at: Annotated[datetime, Field(description="3 office hours after the first message")]
    messages: list[InboxMessageOut]
    item_code: str | None
    dismiss_reason: str | None
    version: int


class InboxPage(ResponseModel):
    items: list[ConversationOut]
    next_cursor: str | None


class ToComplaintIn(RequestModel):
    subject: Annotated[str, Field(min_length=3, max_length=200)]
    description: Annotated[str | None, Field(max_length=8000)] = None
    privacy: Privacy = "named"


class AttachIn(RequestModel):
    code: Annotated[
        str,
        Field(
            min_length=6,
            max_length=40,
            pattern=r"^PGD-[0-9]{4}-[A-Z0-9]{6}$",
            description="The open complaint's tracking code",
        ),
    ]


class DismissIn(RequestModel):
    reason: Reason


def conversation_out(c: Conversation) -> ConversationOut:
    tz = get_settings().tz
    return ConversationOut.model_validate(
        {
            "id": c.id,
            "channel": c.channel,
            "sender": c.sender,
            "sender_name": c.sender_name,
            "status": c.status,
            "first_received_at": c.first_received_at.astimezone(tz),
            "last_received_at": c.last_received_at.astimezone(tz),
            "due_at": c.due_at.astimezone(tz),
            "messages": [
                {
                    "id": m.id,
                    "received_at": m.received_at.astimezone(tz),
                    "kind": m.kind,
                    "subject": m.subject,
                    "text": m.text,
                    "attachments": [
                        {
                            "filename": a.filename,
                            "content_type": a.content_type,
                            "upload_id": a.upload_id,
                            "refused": a.refused,
                        }
                        for a in m.attachments
                    ],
                }
                for m in c.messages
            ],
            "item_code": c.item_code,
            "dismiss_reason": c.dismiss_reason,
            "version": c.version,
        }
    )


@endpoint(
    bp,
    "GET",
    "/v1/admin/inbox",
    summary="Open WhatsApp and e-mail conversations, longest waiting first",
    tag="inbox",
    roles=READ,
    query=InboxQuery,
    response=InboxPage,
)
def list_inbox(ctx: Ctx, query: InboxQuery) -> InboxPage:
    secret = get_settings().cursor_secret
    position = decode_cursor(query.cursor, "inbox", secret)
    page = bootstrap.inbox_service().open_conversations(query.limit, position)
    note_unreadable("conversation", page.unreadable)
    return InboxPage(
        items=[conversation_out(c) for c in page.items],
        next_cursor=encode_cursor(page.position, "inbox", secret),
    )


@endpoint(
    bp,
    "GET",
    "/v1/admin/inbox/{conversation_id}",
    summary="One conversation (open or handled)",
    tag="inbox",
    roles=READ,
    response=ConversationOut,
    errors=(404,),
)
def get_conversation(ctx: Ctx, conversation_id: str) -> ConversationOut:
    return conversation_out(bootstrap.inbox_service().get(conversation_id))


@endpoint(
    bp,
    "POST",
    "/v1/admin/inbox/{conversation_id}/complaint",
    summary=(
        "Make a complaint of the conversation: received at its first message, on its "
        "channel, the sender as the reporter's contact, its files as evidence"
    ),
    tag="inbox",
    roles=ACT,
    body=ToComplaintIn,
    response=ComplaintOut,
    status=201,
    errors=(404, 409),
    etag=True,
)
def conversation_to_complaint(ctx: Ctx, conversation_id: str, body: ToComplaintIn) -> Reply:
    from chalicelib.domain.tracking import new_token

    token = new_token()
    complaint = bootstrap.inbox_service().to_complaint(
        conversation_id,
        body.subject,
        body.description,
        body.privacy,
        token,
        staff_of(ctx),
        ctx.now,
    )
    return complaint_reply(ctx, complaint, status=201, token=token)


@endpoint(
    bp,
    "POST",
    "/v1/admin/inbox/{conversation_id}/attach",
    summary="Add the conversation to an open complaint as the reporter's message",
    tag="inbox",
    roles=ACT,
    body=AttachIn,
    response=ComplaintOut,
    errors=(404, 409),
    etag=True,
)
def attach_conversation(ctx: Ctx, conversation_id: str, body: AttachIn) -> Reply:
    complaint = bootstrap.inbox_service().attach(conversation_id, body.code, staff_of(ctx), ctx.now)
    return complaint_reply(ctx, complaint)


@endpoint(
    bp,
    "POST",
    "/v1/admin/inbox/{conversation_id}/dismiss",
    summary="Not a complaint: closed with a reason (audited, counted apart in the report)",
    tag="inbox",
    roles=ACT,
    body=DismissIn,
    response=ConversationOut,
    errors=(404, 409),
)
def dismiss_conversation(ctx: Ctx, conversation_id: str, body: DismissIn) -> ConversationOut:
    return conversation_out(
        bootstrap.inbox_service().dismiss(conversation_id, body.reason, staff_of(ctx), ctx.now)
    )


class ReplyIn(RequestModel):
    message: Annotated[str, Field(min_length=1, max_length=4000)]


class ReplyOut(ResponseModel):
    notification_id: Annotated[
        str, Field(description="The outbox message (GET /v1/admin/notifications)")
    ]
    channel: Literal["whatsapp", "email"]


@endpoint(
    bp,
    "POST",
    "/v1/admin/inbox/{conversation_id}/reply",
    summary="Answer the sender on the conversation's own channel (through the outbox)",
    tag="inbox",
    roles=ACT,
    body=ReplyIn,
    response=ReplyOut,
    status=202,
    errors=(404,),
)
def reply_conversation(ctx: Ctx, conversation_id: str, body: ReplyIn) -> Reply:
    service = bootstrap.inbox_service()
    notification = service.reply(conversation_id, body.message, staff_of(ctx), ctx.now)
    channel = service.get(conversation_id).channel
    return Reply(ReplyOut(notification_id=notification.id, channel=channel), status=202)  # type: ignore[arg-type]


class ThreadEntryOut(ResponseModel):
    at: datetime
    direction: Literal["in", "out"]
    text: str
    subject: str | None = None
    state: Annotated[str | None, Field(description="Outbox: pending | sent | failed")] = None
    delivery: Annotated[
        str | None, Field(description="The channel's report: sent, delivered, read, failed")
    ] = None
    error: Annotated[str | None, Field(description="The last failure (Meta's code)")] = None


class ThreadOut(ResponseModel):
    code: str
    channel: str
    items: list[ThreadEntryOut]


@endpoint(
    bp,
    "GET",
    "/v1/admin/complaints/{code}/thread",
    summary=(
        "The complaint's conversation with the citizen in order: their messages and every "
        "notice sent to them, with its delivery status"
    ),
    tag="complaints",
    roles=frozenset({"complaint_officer", "complaint_team", "supervisor", "admin"}),
    response=ThreadOut,
    errors=(404,),
)
def complaint_thread(ctx: Ctx, code: str) -> ThreadOut:
    tz = get_settings().tz
    complaint = bootstrap.complaint_service().get(code, staff_of(ctx))
    entries = [
        ThreadEntryOut(at=m.at.astimezone(tz), direction="in", text=m.text)
        for m in complaint.messages
        if m.sender == "reporter"
    ]
    entries += [
        ThreadEntryOut(
            at=n.created_at.astimezone(tz),
            direction="out",
            subject=n.subject,
            text=n.shown_body(),
            state=n.state,
            delivery=n.delivery,
            error=n.delivery_error or n.last_error,
        )
        for n in bootstrap.outbox_service().to_requester(code)
    ]
    return ThreadOut(
        code=complaint.code, channel=complaint.channel, items=sorted(entries, key=lambda e: e.at)
    )
