"""Where letters are built: in this process (render with fpdf2, sign with pyHanko), or, in
AWS when the API's zip leaves those libraries out, by the letters function of its own
(LETTER_FUNCTION_NAME), invoked synchronously with the letter's content."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from chalicelib.domain.errors import StorageUnavailable
from chalicelib.domain.letter import LetterContent, Letterhead
from chalicelib.domain.letter import Signer as SignatureBlock
from chalicelib.domain.receipt import ReceiptContent

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer


def content_payload(content: LetterContent) -> dict[str, Any]:
    """The content as JSON-ready data (the letters function's event)."""
    data = asdict(content)
    data["date"] = content.date.isoformat()
    return data


def content_from_payload(data: dict[str, Any]) -> LetterContent:
    """The content back from `content_payload`'s data (the letters function's event, and the
    content stored with a letter). KeyError or TypeError when a field is missing or extra."""
    return LetterContent(
        kind=data["kind"],
        number=data["number"],
        date=date.fromisoformat(data["date"]),
        nature=data["nature"],
        attachment=data["attachment"],
        subject=data["subject"],
        addressee=tuple(data["addressee"]),
        paragraphs=tuple(data["paragraphs"]),
        details=tuple((a, b) for a, b in data["details"]),
        closing=data["closing"],
        signer=SignatureBlock(**data["signer"]),
        copies=tuple(data["copies"]),
        letterhead=Letterhead(**data["letterhead"]),
        verify_url=data.get("verify_url"),
    )


class InProcessLetterBuilder:
    """Renders (letter_pdf) and signs (letter_sign) here; `signer` is made on first use."""

    def __init__(self, signer: Callable[[], Signer]) -> None:
        self._make_signer = signer
        self._signer: Signer | None = None
        self._lock = threading.Lock()

    def build(self, content: LetterContent, draft: bool) -> bytes:
        """PDF/A-2b bytes; signed with PAdES unless `draft`."""
        from chalicelib.adapters.letter_pdf import render
        from chalicelib.adapters.letter_sign import sign_pdf

        pdf = render(content, draft=draft)
        if draft:
            return pdf
        with self._lock:  # made once, whichever thread comes first
            if self._signer is None:
                self._signer = self._make_signer()
        reason = f"{content.subject} nomor {content.number}"
        return sign_pdf(pdf, self._signer, content.signer.name, content.letterhead.place, reason)

    def build_receipt(self, content: ReceiptContent) -> bytes:
        """The receipt's one-page PDF/A-2b (receipt_pdf; never signed, needs no signer)."""
        from chalicelib.adapters.receipt_pdf import render_receipt

        return render_receipt(content)


class LambdaLetterBuilder:
    """Asks the letters function (its own zip with fpdf2, pyHanko and cryptography) to build
    the letter: event {"content": ..., "draft": bool} -> {"pdf": base64} (a receipt:
    {"receipt": ...} -> {"pdf": base64}). StorageUnavailable
    when it fails (the letter is already issued; its PDF is built on first read)."""

    def __init__(self, lambda_client: Any, function_name: str) -> None:
        self._client = lambda_client
        self._name = function_name

    def build(self, content: LetterContent, draft: bool) -> bytes:
        return self._invoke({"content": content_payload(content), "draft": draft})

    def build_receipt(self, content: ReceiptContent) -> bytes:
        """The receipt, by the letters function: event {"receipt": ...} -> {"pdf": base64}."""
        return self._invoke({"receipt": content.to_payload()})

    def _invoke(self, event: dict[str, Any]) -> bytes:
        out = self._client.invoke(
            FunctionName=self._name, Payload=json.dumps(event, ensure_ascii=False).encode()
        )
        body = json.loads(out["Payload"].read())
        if out.get("FunctionError") or "pdf" not in body:
            raise StorageUnavailable("letters function failed", aws_code="LetterBuild")
        return base64.b64decode(body["pdf"])
