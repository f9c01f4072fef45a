"""The newsletter end to end, through a real SMTP server on loopback (aiosmtpd)."""

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Subscriber
from newsletter.sending import send_digest_task
from tests.factories import make_article
from tests.harness.ports import free_port

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("newsletter:subscribe")


def body(mail) -> str:
    return mail.get_body(("plain",)).get_content()


def link(mail, path: str) -> str:
    return re.search(rf"https://baolaichau\.test({path}[^\s]+/)", body(mail)).group(1)


def digest(run) -> None:
    run(call_command, "send_digest", stdout=StringIO())


def test_double_opt_in_then_the_digest_with_its_unsubscribe_headers(client, smtp, run):
    story = make_article("Lúa chín trên ruộng bậc thang")
    response = run(client.post, SUBSCRIBE, {"email": "Ban.Doc@Example.vn", "daily": "on"})
    assert response.status_code == 302
    [confirmation] = smtp.mails
    assert confirmation["To"] == "ban.doc@example.vn"
    assert "Xác nhận đăng ký" in confirmation["Subject"]
    leave = link(confirmation, "/ban-tin/huy/")
    assert confirmation["List-Unsubscribe"].strip() == f"<https://baolaichau.test{leave}>"
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    digest(run)  # not confirmed yet: nothing but the confirmation goes out
    assert len(smtp.mails) == 1

    confirmed = client.get(link(confirmation, "/ban-tin/xac-nhan/"))
    assert confirmed.status_code == 200 and "Đã xác nhận" in confirmed.text
    digest(run)
    letter = smtp.mails[-1]
    assert "Bản tin sáng" in letter["Subject"]
    assert f"https://baolaichau.test{story.get_absolute_url()}" in body(letter)
    assert letter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link(letter, "/ban-tin/huy/") in letter["List-Unsubscribe"]

    digest(run)  # the same day again: nobody gets it twice
    assert len(smtp.mails) == 2


def test_one_click_unsubscribe_by_a_mail_provider_erases_the_address(client, smtp, run):
    run(client.post, SUBSCRIBE, {"email": "ban@example.vn", "daily": "on"})
    client = Client(enforce_csrf_checks=True)  # a mail provider has no cookie, no token
    Subscriber.objects.update(confirmed_at=timezone.now())
    leave = link(smtp.mails[0], "/ban-tin/huy/")
    assert "Hủy nhận" in client.get(leave).text  # a person sees a button first
    response = client.post(
        leave, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    make_article("Tin mới")
    digest(run)
    assert len(smtp.mails) == 1


def test_a_forged_or_expired_link_is_refused(client, smtp, run):
    run(client.post, SUBSCRIBE, {"email": "ban@example.vn", "breaking": "on"})
    confirm = link(smtp.mails[0], "/ban-tin/xac-nhan/")
    assert client.get(confirm[:-3] + "xx/").status_code == 404
    assert client.get("/ban-tin/huy/gia-mao/").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.get(confirm)
    assert response.status_code == 404 and "hết hạn" in response.text
    assert Subscriber.objects.get().confirmed_at is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "khong-phai-email", "daily": "on"}, "Địa chỉ email không đúng"),
        ({"email": "", "daily": "on"}, "Hãy ghi địa chỉ email"),
        ({"email": "ban@example.vn"}, "Chọn ít nhất một loại thư"),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_message_and_the_text_kept(client, data, message):
    response = client.post(SUBSCRIBE, data)
    assert response.status_code == 400
    assert message in response.text
    if data["email"]:
        assert f'value="{data["email"]}"' in response.text
    assert not Subscriber.objects.exists()


def test_a_mail_server_that_is_down_delays_the_digest_and_loses_none(smtp, settings, run):
    make_article("Tin sáng")
    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"ban{i}@example.vn", confirmed_at=now) for i in range(5)
    )
    settings.NEWSLETTER_BATCH = 2
    working_port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()  # nobody listens
    with pytest.raises(CommandError, match="Chưa gửi xong Bản tin sáng"):
        digest(run)
    assert not Subscriber.objects.filter(last_sent_at__isnull=False).exists()
    settings.EMAIL_PORT = working_port
    digest(run)
    assert sorted(mail["To"] for mail in smtp.mails) == [f"ban{i}@example.vn" for i in range(5)]


def test_the_footer_links_to_the_newsletter(client):
    make_article("Tin")
    assert 'href="/ban-tin/"' in client.get("/").text


def test_subscribing_again_soon_sends_no_second_confirmation(client, smtp, run):
    for _ in range(3):
        run(client.post, SUBSCRIBE, {"email": "ban@example.vn", "daily": "on"})
    assert len(smtp.mails) == 1


def test_celery_beat_sends_the_digest_at_the_papers_time(smtp, settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["send-morning-digest"]
    assert schedule["schedule"].hour == {6} and schedule["schedule"].minute == {0}
    make_article("Tin sáng")
    Subscriber.objects.create(email="ban@example.vn", confirmed_at=timezone.now())
    assert send_digest_task.apply().get() == 1
    assert [mail["To"] for mail in smtp.mails] == ["ban@example.vn"]


@pytest.mark.postgres
def test_a_batch_leaves_the_sessions_commits_durable_again(smtp, run, settings):
    make_article("Tin sáng")
    Subscriber.objects.create(email="ban@example.vn", confirmed_at=timezone.now())
    digest(run)
    settings.EMAIL_PORT = free_port()  # down: the batch fails halfway through
    Subscriber.objects.update(last_sent_at=None)
    with pytest.raises(CommandError):
        digest(run)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone() == ("on",)
    assert len(smtp.mails) == 1
