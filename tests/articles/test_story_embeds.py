"""Embeds on the story page: a placeholder, no frame, and `frame-src` only where one is."""

import re

import pytest
from django.core.cache import cache

from pagecache.middleware import STATUS_HEADER as CACHE_STATUS
from tests.articles.desk_forms import form_data
from tests.articles.test_query_budgets import STORY_BUDGET
from tests.factories import make_article
from tests.newsroom.test_csp import CSP, directive

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
TWEET = "https://x.com/baolaichau/status/1712345678901234567"


def has_directive(header: str, name: str) -> bool:
    return any(part.split()[:1] == [name] for part in header.split(";"))


@pytest.fixture
def story():
    return make_article("Lễ hội Then", body=f"<p>Mở đầu.</p><p>{VIDEO}</p><p>Kết.</p>")


def test_the_story_shows_a_placeholder_and_no_frame(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert ">Xem</button>" in html
    assert "<iframe" not in html
    # Nothing on the page asks the provider for anything: no thumbnail, no script.
    assert "ytimg.com" not in html
    assert not re.search(r'\s(?:src|srcset)="https://[^"]*(youtube|google)', html)
    assert "js/embeds.js" in html


def test_frame_src_allows_that_providers_origin_on_that_page_only(client, story):
    header = client.get(story.get_absolute_url())[CSP]
    assert directive(header, "frame-src") == ["https://www.youtube-nocookie.com"]
    # The rest of the policy is untouched.
    assert directive(header, "script-src") == ["'self'"]
    assert directive(header, "frame-ancestors") == ["'none'"]

    plain = make_article("Tin không có video")
    response = client.get(plain.get_absolute_url())
    assert not has_directive(response[CSP], "frame-src")
    assert "js/embeds.js" not in response.content.decode()
    for url in ("/", story.section.get_absolute_url()):
        assert not has_directive(client.get(url)[CSP], "frame-src"), url


def test_two_providers_give_two_origins(client):
    story = make_article("Hai nhúng", body=f"<p>{VIDEO}</p><p>{TWEET}</p>")
    header = client.get(story.get_absolute_url())[CSP]
    assert directive(header, "frame-src") == [
        "https://platform.twitter.com",
        "https://www.youtube-nocookie.com",
    ]


def test_the_page_cache_keeps_the_frame_src_with_the_page(client, settings, story):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(story.get_absolute_url())
    second = client.get(story.get_absolute_url())
    assert (first[CACHE_STATUS], second[CACHE_STATUS]) == ("miss", "hit")
    assert second[CSP] == first[CSP]
    assert directive(second[CSP], "frame-src") == ["https://www.youtube-nocookie.com"]


def test_a_disallowed_provider_stays_a_link_and_allows_no_frame(client, settings):
    settings.EMBED_PROVIDERS = ["youtube"]
    story = make_article("Chỉ liên kết", body=f"<p>{TWEET}</p>")
    response = client.get(story.get_absolute_url())
    assert "data-embed-src" not in response.content.decode()
    assert not has_directive(response[CSP], "frame-src")


def test_many_embeds_cost_no_query(client, django_assert_max_num_queries):
    body = "".join(f"<p>Đoạn {n}.</p><p>{VIDEO}</p><p>{TWEET}</p>" for n in range(40))
    story = make_article("Nhiều nhúng", body=body)
    cache.clear()
    with django_assert_max_num_queries(STORY_BUDGET):
        html = client.get(story.get_absolute_url()).content.decode()
    assert html.count('class="embed ') == 80


def test_the_staff_preview_shows_the_placeholder_under_its_frame_src(editor_client, story):
    response = editor_client.get(f"/admin/articles/article/{story.pk}/preview/")
    assert "data-embed-src" in response.content.decode()
    assert directive(response[CSP], "frame-src") == ["https://www.youtube-nocookie.com"]


def test_the_forms_preview_shows_the_unsaved_embed(editor_client, story):
    data = form_data(story, body=f"<p>Chưa lưu.</p><p>{TWEET}</p>")
    response = editor_client.post(f"/admin/articles/article/{story.pk}/preview/", data)
    html = response.content.decode()
    assert "platform.twitter.com/embed/Tweet.html?id=1712345678901234567" in html
    assert "youtube-nocookie" not in html
    assert directive(response[CSP], "frame-src") == ["https://platform.twitter.com"]
