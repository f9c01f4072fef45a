"""A partner's receiver on loopback: a real HTTP server in a thread that records each POST.

Its answers are scripted: a status code, or "slow" (answering only after the sender's
timeout). `stop()` closes the port, so the next try finds the connection refused; `start()`
opens the same port again. The signature is checked here with hmac directly (the README's
snippet), not with the sender's own code.
"""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.harness.ports import free_port


class Received:
    def __init__(self, path: str, headers, body: bytes):
        self.path = path
        self.headers = {name.lower(): value for name, value in headers.items()}
        self.body = body

    @property
    def json(self) -> dict:
        return json.loads(self.body)

    def signed_by(self, secret: str) -> bool:
        timestamp = self.headers["x-newsroom-timestamp"]
        mac = hmac.new(secret.encode(), timestamp.encode() + b"." + self.body, hashlib.sha256)
        signed = self.headers["x-newsroom-signature"]
        return hmac.compare_digest("sha256=" + mac.hexdigest(), signed)


class Receiver:
    def __init__(self, slow_seconds: float = 2.0):
        self.port = free_port()
        self.received: list[Received] = []
        self.script: list = []  # answers to come, in order; then 200
        self.slow_seconds = slow_seconds
        self._server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/newsroom?source=test"

    def start(self) -> "Receiver":
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.received.append(Received(self.path, self.headers, body))
                answer = receiver.script.pop(0) if receiver.script else 200
                if answer == "slow":
                    time.sleep(receiver.slow_seconds)
                    answer = 200
                self.send_response(answer)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.end_headers()
                self.wfile.write("Lỗi máy chủ đối tác".encode() if answer >= 400 else b"ok")

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
