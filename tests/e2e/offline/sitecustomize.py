"""Loaded by Python at start-up when this folder is on PYTHONPATH: blocks every network socket and
logs each attempt to $NETWORK_ATTEMPTS_LOG, so a test can prove a command never reached out."""

import os
import socket
import traceback

_LOG = os.environ.get("NETWORK_ATTEMPTS_LOG")


def _blocked(*args, **kwargs):
    if _LOG:
        with open(_LOG, "a") as f:
            f.write(f"blocked network call {args[:2]!r}\n{''.join(traceback.format_stack(limit=8))}\n")
    raise OSError("network access is blocked in this test")


_real_socket = socket.socket


class _NoNetSocket(_real_socket):
    def __init__(self, family=socket.AF_INET, *args, **kwargs):
        if family in (socket.AF_INET, socket.AF_INET6):
            _blocked("socket", family)
        super().__init__(family, *args, **kwargs)


socket.socket = _NoNetSocket
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
