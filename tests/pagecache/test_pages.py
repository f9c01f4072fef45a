"""The page cache: what readers share, what stays theirs, and what it tells browsers and proxies."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.counters import pending_views
from articles.models import ShareLink
from articles.preview import share_url
from articles.views import ArticleDetailView
from comments.models import Comment
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article, make_comment, make_section, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    section = make_section("Xã hội")
    return make_article("Mường Tè được mùa", section=section, tags=["Nông nghiệp"])


def reader_pages(story) -> list[str]:
    return [
        reverse("articles:home"),
        story.section.get_absolute_url(),
        reverse("articles:tag", args=["nong-nghiep"]),
        story.get_absolute_url(),
        reverse("articles:feed"),
        reverse("articles:section-feed", args=[story.section.slug]),
        reverse("articles:sitemap"),
        reverse("articles:sitemap-section", args=["bai-viet"]),
        reverse("articles:news-sitemap"),
        reverse("articles:robots"),
        reverse("articles:search") + "?q=muong",
    ]


def test_every_reader_page_is_served_from_the_cache_the_second_time(client, story):
    for url in reader_pages(story):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["X-Page-Cache"] == "miss", url
        with CaptureQueriesContext(connection) as queries:
            second = Client().get(url)
        assert second["X-Page-Cache"] == "hit", url
        assert second.content == first.content, url
        assert len(queries) == 0, url


def test_head_is_served_from_the_cached_get(client, story):
    client.get(story.get_absolute_url())
    response = client.head(story.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_zero_seconds_turns_the_page_cache_off(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(story.get_absolute_url())
    response = client.get(story.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"


def test_a_cached_story_page_still_counts_its_views(client, story):
    for _ in range(3):
        client.get(story.get_absolute_url())
    assert pending_views([story.pk]) == {story.pk: 3}


def test_logged_in_staff_are_never_served_nor_stored(client, story):
    Client().get(story.get_absolute_url())  # a reader's copy is in the cache
    client.force_login(make_user(is_superuser=True))
    response = client.get(story.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    # Staff rendering a page with the cache empty leaves nothing behind for readers.
    cache.clear()
    client.get(reverse("articles:home"))
    assert Client().get(reverse("articles:home"))["X-Page-Cache"] == "miss"


def test_own_pending_comment_and_message_stay_with_their_reader(client, story):
    Client().get(story.get_absolute_url())
    response = client.post(POST_URL, comment_data(story, body="Ý kiến riêng của tôi"))
    assert response.status_code == 302
    own = client.get(story.get_absolute_url())
    html = own.content.decode()
    assert "Ý kiến riêng của tôi" in html
    assert "đang chờ kiểm duyệt" in html
    assert "X-Page-Cache" not in own
    assert "private" in own["Cache-Control"]
    # The reader's own page carries their tokens, so it works without JavaScript too.
    assert 'name="csrfmiddlewaretoken"' in html
    stranger = Client().get(story.get_absolute_url())
    assert stranger["X-Page-Cache"] == "hit"
    assert "Ý kiến riêng của tôi" not in stranger.content.decode()
    assert "đang chờ kiểm duyệt" not in stranger.content.decode()


def test_a_returning_commenter_gets_their_name_filled_in_not_a_shared_page(client, story):
    make_comment(story, status="approved")
    client.post(POST_URL, comment_data(story, name="Lò Thị Mai"))
    story_page = client.get(story.get_absolute_url())
    assert 'value="Lò Thị Mai"' in story_page.content.decode()
    assert "Lò Thị Mai" not in Client().get(story.get_absolute_url()).content.decode()


def test_a_filled_in_form_is_never_kept(client, story):
    response = client.post(POST_URL, comment_data(story, email="sai", body="Chữ tôi đã gõ"))
    assert response.status_code == 400
    assert "Chữ tôi đã gõ</textarea>" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    shared = Client().get(story.get_absolute_url())
    assert shared["X-Page-Cache"] == "miss"
    assert "Chữ tôi đã gõ" not in shared.content.decode()


def test_a_response_that_sets_a_cookie_is_never_kept(client, story, monkeypatch):
    render = ArticleDetailView.render_to_response

    def with_cookie(self, context, **kwargs):
        response = render(self, context, **kwargs)
        response.set_cookie("ban_doc", "1")
        return response

    monkeypatch.setattr(ArticleDetailView, "render_to_response", with_cookie)
    first = client.get(story.get_absolute_url())
    assert first.cookies["ban_doc"].value == "1"
    assert "private" in first["Cache-Control"]
    second = Client().get(story.get_absolute_url())
    assert second.get("X-Page-Cache") != "hit"


def test_shared_page_carries_no_csrf_token_and_sets_no_cookie(client, story):
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert f'data-fields-url="{reverse("comments:form-fields", args=[story.pk])}"' in html


def test_form_fields_are_each_visitors_own_and_never_cached(story):
    first, second = Client(), Client()
    a = first.get(reverse("comments:form-fields", args=[story.pk]))
    b = second.get(reverse("comments:form-fields", args=[story.pk]))
    assert a["Cache-Control"].startswith("max-age=0") and "private" in a["Cache-Control"]
    assert a.json()["fields"]["csrfmiddlewaretoken"] != b.json()["fields"]["csrfmiddlewaretoken"]
    assert "csrftoken" in a.cookies


def test_form_fields_let_a_reader_post_with_csrf_checks_on(story, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 0
    reader = Client(enforce_csrf_checks=True)
    reader.get(story.get_absolute_url())
    refused = reader.post(POST_URL, comment_data(story))
    assert refused.status_code == 403  # the cached page alone cannot post
    fields = reader.get(reverse("comments:form-fields", args=[story.pk])).json()["fields"]
    response = reader.post(POST_URL, comment_data(story, **fields))
    assert response.status_code == 302


# HTTP caching for what sits in front.


def test_reader_pages_are_public_for_a_short_while_with_an_etag(client, story, settings):
    for url in reader_pages(story):
        response = client.get(url)
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert cache_control == {"public", "max-age=30", "s-maxage=60"}, url
        assert response["ETag"].startswith('"'), url
        assert "Cookie" in response["Vary"], url


def test_conditional_get_answers_not_modified(client, story, time_machine):
    time_machine.move_to(timezone.now(), tick=False)  # the same minute on the header clock
    first = client.get(story.get_absolute_url())
    again = client.get(story.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    # Missed in the cache (purged), an unchanged page still answers 304.
    cache.clear()
    again = client.get(story.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_public_caching_never_outlives_the_next_scheduled_story(client, story):
    make_article("Sắp lên", published_at=timezone.now() + timedelta(seconds=20))
    response = client.get(reverse("articles:home"))
    cache_control = response["Cache-Control"]
    max_age = int(cache_control.split("max-age=")[1].split(",")[0])
    s_maxage = int(cache_control.split("s-maxage=")[1].split(",")[0])
    assert 0 < max_age <= 20 and 0 < s_maxage <= 20


def test_admin_preview_and_comment_pages_are_private(client, story):
    assert "private" in client.get(reverse("comments:list", args=[story.pk]))["Cache-Control"]
    client.force_login(make_user(is_superuser=True))
    for url in [reverse("admin:index"), reverse("admin:articles_article_changelist")]:
        response = client.get(url)
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_share_link_preview_is_private(client, story):
    draft = make_article("Bản nháp", status="draft")
    link = ShareLink.objects.create(article=draft, expires_at=timezone.now() + timedelta(hours=1))
    response = client.get(share_url(link))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_without_javascript_a_comment_from_a_cached_page_goes_through_on_a_second_press(story):
    reader = Client(enforce_csrf_checks=True)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        Client().get(story.get_absolute_url())
        assert reader.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
        clock.shift(timedelta(seconds=30))
        typed = comment_data(story, token="", body="Tôi không dùng JavaScript")
        refused = reader.post(POST_URL, typed)
        assert refused.status_code == 403
        html = refused.content.decode()
        assert "vui lòng bấm Gửi bình luận lần nữa" in html
        assert "Tôi không dùng JavaScript</textarea>" in html
        assert Comment.objects.count() == 0
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|token)" value="([^"]+)"', html))
        clock.shift(timedelta(seconds=5))
        response = reader.post(POST_URL, {**typed, **fields})
    assert response.status_code == 302
    assert Comment.objects.get().body == "Tôi không dùng JavaScript"


def test_other_forms_refused_by_csrf_still_get_the_vietnamese_page(story):
    response = Client(enforce_csrf_checks=True).post(POST_URL, {"article": "khong-co"})
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()
