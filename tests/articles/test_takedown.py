"""Taking a story down on request: 410 at its address, gone from every list, feed, sitemap,
search and cache on the next request; the reason and the editor-in-chief required."""

import pytest
from django.test import Client
from django.urls import reverse

from articles import events, workflow
from articles.models import Article, ShareLink
from comments.models import Comment
from pagecache import frontcache
from tests.comments.helpers import POST_URL, comment_data
from tests.desk_users import editor, editor_in_chief
from tests.factories import make_article, make_comment, make_section
from tests.harness.processes import wait_until
from tests.pagecache.test_frontcache import PurgeEndpoint

pytestmark = pytest.mark.django_db

HOME = reverse("articles:home")
TITLE = "Vụ việc ở bản Hồng Thu"
REASON = "Công văn số 12/STTTT ngày 02/12 của Sở Thông tin và Truyền thông"


@pytest.fixture
def section():
    return make_section("Xã hội")


@pytest.fixture
def story(section):
    return make_article(
        TITLE, section=section, tags=["Hồng Thu"], lead="Sapo về bản Hồng Thu vùng cao."
    )


@pytest.fixture
def chief():
    return editor_in_chief()


def reader_pages(story, section) -> list[str]:
    return [
        HOME,
        section.get_absolute_url(),
        reverse("articles:tag", args=["hong-thu"]),
        reverse("articles:search") + "?q=Hồng+Thu",
        reverse("articles:feed"),
        reverse("articles:section-feed", args=[section.slug]),
        "/sitemap-bai-viet.xml",
        reverse("articles:news-sitemap"),
    ]


def test_a_story_taken_down_answers_410_and_leaves_every_page_at_once(story, section, chief):
    other = make_article("Tin khác cùng chuyên mục", section=section, tags=["Hồng Thu"])
    pages = reader_pages(story, section)
    # With the page cache on: every page warm, and listing the story, before it goes.
    for url in [*pages, story.get_absolute_url(), other.get_absolute_url()]:
        Client().get(url)
        assert Client().get(url)["X-Page-Cache"] == "hit", url
    for url in pages:
        assert story.get_absolute_url() in Client().get(url).text, url

    workflow.take_down(story, by=chief, reason=REASON)

    gone = Client().get(story.get_absolute_url())
    assert gone.status_code == 410
    assert "Bài viết đã được gỡ" in gone.text
    assert f"Bài viết “{TITLE}” (chuyên mục Xã hội" in gone.text
    assert REASON not in gone.text  # kept for the desk, not told to readers
    assert "no-cache" in gone["Cache-Control"] or "max-age=0" in gone["Cache-Control"]
    for url in [*pages, other.get_absolute_url()]:
        response = Client().get(url)
        assert response.status_code == 200, url
        assert story.get_absolute_url() not in response.text, url
        assert TITLE not in response.text, url


def test_every_slug_of_the_story_answers_410(story, chief):
    workflow.take_down(story, by=chief, reason=REASON)
    for path in [
        f"/bai-viet/ten-cu-cua-bai-{story.pk}/",  # an old slug: no redirect to the story
        f"/bai-viet/{story.slug}-{story.pk:05d}/",  # a zero-padded id
    ]:
        assert Client().get(path).status_code == 410, path
    assert Client().get(f"/bai-viet/khong-co-{story.pk + 1000}/").status_code == 404


def test_taking_down_keeps_the_words_comments_and_reason_and_tells_the_archive(
    story, chief, django_capture_on_commit_callbacks
):
    make_comment(story, body="Bình luận của bạn đọc vẫn được lưu.")
    link = ShareLink.objects.create(article=story, expires_at=story.published_at.replace(year=2100))
    heard = []

    def receiver(sender, article, event, by, **kwargs):
        heard.append((article.pk, event, by))

    events.public_version.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            workflow.take_down(story, by=chief, reason=f"  {REASON}  ")
    finally:
        events.public_version.disconnect(receiver)
    story.refresh_from_db()
    assert story.status == Article.Status.TAKEN_DOWN
    assert story.taken_down_reason == REASON
    assert story.taken_down_by == chief and story.taken_down_at is not None
    assert story.title == TITLE and story.body
    assert Comment.objects.filter(article=story).count() == 1
    assert heard == [(story.pk, events.TAKEN_DOWN, chief)]
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert Article.objects.public().filter(pk=story.pk).count() == 0


def test_the_archive_is_told_only_once_committed(story, chief, django_capture_on_commit_callbacks):
    heard = []

    def receiver(sender, event, **kwargs):
        heard.append(event)

    events.public_version.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            workflow.take_down(story, by=chief, reason=REASON)
        assert heard == []
        for callback in callbacks:
            callback()
    finally:
        events.public_version.disconnect(receiver)
    assert heard == [events.TAKEN_DOWN]


def test_the_front_cache_is_purged_of_the_story_and_the_lists(
    story, chief, settings, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(frontcache, "_sender", {})
    server = PurgeEndpoint()
    settings.FRONT_CACHE_PURGE_URLS = [server.url]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            workflow.take_down(story, by=chief, reason=REASON)
        wait_until(lambda: server.keys, timeout=5, what="the purge")
        assert {"stories", f"article:{story.pk}"} <= server.keys[0]
    finally:
        for sender in frontcache._sender.values():
            sender.close()
        server.close()


def test_an_unpublished_story_can_be_taken_down_too(story, chief):
    workflow.unpublish(story, by=editor())
    assert Client().get(story.get_absolute_url()).status_code == 404
    workflow.take_down(story, by=chief, reason=REASON)
    assert Client().get(story.get_absolute_url()).status_code == 410


def test_a_reason_is_required(story, chief):
    with pytest.raises(workflow.WorkflowError, match="Hãy ghi lý do gỡ bài"):
        workflow.take_down(story, by=chief, reason="   ")
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED


def test_an_editor_may_not_take_a_story_down(story):
    with pytest.raises(workflow.PermissionDenied):
        workflow.take_down(story, by=editor(), reason=REASON)


def test_a_draft_cannot_be_taken_down(section, chief):
    draft = make_article("Bản nháp", section=section, status=Article.Status.DRAFT)
    with pytest.raises(workflow.WorkflowError, match="Chỉ gỡ theo yêu cầu được"):
        workflow.take_down(draft, by=chief, reason=REASON)


def test_a_story_taken_down_is_not_published_again_by_the_button(story, chief):
    workflow.take_down(story, by=chief, reason=REASON)
    with pytest.raises(workflow.WorkflowError, match="không xuất bản lại được"):
        workflow.publish(story, by=chief)
    assert "publish" not in workflow.allowed_steps(chief, story)
    assert "share" not in workflow.allowed_steps(chief, story)
    assert Client().get(story.get_absolute_url()).status_code == 410


def test_no_comment_can_be_posted_to_a_story_taken_down(story, chief):
    make_comment(story, body="Bình luận cũ.")
    workflow.take_down(story, by=chief, reason=REASON)
    Client().post(POST_URL, comment_data(story, body="Bình luận mới sau khi gỡ."))
    assert list(Comment.objects.filter(article=story).values_list("body", flat=True)) == [
        "Bình luận cũ."
    ]
