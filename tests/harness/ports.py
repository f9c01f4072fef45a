"""Loopback ports for the servers a test starts; two runs on one machine never share one.

Without NEWSROOM_TEST_PORT_BASE the system picks free ports. With it, ports are handed out
from that base up to 49 above it, in turn, skipping any that is taken, so a firewall can open
one fixed range.
"""

import itertools
import os
import socket

SPAN = 50
_turn = itertools.count()


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def ports(count: int) -> list[int]:
    """`count` distinct loopback ports nobody listens on right now."""
    base = os.environ.get("NEWSROOM_TEST_PORT_BASE")
    if base:
        found: list[int] = []
        for _ in range(SPAN):
            port = int(base) + next(_turn) % SPAN
            if port not in found and _bindable(port):
                found.append(port)
                if len(found) == count:
                    return found
        raise RuntimeError(f"No {count} free ports in {base}-{int(base) + SPAN - 1}")
    # Held open together while asked, so the system cannot hand out one port twice (it did:
    # SeaweedFS's S3 server then found its master on its own port).
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def free_port() -> int:
    """One loopback port nobody listens on (also: an address where a service is down)."""
    return ports(1)[0]
