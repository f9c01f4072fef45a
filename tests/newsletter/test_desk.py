"""The desk's side: the breaking-news mail once per story after a confirmation, the count on
the desk's front page, and subscribers' data kept only while needed."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsletter.models import BreakingMail, Subscriber
from tests.desk_users import editor, editor_in_chief, journalist
from tests.factories import make_article
from tests.front_page import figures

from .test_flows import body

pytestmark = pytest.mark.django_db


def subscribers(n: int, **fields):
    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"ban{i}@example.vn", confirmed_at=now, **fields) for i in range(n)
    )


def test_the_editor_in_chief_confirms_then_the_mail_goes_once_per_story(
    client, smtp, run, settings
):
    settings.NEWSLETTER_BATCH = 2
    subscribers(3, breaking=True, daily=False)
    Subscriber.objects.create(email="sang@example.vn", daily=True, confirmed_at=timezone.now())
    Subscriber.objects.create(email="chua@example.vn", breaking=True)  # not confirmed
    story = make_article("Động đất ở Mường Tè")
    client.force_login(editor_in_chief())
    change = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    url = reverse("newsletter_desk:breaking", args=[story.pk])
    assert url in change.text
    confirm = client.get(url)
    assert "<strong>3</strong> người nhận" in confirm.text
    assert not smtp.mails  # nothing before the confirmation
    run(client.post, url)
    assert sorted(mail["To"] for mail in smtp.mails) == [f"ban{i}@example.vn" for i in range(3)]
    assert all("Động đất ở Mường Tè" in mail["Subject"] for mail in smtp.mails)
    assert all(mail["List-Unsubscribe-Post"] for mail in smtp.mails)
    assert story.get_absolute_url() in body(smtp.mails[0])
    run(client.post, url)  # again: refused, once per story
    assert len(smtp.mails) == 3
    assert "đã gửi lúc" in client.get(url).text
    assert BreakingMail.objects.get().recipients == 3


def test_editors_and_journalists_cannot_send_breaking_mail(client, smtp, run):
    subscribers(1, breaking=True)
    story = make_article("Tin")
    url = reverse("newsletter_desk:breaking", args=[story.pk])
    for member in (editor(), journalist()):
        client.force_login(member)
        assert run(client.post, url).status_code == 403
    assert not smtp.mails and not BreakingMail.objects.exists()


def test_a_story_readers_cannot_see_gets_no_breaking_mail(client):
    story = make_article("Hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    client.force_login(editor_in_chief())
    assert client.post(reverse("newsletter_desk:breaking", args=[story.pk])).status_code == 404


def test_the_desk_front_counts_the_subscribers(client):
    subscribers(4)
    Subscriber.objects.create(email="chua@example.vn")
    client.force_login(editor())
    figure = figures(client)["newsletter"]
    assert figure.count == 4 and figure.note == "1 chưa xác nhận"
    assert figure.url == reverse("admin:newsletter_subscriber_changelist")
    client.force_login(journalist())
    assert "newsletter" not in figures(client)


def test_unconfirmed_addresses_are_erased_after_the_links_lifetime(settings):
    old = Subscriber.objects.create(email="cu@example.vn")
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    Subscriber.objects.create(email="moi@example.vn")
    subscribers(1)
    Subscriber.objects.filter(confirmed_at__isnull=False).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    out = StringIO()
    call_command("clearnewsletterdata", stdout=out)
    assert "Đã xóa 1 địa chỉ" in out.getvalue()
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "ban0@example.vn",
        "moi@example.vn",
    ]


def test_an_editor_erases_a_subscriber_on_request(client):
    subscribers(1)
    client.force_login(editor())
    subscriber = Subscriber.objects.get()
    url = reverse("admin:newsletter_subscriber_delete", args=[subscriber.pk])
    client.post(url, {"post": "yes"})
    assert not Subscriber.objects.exists()
