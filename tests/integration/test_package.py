"""The packaged AWS template: every resource the code uses, the authorizer on exactly the
admin routes, and an IAM policy that grants what the code calls and no write it does not."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from botocore import xform_name
from botocore.session import get_session

from chalicelib.adapters.schema import table_definition
from tests.conftest import ROOT

BUILT = ROOT / "build" / "package" / "sam.yaml"


def _cfn_loader() -> type[yaml.SafeLoader]:
    class Loader(yaml.SafeLoader):
        pass

    def tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
        name = "Ref" if suffix == "Ref" else f"Fn::{suffix}"
        if isinstance(node, yaml.ScalarNode):
            return {name: loader.construct_scalar(node)}
        if isinstance(node, yaml.SequenceNode):
            return {name: loader.construct_sequence(node, deep=True)}
        return {name: loader.construct_mapping(node, deep=True)}  # type: ignore[arg-type]

    Loader.add_multi_constructor("!", tag)
    return Loader


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`make package` builds it before the tests; a lone pytest run packages it here."""
    path = BUILT
    if not path.exists():
        out = tmp_path_factory.mktemp("package")
        env = {**os.environ, "AWS_DEFAULT_REGION": "ap-southeast-3"}
        subprocess.run(
            [
                str(Path(sys.executable).parent / "chalice"),
                "package",
                "--stage",
                "prod",
                "--merge-template",
                "infra/resources.yaml",
                "--template-format",
                "yaml",
                str(out),
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=600,
        )
        path = out / "sam.yaml"
    loaded: dict[str, Any] = yaml.load(path.read_text(), Loader=_cfn_loader())  # noqa: S506 - SafeLoader subclass
    return loaded


def resources(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in template["Resources"].items() if v["Type"] == kind}


def test_table_matches_the_data_model_exactly(template: dict[str, Any]) -> None:
    (table,) = resources(template, "AWS::DynamoDB::Table").values()
    props = table["Properties"]
    code = table_definition("x")
    assert props["KeySchema"] == code["KeySchema"]
    assert sorted(props["AttributeDefinitions"], key=str) == sorted(
        code["AttributeDefinitions"], key=str
    )
    assert props["GlobalSecondaryIndexes"] == code["GlobalSecondaryIndexes"]
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert props["SSESpecification"]["SSEEnabled"] is True
    assert props["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert props["DeletionProtectionEnabled"] is True


def test_bucket_is_private_encrypted_versioned_tls_only_with_lifecycle(
    template: dict[str, Any],
) -> None:
    props = template["Resources"]["UploadBucket"]["Properties"]  # the web bucket: test_web_template
    assert (
        all(props["PublicAccessBlockConfiguration"].values())
        and len(props["PublicAccessBlockConfiguration"]) == 4
    )
    rule = props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0][
        "ServerSideEncryptionByDefault"
    ]
    assert rule["SSEAlgorithm"] == "aws:kms" and rule["KMSMasterKeyID"] == {
        "Fn::GetAtt": ["UploadKey", "Arn"]
    }
    assert props["VersioningConfiguration"] == {"Status": "Enabled"}
    lifecycle = {r["Id"]: r for r in props["LifecycleConfiguration"]["Rules"]}
    assert lifecycle["unverified-uploads-expire"]["Prefix"] == "quarantine/"
    assert lifecycle["unverified-uploads-expire"]["ExpirationInDays"] == 1
    assert lifecycle["identity-documents-retention"]["ExpirationInDays"] == {
        "Ref": "IdentityRetentionDays"
    }
    assert props["CorsConfiguration"]["CorsRules"][0]["AllowedMethods"] == ["POST"]
    policy = template["Resources"]["UploadBucketPolicy"]
    deny = policy["Properties"]["PolicyDocument"]["Statement"][0]
    assert deny["Effect"] == "Deny" and deny["Condition"] == {
        "Bool": {"aws:SecureTransport": "false"}
    }
    assert resources(template, "AWS::KMS::Key")


def test_user_pool_groups_topic_alarms_and_dead_letters(template: dict[str, Any]) -> None:
    groups = {
        g["Properties"]["GroupName"]
        for g in resources(template, "AWS::Cognito::UserPoolGroup").values()
    }
    assert groups == {"front_desk", "complaint_officer", "complaint_team", "supervisor", "admin"}
    assert resources(template, "AWS::Cognito::UserPoolClient")
    assert resources(template, "AWS::SNS::Topic")
    alarms = {
        a["Properties"]["MetricName"]
        for a in resources(template, "AWS::CloudWatch::Alarm").values()
    }
    assert alarms == {
        "SlaSweepFailures",
        "SlaBreaches",
        "5XXError",
        "ApproximateNumberOfMessagesVisible",
    }
    sweep = template["Resources"]["SlaSweep"]["Properties"]
    event = sweep["Events"]["SlaSweepEvent"]["Properties"]
    assert event["Schedule"] == "rate(5 minutes)"
    assert event["RetryPolicy"]["MaximumRetryAttempts"] == 2 and event["DeadLetterConfig"]
    assert sweep["EventInvokeConfig"]["DestinationConfig"]["OnFailure"]["Type"] == "SQS"
    responses = {
        r["Properties"]["ResponseType"]
        for r in resources(template, "AWS::ApiGateway::GatewayResponse").values()
    }
    assert {"UNAUTHORIZED", "ACCESS_DENIED", "MISSING_AUTHENTICATION_TOKEN"} <= responses


def test_functions_point_at_the_stack_resources(template: dict[str, Any]) -> None:
    for name in ("APIHandler", "SlaSweep"):
        env = template["Resources"][name]["Properties"]["Environment"]["Variables"]
        assert env["APP_ENV"] == "aws"
        bucket = template["Resources"]["UploadBucket"]["Properties"]["BucketName"]
        assert env["TABLE_NAME"] == {"Ref": "KesraTable"} and env["BUCKET_NAME"] == bucket
        assert env["COGNITO_USER_POOL_ARN"] == {"Fn::GetAtt": ["StaffUserPool", "Arn"]}
        assert "resolve:secretsmanager" in str(env["CURSOR_SECRET"]) and "replaced" not in str(env)


def test_every_admin_method_has_the_cognito_authorizer_and_no_public_one_does(
    template: dict[str, Any],
) -> None:
    body = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
    authorizer = body["securityDefinitions"]["StaffAuthorizer"]["x-amazon-apigateway-authorizer"]
    assert authorizer["type"] == "cognito_user_pools"
    assert authorizer["providerARNs"] == [{"Fn::GetAtt": ["StaffUserPool", "Arn"]}]
    admin = public = 0
    for path, methods in body["paths"].items():
        for method, op in methods.items():
            if method == "options":
                continue
            if path.startswith("/v1/admin"):
                admin += 1
                assert op.get("security") == [{"StaffAuthorizer": []}], (method, path)
            else:
                public += 1
                assert "security" not in op, (method, path)
    assert admin > 20 and public >= 8


# --- least privilege --------------------------------------------------------------------

SERVICES = ("dynamodb", "s3", "sns", "ses", "cognito-idp")
TRANSACTION_PARTS = {
    "Put": "dynamodb:PutItem",
    "Update": "dynamodb:UpdateItem",
    "Delete": "dynamodb:DeleteItem",
    "ConditionCheck": "dynamodb:ConditionCheckItem",
}
NOT_IAM = {"dynamodb:TransactWriteItems", "s3:HeadObject"}  # parts checked below; HEAD is GetObject
# What a call needs beyond its own name.
ALSO = {
    "s3:HeadObject": {"s3:GetObject"},
    "s3:PutObject": {"kms:GenerateDataKey"},
    "s3:GetObject": {"kms:Decrypt"},
}
# Powertools' idempotency utility (our DynamoDB table) makes these calls for us.
LIBRARY_CALLS = {
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
}
# Runtime needs that no line of ours calls.
PLATFORM = {
    "logs:CreateLogGroup",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "sqs:SendMessage",
}
WRITE = re.compile(
    r":(Put|Update|Delete|Create|Publish|Send|Generate|Transact|Batch|ConditionCheck)"
)


def code_calls() -> set[str]:
    """Every AWS call chalicelib makes: client methods named like an operation of the
    services we use, presigned requests, and the parts of our transactions."""
    session = get_session()
    operations = {
        xform_name(op): f"{svc}:{op}"
        for svc in SERVICES
        for op in session.get_service_model(svc).operation_names
    }
    calls: set[str] = set()
    for path in (ROOT / "chalicelib").rglob("*.py"):
        text = path.read_text()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                name = node.func.attr
                if name in operations and re.search(r"client", ast.unparse(node.func.value)):
                    calls.add(operations[name])
                if name == "generate_presigned_post":
                    calls.add("s3:PutObject")
                if (
                    name == "generate_presigned_url"
                    and node.args
                    and getattr(node.args[0], "value", "") == "get_object"
                ):
                    calls.add("s3:GetObject")
        if "adapters" in path.parts:
            calls |= {
                iam for part, iam in TRANSACTION_PARTS.items() if re.search(rf'"{part}": {{', text)
            }
    expanded = set(calls)
    for call in calls:
        expanded |= ALSO.get(call, set())
    return (expanded - NOT_IAM) | LIBRARY_CALLS


def granted(template: dict[str, Any], role: str) -> set[str]:
    actions: set[str] = set()
    for policy in template["Resources"][role]["Properties"]["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            assert statement["Effect"] == "Allow"
            assert "*" not in "".join(statement["Action"]), statement
            actions |= set(statement["Action"])
    return actions


def test_the_inventory_finds_the_calls_we_know_about() -> None:
    calls = code_calls()
    assert {
        "dynamodb:Query",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "s3:PutObject",
        "s3:GetObject",
        "s3:DeleteObject",
        "sns:Publish",
        "ses:SendRawEmail",
        "cognito-idp:ListUsersInGroup",
    } <= calls
    assert "dynamodb:Scan" not in calls


def test_api_role_grants_every_call_and_no_unused_write(template: dict[str, Any]) -> None:
    allowed = granted(template, "ApiHandlerRole")
    calls = code_calls()
    assert calls - allowed == set(), "the code calls what the policy does not grant"
    unused_writes = {a for a in allowed - calls - PLATFORM if WRITE.search(a)}
    assert unused_writes == set(), "the policy grants writes no code makes"


def test_sweep_role_is_narrower_and_enough_for_the_sweep(template: dict[str, Any]) -> None:
    sweep, api = granted(template, "SlaSweepRole"), granted(template, "ApiHandlerRole")
    assert sweep <= api | {"sqs:SendMessage"}
    assert {
        "dynamodb:Query",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "sns:Publish",
        "ses:SendRawEmail",
    } <= sweep
    # the sweep touches no upload: of the bucket only the signed letters, which the
    # requester's e-mails attach (read, or stored when their first build had failed)
    statements = template["Resources"]["SlaSweepRole"]["Properties"]["Policies"][0][
        "PolicyDocument"
    ]["Statement"]
    s3 = [s for s in statements if any(a.startswith("s3:") for a in s["Action"])]
    assert [sorted(s["Action"]) for s in s3] == [["s3:GetObject", "s3:PutObject"]]
    assert str(s3[0]["Resource"]).endswith("/letters/*'}")
    kms = [s for s in statements if any(a.startswith("kms:") for a in s["Action"])]
    assert sorted(str(s["Resource"]) for s in kms) == [
        str({"Fn::GetAtt": ["DataKey", "Arn"]}),
        str({"Fn::GetAtt": ["UploadKey", "Arn"]}),
    ]


def _statements(template: dict[str, Any], role: str) -> list[dict[str, Any]]:
    policies = template["Resources"][role]["Properties"]["Policies"]
    return [s for p in policies for s in p["PolicyDocument"]["Statement"]]


def test_the_letters_function_signs_with_its_key_only_and_only_the_api_and_sweep_invoke_it(
    template: dict[str, Any],
) -> None:
    resources = template["Resources"]
    letters = resources["LettersFunction"]["Properties"]
    assert letters["CodeUri"] == "./letters.zip"
    assert letters["Handler"] == "chalicelib.letters_function.handler"
    assert (ROOT / "chalicelib" / "letters_function.py").exists()
    key = {"Fn::GetAtt": ["LetterSigningKey", "Arn"]}
    assert letters["Environment"]["Variables"]["LETTER_KMS_KEY_ID"] == key
    assert letters["Environment"]["Variables"]["LETTER_CERTIFICATE_PEM"] == {
        "Ref": "LetterCertificatePem"
    }
    signing = resources["LetterSigningKey"]["Properties"]
    assert (signing["KeySpec"], signing["KeyUsage"]) == ("RSA_2048", "SIGN_VERIFY")
    own = _statements(template, "LettersRole")
    actions = {a for s in own for a in s["Action"]}
    assert actions == {
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "kms:Sign",
        "kms:GetPublicKey",
        "kms:Decrypt",
    }  # no table, no bucket: it gets the content and returns the PDF
    assert [s["Resource"] for s in own if "kms:Sign" in s["Action"]] == [key]
    for role, function in (("ApiHandlerRole", "APIHandler"), ("SlaSweepRole", "SlaSweep")):
        invoke = [s for s in _statements(template, role) if "lambda:InvokeFunction" in s["Action"]]
        assert [s["Resource"] for s in invoke] == [{"Fn::GetAtt": ["LettersFunction", "Arn"]}]
        env = resources[function]["Properties"]["Environment"]["Variables"]
        assert env["LETTER_FUNCTION_NAME"] == {"Ref": "LettersFunction"}
    for role in ("ApiHandlerRole", "SlaSweepRole", "InboundEmailRole"):
        assert "kms:Sign" not in {a for s in _statements(template, role) for a in s["Action"]}


def test_the_projects_own_key_encrypts_table_secrets_settings_queue_and_logs(
    template: dict[str, Any],
) -> None:
    res = template["Resources"]
    key = {"Ref": "DataKey"}
    key_arn = {"Fn::GetAtt": ["DataKey", "Arn"]}
    assert res["DataKey"]["Properties"]["EnableKeyRotation"] is True
    assert res["KesraTable"]["Properties"]["SSESpecification"]["KMSMasterKeyId"] == key
    assert res["CursorSecret"]["Properties"]["KmsKeyId"] == key
    assert res["TokenSecret"]["Properties"]["KmsKeyId"] == key
    assert res["SweepDeadLetters"]["Properties"]["KmsMasterKeyId"] == key
    assert res["ApiAccessLogs"]["Properties"]["KmsKeyId"] == key_arn
    for name in ("APIHandler", "SlaSweep"):
        props = res[name]["Properties"]
        assert props["KmsKeyArn"] == key_arn and props["ReservedConcurrentExecutions"]


def test_api_stage_is_throttled_traced_and_logged_without_query_strings(
    template: dict[str, Any],
) -> None:
    api = template["Resources"]["RestAPI"]["Properties"]
    assert api["TracingEnabled"] is True
    (settings,) = api["MethodSettings"]
    assert settings["ThrottlingRateLimit"] == {"Ref": "ApiThrottleRate"}
    assert settings["ThrottlingBurstLimit"] == {"Ref": "ApiThrottleBurst"}
    assert settings["DataTraceEnabled"] is False  # execution logs would hold bodies
    log_format = api["AccessLogSetting"]["Format"]
    assert "$context.resourcePath" in log_format
    for leaky in ("$context.path", "querystring", "$input", "authorizer.claims"):
        assert leaky not in log_format


def test_a_rate_rule_per_address_guards_the_public_routes_by_default(
    template: dict[str, Any],
) -> None:
    params, res = template["Parameters"], template["Resources"]
    assert params["EnableWaf"]["Default"] == "true"
    assert res["WebAcl"]["Condition"] == res["WebAclAssociation"]["Condition"] == "WafEnabled"
    rules = {r["Name"]: r for r in res["WebAcl"]["Properties"]["Rules"]}
    rate = rules["public-routes-per-address"]["Statement"]["RateBasedStatement"]
    assert rate["AggregateKeyType"] == "IP" and rate["Limit"] == {"Ref": "WafRateLimit"}
    admin = rate["ScopeDownStatement"]["NotStatement"]["Statement"]["ByteMatchStatement"]
    assert admin["SearchString"] == "/v1/admin/"  # everything else is public
    assert "/restapis/${RestAPI}/stages/api" in str(res["WebAclAssociation"]["Properties"])


def test_every_checkov_skip_says_why() -> None:
    """`make checkov` fails on any finding; a skip is allowed only with its reason."""
    text = (ROOT / "infra" / "resources.yaml").read_text()
    doc = yaml.load(text, Loader=_cfn_loader())  # noqa: S506 - our own loader, SafeLoader-based
    skips = [
        skip
        for resource in doc["Resources"].values()
        for skip in ((resource.get("Metadata") or {}).get("checkov") or {}).get("skip", [])
    ]
    assert skips, "the template documents its skips"
    for skip in skips:
        assert skip["id"].startswith("CKV")
        assert len(skip.get("comment", "").split()) >= 5, skip
