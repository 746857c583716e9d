"""An e-mail to the bureau's address, read with the standard library's `email` package
(`policy=default`, RFC 5322 and MIME): SES stores the raw message in the inbound bucket in
AWS, the local SMTP listener hands it over under `make run`. Pure: bytes in, values out.

Threading (issue 19 point 5): a tracking code in the subject, or an outbound Message-ID of
ours in In-Reply-To / References (`<NOTICE-ID.TRACKING-CODE@DOMAIN>`, see `message_id`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

CODE = re.compile(r"\b((?:PGD|AUD)-[0-9]{4}-[A-Z0-9]{6})\b")
MESSAGE_ID_DOMAIN = "birokesra.kalbarprov.go.id"
_OURS = re.compile(
    r"<[A-Z0-9-]+\.((?:PGD|AUD)-[0-9]{4}-[A-Z0-9]{6})@" + re.escape(MESSAGE_ID_DOMAIN) + ">"
)
MAX_TEXT = 20_000


def message_id(notification_id: str, item_code: str) -> str:
    """The stable Message-ID of an outbound notice: a reply's In-Reply-To names the item."""
    return f"<{notification_id}.{item_code}@{MESSAGE_ID_DOMAIN}>"


@dataclass(frozen=True, slots=True)
class EmailFile:
    content_type: str
    filename: str
    data: bytes


@dataclass(frozen=True, slots=True)
class ParsedEmail:
    """`sender`: the From address, lower-cased; `received_at`: the Date header (UTC), or
    `fallback` when it is missing, unreadable or in the future; `replies_to`: the Message-IDs
    of In-Reply-To and References; `thread`: the tracking code it names, if any."""

    message_id: str
    sender: str
    sender_name: str | None
    subject: str
    text: str
    received_at: datetime
    replies_to: tuple[str, ...]
    files: tuple[EmailFile, ...]
    thread: str | None


class _Text(HTMLParser):
    """An HTML part as plain text: the text of its elements, a line break per block."""

    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def parse_email(raw: bytes, fallback: datetime) -> ParsedEmail:
    """The message's sender, subject, text (the text/plain part, or the HTML part made text)
    and attached files. Raises ValueError for a message without a From address."""
    from email import message_from_bytes, policy
    from email.message import EmailMessage

    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    addresses = getaddresses([str(msg.get("From", ""))])
    name, address = addresses[0] if addresses else ("", "")
    if "@" not in address:
        raise ValueError("no sender address")
    subject = " ".join(str(msg.get("Subject", "")).split())[:300]
    body = msg.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        content = body.get_content()
        text = html_to_text(content) if body.get_content_subtype() == "html" else content
    files = []
    for part in msg.iter_attachments():
        data = part.get_payload(decode=True)
        if isinstance(data, bytes):
            files.append(
                EmailFile(part.get_content_type(), part.get_filename() or "lampiran", data)
            )
    received = fallback
    try:
        dated = parsedate_to_datetime(str(msg.get("Date", "")))
        if dated.tzinfo is not None and dated.astimezone(UTC) <= fallback:
            received = dated.astimezone(UTC).replace(microsecond=0)
    except (TypeError, ValueError, IndexError):
        pass
    references = f"{msg.get('In-Reply-To', '')} {msg.get('References', '')}"
    replies = tuple(dict.fromkeys(re.findall(r"<[^<>\s]+>", references)))
    thread = None
    found = CODE.search(subject)
    if found:
        thread = found.group(1)
    else:
        for reference in replies:
            ours = _OURS.fullmatch(reference)
            if ours:
                thread = ours.group(1)
                break
    digest = hashlib.sha256(raw).hexdigest()[:32]  # a redelivery without an id: the same
    mid = str(msg.get("Message-ID", "")).strip() or f"<no-id-{digest}@{MESSAGE_ID_DOMAIN}>"
    return ParsedEmail(
        message_id=mid[:300],
        sender=address.strip().lower(),
        sender_name=name.strip()[:120] or None,
        subject=subject,
        text=text.strip()[:MAX_TEXT],
        received_at=received,
        replies_to=replies[:20],
        files=tuple(files),
        thread=thread,
    )
