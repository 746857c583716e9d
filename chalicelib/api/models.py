"""Response models shared across blueprints."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class FieldErrorModel(BaseModel):
    model_config = ConfigDict(defer_build=True)

    field: str
    message: str
    reason: Annotated[
        str | None,
        Field(
            description="Only on 422 upload_invalid: why the file was refused, a stable word "
            "(e.g. file_damaged, pdf_encrypted, empty, expired)"
        ),
    ] = None


class Problem(BaseModel):
    """RFC 9457 problem details (application/problem+json)."""

    model_config = ConfigDict(title="Problem", defer_build=True)

    type: str
    title: str
    status: int
    detail: str
    code: Annotated[str, Field(description="Stable machine word, e.g. validation_failed")]
    errors: list[FieldErrorModel] | None = None
    request_id: Annotated[str | None, Field(description="Only on 5xx")] = None


class Health(BaseModel):
    model_config = ConfigDict(defer_build=True)

    status: str
    version: str
