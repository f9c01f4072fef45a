"""The webhooks' tests: a partner's real receiver on loopback, partners, the desk's people."""

import pytest
from django.core.management import call_command

from tests.desk_users import editor, editor_in_chief
from tests.factories import make_section
from tests.webhooks.receiver import Receiver

SITE = "https://baolaichau.test"


@pytest.fixture(autouse=True)
def _webhook_settings(settings):
    settings.SITE_URL = SITE
    settings.WEBHOOKS_ALLOW_LOOPBACK = True  # the receiver is on 127.0.0.1, plain HTTP
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.WEBHOOKS_TIMEOUT = 0.5
    settings.WEBHOOKS_RETRY_DELAYS = [60, 300, 1800, 7200, 21600]


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def make_partner(receiver):
    from webhooks.models import Partner

    def make(name="Báo đối tác", url=None, **fields):
        partner = Partner(name=name, url=url or receiver.url, **fields)
        partner.full_clean()
        partner.save()
        return partner

    return make


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the after-commit work of what the block does, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def chief():
    return editor_in_chief()


@pytest.fixture
def desk():
    return editor()


@pytest.fixture
def section():
    return make_section("Thời sự")


def send_webhooks() -> str:
    from io import StringIO

    out = StringIO()
    call_command("send_webhooks", stdout=out)
    return out.getvalue()
