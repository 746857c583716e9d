"""The letters function (issue 20, point 7): builds and signs one reply letter per call.

AWS runs it from its own zip (`build/package/letters.zip`, dev/letters_package.py), because
fpdf2, fontTools, pyHanko and cryptography do not fit the API's 8 MiB zip. The API invokes it
synchronously through `adapters.letter_builder.LambdaLetterBuilder`:

- event: `{"content": <letter_builder.content_payload(content)>, "draft": bool}`
- result: `{"pdf": <base64 of the PDF/A-2b bytes>}`; signed (PAdES B-B, `letter_sign.sign_pdf`)
  unless `draft` (the staff's preview, marked PRATINJAU).
- or, for the front desk's receipt (tanda terima, issue 20 point 6): event
  `{"receipt": <domain.receipt.ReceiptContent.to_payload()>}`, result `{"pdf": ...}` as
  above: one page, never signed (a receipt is not a surat dinas); no signer is made.

The signer is made once per container: the asymmetric KMS key `LETTER_KMS_KEY_ID` with its
certificate `LETTER_CERTIFICATE_PEM` (`letter_sign.kms_signer`; boto3 from the Lambda runtime,
the private key never leaves KMS), or, outside AWS, the key and certificate in
`LETTER_SIGNING_DIR` (key.pem, cert.pem; the package test signs that way). Neither set: a
draft still renders, issuing raises RuntimeError (the API then reports the letter's PDF as not
yet built and builds it on first read).

Nothing from the content is logged (it names the addressee and the signer; a receipt holds
the requester's access token). A bad event
raises KeyError, TypeError or ValueError: Lambda answers with FunctionError, which the API's
builder turns into StorageUnavailable.
"""

from __future__ import annotations

import base64
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer

_signer: Signer | None = None
_lock = threading.Lock()


def _make_signer() -> Signer:
    from chalicelib.adapters import letter_sign

    key_id = os.environ.get("LETTER_KMS_KEY_ID")
    certificate = os.environ.get("LETTER_CERTIFICATE_PEM")
    if key_id and certificate:
        from chalicelib.adapters.aws_client import client  # boto3: the Lambda runtime's

        kms = client("kms", os.environ.get("AWS_REGION", "ap-southeast-3"))
        return letter_sign.kms_signer(kms, key_id, certificate)
    directory = os.environ.get("LETTER_SIGNING_DIR")
    if directory:
        return letter_sign.local_signer(Path(directory))
    raise RuntimeError("LETTER_KMS_KEY_ID and LETTER_CERTIFICATE_PEM are needed to sign letters")


def signer() -> Signer:
    """The container's signer, made on first use (one KMS client, one certificate parse)."""
    global _signer  # noqa: PLW0603 - one per container, as Lambda reuses it
    with _lock:
        if _signer is None:
            _signer = _make_signer()
        return _signer


def handler(event: dict[str, Any], context: object = None) -> dict[str, str]:
    """Lambda entry point: the event and result in the module's docstring."""
    from chalicelib.adapters.letter_builder import InProcessLetterBuilder, content_from_payload

    if "receipt" in event:
        from chalicelib.domain.receipt import ReceiptContent

        receipt = ReceiptContent.from_payload(event["receipt"])
        pdf = InProcessLetterBuilder(signer).build_receipt(receipt)
        return {"pdf": base64.b64encode(pdf).decode("ascii")}
    content = content_from_payload(event["content"])
    draft = event.get("draft")
    if not isinstance(draft, bool):
        raise TypeError("draft must be true or false")
    pdf = InProcessLetterBuilder(signer).build(content, draft=draft)
    return {"pdf": base64.b64encode(pdf).decode("ascii")}
