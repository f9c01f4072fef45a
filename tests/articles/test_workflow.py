from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import Article
from newsroom.models import Notice
from tests.desk_users import journalist
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def draft_by(user, **fields):
    fields.setdefault("status", Article.Status.DRAFT)
    return make_article(author=user, **fields)


def test_journalist_submits_own_draft_for_review(reporter):
    article = draft_by(reporter)
    workflow.submit(article, by=reporter)
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING
    assert article.version == 1


def test_journalist_cannot_submit_someone_elses_draft(reporter):
    article = draft_by(journalist("nguoikhac"))
    with pytest.raises(PermissionDenied):
        workflow.submit(article, by=reporter)


def test_journalist_cannot_publish_send_back_or_unpublish(reporter):
    article = draft_by(reporter)
    for step, kwargs in [
        (workflow.publish, {}),
        (workflow.unpublish, {}),
        (workflow.send_back, {"note": "Sửa lại"}),
    ]:
        with pytest.raises(PermissionDenied):
            step(article, by=reporter, **kwargs)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publish_now_makes_story_public_and_tells_journalist(
    reporter, desk, django_capture_on_commit_callbacks
):
    article = draft_by(reporter, status=Article.Status.PENDING, title="Mùa lúa mới")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, by=desk)
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert [m.to for m in mail.outbox] == [[reporter.email]]
    assert "Mùa lúa mới" in mail.outbox[0].subject and "xuất bản" in mail.outbox[0].body
    notice = Notice.objects.get(user=reporter)
    assert "đã được xuất bản" in notice.message


def test_scheduled_story_goes_live_by_itself_at_its_time(desk):
    start = timezone.now()
    at = start + timedelta(hours=2)
    article = make_article(status=Article.Status.PENDING)
    with time_machine.travel(start, tick=False):
        workflow.publish(article, by=desk, at=at)
        assert article.is_scheduled
        assert not Article.objects.published().filter(pk=article.pk).exists()
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert not Article.objects.published().filter(pk=article.pk).exists()
    with time_machine.travel(at, tick=False):
        assert Article.objects.published().filter(pk=article.pk).exists()


