"""A partner's URL is HTTPS to a public address: private, link-local and this machine's own
addresses are refused (server-side request forgery), when saved and again at each POST."""

import pytest
from django.core.exceptions import ValidationError

from articles import workflow
from articles.models import Article
from tests.factories import make_article
from tests.webhooks.conftest import send_webhooks
from webhooks.models import Delivery, Partner

pytestmark = pytest.mark.django_db


def refusal(url: str) -> str:
    with pytest.raises(ValidationError) as caught:
        Partner(name="Đối tác", url=url).full_clean()
    return " ".join(caught.value.message_dict["url"])


def accepted(url: str) -> bool:
    Partner(name="Đối tác", url=url).full_clean()
    return True


def test_private_link_local_and_own_addresses_are_refused(settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    assert "mạng nội bộ" in refusal("https://10.0.0.5/hook")
    assert "mạng nội bộ" in refusal("https://192.168.1.20/hook")
    assert "mạng nội bộ" in refusal("https://[::ffff:172.16.0.9]/hook")
    assert "không được phép" in refusal("https://169.254.169.254/latest/meta-data/")
    assert "chính máy chủ" in refusal("http://127.0.0.1:8000/hook")
    assert "chính máy chủ" in refusal("https://localhost/hook")
    assert "https://" in refusal("http://93.184.216.34/hook")
    assert "mật khẩu" in refusal("https://user:pw@93.184.216.34/hook")
    assert accepted("https://93.184.216.34/hook")


def test_a_setting_opens_private_networks_over_https_but_never_link_local(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    assert accepted("https://10.0.0.5/hook")
    assert "https://" in refusal("http://10.0.0.5/hook")
    assert "không được phép" in refusal("https://169.254.169.254/")


def test_loopback_over_http_only_when_allowed(settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    assert accepted("http://127.0.0.1:9000/hook")
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    assert "chính máy chủ" in refusal("http://127.0.0.1:9000/hook")


def test_an_address_refused_since_saving_gets_no_post(
    settings, receiver, make_partner, committed, desk, section
):
    make_partner()  # on loopback, allowed in development
    story = make_article("Tin thử", section=section, status=Article.Status.DRAFT)
    with committed():
        workflow.publish(story, by=desk)
    settings.WEBHOOKS_ALLOW_LOOPBACK = False  # as in production
    send_webhooks()
    assert receiver.received == []
    delivery = Delivery.objects.get()
    assert delivery.last_error.startswith("Địa chỉ bị từ chối: Không gửi webhook tới chính máy")
