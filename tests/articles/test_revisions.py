"""Restoring a revision: the page shows what would change; a live story asks before it changes."""

import pytest
from reversion.models import Version

from articles.models import Article
from articles.revision_diff import diff_words
from newsroom.vietnamese import date_time
from tests.articles.desk_forms import change_url, form_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db

WARNING = "Bài đang đăng: khôi phục sẽ thay nội dung bạn đọc đang xem"
RECOVER_TICK = "Bài này bị xóa khi đang đăng: khôi phục sẽ đưa bài lên trang ngay"


def story_with_two_revisions(client, **fields) -> tuple[Article, str]:
    """A story saved twice through the desk; returns it and the first revision's page."""
    article = make_article(
        "Mường Tè được mùa lúa nương",
        lead="Bà con phấn khởi.",
        body="<p>Lúa chín vàng.</p>",
        **fields,
    )
    assert client.post(change_url(article), form_data(article)).status_code == 302
    article.refresh_from_db()
    later = form_data(
        article,
        title="Mường Tè mất mùa lúa nương",
        lead="Bà con lo lắng.",
        body="<p>Lúa chín vàng.</p><p>Mưa đá <b>phá</b> nương.</p>",
    )
    assert client.post(change_url(article), later).status_code == 302
    article.refresh_from_db()
    oldest = Version.objects.get_for_object(article).last()
    return article, f"/admin/articles/article/{article.pk}/history/{oldest.pk}/"


def restore(article: Article, **extra) -> dict:
    """What the revision page's form posts: the first revision's words, the present version."""
    return form_data(
        article,
        title="Mường Tè được mùa lúa nương",
        lead="Bà con phấn khởi.",
        body="<p>Lúa chín vàng.</p>",
        **extra,
    )


def test_revision_page_shows_what_restoring_changes(editor_client, django_assert_max_num_queries):
    article, url = story_with_two_revisions(editor_client)
    # 36 with the photo story's pictures inline (articles/kinds), one query whatever their number.
    with django_assert_max_num_queries(36):
        html = editor_client.get(url).content.decode()
    assert "Khôi phục bản này sẽ thay đổi" in html
    assert "Mường Tè <del>mất</del> <ins>được</ins> mùa lúa nương" in html
    assert "Bà con <del>lo lắng.</del> <ins>phấn khởi.</ins>" in html
    # The body is compared as text: the paragraph that would go, without its markup.
    assert "Lúa chín vàng. <del><br> Mưa đá phá nương.</del>" in html


def test_unconfirmed_restore_of_a_live_story_changes_nothing(editor_client):
    article, url = story_with_two_revisions(editor_client)
    assert article.is_public
    revisions = Version.objects.get_for_object(article).count()
    page = editor_client.get(url).content.decode()
    assert WARNING in page and 'name="restore_live"' in page

    response = editor_client.post(url, restore(article))

    assert response.status_code == 200
    assert "Bài đang đăng nên chưa khôi phục" in response.content.decode()
    fresh = Article.objects.get(pk=article.pk)
    assert (fresh.title, fresh.lead) == ("Mường Tè mất mùa lúa nương", "Bà con lo lắng.")
    assert "Mưa đá" in fresh.body
    assert fresh.version == article.version
    assert Version.objects.get_for_object(article).count() == revisions


def test_confirmed_restore_of_a_live_story_puts_the_revision_live(editor_client, client):
    article, url = story_with_two_revisions(editor_client)
    response = editor_client.post(url, restore(article, restore_live="on"))
    assert response.status_code == 302
    fresh = Article.objects.get(pk=article.pk)
    assert (fresh.title, fresh.body) == ("Mường Tè được mùa lúa nương", "<p>Lúa chín vàng.</p>")
    assert fresh.is_public
    assert "Mưa đá" not in client.get(fresh.get_absolute_url()).content.decode()


def test_the_restored_message_names_the_revision_by_its_time_and_author(editor_client, desk):
    article, url = story_with_two_revisions(editor_client)
    oldest = Version.objects.get_for_object(article).last().revision
    desk.first_name, desk.last_name = "Thu", "Trần"
    desk.save()
    response = editor_client.post(url, restore(article, restore_live="on"), follow=True)
    # The messages before it are the two saves that made the revisions.
    said = [str(m) for m in response.context["messages"]][2:]
    assert said == [
        f"Đã khôi phục bản lưu lúc {date_time(oldest.date_created)} (giờ Việt Nam) của "
        "Thu Trần cho bài “Mường Tè được mùa lúa nương”."
    ]


def test_a_draft_restores_without_the_confirmation(editor_client):
    article, url = story_with_two_revisions(editor_client, status=Article.Status.DRAFT)
    page = editor_client.get(url).content.decode()
    assert "Khôi phục bản này sẽ thay đổi" in page
    assert WARNING not in page and 'name="restore_live"' not in page
    assert editor_client.post(url, restore(article)).status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Mường Tè được mùa lúa nương"


def test_the_diff_escapes_what_it_shows():
    shown = diff_words("An <script>x</script>", "An &lt;b&gt; <img src=x onerror=y>")
    assert "<script" not in shown and "<img" not in shown
    assert "&lt;img" in shown and "<ins>" in shown and "<del>" in shown


def deleted_live_story(client) -> tuple[str, dict]:
    """A published story saved once, then deleted; returns its recover page."""
    live = make_article("Bài đã xóa", lead="Sapo cũ.", body="<p>Nội dung cũ.</p>")
    client.post(change_url(live), form_data(live))
    client.post(f"/admin/articles/article/{live.pk}/delete/", {"post": "yes"})
    version = Version.objects.get_deleted(Article).get()
    return f"/admin/articles/article/recover/{version.pk}/", form_data(live)


def test_recovering_a_deleted_live_story_asks_before_it_goes_live(editor_client):
    url, data = deleted_live_story(editor_client)
    page = editor_client.get(url).content.decode()
    assert "khôi phục sẽ đưa bài lên trang" in page and "<ins>Nội dung cũ.</ins>" in page

    # The story is deleted: the tick says what recovering it does, not "Bài đang đăng".
    assert WARNING not in page
    assert RECOVER_TICK in page
    refused = editor_client.post(url, data)
    assert refused.status_code == 200
    assert "Chưa khôi phục: bài sẽ lên trang ngay" in refused.content.decode()
    assert not Article.objects.exists()

    saved = editor_client.post(url, {**data, "restore_live": "on"}, follow=True)
    assert Article.objects.get().is_public
    said = [str(m) for m in saved.context["messages"]]
    assert len(said) == 1
    assert said[0].startswith("Đã khôi phục bài đã xóa “Bài đã xóa” từ bản lưu lúc")
