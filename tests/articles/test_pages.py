"""Each change a reader can see shows on the very next request, the page cache warm or not.

The rules are the articles' (articles/pages.py): which areas each change purges, when.
"""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, RelatedArticle, Section, Tag
from comments import moderation
from comments.models import Comment
from tests.desk_users import editor, moderator
from tests.factories import make_article, make_comment, make_image, make_section

pytestmark = pytest.mark.django_db


def html(url: str) -> str:
    """The page as the next anonymous reader gets it."""
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def warm(*urls: str) -> None:
    for url in urls:
        Client().get(url)
        assert Client().get(url)["X-Page-Cache"] == "hit", url


HOME = reverse("articles:home")


@pytest.fixture
def section():
    return make_section("Kinh tế")


@pytest.fixture
def story(section):
    return make_article("Giá lúa tăng", section=section, tags=["Nông nghiệp"])


def test_publishing_a_story_shows_it_everywhere(story, section):
    draft = make_article("Tin nóng mới", section=section, status=Article.Status.DRAFT)
    pages = [HOME, section.get_absolute_url(), reverse("articles:feed"), story.get_absolute_url()]
    warm(*pages)
    workflow.publish(draft, by=editor())
    for url in pages:
        assert "Tin nóng mới" in html(url), url  # the story page lists it as related
    assert html(draft.get_absolute_url())


def test_editing_a_story_shows_the_change(story, section):
    pages = [HOME, section.get_absolute_url(), story.get_absolute_url()]
    warm(*pages)
    story.title = "Giá lúa tăng mạnh"
    story.body = "<p>Đoạn mới viết thêm.</p>"
    story.save()
    for url in pages:
        assert "Giá lúa tăng mạnh" in html(url), url
    assert "Đoạn mới viết thêm." in html(story.get_absolute_url())


def test_unpublishing_a_story_takes_it_off_every_page(story, section):
    other = make_article("Tin khác", section=section)
    pages = [HOME, section.get_absolute_url(), other.get_absolute_url()]
    warm(story.get_absolute_url(), *pages)
    workflow.unpublish(story, by=editor())
    assert Client().get(story.get_absolute_url()).status_code == 404
    for url in pages:
        assert "Giá lúa tăng" not in html(url), url


def test_deleting_a_story_takes_it_off_every_page(story, section):
    sitemap = reverse("articles:sitemap-section", args=["bai-viet"])
    pages = [HOME, section.get_absolute_url(), sitemap]
    url = story.get_absolute_url()
    warm(url, *pages)
    story.delete()
    assert Client().get(url).status_code == 404
    for page in pages:
        assert "Giá lúa tăng" not in html(page) and url not in html(page), page


