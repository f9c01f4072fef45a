"""Who may restore a revision or recover a deleted story: checked before reversion writes a word.

django-reversion writes the old revision back first and keeps it whenever the form answers a
redirect, and Django redirects "does not exist" for a story the user may not read. So every
case here posts, then reads the story back from the database.
"""

import re
from datetime import timedelta

import pytest
import reversion
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from comments.models import Comment
from tests.articles.desk_forms import form_data
from tests.desk_users import editor, journalist, moderator
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def saved(article: Article, **changes) -> Version:
    """Save `article` with `changes` in a revision of its own; return that revision's version."""
    for name, value in changes.items():
        setattr(article, name, value)
    with reversion.create_revision():
        article.save()
    return Version.objects.get_for_object(article).first()


def story(state: str, *, author, title: str = "Lũ quét ở Mường Lay") -> tuple[Article, Version]:
    """A story in `state` whose title an editor corrected; returns it and its first revision."""
    fields = {"author": author}
    if state == "draft":
        fields["status"] = Article.Status.DRAFT
    elif state == "scheduled":
        fields["published_at"] = timezone.now() + timedelta(days=1)
    article = make_article(f"{title} (bản đầu)", **fields)
    first = saved(article)
    saved(article, title=f"{title} (đã sửa)")
    return article, first


def revision_url(article_pk, version: Version) -> str:
    return f"/admin/articles/article/{article_pk}/history/{version.pk}/"


def recover_url(version: Version) -> str:
    return f"/admin/articles/article/recover/{version.pk}/"


