"""Editors get a mail when a story is submitted for review, throttled like the moderators'."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.desk_users import editor, journalist, moderator
from tests.factories import make_article

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("máy chủ thư không trả lời")


@pytest.fixture
def desk(settings):
    settings.REVIEW_NOTIFY_INTERVAL = 300
    settings.SITE_NAME = "Báo Lai Châu"
    settings.SITE_URL = "https://baolaichau.example"
    editor("bientap1", email="bt1@example.com")
    editor("bientap2", email="bt2@example.com")
    moderator("kiemduyet", email="kd@example.com")
    return journalist("phongvien", email="pv@example.com")


def submit(reporter, title, capture):
    story = make_article(title, status=Article.Status.DRAFT, author=reporter)
    with capture(execute=True):
        workflow.submit(story, by=reporter)
    return story


def test_editors_are_mailed_when_a_story_is_submitted(desk, django_capture_on_commit_callbacks):
    story = submit(desk, "Mùa lúa mới", django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert sorted(message.to) == ["bt1@example.com", "bt2@example.com"]
    assert message.subject == "[Báo Lai Châu] 1 bài đang chờ duyệt"
    assert "Mùa lúa mới" in message.body
    assert f"https://baolaichau.example/admin/articles/article/{story.pk}/change/" in message.body


def test_mail_is_throttled_then_reports_all_waiting(desk, django_capture_on_commit_callbacks):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(3):
            submit(desk, f"Bài {n}", django_capture_on_commit_callbacks)
        assert len(mail.outbox) == 1
        clock.shift(timedelta(seconds=301))
        submit(desk, "Bài sau", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert "4 bài đang chờ duyệt" in mail.outbox[1].subject


def test_mail_server_down_keeps_the_submission_and_frees_the_throttle(
    desk, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    story = submit(desk, "Bài gửi lúc mất thư", django_capture_on_commit_callbacks)
    story.refresh_from_db()
    assert story.status == Article.Status.PENDING
    assert "Could not mail editors" in caplog.text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    submit(desk, "Bài gửi sau", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1 and "2 bài đang chờ duyệt" in mail.outbox[0].subject
