"""Settings: a missing or bad one fails at start with a message that names it."""

from __future__ import annotations

import pytest

from chalicelib.config import ConfigError, load_settings


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("APP_ENV", "LOCAL_JWT_SECRET", "CURSOR_SECRET", "COGNITO_USER_POOL_ARN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CURSOR_SECRET", "c" * 40)
    monkeypatch.setenv("TOKEN_SECRET", "t" * 40)
    return monkeypatch


def test_defaults_for_the_bureau(env: pytest.MonkeyPatch) -> None:
    env.setenv("APP_ENV", "local")
    env.setenv("LOCAL_JWT_SECRET", "j" * 40)
    s = load_settings()
    assert s.aws_region == "ap-southeast-3"
    assert s.time_zone == "Asia/Pontianak"
    assert (s.office_open.hour, s.office_close.hour) == (8, 16)


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("APP_ENV", None, "APP_ENV"),
        ("APP_ENV", "prod", "APP_ENV"),
        ("LOCAL_JWT_SECRET", None, "LOCAL_JWT_SECRET"),
        ("LOCAL_JWT_SECRET", "short", "LOCAL_JWT_SECRET"),
        ("CURSOR_SECRET", "short", "CURSOR_SECRET"),
        ("TIME_ZONE", "Mars/Olympus", "TIME_ZONE"),
        ("OFFICE_OPEN", "17:00", "OFFICE_OPEN"),
        ("OFFICE_CLOSE", "not-a-time", "OFFICE_CLOSE"),
    ],
)
def test_bad_setting_is_named(
    env: pytest.MonkeyPatch, setting: str, value: str | None, named: str
) -> None:
    env.setenv("APP_ENV", "local")
    env.setenv("LOCAL_JWT_SECRET", "j" * 40)
    if value is None:
        env.delenv(setting, raising=False)
    else:
        env.setenv(setting, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert named in str(err.value)


def test_aws_mode_needs_the_user_pool(env: pytest.MonkeyPatch) -> None:
    env.setenv("APP_ENV", "aws")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "COGNITO_USER_POOL_ARN" in str(err.value)
    env.setenv("COGNITO_USER_POOL_ARN", "arn:aws:cognito-idp:ap-southeast-3:1:userpool/x")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "ALERT_TOPIC_ARN" in str(err.value)
    env.setenv("ALERT_TOPIC_ARN", "arn:aws:sns:ap-southeast-3:1:alerts")
    assert load_settings().app_env == "aws"


def test_sla_policy_defaults_and_overrides(env: pytest.MonkeyPatch) -> None:
    env.setenv("APP_ENV", "local")
    env.setenv("LOCAL_JWT_SECRET", "j" * 40)
    assert load_settings().sla_policy().limits["normatif"].amount == 5
    env.setenv("SLA_POLICY_JSON", '{"limits": {"normatif": [7, "working_days"]}}')
    policy = load_settings().sla_policy()
    assert policy.limits["normatif"].amount == 7
    assert policy.limits["pengawasan"].amount == 60  # untouched defaults stay
    for bad in (
        '{"limits": {"nope": [1, "working_days"]}}',
        '{"limits": {"ringan": [0, "office_hours"]}}',
        "not json",
    ):
        env.setenv("SLA_POLICY_JSON", bad)
        with pytest.raises(ConfigError) as err:
            load_settings()
        assert "SLA_POLICY_JSON" in str(err.value)


def test_the_accepted_time_range_is_a_setting(env: pytest.MonkeyPatch) -> None:
    env.setenv("APP_ENV", "local")
    env.setenv("LOCAL_JWT_SECRET", "j" * 40)
    s = load_settings()
    assert (s.sane_time_from.isoformat(), s.sane_time_ahead_days) == ("2000-01-01", 366)
    env.setenv("SANE_TIME_FROM", "2015-06-01")
    env.setenv("SANE_TIME_AHEAD_DAYS", "30")
    s = load_settings()
    assert (s.sane_time_from.isoformat(), s.sane_time_ahead_days) == ("2015-06-01", 30)
    env.setenv("SANE_TIME_AHEAD_DAYS", "0")
    with pytest.raises(ConfigError, match="SANE_TIME_AHEAD_DAYS"):
        load_settings()
