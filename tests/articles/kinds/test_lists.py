"""/video/, /anh/, /podcast/, /emagazine/, /infographic/: one kind's public stories."""

from datetime import timedelta

import pytest
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from articles.kinds.lists import ADDRESSES, list_url
from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("address", list(ADDRESSES))
def test_kind_list_shows_only_public_stories_of_its_kind(client, address):
    kind = ADDRESSES[address]
    make_article("Công khai", kind=kind)
    make_article("Nháp", kind=kind, status=Article.Status.DRAFT)
    make_article("Hẹn giờ", kind=kind, published_at=timezone.now() + timedelta(days=1))
    make_article("Loại khác", kind=Article.Kind.TEXT)
    response = client.get(f"/{address}/")
    assert response.status_code == 200
    assert [story.title for story in response.context["articles"]] == ["Công khai"]
    html = response.content.decode()
    assert f'<h1 class="page-title">{kind.label}</h1>' in html
    assert list_url(kind) == f"/{address}/"


def test_kind_list_pages_like_a_section(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        make_article(f"Video {n}", kind=Article.Kind.VIDEO)
    url = reverse("articles:kind", args=["video"])
    first = client.get(url)
    assert [s.title for s in first.context["articles"]] == ["Video 4", "Video 3"]
    assert 'rel="next"' in first.content.decode()
    last = client.get(url, {"page": 3})
    assert [s.title for s in last.context["articles"]] == ["Video 0"]
    assert client.get(url, {"page": 9}).status_code == 404


def test_an_empty_kind_list_says_so(client):
    html = client.get("/infographic/").content.decode()
    assert "Chưa có bài Infographic nào." in html


def test_podcast_feed_address_is_left_to_the_feed():
    assert reverse("articles:kind", args=["podcast"]) == "/podcast/"
    try:
        match = resolve("/podcast/rss/")
    except Resolver404:
        return  # the podcast feed (the media pipeline's) is not merged here
    assert match.url_name != "kind"
