"""Settings, read once from the environment.

A missing or bad setting stops the process at start with a message that names it, so a
misconfigured stage fails on its first request rather than on some later one.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

if TYPE_CHECKING:
    # The domain's rule classes load when a rule is first asked for, not at import (cold
    # start: their dataclasses cost more to define than the settings themselves).
    from chalicelib.domain.skm import SkmRules
    from chalicelib.domain.sla import SlaPolicy

APP_VERSION = "0.1.0"


class ConfigError(RuntimeError):
    """A setting is missing or invalid; the message names it."""


class Settings(BaseModel):
    """Every setting the service reads. Environment names are the field names in capitals.

    A plain pydantic model fed from the environment by `load_settings`: pydantic-settings
    would do the same for our flat, string-valued settings, but importing it costs a cold
    start about 150 ms of CPU (it loads asyncio, dotenv and its sources)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    app_env: Literal["local", "aws"]
    aws_region: str = "ap-southeast-3"
    table_name: Annotated[str, Field(min_length=3, max_length=255)] = "layanan-kesra"
    bucket_name: Annotated[str, Field(min_length=3, max_length=63)] = "layanan-kesra-uploads"
    local_jwt_secret: Annotated[str | None, Field(min_length=32)] = None
    local_jwt_issuer: str = "kesra-local"
    cursor_secret: Annotated[str, Field(min_length=32)]
    token_secret: Annotated[str, Field(min_length=32)]
    upload_sse: Literal["aws:kms", "AES256"] = "aws:kms"
    allowed_origins: Annotated[
        str,
        Field(description="Web origins that may call the public routes (CORS), comma-separated"),
    ] = ""
    cognito_user_pool_arn: str | None = None
    time_zone: str = "Asia/Pontianak"
    office_open: time = time(8, 0)
    office_close: time = time(16, 0)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    tracing_enabled: bool = False
    due_shards: Annotated[int, Field(ge=1, le=64)] = 4
    calendar_cache_seconds: Annotated[float, Field(ge=0, le=3600)] = 30.0
    sla_ringan_office_hours: bool = True
    sla_policy_json: Annotated[
        str | None,
        Field(description='Overrides, e.g. {"limits": {"normatif": [5, "working_days"]}}'),
    ] = None
    sane_time_from: Annotated[
        date, Field(description="The earliest time or date a request may carry (local)")
    ] = date(2000, 1, 1)
    sane_time_ahead_days: Annotated[
        int, Field(ge=1, le=3660, description="How far ahead of now a time may lie, in days")
    ] = 366
    track_max_failures: Annotated[
        int, Field(ge=1, le=1000, description="Wrong access tokens per code in one window")
    ] = 10
    track_failure_window_s: Annotated[
        int, Field(ge=60, le=86400, description="The window, in seconds, and how long it locks")
    ] = 900
    # The bureau's WhatsApp Business number (Cloud API, issue 19). Under `make run` the
    # secret and token are generated into .local/secrets.json unless set here.
    whatsapp_app_secret: Annotated[
        str | None, Field(description="Meta app secret: checks X-Hub-Signature-256")
    ] = None
    whatsapp_verify_token: Annotated[
        str | None, Field(description="Answers the webhook's verification (hub.verify_token)")
    ] = None
    whatsapp_access_token: str | None = None
    whatsapp_phone_number_id: str | None = None
    whatsapp_api_base: Annotated[
        str, Field(pattern=r"^https?://[A-Za-z0-9.:\[\]-]+(/[^\s]*)?$")
    ] = "https://graph.facebook.com"
    whatsapp_api_version: Annotated[str, Field(pattern=r"^v[0-9]+\.[0-9]+$")] = "v21.0"
    whatsapp_templates_json: Annotated[
        str | None,
        Field(
            description='Approved templates per notice kind, e.g. {"confirmation": '
            '["pengaduan_diterima", "id"]} (outside the 24-hour window)'
        ),
    ] = None
    inbound_email_bucket: Annotated[
        str | None, Field(description="Where SES stores the raw messages to the bureau")
    ] = None
    inbound_email_prefix: str = "inbound/"
    alert_topic_arn: str | None = None
    ses_sender: str | None = None
    alert_emails_json: str | None = None
    skm_rules_json: Annotated[
        str | None,
        Field(
            description='SKM numbers, e.g. {"margin": "0.05", "weakest_count": 3, '
            '"bands": [["D", "Tidak Baik", "64.99"], ...]}'
        ),
    ] = None
    # Reply letters (issue 20): numbering, signer, verification, signing.
    letter_number_pattern: Annotated[
        str,
        Field(description="Python format with {classification}, {sequence}, {unit}, {year}"),
    ] = "{classification}/{sequence:04d}/{unit}/{year}"
    letter_classification: Annotated[
        str, Field(min_length=1, max_length=20, description="Archive classification code")
    ] = "400.9"
    letter_unit_code: Annotated[str, Field(min_length=1, max_length=20)] = "Kesra"
    letter_place: Annotated[str, Field(min_length=1, max_length=60)] = "Pontianak"
    letter_signer_sub: Annotated[
        str | None, Field(description="The signer's sub in the staff directory (their name)")
    ] = None
    letter_signer_name: Annotated[
        str,
        Field(
            max_length=120,
            description="Used when the directory has none; empty and no sub: no signer in "
            "settings (the admin sets one in the console, else issuing is refused)",
        ),
    ] = ""
    letter_signer_position: Annotated[str, Field(min_length=1, max_length=160)] = (
        "Kepala Biro Kesejahteraan Rakyat"
    )
    letter_signer_rank: Annotated[str, Field(max_length=120)] = ""
    letter_signer_nip: Annotated[str, Field(max_length=30)] = "-"
    letter_copies: Annotated[str, Field(description="Tembusan, separated by ';'")] = (
        "Sekretaris Daerah Provinsi Kalimantan Barat"
    )
    portal_base_url: Annotated[
        str, Field(description="The citizens' portal, for the letter's verification QR code")
    ] = "http://127.0.0.1:8000"
    letter_signing_dir: Annotated[
        str | None, Field(description="Local: the bureau's self-signed key and certificate")
    ] = None
    letter_kms_key_id: Annotated[
        str | None, Field(description="AWS: the asymmetric KMS key that signs letters")
    ] = None
    letter_certificate_pem: Annotated[
        str | None, Field(description="AWS: the certificate (PEM) of the KMS key")
    ] = None
    letter_function_name: Annotated[
        str | None, Field(description="AWS: the function that builds and signs letters")
    ] = None

    @field_validator("letter_number_pattern")
    @classmethod
    def _letter_pattern(cls, value: str) -> str:
        from chalicelib.domain.letter import check_pattern

        return check_pattern(value)

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, value: str) -> str:
        for origin in (o.strip() for o in value.split(",") if o.strip()):
            if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?", origin):
                raise ValueError(f"not an origin (scheme://host[:port]): {origin!r}")
        return value

    def cors_origins(self) -> frozenset[str]:
        """ALLOWED_ORIGINS as a set, e.g. {"https://kalbarprov.go.id"}; empty: no CORS."""
        return frozenset(o.strip().lower() for o in self.allowed_origins.split(",") if o.strip())

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _mode_needs(self) -> Settings:
        if self.office_open >= self.office_close:
            raise ValueError("OFFICE_OPEN must be before OFFICE_CLOSE")
        if self.app_env == "local" and not self.local_jwt_secret:
            raise ValueError("LOCAL_JWT_SECRET is required when APP_ENV=local")
        if self.app_env == "aws" and not self.cognito_user_pool_arn:
            raise ValueError("COGNITO_USER_POOL_ARN is required when APP_ENV=aws")
        if self.app_env == "aws" and not self.alert_topic_arn:
            raise ValueError("ALERT_TOPIC_ARN is required when APP_ENV=aws")
        if self.tracing_enabled and importlib.util.find_spec("aws_xray_sdk") is None:
            raise ValueError(
                "TRACING_ENABLED needs aws-xray-sdk (add the Powertools Lambda layer); "
                "it is not bundled to keep the zip small"
            )
        # A bad SLA_POLICY_JSON or SKM_RULES_JSON fails here, at start; unset, the defaults
        # need no check (and the domain's rules need not load at import).
        if self.sla_policy_json:
            self.sla_policy()
        self.alert_emails()
        if self.whatsapp_templates_json:
            self.whatsapp_templates()
        if self.skm_rules_json:
            self.skm_rules()
        return self

    def skm_rules(self) -> SkmRules:
        """The SKM numbers: PermenPANRB 14/2017's defaults, with SKM_RULES_JSON's changes."""
        from chalicelib.domain.skm import Band, SkmRules

        base = SkmRules()
        if not self.skm_rules_json:
            return base
        try:
            data = json.loads(self.skm_rules_json)
            changes: dict[str, object] = {}
            for name in ("chi_square", "proportion", "margin"):
                if name in data:
                    changes[name] = Decimal(str(data[name]))
            for name in ("conversion", "weakest_count", "code_valid_days", "max_period_months"):
                if name in data:
                    changes[name] = int(data[name])
            if "bands" in data:
                changes["bands"] = tuple(
                    Band(str(m), str(k), Decimal(str(u))) for m, k, u in data["bands"]
                )
            rules = replace(base, **changes)  # type: ignore[arg-type]
        except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
            raise ValueError(f"SKM_RULES_JSON: {exc}") from None
        uppers = [b.upper for b in rules.bands]
        if not uppers or uppers != sorted(uppers) or not 0 < rules.margin < 1:
            raise ValueError("SKM_RULES_JSON: bands must rise and margin lie in (0, 1)")
        if not 0 < rules.proportion < 1 or rules.chi_square <= 0 or rules.weakest_count < 1:
            raise ValueError("SKM_RULES_JSON: bad proportion, chi_square or weakest_count")
        return rules

    def sla_policy(self) -> SlaPolicy:
        """The SLA numbers: domain.md's defaults, with SLA_POLICY_JSON's changes."""
        from chalicelib.domain.sla import CLOCK_CLASSES, SlaPolicy, Span

        base = SlaPolicy(office_hours_for_ringan=self.sla_ringan_office_hours)
        if not self.sla_policy_json:
            return base
        try:
            data = json.loads(self.sla_policy_json)
            changes = {
                part: {
                    **getattr(base, part),
                    **{k: Span(int(v[0]), v[1]) for k, v in data[part].items()},
                }
                for part in ("limits", "warning_leads", "followups")
                if part in data
            }
            policy = replace(base, **changes)  # type: ignore[arg-type]
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise ValueError(f"SLA_POLICY_JSON: {exc}") from None
        for part in (policy.limits, policy.warning_leads, policy.followups):
            for name, span in part.items():
                if name not in CLOCK_CLASSES or span.unit not in ("office_hours", "working_days"):
                    raise ValueError(f"SLA_POLICY_JSON: bad entry {name!r}")
                if span.amount < 1:
                    raise ValueError(f"SLA_POLICY_JSON: {name!r} must be at least 1")
        return policy

    def whatsapp_templates(self) -> dict[str, tuple[str, str]]:
        """Notice kind (or `*`) -> (approved template name, language code)."""
        from chalicelib.adapters.whatsapp_notifier import templates_from

        try:
            data = (
                json.loads(self.whatsapp_templates_json) if self.whatsapp_templates_json else None
            )
            if data is not None and not isinstance(data, dict):
                raise TypeError("not an object")
            return templates_from(data)
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise ValueError(f"WHATSAPP_TEMPLATES_JSON: {exc}") from None

    @property
    def whatsapp_sends(self) -> bool:
        """The bureau's number can send: an access token and its phone number id are set."""
        return bool(self.whatsapp_access_token and self.whatsapp_phone_number_id)

    def alert_emails(self) -> dict[str, list[str]]:
        """Recipient (role:… or staff:…) -> e-mail addresses, for SES."""
        if not self.alert_emails_json:
            return {}
        try:
            data = json.loads(self.alert_emails_json)
            return {str(k): [str(a) for a in v] for k, v in data.items()}
        except (ValueError, AttributeError, TypeError) as exc:
            raise ValueError(f"ALERT_EMAILS_JSON: {exc}") from None

    def letter_copies_list(self) -> tuple[str, ...]:
        """LETTER_COPIES as the Tembusan lines, in order."""
        return tuple(c.strip() for c in self.letter_copies.split(";") if c.strip())

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read and validate the environment (names case-insensitive); raise ConfigError naming
    each bad setting."""
    env = os.environ if environ is None else environ
    names = set(Settings.model_fields)
    values = {k.lower(): v for k, v in env.items() if k.lower() in names}
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            name = ".".join(str(p) for p in err["loc"]).upper() or "settings"
            problems.append(f"{name}: {err['msg']}")
        raise ConfigError("invalid configuration: " + "; ".join(problems)) from None


@functools.cache
def get_settings() -> Settings:
    """The settings of this process, read on first use."""
    return load_settings()
