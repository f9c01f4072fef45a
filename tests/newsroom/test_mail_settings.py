"""Production mail goes to the SMTP server the environment names, not only localhost:25."""

import os
import subprocess
import sys
from pathlib import Path

from aiosmtpd.controller import Controller

from tests.harness.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def test_mail_is_sent_to_the_smtp_host_and_port_from_the_environment():
    inbox = Inbox()
    port = free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
        result = subprocess.run(
            [sys.executable, "manage.py", "sendtestemail", "toasoan@example.vn"],
            cwd=ROOT,
            env=env
            | {
                "DJANGO_SETTINGS_MODULE": "newsroom.settings",
                "SECRET_KEY": "mail-settings-test-key",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(port),
                "DEFAULT_FROM_EMAIL": "banbientap@example.vn",
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        smtp.stop()

    assert result.returncode == 0, result.stderr
    assert [m.rcpt_tos for m in inbox.messages] == [["toasoan@example.vn"]]
    assert inbox.messages[0].mail_from == "banbientap@example.vn"
