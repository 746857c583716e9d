"""PAdES signatures on letters (pyHanko), behind one port: `sign(pdf) -> signed pdf`.

- `LocalCertificateSigner`: `make run`'s bureau certificate, self-signed, made once into the
  state directory (`.local/letter-signing/`: key.pem, cert.pem).
- `KmsSigner`: in AWS, an asymmetric KMS key (RSA_2048, RSASSA_PKCS1_V1_5_SHA_256) signs the
  CMS digest; the private key never leaves KMS. The certificate (PEM) comes from settings.
  It is a pyHanko `Signer` whose `async_sign_raw` calls KMS: pyHanko's interface for keys it
  cannot hold.
- The national electronic-signature service (BSrE) plugs in the same way: a `Signer` whose
  `async_sign_raw` sends the digest to BSrE's signing API, with the BSrE-issued certificate
  (README: "Signing letters").

pyHanko and cryptography load only when a letter is signed (cold start).
"""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer

FIELD = "TandaTanganElektronik"


def sign_pdf(pdf: bytes, signer: Signer, name: str, location: str, reason: str) -> bytes:
    """`pdf` with an invisible PAdES B-B signature (ETSI.CAdES.detached, SHA-256) in the
    field TandaTanganElektronik, appended as an incremental update (PDF/A-2b allows it)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=name,
        location=location,
        reason=reason,
    )
    out = signers.PdfSigner(meta, signer=signer).sign_pdf(writer)
    return bytes(out.getbuffer())


def self_signed_certificate(directory: Path, common_name: str, organization: str) -> None:
    """Make `directory`/key.pem and cert.pem once (RSA 2048, 10 years, digitalSignature and
    nonRepudiation): the local bureau certificate. Kept when present."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key_path, cert_path = directory / "key.pem", directory / "cert.pem"
    if key_path.exists() and cert_path.exists():
        return
    directory.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    tmp = key_path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    tmp.chmod(0o600)
    tmp.replace(key_path)
    tmp_cert = cert_path.with_suffix(f".{os.getpid()}.tmp")
    tmp_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    tmp_cert.replace(cert_path)


def local_signer(directory: Path) -> Signer:
    """A pyHanko SimpleSigner from `directory`/key.pem and cert.pem."""
    from pyhanko.sign import signers

    signer: Signer | None = signers.SimpleSigner.load(  # type: ignore[no-untyped-call]
        str(directory / "key.pem"), str(directory / "cert.pem"), ca_chain_files=()
    )
    if signer is None:
        raise RuntimeError(f"cannot load the letter signing key from {directory}")
    return signer


def kms_signer(kms_client: Any, key_id: str, certificate_pem: str) -> Signer:
    """A pyHanko Signer whose raw signature is KMS Sign (RSASSA_PKCS1_V1_5_SHA_256) of the
    signed attributes: `kms_client` is boto3's KMS client, `key_id` the key's ARN or alias,
    `certificate_pem` the certificate of that key's public half."""
    from asn1crypto import algos  # type: ignore[import-untyped]
    from pyhanko.keys import load_certs_from_pemder_data
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = next(iter(load_certs_from_pemder_data(certificate_pem.encode())))

    class KmsSigner(signers.Signer):
        async def async_sign_raw(
            self, data: bytes, digest_algorithm: str, dry_run: bool = False
        ) -> bytes:
            if dry_run:
                return bytes(256)
            out = kms_client.sign(
                KeyId=key_id,
                Message=data,
                MessageType="RAW",
                SigningAlgorithm="RSASSA_PKCS1_V1_5_SHA_256",
            )
            return bytes(out["Signature"])

    return KmsSigner(
        signing_cert=cert,
        cert_registry=SimpleCertificateStore.from_certs([cert]),  # type: ignore[no-untyped-call]
        signature_mechanism=algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"}),
    )
