"""Staff mail: one task retried while mail is down, and one mail per window per throttle key."""

import logging
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from celery.exceptions import Retry
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from articles.models import Article
from comments.models import Comment
from comments.notifications import notify_moderators
from newsroom import staff_mail
from newsroom.notices import notify
from newsroom.tasks import mail_staff
from tests.comments.helpers import POST_URL, comment_data
from tests.desk_users import editor, journalist
from tests.factories import make_article

MODERATORS = "moderators about new comments"
FAILING = "tests.comments.test_notifications.FailingBackend"


@pytest.fixture
def on_a_worker():
    mail_staff.push_request(id="worker-run", called_directly=False, retries=0)
    yield mail_staff.request
    mail_staff.pop_request()


def run_on_a_worker(throttle_key=""):
    mail_staff.run(
        ["kiemduyet@example.com"], "3 bình luận đang chờ duyệt", "…", MODERATORS, throttle_key
    )


def test_mail_server_down_retries_later_with_backoff(settings, on_a_worker, caplog):
    settings.EMAIL_BACKEND = FAILING
    with (
        mock.patch.object(mail_staff, "apply_async") as sent_again,
        caplog.at_level(logging.WARNING),
        pytest.raises(Retry),
    ):
        run_on_a_worker()
    assert 24 <= sent_again.call_args.kwargs["countdown"] <= 30
    assert "Could not mail moderators" in caplog.text


def test_mail_is_sent_once_the_server_answers(settings, on_a_worker):
    settings.SITE_NAME = "Báo Lai Châu"
    on_a_worker.retries = 3
    run_on_a_worker()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["kiemduyet@example.com"], "[Báo Lai Châu] 3 bình luận đang chờ duyệt")
    ]


def test_last_retry_gives_up_with_an_error_logged_and_frees_the_window(
    settings, on_a_worker, caplog
):
    settings.EMAIL_BACKEND = FAILING
    on_a_worker.retries = mail_staff.max_retries
    staff_mail.cache.set("comments:notified:1", 1)
    run_on_a_worker(throttle_key="comments:notified:1")
    assert [r.levelname for r in caplog.records] == ["ERROR"]
    assert staff_mail.cache.get("comments:notified:1") is None


@pytest.mark.django_db
def test_one_mail_per_window_per_key_and_a_held_one_is_not_composed(
    django_capture_on_commit_callbacks,
):
    calls = []

    def compose(what):
        def made():
            calls.append(what)
            return f"{what} đang chờ", "…"

        return made

    with (
        time_machine.travel(timezone.now(), tick=False) as clock,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for _ in range(3):
            staff_mail.send_once("a", 300, ["a@example.com"], compose("A"), about="test")
            staff_mail.send_once("b", 300, ["b@example.com"], compose("B"), about="test")
        assert calls == ["A", "B"]  # a held mail is not even composed
        clock.shift(timedelta(seconds=301))
        staff_mail.send_once("a", 300, ["a@example.com"], compose("A"), about="test")
    assert [(m.to, m.subject.split("] ")[1]) for m in mail.outbox] == [
        (["a@example.com"], "A đang chờ"),
        (["b@example.com"], "B đang chờ"),
        (["a@example.com"], "A đang chờ"),
    ]


@pytest.mark.django_db
def test_the_apps_throttles_hold_each_on_its_own(
    client, settings, django_capture_on_commit_callbacks
):
    """In one window: one mail to the editors, one to the moderators, whatever else happens."""
    settings.REVIEW_NOTIFY_INTERVAL = settings.COMMENT_NOTIFY_INTERVAL = 300
    settings.COMMENT_MODERATOR_EMAILS = ["kiemduyet@example.com"]
    settings.COMMENT_NOTIFY_IN_BACKGROUND = False
    editor("bientap", email="bt@example.com")
    reporter = journalist("phongvien", email="pv@example.com")
    article = make_article("Mùa lúa mới")
    with time_machine.travel(timezone.now(), tick=False):
        for n in range(3):
            story = make_article(f"Bài {n}", status=Article.Status.DRAFT, author=reporter)
            with django_capture_on_commit_callbacks(execute=True):
                workflow.submit(story, by=reporter)
                client.post(POST_URL, comment_data(article, body=f"Ý kiến {n}"))
        # A held mail costs the reader's request no query (no count of what waits).
        comment = Comment.objects.last()
        with CaptureQueriesContext(connection) as held:
            assert notify_moderators(comment) is None
    assert len(held) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["bt@example.com", "kiemduyet@example.com"]


@pytest.mark.django_db
def test_desk_notices_are_never_held(settings, django_capture_on_commit_callbacks):
    settings.SITE_NAME = "Báo Lai Châu"
    reporter = journalist("phongvien", email="pv@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        notify(reporter, "Bài “A” đã được xuất bản.")
        notify(reporter, "Bài “B” đã được xuất bản.")
    assert [m.subject for m in mail.outbox] == [
        "[Báo Lai Châu] Bài “A” đã được xuất bản.",
        "[Báo Lai Châu] Bài “B” đã được xuất bản.",
    ]
