"""Readers' reports hide a comment only when several networks agree, never the paper's own."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, CommentReport
from tests.desk_users import moderator
from tests.factories import make_article, make_comment
from tests.newsroom.test_cache_outage import redis_down  # noqa: F401

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def article():
    return make_article("Đường lên bản Tả Xùa")


def report(comment, ip="203.0.113.1", reason="spam", **extra):
    """One report from a fresh browser (no cookies) at `ip`."""
    url = reverse("comments:report", args=[comment.pk])
    data = {"article": comment.article_id, "reason": reason}
    return Client(REMOTE_ADDR=ip).post(url, data, **extra)


def shown(comment) -> bool:
    comment.refresh_from_db()
    page = Client().get(comment.article.get_absolute_url()).content.decode()
    return comment.status == Comment.Status.APPROVED and comment.body in page


def test_three_fresh_browsers_at_one_address_do_not_hide_a_comment(article, settings):
    settings.COMMENT_REPORTS_TO_HIDE = 3
    comment = make_comment(article, body="Đường đẹp nhưng dốc lắm.")
    answers = [report(comment, **JSON) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert not any(a.json()["hidden"] for a in answers)
    assert CommentReport.objects.count() == 3
    assert shown(comment)


def test_three_networks_hide_a_comment(article, settings, django_capture_on_commit_callbacks):
    settings.COMMENT_REPORTS_TO_HIDE = 3
    comment = make_comment(article, body="Lời lẽ xúc phạm.")
    with django_capture_on_commit_callbacks(execute=True):
        hidden = [
            report(comment, ip, **JSON).json()["hidden"]
            for ip in ("198.51.100.1", "198.51.100.2", "2001:db8::1")
        ]
    assert hidden == [False, False, True]
    assert not shown(comment)


def test_one_ipv6_subscriber_line_counts_once(article, settings):
    settings.COMMENT_REPORTS_TO_HIDE = 2
    comment = make_comment(article)
    for ip in ("2001:db8:5:7::1", "2001:db8:5:7:ffff::2"):
        assert report(comment, ip, **JSON).json()["hidden"] is False
    assert shown(comment)


def test_reports_are_rate_limited_per_address(article, settings):
    settings.COMMENT_REPORT_RATE_LIMIT = "2/h"
    comments = [make_comment(article) for _ in range(3)]
    answers = [report(c, **JSON) for c in comments]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert "báo vi phạm quá nhiều" in answers[2].json()["message"]
    page = report(comments[2])
    assert page.status_code == 429 and "báo vi phạm quá nhiều" in page.content.decode()
    assert report(comments[2], "198.51.100.9").status_code == 302  # another address
    assert CommentReport.objects.count() == 3


@pytest.mark.usefixtures("redis_down")
def test_the_report_limit_holds_while_the_cache_is_down(article, settings):
    settings.COMMENT_REPORT_RATE_LIMIT = "2/h"
    comments = [make_comment(article) for _ in range(3)]
    hour = timezone.now().replace(minute=0, second=1, microsecond=0) + timedelta(hours=1)
    with time_machine.travel(hour):
        assert [report(c).status_code for c in comments] == [302, 302, 429]
    assert CommentReport.objects.count() == 2


def test_a_newsroom_reply_cannot_be_reported(article, settings):
    from comments.moderation import reply_as_newsroom

    settings.COMMENT_REPORTS_TO_HIDE = 1
    question = make_comment(article, body="Khi nào đường thông xe?")
    reply = reply_as_newsroom(question, "Dự kiến cuối tháng.", by=moderator())
    refused = report(reply, **JSON)
    assert refused.status_code == 403
    assert "ban biên tập" in refused.json()["message"]
    assert report(reply).status_code == 403
    assert Client().get(reverse("comments:report", args=[reply.pk])).status_code == 403
    assert not CommentReport.objects.exists()
    assert shown(reply)


def test_after_a_moderator_keeps_it_the_same_reporters_cannot_hide_it_again(
    article, settings, django_capture_on_commit_callbacks
):
    from comments.moderation import approve

    settings.COMMENT_REPORTS_TO_HIDE = 2
    comment = make_comment(article, body="Ý kiến gây tranh cãi.")
    with django_capture_on_commit_callbacks(execute=True):
        for ip in ("198.51.100.1", "198.51.100.2"):
            report(comment, ip)
    assert not shown(comment)
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        with django_capture_on_commit_callbacks(execute=True):
            approve(comment, by=moderator())
        assert shown(comment)
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        # The same two networks, with fresh cookies, once more: kept.
        for ip in ("198.51.100.1", "198.51.100.2"):
            assert report(comment, ip, **JSON).json()["hidden"] is False
        assert shown(comment)
        # Two networks that have not reported it yet may still send it back.
        assert report(comment, "192.0.2.1", **JSON).json()["hidden"] is False
        assert report(comment, "192.0.2.2", **JSON).json()["hidden"] is True


def test_keeping_a_reported_comment_that_still_shows_answers_its_reports(article, settings):
    from comments.moderation import approve

    settings.COMMENT_REPORTS_TO_HIDE = 2
    comment = make_comment(article)
    with time_machine.travel(timezone.now() - timedelta(minutes=5)):
        report(comment, "198.51.100.1")
    assert Comment.objects.reported().filter(pk=comment.pk).exists()
    approve(comment, by=moderator())
    assert not Comment.objects.reported().exists()
    assert report(comment, "198.51.100.1", **JSON).json()["hidden"] is False
    assert report(comment, "198.51.100.2", **JSON).json()["hidden"] is False
    assert shown(comment)