def test_send_back_returns_draft_with_note_and_tells_journalist(
    reporter, desk, django_capture_on_commit_callbacks
):
    article = draft_by(reporter, status=Article.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.send_back(article, by=desk, note="Thiếu nguồn trích dẫn ở đoạn 2.")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.review_note == "Thiếu nguồn trích dẫn ở đoạn 2."
    assert "Thiếu nguồn trích dẫn" in mail.outbox[0].body
    assert "bị trả lại" in Notice.objects.get(user=reporter).message
    # Sent back, the story is the journalist's to edit again.
    assert workflow.can_edit(reporter, article)


def test_send_back_needs_a_note(desk):
    article = make_article(status=Article.Status.PENDING)
    with pytest.raises(workflow.WorkflowError):
        workflow.send_back(article, by=desk, note="   ")


def test_send_back_of_a_live_story_is_refused(desk):
    article = make_article()
    with pytest.raises(workflow.WorkflowError):
        workflow.send_back(article, by=desk, note="Sai")


def test_unpublish_takes_story_off_the_site(desk):
    article = make_article()
    workflow.unpublish(article, by=desk)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.get(pk=article.pk).status == Article.Status.UNPUBLISHED


def test_unpublishing_tells_the_journalist_whose_story_came_down(
    reporter, desk, django_capture_on_commit_callbacks
):
    article = make_article("Mùa nước nổi", author=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(article, by=desk)
    notice = Notice.objects.get(user=reporter)
    assert notice.message == "Bài “Mùa nước nổi” đã bị gỡ khỏi trang: bạn đọc không còn xem được."
    assert notice.level == Notice.Level.WARNING
    assert [m.to for m in mail.outbox] == [[reporter.email]]
    assert "Mùa nước nổi" in mail.outbox[0].subject


def test_publishing_a_live_story_again_is_refused(desk):
    with pytest.raises(workflow.WorkflowError):
        workflow.publish(make_article(), by=desk)


def test_each_step_keeps_a_revision_with_who_and_what(reporter, desk):
    article = draft_by(reporter)
    workflow.submit(article, by=reporter)
    workflow.publish(article, by=desk)
    versions = Version.objects.get_for_object(article)
    assert [(v.revision.user, v.revision.comment) for v in versions] == [
        (desk, "Xuất bản"),
        (reporter, "Gửi duyệt"),
    ]


def test_no_mail_when_the_editor_is_the_author(desk, django_capture_on_commit_callbacks):
    article = make_article(status=Article.Status.DRAFT, author=desk)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, by=desk)
    assert mail.outbox == []
    assert not Notice.objects.exists()


def test_mail_outage_does_not_undo_the_step_and_the_notice_stays(
    reporter, desk, django_capture_on_commit_callbacks, caplog
):
    article = draft_by(reporter, status=Article.Status.PENDING)
    with (
        mock.patch("newsroom.tasks.send_mail", side_effect=OSError("SMTP down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        workflow.publish(article, by=desk)
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert Notice.objects.filter(user=reporter).exists()
    assert "Could not mail" in caplog.text


def test_a_step_on_a_stale_copy_still_moves_the_version_past_newer_saves(desk):
    article = make_article(status=Article.Status.PENDING)
    Article.objects.filter(pk=article.pk).update(version=5)  # saved elsewhere meanwhile
    workflow.publish(article, by=desk)
    assert Article.objects.get(pk=article.pk).version == 6
    assert article.version == 6


def test_allowed_steps_follow_the_desk_rules(reporter, desk):
    own_draft = draft_by(reporter)
    pending = draft_by(reporter, status=Article.Status.PENDING)
    live = draft_by(reporter, status=Article.Status.PUBLISHED, published_at=timezone.now())
    later = timezone.now() + timedelta(days=1)
    scheduled = draft_by(reporter, status=Article.Status.PUBLISHED, published_at=later)
    assert workflow.allowed_steps(reporter, own_draft) == {"submit"}
    assert workflow.allowed_steps(reporter, pending) == set()
    assert workflow.allowed_steps(reporter, None) == {"submit"}
    assert workflow.allowed_steps(desk, own_draft) == {"submit", "publish", "share"}
    assert workflow.allowed_steps(desk, pending) == {"publish", "send_back", "share"}
    assert workflow.allowed_steps(desk, live) == {"unpublish", "share"}
    # A scheduled story may be published now instead.
    assert workflow.allowed_steps(desk, scheduled) == {"publish", "send_back", "unpublish", "share"}
    assert workflow.allowed_steps(desk, None) == {"submit", "publish"}


# What the desk reads for each state, in the list's badge and in its filter (PRODUCT.md).
DESK_LABELS = {
    "draft": "Bản nháp",
    "pending": "Chờ duyệt",
    "scheduled": "Hẹn giờ",
    "published": "Đã xuất bản",
    "unpublished": "Đã gỡ",
}


def test_each_state_has_one_label(editor_client):
    """A story in each state: the filter finds it alone, under its own label and badge."""
    now = timezone.now()
    stories = {
        "draft": make_article("Bài nháp", status=Article.Status.DRAFT),
        "pending": make_article("Bài chờ duyệt", status=Article.Status.PENDING),
        "scheduled": make_article("Bài hẹn giờ", published_at=now + timedelta(hours=2)),
        "published": make_article("Bài đã đăng"),
        "unpublished": make_article("Bài đã gỡ", status=Article.Status.UNPUBLISHED),
    }
    assert workflow.state_label(None) == "Bản nháp"  # a story not saved yet
    titles = {story.title for story in stories.values()}
    for state, story in stories.items():
        page = editor_client.get(f"/admin/articles/article/?state={state}").content.decode()
        assert {title for title in titles if f">{title}<" in page} == {story.title}, state
        assert f'<span class="badge badge-{state}">{DESK_LABELS[state]}</span>' in page, state
    offered = editor_client.get("/admin/articles/article/").content.decode()
    for state, label in DESK_LABELS.items():
        assert offered.count(f'<a href="?state={state}">{label}</a>') == 1, (state, label)
