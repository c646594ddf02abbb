"""The flagship example (request_negotiation.py), on PostgreSQL.

With ``REPAIRKIT_DATABASE_URL`` set (``postgresql://user@host:5432/db``), it runs the
story on that database, in repairkit's own schema there. Without it, it starts a
throwaway PostgreSQL server for the run (initdb and pg_ctl on a free loopback port,
as the tests do) and removes it afterwards. Needs ``repairkit[postgres]``.

    REPAIRKIT_DATABASE_URL=postgresql://me@127.0.0.1/app .venv/bin/python examples/on_postgres.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from request_negotiation import run

from repairkit.testing.postgres import TemporaryPostgres


def main() -> None:
    url = os.environ.get("REPAIRKIT_DATABASE_URL")
    if url:
        run(url)
        print("Everything above is stored in the database of REPAIRKIT_DATABASE_URL.")
        return
    with TemporaryPostgres() as server:
        run(server.url)
        print("Everything above was stored in a throwaway PostgreSQL server, now removed.")


if __name__ == "__main__":
    main()
