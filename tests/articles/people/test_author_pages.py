"""Author pages: /tac-gia/<slug>/, its feed, its JSON-LD, its cache and its query budget."""

import json
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article, Contributor, Role
from tests.articles.people.helpers import credit, make_person
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def profile(response) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text)
    return next(d for d in map(json.loads, found) if d.get("@type") == "ProfilePage")


def test_the_page_shows_the_pen_name_bio_and_stories_newest_first(client):
    person = make_person("Minh Anh", bio="Phóng viên ban Xã hội.", other_pen_names="M.A.")
    old = make_article("Bài cũ", published_at=timezone.now() - timedelta(days=3))
    new = make_article("Bài mới")
    photo = make_article("Ảnh của chị")
    make_article("Bài của người khác")
    make_article("Bản nháp", status=Article.Status.DRAFT)
    credit(old, person)
    credit(new, person)
    credit(photo, person, role=Role.PHOTO)
    credit(photo, person, role=Role.TEXT)  # two roles on one story: listed once
    response = client.get("/tac-gia/minh-anh/")
    assert response.status_code == 200
    text = response.text
    assert "<h1" in text and "Minh Anh" in text and "Phóng viên ban Xã hội." in text
    titles = [a.title for a in response.context["articles"]]
    assert titles == ["Ảnh của chị", "Bài mới", "Bài cũ"]
    data = profile(response)
    assert data["mainEntity"] == {
        "@type": "Person",
        "name": "Minh Anh",
        "url": "http://testserver/tac-gia/minh-anh/",
        "alternateName": ["M.A."],
        "description": "Phóng viên ban Xã hội.",
    }
    assert 'href="/tac-gia/minh-anh/rss/"' in text


def test_the_feed_lists_their_stories(client):
    person = make_person("Minh Anh")
    credit(make_article("Bài của chị"), person)
    make_article("Bài của người khác")
    response = client.get("/tac-gia/minh-anh/rss/")
    assert response.status_code == 200
    assert "Bài của chị" in response.text and "Bài của người khác" not in response.text
    assert "<title>Minh Anh" in response.text


@pytest.mark.parametrize("url", ["/tac-gia/bi-danh/", "/tac-gia/bi-danh/rss/"])
def test_an_unlisted_person_has_no_page_nor_feed(client, url):
    credit(make_article(), make_person("Bí Danh", listed=False))
    response = client.get(url)
    assert response.status_code == 404


@pytest.mark.parametrize("url", ["/tac-gia/minh-anh/", "/tac-gia/minh-anh/rss/"])
def test_a_person_with_no_public_story_has_no_page(client, url):
    credit(make_article(status=Article.Status.DRAFT), make_person("Minh Anh"))
    assert client.get(url).status_code == 404
    assert client.get("/tac-gia/khong-co/").status_code == 404


def test_a_bad_page_number_is_not_a_500(client):
    credit(make_article(), make_person("Minh Anh"))
    assert client.get("/tac-gia/minh-anh/?page=abc").status_code in (200, 404)
    assert client.get("/tac-gia/minh-anh/?page=999").status_code == 404


def test_the_page_is_purged_when_a_story_or_the_person_changes(client):
    person = make_person("Minh Anh")
    story = make_article("Tin thứ nhất")
    credit(story, person)
    assert "Tin thứ nhất" in client.get("/tac-gia/minh-anh/").text
    story.title = "Tin đã sửa"
    story.save()
    assert "Tin đã sửa" in client.get("/tac-gia/minh-anh/").text
    credit(make_article("Tin thứ hai"), person)
    assert "Tin thứ hai" in client.get("/tac-gia/minh-anh/").text
    person.bio = "Giới thiệu mới."
    person.save()
    assert "Giới thiệu mới." in client.get("/tac-gia/minh-anh/").text
    person.listed = False
    person.save()
    assert client.get("/tac-gia/minh-anh/").status_code == 404


def test_a_thousand_stories_cost_the_same_few_queries(client, django_assert_max_num_queries):
    section = make_section("Xã hội")
    person = make_person("Minh Anh")
    now = timezone.now()
    stories = Article.objects.bulk_create(
        Article(
            title=f"Tin số {i}",
            slug=f"tin-so-{i}",
            lead="Sapo.",
            byline="Minh Anh",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=i + 1),
        )
        for i in range(1000)
    )
    Contributor.objects.bulk_create(
        Contributor(article=story, person=person, role=Role.TEXT) for story in stories
    )
    for page in ("", "?page=2", "?page=50"):
        cache.clear()
        # 7, and the Tin nóng bar (articles/frontpage) on this cold cache.
        with django_assert_max_num_queries(8):
            response = client.get("/tac-gia/minh-anh/" + page)
        assert response.status_code == 200
    assert response.context["articles"][0].title == "Tin số 980"
    cache.clear()
    with django_assert_max_num_queries(4):
        assert client.get("/tac-gia/minh-anh/rss/").status_code == 200
