"""A served store for the HTTP and browser tests: ``asckg serve``'s server in a thread on a free loopback port."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from asckg.graph.serve.server import make_server


class Served:
    """A server running in a thread; ``stop()`` shuts it and its worker processes down."""

    def __init__(self, store: Path, **options) -> None:
        self.server = make_server(str(store), port=0, quiet=True, **options)
        self.url = self.server.url
        self.thread = threading.Thread(target=self.server.serve_forever, name="test-serve", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        pids = self.server.pool.idle_pids()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)
        assert not self.thread.is_alive()
        for pid in pids:
            assert not alive(pid), f"worker {pid} still running"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a killed child of ours that has not been reaped yet is a zombie: not running
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(")")[-1].split()[0] == "Z")
