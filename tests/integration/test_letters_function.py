"""The letters function as AWS runs it, on moto: its signer is the asymmetric KMS key with the
certificate from settings (letter_sign.kms_signer), and the API's LambdaLetterBuilder speaks
its contract (event {"content", "draft"} -> {"pdf": base64}) end to end."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib import letters_function
from chalicelib.adapters.letter_builder import LambdaLetterBuilder
from chalicelib.domain.errors import StorageUnavailable


@pytest.fixture
def kms_letters(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """An RSA_2048 SIGN_VERIFY key on moto, and a certificate for its public half issued by a
    test CA (as the bureau's CA or BSrE would); the CA's certificate is yielded (trust root)."""
    import boto3
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from moto import mock_aws

    with mock_aws():
        kms = boto3.client("kms")
        key_id = kms.create_key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["Arn"]
        public = serialization.load_der_public_key(kms.get_public_key(KeyId=key_id)["PublicKey"])
        ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA Uji")])
        now = datetime.now(UTC)
        ca = (
            x509.CertificateBuilder()
            .subject_name(ca_name)
            .issuer_name(ca_name)
            .public_key(ca_key.public_key())
            .serial_number(1)
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(ca_key, hashes.SHA256())
        )
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Biro Kesejahteraan Rakyat")])
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(ca_name)
            .public_key(public)  # type: ignore[arg-type]
            .serial_number(2)
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30))
            .add_extension(  # what a signing certificate asserts (pyHanko checks it)
                x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                critical=True,
            )
            .sign(ca_key, hashes.SHA256())
        )
        monkeypatch.setenv("LETTER_KMS_KEY_ID", key_id)
        pem = cert.public_bytes(serialization.Encoding.PEM).decode()
        monkeypatch.setenv("LETTER_CERTIFICATE_PEM", pem)
        monkeypatch.delenv("LETTER_SIGNING_DIR", raising=False)
        monkeypatch.setattr(letters_function, "_signer", None)
        yield ca
    letters_function._signer = None


class _Invoked:
    """Lambda's Invoke as the API's boto3 client sees it, running the handler in this process
    (moto would need Docker to run a function): the JSON payload crosses as bytes both ways."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def invoke(self, FunctionName: str, Payload: bytes) -> dict[str, Any]:
        self.names.append(FunctionName)
        try:
            body: Any = letters_function.handler(json.loads(Payload))
            extra: dict[str, Any] = {}
        except Exception as exc:  # Lambda reports any exception this way
            body, extra = {"errorType": type(exc).__name__}, {"FunctionError": "Unhandled"}
        return {"StatusCode": 200, "Payload": io.BytesIO(json.dumps(body).encode()), **extra}


def _validate(pdf: bytes, root: Any) -> tuple[bool, bool, str]:
    from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    trust = asn1_x509.Certificate.load(root.public_bytes(serialization.Encoding.DER))
    ctx = ValidationContext(trust_roots=[trust])
    sig = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures[0]
    status = validate_pdf_signature(sig, ctx)
    return status.bottom_line, status.intact, sig.signer_cert.subject.human_friendly


def test_the_handler_signs_with_the_kms_key_and_the_signature_validates(kms_letters: Any) -> None:
    from bench.letters_bench import _content

    client = _Invoked()
    builder = LambdaLetterBuilder(client, "layanan-kesra-prod-letters")
    pdf = builder.build(_content(), draft=False)  # type: ignore[arg-type]
    assert client.names == ["layanan-kesra-prod-letters"]
    valid, intact, signer = _validate(pdf, kms_letters)
    assert (valid, intact) == (True, True)
    assert "Biro Kesejahteraan Rakyat" in signer
    changed = bytearray(pdf)
    changed[pdf.index(b"Layanan Kesra")] ^= 0x01
    assert _validate(bytes(changed), kms_letters)[0] is False
    draft = builder.build(_content(), draft=True)  # type: ignore[arg-type]
    assert b"/ByteRange" not in draft


def test_a_failing_function_is_storage_unavailable_for_the_api(
    kms_letters: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench.letters_bench import _content

    monkeypatch.setenv("LETTER_CERTIFICATE_PEM", "")  # deployed before its certificate was set
    builder = LambdaLetterBuilder(_Invoked(), "layanan-kesra-prod-letters")
    with pytest.raises(StorageUnavailable):
        builder.build(_content(), draft=False)  # type: ignore[arg-type]
    assert builder.build(_content(), draft=True).startswith(b"%PDF-")  # type: ignore[arg-type]


def test_without_a_key_or_certificate_a_letter_is_not_signed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("LETTER_KMS_KEY_ID", "LETTER_CERTIFICATE_PEM", "LETTER_SIGNING_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(letters_function, "_signer", None)
    from bench.letters_bench import _content
    from chalicelib.adapters.letter_builder import content_payload

    event = {"content": content_payload(_content()), "draft": False}  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="LETTER_CERTIFICATE_PEM"):
        letters_function.handler(event)
    assert letters_function.handler(dict(event, draft=True))["pdf"]  # previews still render
