"""A story deleted by mistake comes back from the admin's recover page with its comments."""

import pytest
from reversion.models import Version

from articles.models import Article
from comments.models import Comment
from tests.articles.desk_forms import form_data
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"


def test_recovering_a_deleted_story_brings_back_its_comments(
    client, django_capture_on_commit_callbacks
):
    # Deleting a story with comments takes the right to delete comments too: the chief editor.
    client.force_login(make_user("tongbientap", is_superuser=True))
    story = make_article("Mùa lúa chín ở Mường Tè")
    first = make_comment(story, body="Bình luận đầu tiên")
    make_comment(story, parent=first, body="Trả lời bình luận đầu")
    make_comment(story, status="pending", body="Đang chờ duyệt")
    make_comment(story, status="spam", body="Quảng cáo")

    response = client.post(f"{LIST_URL}{story.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=story.pk).exists()
    assert not Comment.objects.exists()

    version = Version.objects.get_deleted(Article).get()
    # It comes back live: the recover page asks for a tick (tests/articles/test_revisions.py).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{LIST_URL}recover/{version.pk}/", form_data(story, restore_live="on")
        )
    assert response.status_code == 302

    story = Article.objects.get(pk=story.pk)
    kept = {c.body: c for c in Comment.objects.filter(article=story)}
    assert set(kept) == {
        "Bình luận đầu tiên",
        "Trả lời bình luận đầu",
        "Đang chờ duyệt",
        "Quảng cáo",
    }
    assert kept["Trả lời bình luận đầu"].parent == kept["Bình luận đầu tiên"]
    assert kept["Đang chờ duyệt"].status == Comment.Status.PENDING
    assert kept["Quảng cáo"].status == Comment.Status.SPAM
    assert story.comment_count == 2
    # The public page lists the two approved ones again.
    page = client.get(story.get_absolute_url()).text
    assert "Bình luận đầu tiên" in page and "Trả lời bình luận đầu" in page
