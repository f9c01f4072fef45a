"""The breaking-news mail: the duty editor sends it while on duty, and a mail server that is
down (port closed, or refusing mid-run) leaves the rest on record, sent on later once each."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from articles.models import DutyShift
from newsletter.breaking import send_breaking
from newsletter.models import BreakingMail, BreakingRecipient, Subscriber
from newsroom.roles import MANAGING_EDITOR, sync_roles
from tests.desk_users import editor, editor_in_chief, journalist
from tests.factories import make_article, make_user
from tests.harness.ports import free_port

from .test_desk import subscribers
from .test_flows import body

pytestmark = pytest.mark.django_db

REFUSED = "Chỉ Tổng biên tập (hoặc người đang trực ban) được gửi thư tin nóng."
LINK = Template("{% load newsletter_desk %}{% if user|may_send_breaking_mail %}gửi{% endif %}")


def managing_editor():
    if not Group.objects.filter(name=MANAGING_EDITOR, permissions__isnull=False).exists():
        sync_roles()
    return make_user("thuky", groups=[MANAGING_EDITOR], email="thuky@baolaichau.test")


def shift(user, *, hours_ago: float, hours_left: float) -> DutyShift:
    now = timezone.now()
    return DutyShift.objects.create(
        user=user,
        starts_at=now - timedelta(hours=hours_ago),
        ends_at=now + timedelta(hours=hours_left),
    )


def sees_link(user) -> bool:
    return LINK.render(Context({"user": user})) == "gửi"


def breaking_url(story) -> str:
    return reverse("newsletter_desk:breaking", args=[story.pk])


def inboxes(smtp) -> list[str]:
    return sorted(mail["To"] for mail in smtp.mails)


def test_the_duty_editor_sends_the_breaking_mail_while_on_duty(client, smtp, run):
    subscribers(2, breaking=True, daily=False)
    story = make_article("Lũ quét ở Sìn Hồ")
    duty = managing_editor()
    shift(duty, hours_ago=1, hours_left=7)
    assert sees_link(duty)
    client.force_login(duty)
    assert "<strong>2</strong> người nhận" in client.get(breaking_url(story)).text
    run(client.post, breaking_url(story))
    assert inboxes(smtp) == ["ban0@example.vn", "ban1@example.vn"]
    assert BreakingMail.objects.get().sent_by == duty


def test_off_duty_the_same_editor_is_refused_in_vietnamese(client, smtp, run):
    subscribers(1, breaking=True)
    story = make_article("Tin")
    duty = managing_editor()
    shift(duty, hours_ago=9, hours_left=-1)  # their shift ended an hour ago
    shift(duty, hours_ago=-2, hours_left=8)  # the next starts in two hours
    assert not sees_link(duty)
    client.force_login(duty)
    for response in (client.get(breaking_url(story)), run(client.post, breaking_url(story))):
        assert response.status_code == 403
        assert REFUSED in response.text
    assert not smtp.mails and not BreakingMail.objects.exists()


def test_a_journalist_never_sends_it_even_put_on_the_rota(client, smtp, run):
    subscribers(1, breaking=True)
    story = make_article("Tin")
    reporter = journalist()
    assert not sees_link(reporter)
    shift(reporter, hours_ago=1, hours_left=1)  # the rota's form takes no journalist
    assert not sees_link(reporter)
    client.force_login(reporter)
    response = run(client.post, breaking_url(story))
    assert response.status_code == 403 and REFUSED in response.text
    assert not smtp.mails and not BreakingMail.objects.exists()


def test_the_editor_in_chief_sees_the_link_off_the_rota():
    assert sees_link(editor_in_chief())


def test_a_mail_server_that_is_down_leaves_the_rest_to_send_on_from_the_desk(
    client, smtp, run, settings, django_assert_max_num_queries
):
    settings.NEWSLETTER_BATCH = 2
    subscribers(5, breaking=True)
    story = make_article("Sạt lở đèo Ô Quy Hồ")
    client.force_login(editor_in_chief())
    working, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()  # nobody listens
    run(client.post, breaking_url(story))
    assert not smtp.mails
    with django_assert_max_num_queries(12):
        page = client.get(breaking_url(story)).text
    assert "Còn <strong>5</strong> người chưa nhận" in page and 'name="resume"' in page
    assert BreakingMail.objects.get().recipients == 5

    settings.EMAIL_PORT = working
    Subscriber.objects.filter(email="ban4@example.vn").delete()  # left meanwhile
    run(client.post, breaking_url(story), {"resume": "Gửi tiếp"})
    assert inboxes(smtp) == [f"ban{i}@example.vn" for i in range(4)]
    assert all("Sạt lở đèo Ô Quy Hồ" in mail["Subject"] for mail in smtp.mails)
    assert all(mail["List-Unsubscribe-Post"] for mail in smtp.mails)
    assert story.get_absolute_url() in body(smtp.mails[0])
    page = client.get(breaking_url(story)).text
    assert "Đã tới <strong>4</strong> người." in page and "Còn <strong>" not in page
    assert 'name="resume"' not in page
    run(client.post, breaking_url(story), {"resume": "Gửi tiếp"})  # again: nobody twice
    assert len(smtp.mails) == 4


def test_a_server_failing_mid_batch_then_down_then_up_sends_each_once_by_the_command(
    smtp, run, settings
):
    settings.NEWSLETTER_BATCH = 2
    subscribers(5, breaking=True)
    story = make_article("Động đất")
    smtp.refuse_after = 3  # takes three, then answers 451 (try later)

    run(send_breaking, story, by=None)
    assert len(smtp.mails) == 3
    assert BreakingRecipient.objects.filter(sent_at__isnull=True).count() == 2

    working, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()  # now down altogether
    with pytest.raises(CommandError, match="Chưa gửi xong thư tin nóng"):
        call_command("send_breaking", "--resume", stdout=StringIO())
    settings.EMAIL_PORT, smtp.refuse_after = working, None
    out = StringIO()
    call_command("send_breaking", "--resume", stdout=out)
    assert "“Động đất”: đã gửi tiếp tới 2 người" in out.getvalue()
    assert inboxes(smtp) == [f"ban{i}@example.vn" for i in range(5)]
    out = StringIO()
    call_command("send_breaking", "--resume", stdout=out)
    assert "Không còn thư tin nóng nào chờ gửi" in out.getvalue()
    assert len(smtp.mails) == 5


def test_each_story_reaches_each_subscriber_once(smtp, run):
    subscribers(2, breaking=True)
    first, second = make_article("Tin một"), make_article("Tin hai")

    run(send_breaking, first, by=None)
    run(send_breaking, second, by=None)
    run(call_command, "send_breaking", "--resume", stdout=StringIO())
    subjects = sorted((mail["To"], mail["Subject"].split(": ")[-1]) for mail in smtp.mails)
    assert subjects == [
        ("ban0@example.vn", "Tin hai"),
        ("ban0@example.vn", "Tin một"),
        ("ban1@example.vn", "Tin hai"),
        ("ban1@example.vn", "Tin một"),
    ]


def test_the_command_needs_resume():
    with pytest.raises(CommandError, match="send_breaking --resume"):
        call_command("send_breaking")


def test_the_story_page_shows_the_duty_editor_the_link_while_on_duty(client):
    story = make_article("Tin nóng")
    duty = managing_editor()
    shift(duty, hours_ago=1, hours_left=1)
    client.force_login(duty)
    page = client.get(reverse("admin:articles_article_change", args=[story.pk])).text
    assert breaking_url(story) in page


def test_an_editor_erases_a_subscriber_with_their_breaking_mail_rows(client, smtp, run):
    subscribers(1, breaking=True)
    run(send_breaking, make_article("Tin"), by=None)
    assert BreakingRecipient.objects.filter(sent_at__isnull=False).count() == 1
    client.force_login(editor())
    url = reverse("admin:newsletter_subscriber_delete", args=[Subscriber.objects.get().pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Subscriber.objects.exists() and not BreakingRecipient.objects.exists()
    assert BreakingMail.objects.get().recipients == 1  # the count stays, the address goes