def test_a_draft_saved_at_the_desk_purges_nothing(story):
    draft = make_article("Nháp", status=Article.Status.DRAFT)
    warm(HOME, story.get_absolute_url())
    draft.body = "<p>Sửa nháp.</p>"
    draft.save()
    assert Client().get(HOME)["X-Page-Cache"] == "hit"
    assert Client().get(story.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_scheduled_story_goes_live_at_its_time_with_no_cron(story, section):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        scheduled = make_article("Tin hẹn giờ", section=section, status=Article.Status.DRAFT)
        workflow.publish(scheduled, by=editor(), at=start + timedelta(minutes=3))
        pages = [HOME, section.get_absolute_url(), story.get_absolute_url()]
        warm(*pages)
        for url in pages:
            assert "Tin hẹn giờ" not in html(url)
        clock.shift(timedelta(minutes=2, seconds=59))
        assert Client().get(HOME)["X-Page-Cache"] == "hit"
        clock.shift(timedelta(seconds=1))
        for url in pages:
            assert "Tin hẹn giờ" in html(url), url
        assert html(scheduled.get_absolute_url())


def test_approving_a_comment_shows_it_and_its_count(story, django_capture_on_commit_callbacks):
    comment = make_comment(story, status="pending", body="Bình luận vừa được duyệt")
    warm(story.get_absolute_url(), HOME)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(comment, by=moderator())
    page = html(story.get_absolute_url())
    assert "Bình luận vừa được duyệt" in page
    assert 'Bình luận <span class="comment-count">(1)</span>' in page
    assert "1 bình luận" in html(HOME)


@pytest.mark.parametrize("step", [moderation.reject, moderation.mark_spam])
def test_rejecting_or_spamming_a_comment_hides_it(story, step, django_capture_on_commit_callbacks):
    comment = make_comment(story, body="Sẽ bị gỡ")
    warm(story.get_absolute_url(), HOME)
    with django_capture_on_commit_callbacks(execute=True):
        step(comment, by=moderator())
    assert "Sẽ bị gỡ" not in html(story.get_absolute_url())
    assert "1 bình luận" not in html(HOME)


def test_deleting_a_comment_hides_it(story, django_capture_on_commit_callbacks):
    make_comment(story, body="Sẽ bị xóa")
    warm(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        moderation.delete_comments(Comment.objects.filter(article=story))
    assert "Sẽ bị xóa" not in html(story.get_absolute_url())


@pytest.mark.parametrize(
    ("action", "status", "shown"),
    [
        ("approve_comments", "pending", True),
        ("reject_comments", "approved", False),
        ("mark_spam", "approved", False),
        ("delete_selected", "approved", False),
    ],
)
def test_bulk_moderation_in_the_admin_shows_at_once(
    client, story, action, status, shown, django_capture_on_commit_callbacks
):
    other = make_article("Bài thứ hai")
    comments = [
        make_comment(story, status=status, body="Ý kiến một"),
        make_comment(other, status=status, body="Ý kiến hai"),
    ]
    warm(story.get_absolute_url(), other.get_absolute_url())
    user = moderator()
    if action == "delete_selected":
        user.is_superuser = True
        user.save()
    client.force_login(user)
    data = {"action": action, "_selected_action": [c.pk for c in comments]}
    if action == "delete_selected":
        data["post"] = "yes"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:comments_comment_changelist"), data)
    assert response.status_code == 302
    assert ("Ý kiến một" in html(story.get_absolute_url())) is shown
    assert ("Ý kiến hai" in html(other.get_absolute_url())) is shown


def test_renaming_or_moving_a_section_shows_in_the_menu(story, section):
    warm(story.get_absolute_url(), HOME)
    section.name = "Kinh tế - Xã hội"
    section.save()
    assert "Kinh tế - Xã hội" in html(story.get_absolute_url())
    parent = make_section("Thời sự")
    warm(story.get_absolute_url())
    section.parent = parent
    section.save()
    assert f'<a href="{parent.get_absolute_url()}">Thời sự</a> ›' in html(story.get_absolute_url())
    assert Section.objects.get(pk=section.pk).parent == parent


def test_renaming_a_tag_shows_on_its_stories(story):
    warm(story.get_absolute_url())
    tag = Tag.objects.get(name="Nông nghiệp")
    tag.name = "Tam nông"
    tag.save()
    page = html(story.get_absolute_url())
    assert "Tam nông" in page and "Nông nghiệp" not in page


def test_changing_related_stories_shows_at_once(story):
    chosen = make_article("Bài được chọn", section=make_section())
    warm(story.get_absolute_url())
    RelatedArticle.objects.create(from_article=story, to_article=chosen, position=0)
    assert "Bài được chọn" in html(story.get_absolute_url())


def test_a_pictures_caption_and_alt_text_show_at_once(section):
    picture = make_image("Cánh đồng lúa")
    picture.caption = "Lúa chín vàng"
    picture.save()
    picture.file.close()
    story = make_article("Mùa gặt", section=section, hero_image=picture)
    warm(story.get_absolute_url(), HOME)
    picture.caption = "Nông dân thu hoạch lúa"
    picture.alt_text = "Người gặt lúa trên ruộng"
    picture.save()
    picture.file.close()  # opened again by the save (renditions); the pages read none of it
    page = html(story.get_absolute_url())
    assert "Nông dân thu hoạch lúa" in page and 'alt="Người gặt lúa trên ruộng"' in page
    assert 'alt="Người gặt lúa trên ruộng"' in html(HOME)


def test_setting_a_live_storys_tags_to_what_they_are_keeps_its_pages(story):
    """The desk re-sets every tag on each save; the same tags change nothing readers see."""
    url = story.get_absolute_url()
    warm(HOME, url)
    story.tags.set(["Nông nghiệp"])
    assert Client().get(url)["X-Page-Cache"] == "hit"
    assert Client().get(HOME)["X-Page-Cache"] == "hit"
    story.tags.set(["Nông nghiệp", "Giá cả"])
    assert Client().get(url)["X-Page-Cache"] == "miss"
    assert "Giá cả" in html(url)
