"""Settings, read once from the environment.

A missing or bad setting stops the process at start with a message that names it, so a
misconfigured stage fails on its first request rather than on some later one.
"""

from __future__ import annotations

import functools
from datetime import time
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_VERSION = "0.1.0"


class ConfigError(RuntimeError):
    """A setting is missing or invalid; the message names it."""


class Settings(BaseSettings):
    """Every setting the service reads. Environment names are the field names in capitals."""

    model_config = SettingsConfigDict(case_sensitive=False, extra="ignore", frozen=True)

    app_env: Literal["local", "aws"]
    aws_region: str = "ap-southeast-3"
    table_name: Annotated[str, Field(min_length=3, max_length=255)] = "layanan-kesra"
    bucket_name: Annotated[str, Field(min_length=3, max_length=63)] = "layanan-kesra-uploads"
    local_jwt_secret: Annotated[str | None, Field(min_length=32)] = None
    local_jwt_issuer: str = "kesra-local"
    cursor_secret: Annotated[str, Field(min_length=32)]
    cognito_user_pool_arn: str | None = None
    time_zone: str = "Asia/Pontianak"
    office_open: time = time(8, 0)
    office_close: time = time(16, 0)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    tracing_enabled: bool = False

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
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


def load_settings() -> Settings:
    """Read and validate the environment; raise ConfigError naming each bad setting."""
    try:
        return Settings()  # type: ignore[call-arg]
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
