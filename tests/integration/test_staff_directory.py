"""The staff directory's adapters: Cognito groups (on moto's cognito-idp) and the local staff
accounts in the table, against the same expectations."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from chalicelib.adapters.dynamo import Dynamo
from chalicelib.adapters.staff_directory import (
    CognitoStaffDirectory,
    TableStaffDirectory,
    user_pool_id,
)
from dev.staff_accounts import ensure_member, load_account, save_account

PEOPLE = {"tim-1": {"complaint_team"}, "tim-2": {"complaint_team", "supervisor"}, "pj": {"admin"}}


@pytest.fixture
def cognito(aws: None) -> Iterator[tuple[Any, str]]:
    client = boto3.client("cognito-idp")
    pool = client.create_user_pool(PoolName="staff")["UserPool"]["Id"]
    for role in ("front_desk", "complaint_officer", "complaint_team", "supervisor", "admin"):
        client.create_group(GroupName=role, UserPoolId=pool)
    yield client, pool


def cognito_directory(
    client: Any, pool: str, clock: Any = None
) -> tuple[CognitoStaffDirectory, dict[str, str]]:
    subs = {}
    for name, roles in PEOPLE.items():
        user = client.admin_create_user(
            UserPoolId=pool,
            Username=name,
            UserAttributes=[{"Name": "name", "Value": f"Nama {name}"}],
        )["User"]
        subs[name] = next(a["Value"] for a in user["Attributes"] if a["Name"] == "sub")
        for role in roles:
            client.admin_add_user_to_group(UserPoolId=pool, Username=name, GroupName=role)
    kwargs = {"clock": clock} if clock else {}
    return CognitoStaffDirectory(client, pool, **kwargs), subs


def test_cognito_directory_lists_group_members_by_sub(cognito: tuple[Any, str]) -> None:
    client, pool = cognito
    directory, subs = cognito_directory(client, pool)
    team = directory.members("complaint_team")
    assert sorted(m.sub for m in team) == sorted([subs["tim-1"], subs["tim-2"]])
    both = directory.get(subs["tim-2"])
    assert both is not None and both.roles == {"complaint_team", "supervisor"}
    assert both.name == "Nama tim-2"
    assert directory.get("tim-1") is None  # the username is not the sub
    assert {m.sub for m in directory.members()} == set(subs.values())


def test_cognito_directory_is_cached_for_a_minute(cognito: tuple[Any, str]) -> None:
    client, pool = cognito
    now = [0.0]
    directory, _ = cognito_directory(client, pool, clock=lambda: now[0])
    assert len(directory.members("complaint_team")) == 2
    client.admin_create_user(UserPoolId=pool, Username="tim-3")
    client.admin_add_user_to_group(UserPoolId=pool, Username="tim-3", GroupName="complaint_team")
    assert len(directory.members("complaint_team")) == 2
    now[0] = 61.0
    assert len(directory.members("complaint_team")) == 3


def test_user_pool_id_from_arn() -> None:
    arn = "arn:aws:cognito-idp:ap-southeast-3:123456789012:userpool/ap-southeast-3_AbC"
    assert user_pool_id(arn) == "ap-southeast-3_AbC"


def test_local_accounts_in_the_table(storage: str) -> None:
    """On moto and on DynamoDB Local (the `storage` fixture)."""
    client, table = boto3.client("dynamodb"), os.environ["TABLE_NAME"]
    directory = TableStaffDirectory(Dynamo(client, table))
    for name, roles in PEOPLE.items():
        for role in roles:
            ensure_member(client, table, name, role)
    assert [m.sub for m in directory.members("complaint_team")] == ["tim-1", "tim-2"]
    assert directory.get("tim-2") is not None and directory.get("nobody") is None
    assert not ensure_member(client, table, "tim-1", "complaint_team")  # already there
    assert (
        save_account(client, table, "tim-1", {"front_desk"}, "Tim Satu", "$argon2id$x") == "updated"
    )
    member = directory.get("tim-1")
    assert member is not None and member.roles == {"complaint_team", "front_desk"}
    assert member.name == "Tim Satu"
    account = load_account(client, table, "tim-1")
    assert account is not None and account["password_hash"] == "$argon2id$x"