def logged_in(user) -> Client:
    """A client that checks CSRF as a browser's session would, logged in as `user`."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf(client: Client) -> dict:
    """The CSRF field of the desk's own forms (the logout form of every admin page)."""
    page = client.get("/admin/password_change/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    return {"csrfmiddlewaretoken": token}


def unchanged(article: Article) -> bool:
    fresh = Article.objects.get(pk=article.pk)
    return (fresh.title, fresh.status, fresh.published_at, fresh.version) == (
        article.title,
        article.status,
        article.published_at,
        article.version,
    )


# A colleague's draft and scheduled story are not even readable: 404. A live story is.
@pytest.mark.parametrize(
    ("role", "state", "code"),
    [
        ("journalist", "draft", 404),
        ("journalist", "scheduled", 404),
        ("journalist", "live", 403),
        ("moderator", "draft", 403),
        ("moderator", "scheduled", 403),
        ("moderator", "live", 403),
    ],
)
def test_a_bare_post_on_a_revision_page_changes_no_colleagues_story(role, state, code):
    article, first = story(state, author=journalist("dongnghiep"))
    client = logged_in({"journalist": journalist, "moderator": moderator}[role]())
    url = revision_url(article.pk, first)

    assert client.get(url).status_code == code
    assert client.post(url, csrf(client)).status_code == code
    data = {**csrf(client), **form_data(article, title="Lấy lại")}
    assert client.post(url, data).status_code == code

    assert unchanged(article)
    assert Version.objects.get_for_object(article).count() == 2


def test_the_author_cannot_undo_the_editors_correction_on_a_scheduled_story():
    reporter = journalist()
    article, first = story("scheduled", author=reporter)
    client = logged_in(reporter)
    data = {**csrf(client), **form_data(article, title=first.field_dict["title"])}

    assert client.post(revision_url(article.pk, first), data).status_code == 403
    assert unchanged(article)


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_save_as_new_on_a_revision_page_changes_no_live_story(role):
    article, first = story("live", author=journalist("dongnghiep"))
    client = logged_in({"journalist": journalist, "editor": editor}[role]())
    data = {**csrf(client), **form_data(title="Bài mới", section=str(article.section_id))}

    response = client.post(revision_url(article.pk, first), {**data, "_saveasnew": "1"})

    assert response.status_code == 403
    assert unchanged(article)
    assert Article.objects.count() == 1


def test_save_as_new_on_the_recover_page_is_refused():
    article, first = story("live", author=journalist("dongnghiep"))
    article.delete()
    client = logged_in(editor())
    section = str(first.field_dict["section_id"])
    data = {**csrf(client), **form_data(title="Bài mới", section=section)}

    response = client.post(recover_url(first), {**data, "_saveasnew": "1", "restore_live": "on"})

    assert response.status_code == 403
    assert not Article.objects.exists()


@pytest.mark.parametrize("role", ["journalist", "moderator", "editor"])
def test_a_deleted_story_does_not_come_back_through_its_revision_page(role):
    article, first = story("draft", author=journalist("dongnghiep"))
    pk = article.pk
    article.delete()
    user = {"journalist": journalist, "moderator": moderator, "editor": editor}[role]()
    client = logged_in(user)
    url = revision_url(pk, first)
    code = 403 if role == "moderator" else 404

    assert client.get(url).status_code == code
    assert client.post(url, csrf(client)).status_code == code
    assert client.post(url, {**csrf(client), **form_data(title="Hồi sinh")}).status_code == code
    assert not Article.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("role", ["journalist", "moderator"])
def test_only_editors_recover_a_deleted_story(role):
    article, first = story("live", author=journalist("dongnghiep"))
    article.delete()
    client = logged_in({"journalist": journalist, "moderator": moderator}[role]())
    deleted = Version.objects.get_deleted(Article).get()
    for version in (first, deleted):
        assert client.get(recover_url(version)).status_code == 403
        data = {**csrf(client), **form_data(title="Hồi sinh"), "restore_live": "on"}
        assert client.post(recover_url(version), data).status_code == 403
    assert not Article.objects.exists()


def test_a_version_of_a_story_that_exists_is_no_recovery():
    article, first = story("live", author=journalist("dongnghiep"))
    client = logged_in(editor())
    data = {**csrf(client), **form_data(article, title="Lấy lại"), "restore_live": "on"}

    assert client.get(recover_url(first)).status_code == 404
    assert client.post(recover_url(first), data).status_code == 404
    assert unchanged(article)


def test_a_version_of_another_story_is_refused():
    reporter = journalist()
    own, _ = story("draft", author=reporter, title="Bài của tôi")
    colleagues, first = story("draft", author=journalist("dongnghiep"))
    client = logged_in(reporter)
    data = {**csrf(client), **form_data(own)}

    assert client.get(revision_url(own.pk, first)).status_code == 404
    assert client.post(revision_url(own.pk, first), data).status_code == 404
    assert unchanged(own) and unchanged(colleagues)


def comment_version_numbered_like(article: Article) -> tuple[Comment, Version]:
    """A comment on a live story with `article`'s number, its text since cut by a moderator."""
    live = make_article("Chợ phiên Tam Đường")
    comment = make_comment(live, pk=article.pk, body="Gọi tôi: 0912 345 678")
    with reversion.create_revision():
        reversion.add_to_revision(comment)
    Comment.objects.filter(pk=comment.pk).update(body="Gọi tôi: [đã xóa số]")
    return comment, Version.objects.get_for_object(comment).get()


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_a_version_of_another_model_is_refused(role):
    reporter = journalist()
    own, _ = story("draft", author=reporter)
    comment, version = comment_version_numbered_like(own)
    assert version.object_id == str(own.pk)
    client = logged_in(reporter if role == "journalist" else editor())
    data = {**csrf(client), **form_data(own)}

    assert client.get(revision_url(own.pk, version)).status_code == 404
    assert client.post(revision_url(own.pk, version), data).status_code == 404
    assert client.post(recover_url(version), data).status_code in (403, 404)
    assert Comment.objects.get(pk=comment.pk).body == "Gọi tôi: [đã xóa số]"
    assert unchanged(own)


def test_restoring_a_revision_saved_with_other_stories_restores_only_this_one():
    """A list action saves one revision for every story it touched: only this one comes back."""
    reporter = journalist()
    own = make_article("Bài của tôi (bản đầu)", author=reporter, status=Article.Status.DRAFT)
    colleagues = make_article(
        "Bài của đồng nghiệp (bản đầu)", author=journalist("dongnghiep"), status="draft"
    )
    with reversion.create_revision():
        own.save()
        colleagues.save()
    first = Version.objects.get_for_object(own).get()
    saved(own, title="Bài của tôi (đã sửa)")
    saved(colleagues, title="Bài của đồng nghiệp (đã sửa)")
    client = logged_in(reporter)
    data = {**csrf(client), **form_data(own, title="Bài của tôi (bản đầu)")}

    assert client.post(revision_url(own.pk, first), data).status_code == 302

    assert Article.objects.get(pk=own.pk).title == "Bài của tôi (bản đầu)"
    assert unchanged(colleagues)


def test_a_journalist_restores_their_own_draft():
    reporter = journalist()
    own, first = story("draft", author=reporter)
    client = logged_in(reporter)
    page = client.get(revision_url(own.pk, first))
    assert page.status_code == 200
    data = {**csrf(client), **form_data(own, title=first.field_dict["title"])}

    assert client.post(revision_url(own.pk, first), data).status_code == 302
    assert Article.objects.get(pk=own.pk).title == "Lũ quét ở Mường Lay (bản đầu)"
