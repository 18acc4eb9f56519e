"""A throwaway PostgreSQL server for the tests, started from the installed server programs.

Found (in this order): the folder in KYOGIKAI_PG_BIN; `initdb` on PATH; the newest
/usr/lib/postgresql/*/bin (Debian keeps the server programs there, off PATH); the newest
Program Files\\PostgreSQL\\*\\bin on Windows. The server runs in a fresh temporary folder,
listens on a socket in that folder only (no TCP) where the platform has sockets, else on
the loopback address at a free port; fsync off for the tests (`durable=True`, for a
benchmark, keeps PostgreSQL's own durable settings); stopped (immediately) at the end.

initdb and postgres refuse to run as root: as root, the server runs as the `postgres`
system user (runuser), its data folder owned by that user, the folders above it
traversable. With KYOGIKAI_REQUIRE_POSTGRES=1 (CI) a missing server is a failure, never
a skip.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REQUIRE = "KYOGIKAI_REQUIRE_POSTGRES"
BIN_ENV = "KYOGIKAI_PG_BIN"
SUPERUSER = "postgres"


def _version_key(path: str) -> tuple[int, ...]:
    digits = [part for part in Path(path).parent.name.split(".") if part.isdigit()]
    return tuple(int(d) for d in digits) or (0,)


def find_binaries() -> Path | None:
    """The folder of `initdb`, `pg_ctl` and `postgres`, or None when there is none."""
    given = os.environ.get(BIN_ENV)
    if given:
        return Path(given)
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    exe = ".exe" if os.name == "nt" else ""
    patterns = [
        "/usr/lib/postgresql/*/bin",
        "/usr/local/pgsql/bin",
        "/opt/homebrew/opt/postgresql*/bin",
    ]
    for root in filter(None, (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMW6432"))):
        patterns.append(os.path.join(root, "PostgreSQL", "*", "bin"))
    for pattern in patterns:
        found = [p for p in glob.glob(pattern) if os.path.isfile(os.path.join(p, "initdb" + exe))]
        if found:
            return Path(max(found, key=lambda p: _version_key(os.path.join(p, "x"))))
    return None


@dataclass
class Server:
    """A running throwaway server: `url(dbname)` names a database on it."""

    bindir: Path
    root: Path
    data: Path
    host: str  # the socket folder, or 127.0.0.1
    port: int
    as_user: list[str]  # the command prefix that runs a program as the server's owner

    def url(self, dbname: str) -> str:
        if self.host.startswith("/"):
            return f"postgresql://{SUPERUSER}@/{dbname}?host={self.host}&port={self.port}"
        return f"postgresql://{SUPERUSER}@{self.host}:{self.port}/{dbname}"

    def psql(self, sql: str, dbname: str = "postgres") -> str:
        """Run `sql` as the superuser (through the server's own client programs)."""
        psql = self.bindir / ("psql.exe" if os.name == "nt" else "psql")
        if not psql.exists():
            psql = Path(shutil.which("psql") or "psql")
        done = subprocess.run(
            [str(psql), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", self.host,
             "-p", str(self.port), "-U", SUPERUSER, "-d", dbname, "-c", sql],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"psql failed: {done.stderr}")
        return done.stdout

    def execute(self, sql: str, dbname: str = "postgres") -> list[tuple[object, ...]]:
        """Run `sql` as the superuser outside any transaction; its rows, if any."""
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            cursor = conn.execute(sql)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def create_database(self, prefix: str = "t", template: str = "template0") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop_database(self, name: str) -> None:
        with contextlib.suppress(Exception):
            self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        pg_ctl = self.bindir / ("pg_ctl.exe" if os.name == "nt" else "pg_ctl")
        subprocess.run(
            [*self.as_user, str(pg_ctl), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
            capture_output=True, timeout=60, check=False,
        )  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(bindir: Path, *, durable: bool = False) -> Server:
    """Start a server from the programs in `bindir` in a new temporary folder: fsync off
    (the tests), or with every commit on the disk as a real server has it (`durable`)."""
    exe = ".exe" if os.name == "nt" else ""
    root = Path(tempfile.mkdtemp(prefix="kyogikai-pg-"))
    data = root / "data"
    as_user: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        owner = pwd.getpwnam(SUPERUSER)
        runuser = shutil.which("runuser")
        as_user = (
            [runuser, "-u", SUPERUSER, "--"]
            if runuser
            else ["su", SUPERUSER, "-s", "/bin/sh", "-c"]
        )
        os.chmod(root, 0o755)  # traversable by the server's user; its data folder is its own
        data.mkdir(mode=0o700)
        os.chown(data, owner.pw_uid, owner.pw_gid)
    unix = hasattr(socket, "AF_UNIX") and os.name != "nt"
    host = str(data) if unix else "127.0.0.1"
    port = 5432 if unix else _free_port()  # a socket in our own folder cannot collide
    log = root / "server.log"
    if as_user:
        log.touch()
        os.chown(log, pwd.getpwnam(SUPERUSER).pw_uid, -1)

    def run(*args: str) -> None:
        command = [*as_user, *args] if not as_user or as_user[0] != "su" else [
            *as_user, " ".join(f"'{a}'" for a in args)
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stdout}{done.stderr}{detail}")

    run(str(bindir / f"initdb{exe}"), "-D", str(data), "-A", "trust", "-U", SUPERUSER,
        "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
    listen = "''" if unix else "127.0.0.1"
    fast = ""  # a benchmark: PostgreSQL's own defaults, every commit on the disk
    if not durable:  # the tests: nothing forced to disk, small buffers
        fast = " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        fast += " -c shared_buffers=32MB"
    options = f"-c listen_addresses={listen} -p {port} -c max_connections=60{fast}" + (
        f" -k {data}" if unix else " -k ''"
    )
    run(str(bindir / f"pg_ctl{exe}"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
        "-o", options, "start")  # fmt: skip
    return Server(bindir, root, data, host, port, as_user)


@contextlib.contextmanager
def running() -> Iterator[Server | None]:
    """A server for the test run, or None (with the reason in `why_not`) when the server
    programs are not installed."""
    bindir = find_binaries()
    if bindir is None:
        yield None
        return
    server = start(bindir)
    try:
        yield server
    finally:
        server.stop()


WHY_NOT = (
    "no PostgreSQL server programs (initdb, pg_ctl) were found: install the `postgresql`"
    f" package or set {BIN_ENV} to their folder; with {REQUIRE}=1 this is a failure"
)
