"""A throwaway PostgreSQL server for tests and benchmarks: initdb + pg_ctl on a free port.

`TemporaryPostgres` finds the server binaries (``initdb`` on PATH, or Debian's
``/usr/lib/postgresql/<version>/bin``), initialises a cluster in a temporary
folder, starts it on a free loopback port with trust authentication, and removes
everything when it stops. PostgreSQL refuses to run as root, so under root it runs
the server as the ``postgres`` system user (``runuser``). When the binaries are
missing it raises `PostgresUnavailable` with one line saying how to install them.

    with TemporaryPostgres() as server:
        kit = repairkit.open(server.url)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Self

__all__ = ["PostgresUnavailable", "TemporaryPostgres", "find_binaries"]

INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) were not found; install them with"
    " `apt-get install postgresql` (Debian/Ubuntu), or put their folder on PATH."
)


class PostgresUnavailable(RuntimeError):
    """The server binaries are missing, or the server would not start; the message says why."""


def find_binaries() -> Path:
    """Return the folder holding ``initdb`` and ``pg_ctl``, or raise `PostgresUnavailable`."""
    found = shutil.which("initdb")
    if found is not None and shutil.which("pg_ctl") is not None:
        return Path(found).resolve().parent
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise PostgresUnavailable(INSTALL_HINT)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class TemporaryPostgres:
    """A PostgreSQL cluster of its own, on ``127.0.0.1``, for as long as the block runs."""

    def __init__(self, *, database: str = "repairkit", user: str = "repairkit") -> None:
        self.database = database
        self.user = user
        self.port = 0
        self._folder: Path | None = None
        self._bin = find_binaries()
        self._as: list[str] = []
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # the server will not run as root
            if shutil.which("runuser") is None:
                raise PostgresUnavailable("running as root needs `runuser` to start PostgreSQL.")
            self._as = ["runuser", "-u", "postgres", "--"]

    @property
    def url(self) -> str:
        """The connection URL of the database."""
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{self.database}"

    def _run(self, *args: str) -> None:
        done = subprocess.run(  # noqa: S603 - the server's own binaries, arguments we made
            [*self._as, *args], capture_output=True, text=True, check=False, timeout=120
        )
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise PostgresUnavailable(f"{Path(args[0]).name} failed: {' / '.join(tail)}")

    def start(self) -> Self:
        """Initialise and start the cluster, and create the database."""
        self._folder = Path(tempfile.mkdtemp(prefix="repairkit-pg-"))
        if self._as:
            shutil.chown(self._folder, user="postgres")
        data = self._folder / "data"
        self._run(
            str(self._bin / "initdb"), "-D", str(data), "-A", "trust", "-U", self.user,
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        for attempt in range(5):
            self.port = _free_port()
            options = (
                f"-p {self.port} -k {self._folder} -c listen_addresses=127.0.0.1"
                " -c max_connections=100"
            )
            try:
                self._run(
                    str(self._bin / "pg_ctl"), "-D", str(data), "-o", options,
                    "-l", str(self._folder / "server.log"), "-w", "-t", "60", "start",
                )  # fmt: skip
                break
            except PostgresUnavailable:
                if attempt == 4:
                    raise
        self._run(
            str(self._bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
            "-U", self.user, self.database,
        )  # fmt: skip
        return self

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        if self._folder is None:
            return
        with contextlib.suppress(PostgresUnavailable):
            self._run(str(self._bin / "pg_ctl"), "-D", str(self._folder / "data"), "-m", "fast",
                      "-w", "stop")  # fmt: skip
        shutil.rmtree(self._folder, ignore_errors=True)
        self._folder = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
