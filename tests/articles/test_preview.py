"""Staff preview of any story; signed, expiring, revocable share links; never indexed or cached."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article, ShareLink
from tests.desk_users import editor, journalist, moderator
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return make_article("Bản nháp chưa đăng", status=Article.Status.DRAFT, body="<p>Bí mật.</p>")


def preview_url(article):
    return f"/admin/articles/article/{article.pk}/preview/"


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_readers_never_see_a_draft(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_preview_shows_the_draft_as_readers_will_see_it(client, draft):
    # Its own journalist (a colleague's draft is not theirs to read).
    draft.author = journalist()
    draft.save()
    client.force_login(draft.author)
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="story-title">Bản nháp chưa đăng</h1>' in html
    assert "Bí mật." in html and "Bản xem trước" in html
    assert_private(response)


def test_change_form_links_to_the_preview(client, draft):
    client.force_login(editor())
    html = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert f'href="{preview_url(draft)}"' in html


def test_anonymous_visitor_is_sent_to_login(client, draft):
    response = client.get(preview_url(draft))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_non_staff_user_is_sent_to_login(client, draft):
    client.force_login(make_user("banDoc", is_staff=False))
    response = client.get(preview_url(draft))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_story_rights_gets_404(client, draft):
    client.force_login(moderator())
    assert client.get(preview_url(draft)).status_code == 404


def share(client, article) -> str:
    response = client.post(f"/admin/articles/article/{article.pk}/share/", follow=True)
    match = re.search(r'class="share-url">([^<]+)<', response.content.decode())
    assert match, "the editor is shown the link"
    return match.group(1).replace("http://testserver", "")


def test_share_link_shows_the_draft_to_anyone_until_it_expires(client, draft):
    now = timezone.now()
    client.force_login(editor())
    with time_machine.travel(now, tick=False):
        url = share(client, draft)
    client.logout()
    with time_machine.travel(now + timedelta(hours=47), tick=False):
        response = client.get(url)
        assert response.status_code == 200
        assert "Bí mật." in response.content.decode()
        assert_private(response)
        assert response["Referrer-Policy"] == "no-referrer"
    with time_machine.travel(now + timedelta(hours=48, minutes=1), tick=False):
        response = client.get(url)
        assert response.status_code == 410
        assert "hết hạn" in response.content.decode()
        assert "Bí mật." not in response.content.decode()
        assert "no-store" in response["Cache-Control"]


def test_revoked_share_link_stops_working(client, draft):
    client.force_login(editor())
    url = share(client, draft)
    link = ShareLink.objects.get()
    assert client.get(url).status_code == 200
    client.post(f"/admin/articles/article/share/{link.pk}/revoke/")
    client.logout()
    assert client.get(url).status_code == 410


def test_tampered_share_link_is_not_found(client, draft):
    client.force_login(editor())
    url = share(client, draft)
    client.logout()
    link_id = ShareLink.objects.get().pk
    forged = url.replace(f"/xem-truoc/{url.split('/')[2]}", f"/xem-truoc/{link_id + 1}:x:y")
    assert client.get(forged).status_code == 404


def test_journalist_cannot_make_or_revoke_share_links(client, draft):
    link = ShareLink.objects.create(article=draft, expires_at=timezone.now() + timedelta(hours=1))
    # Even on their own story.
    draft.author = journalist()
    draft.save()
    client.force_login(draft.author)
    assert client.post(f"/admin/articles/article/{draft.pk}/share/").status_code == 403
    assert client.post(f"/admin/articles/article/share/{link.pk}/revoke/").status_code == 403
    assert ShareLink.objects.count() == 1
    link.refresh_from_db()
    assert link.revoked_at is None


def test_previews_show_the_comments_without_a_form_and_say_when_they_open(client, draft):
    published = make_article("Bài đã đăng có bình luận")
    make_comment(published, body="Ý kiến bạn đọc đã duyệt.")
    client.force_login(editor())
    html = client.get(preview_url(draft)).content.decode()
    assert 'class="comment-form"' not in html and "Viết bình luận" not in html
    assert "Bình luận sẽ mở khi bài được đăng." in html
    html = client.get(preview_url(published)).content.decode()
    assert "Ý kiến bạn đọc đã duyệt." in html, "the comments as readers see them"
    assert 'class="comment-form"' not in html and 'class="comment-like"' not in html
    assert f'href="{published.get_absolute_url()}"' in html
    url = share(client, draft)
    client.logout()
    html = client.get(url).content.decode()
    assert 'class="comment-form"' not in html
    assert "Bình luận sẽ mở khi bài được đăng." in html
