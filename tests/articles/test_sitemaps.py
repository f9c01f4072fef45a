import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "xml" in response["Content-Type"]
    return ET.fromstring(response.content)


def locs(root) -> list[str]:
    return [loc.text for loc in root.iterfind(".//sm:loc", NS)]


def test_sitemap_index_lists_stories_sections_and_tags(client):
    story = make_article("Tin", published_at=datetime(2024, 4, 27, 17, 30, tzinfo=UTC))
    Article.objects.filter(pk=story.pk).update(updated_at=datetime(2024, 4, 27, 17, 30, tzinfo=UTC))
    root = xml(client, "/sitemap.xml")
    assert root.find(".//sm:lastmod", NS).text == "2024-04-28T00:30:00+07:00"
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    assert locs(root) == [
        "http://testserver/sitemap-bai-viet.xml",
        "http://testserver/sitemap-chuyen-muc.xml",
        "http://testserver/sitemap-the.xml",
    ]


def test_story_sitemap_lists_only_public_stories(client):
    public = make_article("Công khai", published_at=datetime(2024, 4, 27, 1, 0, tzinfo=UTC))
    for status in [Article.Status.DRAFT, Article.Status.PENDING, Article.Status.UNPUBLISHED]:
        make_article(f"Ẩn {status}", status=status)
    make_article("Hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    root = xml(client, "/sitemap-bai-viet.xml")
    assert locs(root) == [f"http://testserver{public.get_absolute_url()}"]
    lastmod = root.find(".//sm:lastmod", NS).text
    assert lastmod == timezone.localdate(public.updated_at).isoformat()  # Vietnam date


def test_section_and_tag_sitemaps(client):
    section = make_section("Xã hội")
    make_article("Tin", section=section, tags=["Biên giới"])
    make_article("Nháp", status=Article.Status.DRAFT, tags=["Chỉ trong nháp"])
    assert f"http://testserver{section.get_absolute_url()}" in locs(
        xml(client, "/sitemap-chuyen-muc.xml")
    )
    assert locs(xml(client, "/sitemap-the.xml")) == ["http://testserver/the/bien-gioi/"]


def test_story_sitemap_is_split_into_pages(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    for i in range(5):
        make_article(f"Tin {i}")
    assert ArticleSitemap().paginator.num_pages == 3
    assert "http://testserver/sitemap-bai-viet.xml?p=3" in locs(xml(client, "/sitemap.xml"))
    assert len(locs(xml(client, "/sitemap-bai-viet.xml?p=3"))) == 1
    assert client.get("/sitemap-bai-viet.xml?p=4").status_code == 404
    assert client.get("/sitemap-bai-viet.xml?p=x").status_code == 404


def test_story_sitemap_pages_hold_50000_urls():
    assert ArticleSitemap.limit == 50_000


def test_news_sitemap_lists_the_last_two_days(client, time_machine):
    time_machine.move_to(datetime(2024, 4, 27, 12, 0, tzinfo=UTC), tick=False)
    now = timezone.now()
    fresh = make_article("Tin <mới> & nóng", published_at=now - timedelta(hours=3))
    make_article("Tin ba ngày trước", published_at=now - timedelta(days=3))
    make_article("Nháp", status=Article.Status.DRAFT)
    root = xml(client, reverse("articles:news-sitemap"))
    [url] = root.findall("sm:url", NS)
    assert url.find("sm:loc", NS).text == f"http://testserver{fresh.get_absolute_url()}"
    news = url.find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "Báo Lai Châu"
    assert news.find("news:publication/news:language", NS).text == "vi"
    assert news.find("news:publication_date", NS).text == "2024-04-27T16:00:00+07:00"
    assert news.find("news:title", NS).text == "Tin <mới> & nóng"


def test_robots_txt_points_at_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


@pytest.mark.parametrize("n", [1, 30])
def test_sitemap_query_counts_are_fixed(client, django_assert_max_num_queries, n):
    for i in range(n):
        make_article(f"Tin {i}", tags=[f"t{i}"])
    with django_assert_max_num_queries(4):
        assert client.get("/sitemap.xml").status_code == 200
    for url in ["/sitemap-bai-viet.xml", "/sitemap-the.xml", "/sitemap-news.xml"]:
        with django_assert_max_num_queries(2):
            assert client.get(url).status_code == 200
