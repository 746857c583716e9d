"""Tanda terima: the receipt the front desk hands over for an item taken at the desk (a walk-in
audience request, a complaint taken by staff), as a one-page PDF (issue 20 point 6, issue 17
point 3).

A receipt is not a surat dinas (Permendagri 1/2023): it carries the bureau's kop but no
number, no addressee and no signature. It says what was received (the kind, the tracking code
and the once-shown access token), when (WIB, long Indonesian dates), by which channel, the
deadline and the service standard's promise for the item's class (SK 285/OR/2022), the fee
("Tidak dipungut biaya") and how to follow it (the portal's tracking page, with a QR code of
the link carrying code and token in its fragment, as the printed slip does).

This module is pure: it composes the receipt's texts from the item's stored facts; rendering
is adapters/receipt_pdf.py (fpdf2, through the letters function in AWS).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from .letter import Letterhead
from .timeutil import long_date_time
from .tracking import TRACKING_PATH

RECEIPT_KINDS = ("audience", "complaint")

_TEXT: dict[str, dict[str, str]] = {
    "id": {
        "title": "TANDA TERIMA",
        "audience": "Permohonan Audiensi",
        "complaint": "Pengaduan",
        "kind": "Jenis",
        "code": "Kode pelacakan",
        "token": "Token akses",
        "received": "Diterima",
        "due": "Batas waktu",
        "channel": "Saluran",
        "fee": "Biaya",
        "promise": "Janji layanan",
        "front_desk": "Tatap muka di loket Biro Kesra",
        "web": "Formulir web Layanan Kesra",
        "audience_promise": "Surat jawaban kesediaan dan jadwal audiensi {limit} sejak "
        "permohonan diterima.",
        "class_promise": "{name}: dijawab {limit}.",
        "unclassified": "Sampai pengaduan diklasifikasikan, batas waktunya dihitung sebagai "
        "{name} ({limit}). Setelah diklasifikasikan, batas waktunya menurut kelasnya:",
        "source": "Standar Pelayanan Biro Kesra ({decree}).",
        "how": "Cara memantau: pindai kode QR, atau buka {url} lalu ketik kode pelacakan dan "
        "token akses di atas.",
        "keep": "Simpan token akses ini: token hanya diberikan sekali dan tidak dapat dilihat "
        "lagi. Jangan berikan kepada orang lain.",
        "not_letter": "Tanda terima ini bukan surat dinas: tidak bernomor dan tidak "
        "ditandatangani.",
        "qr": "Pindai untuk memantau",
    },
    "en": {
        "title": "RECEIPT",
        "audience": "Audience request",
        "complaint": "Complaint",
        "kind": "Kind",
        "code": "Tracking code",
        "token": "Access token",
        "received": "Received",
        "due": "Due",
        "channel": "Channel",
        "fee": "Fee",
        "promise": "Service promise",
        "front_desk": "In person at the Biro Kesra desk",
        "web": "The Layanan Kesra web form",
        "audience_promise": "A letter agreeing to the audience and giving its schedule, "
        "{limit} of the request's receipt.",
        "class_promise": "{name}: answered {limit}.",
        "unclassified": "Until the complaint is classified, its deadline is counted as for "
        "{name} ({limit}). Once classified, the deadline follows its class:",
        "source": "Service standard of Biro Kesra ({decree}).",
        "how": "To follow it: scan the QR code, or open {url} and type the tracking code and "
        "access token above.",
        "keep": "Keep this access token: it is given only once and cannot be shown again. Do "
        "not share it.",
        "not_letter": "This receipt is not an official letter (surat dinas): it has no "
        "number and no signature.",
        "qr": "Scan to follow",
    },
}


@dataclass(frozen=True, slots=True)
class ReceiptContent:
    """Everything a receipt prints, in the reader's language (`lang` "id" or "en"): `rows`
    are (label, value) pairs in print order (kind, code, token, received, due, channel, fee),
    `promise` the service standard's lines, `tracking_url` the QR code's target (the portal's
    /lacak page with code and token in the fragment), `notes` the closing lines. JSON-ready
    (strings and tuples of strings) for the letters function's event."""

    lang: str
    letterhead: Letterhead
    title: str
    rows: tuple[tuple[str, str], ...]
    promise_label: str
    promise: tuple[str, ...]
    how: str
    tracking_url: str
    qr_label: str
    notes: tuple[str, ...]

    def to_payload(self) -> dict[str, Any]:
        """The content as JSON-ready data (the letters function's `receipt` event)."""
        from dataclasses import asdict

        return asdict(self)

    @staticmethod
    def from_payload(data: dict[str, Any]) -> ReceiptContent:
        """The content back from `to_payload`'s data; KeyError or TypeError when a field is
        missing or extra."""
        return ReceiptContent(
            lang=data["lang"],
            letterhead=Letterhead(**data["letterhead"]),
            title=data["title"],
            rows=tuple((a, b) for a, b in data["rows"]),
            promise_label=data["promise_label"],
            promise=tuple(data["promise"]),
            how=data["how"],
            tracking_url=data["tracking_url"],
            qr_label=data["qr_label"],
            notes=tuple(data["notes"]),
        )


@dataclass(frozen=True, slots=True)
class ReceiptFacts:
    """The stored facts of one item a receipt is made of: `kind` audience | complaint, its
    tracking `code`, the `access_token` the requester holds (checked against the item's
    stored hash before this is built), `received_at` and `due_at` (aware datetimes, any
    zone), `channel` (a complaint channel code of the standard, or the audience's
    front_desk | web) and `clock_class` (audience, or a complaint class code), and
    `classified` (False while a complaint's class is the intake's provisional one)."""

    kind: str
    code: str
    access_token: str
    received_at: datetime
    due_at: datetime
    channel: str
    clock_class: str
    classified: bool


def _en(entry: dict[str, Any], key: str, lang: str) -> str:
    """`entry[key]` in `lang`: the standard's `en` block when English and present."""
    if lang == "en":
        english = entry.get("en") or {}
        if key in english:
            return str(english[key])
    return str(entry.get(key, ""))


def _service(standard: dict[str, Any], code: str) -> dict[str, Any]:
    for service in standard.get("services") or []:
        if service.get("code") == code:
            return dict(service)
    raise KeyError(f"service {code!r} is not in the service standard")


def _channel(facts: ReceiptFacts, standard: dict[str, Any], text: dict[str, str]) -> str:
    if facts.kind == "audience":
        return text.get(facts.channel, facts.channel)
    for channel in _service(standard, "complaint").get("channels") or []:
        if channel.get("code") == facts.channel:
            return _en(channel, "name", text["lang"])
    return facts.channel


def _promise(facts: ReceiptFacts, standard: dict[str, Any], text: dict[str, str]) -> list[str]:
    lang = text["lang"]
    if facts.kind == "audience":
        limit = _en(_service(standard, "audience")["completion_time"], "text", lang)
        lines = [text["audience_promise"].format(limit=_within(limit, lang))]
    else:
        classes = _service(standard, "complaint").get("classes") or []

        def line(c: dict[str, Any]) -> str:
            name, limit = _en(c, "name", lang), _en(c["limit"], "text", lang)
            return text["class_promise"].format(name=name, limit=limit)

        own = [c for c in classes if c.get("code") == facts.clock_class]
        if facts.classified and own:
            lines = [line(own[0])]
        else:
            first = own[0] if own else classes[0]
            lines = [
                text["unclassified"].format(
                    name=_en(first, "name", lang).lower(),
                    limit=_en(first["limit"], "text", lang),
                ),
                *(f"- {line(c)}" for c in classes),
            ]
    decree = str((standard.get("source") or {}).get("decree", ""))
    return [*lines, text["source"].format(decree=decree)]


def _within(limit: str, lang: str) -> str:
    """ "3 hari kerja" -> "paling lambat 3 hari kerja"; "3 working days" -> "within 3 ..."."""
    return f"within {limit}" if lang == "en" else f"paling lambat {limit}"


def tracking_url(portal_base_url: str, code: str, token: str) -> str:
    """The portal's tracking page with the code and token in the fragment (a browser never
    sends a fragment to a server or its logs): <base>/lacak#kode=<code>&token=<token>, as the
    console's printed slip (web/src/shared/links.ts trackingLink)."""
    fragment = urlencode({"kode": code, "token": token})
    return f"{portal_base_url.rstrip('/')}{TRACKING_PATH}#{fragment}"


def receipt_content(
    facts: ReceiptFacts,
    standard: dict[str, Any],
    letterhead: Letterhead,
    portal_base_url: str,
    tz: ZoneInfo,
    lang: str = "id",
) -> ReceiptContent:
    """The receipt of `facts` in `lang` ("en" English, anything else Indonesian): times in
    `tz` (the bureau's WIB) written out with long dates (timeutil.long_date_time), the
    channel's and classes' names and limits from `standard` (standar_pelayanan.json, with its
    `en` texts). KeyError when the standard lacks the item's service."""
    lang = "en" if lang == "en" else "id"
    text = {**_TEXT[lang], "lang": lang}
    url = tracking_url(portal_base_url, facts.code, facts.access_token)
    fee = _en(_service(standard, facts.kind).get("fee") or {}, "text", lang)
    rows = (
        (text["kind"], text[facts.kind]),
        (text["code"], facts.code),
        (text["token"], facts.access_token),
        (text["received"], long_date_time(facts.received_at, tz, lang)),
        (text["due"], long_date_time(facts.due_at, tz, lang)),
        (text["channel"], _channel(facts, standard, text)),
        (text["fee"], fee),
    )
    portal = portal_base_url.rstrip("/").removeprefix("https://").removeprefix("http://")
    return ReceiptContent(
        lang=lang,
        letterhead=letterhead,
        title=text["title"],
        rows=rows,
        promise_label=text["promise"],
        promise=tuple(_promise(facts, standard, text)),
        how=text["how"].format(url=f"{portal}{TRACKING_PATH}"),
        tracking_url=url,
        qr_label=text["qr"],
        notes=(text["keep"], text["not_letter"]),
    )
