from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_image, make_section

pytestmark = pytest.mark.django_db

FEED = reverse("articles:feed")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_site_feed_carries_the_latest_public_stories(client):
    picture = make_image("Cầu treo bản Mù")
    story = make_article(
        "Làm theo Bác ở Đảng bộ Sở Nội vụ: một tiêu đề đầy đủ, không cắt ngắn giữa chừng",
        lead="Nhờ kết hợp chặt chẽ giữa học tập với làm theo.",
        byline="T. Hùng",
        hero_image=picture,
        published_at=datetime(2015, 2, 3, 7, 56, tzinfo=UTC),
    )
    make_article("Bản nháp", status=Article.Status.DRAFT)
    make_article("Hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    response = client.get(FEED)
    feed = parse(response)
    assert feed.version == "rss20"
    assert feed.feed.title == "Báo Lai Châu"
    assert feed.feed.link == "http://testserver/"
    [entry] = feed.entries
    assert entry.title == story.title
    assert entry.link == f"http://testserver{story.get_absolute_url()}"
    assert entry.description == "(BLC) - Nhờ kết hợp chặt chẽ giữa học tập với làm theo."
    assert entry.author == "T. Hùng"
    assert "<pubDate>Tue, 03 Feb 2015 14:56:00 +0700</pubDate>" in response.content.decode()
    assert entry.published_parsed[:5] == (2015, 2, 3, 7, 56)  # the same instant, in UTC
    [enclosure] = entry.enclosures
    assert enclosure.href == f"http://testserver{picture.file.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == picture.file.size > 0


def test_feed_holds_the_latest_50_newest_first(client):
    now = timezone.now()
    for i in range(55):
        make_article(f"Tin {i:02d}", published_at=now - timedelta(minutes=i + 1))
    feed = parse(client.get(FEED))
    assert [entry.title for entry in feed.entries] == [f"Tin {i:02d}" for i in range(50)]


def test_section_feed_covers_the_section_and_its_subsections(client):
    politics = make_section("Chính trị")
    learning = make_section("Học tập, làm theo Bác", parent=politics)
    now = timezone.now()
    make_article("Tin chính trị", section=politics, published_at=now - timedelta(hours=2))
    make_article("Tin học tập", section=learning, published_at=now - timedelta(hours=1))
    make_article("Tin kinh tế", section=make_section("Kinh tế"))
    response = client.get(reverse("articles:section-feed", kwargs={"slug": politics.slug}))
    feed = parse(response)
    assert feed.feed.title == "Chính trị – Báo Lai Châu"
    assert feed.feed.link == f"http://testserver{politics.get_absolute_url()}"
    assert [entry.title for entry in feed.entries] == ["Tin học tập", "Tin chính trị"]


def test_section_page_and_every_page_announce_their_feeds(client):
    section = make_section("Xã hội")
    content = client.get(section.get_absolute_url()).content.decode()
    assert 'type="application/rss+xml" title="Báo Lai Châu" href="/rss/"' in content
    assert f'href="/chuyen-muc/{section.slug}/rss/"' in content


def test_unknown_section_feed_is_404_and_a_renamed_one_redirects(client):
    assert client.get("/chuyen-muc/khong-co/rss/").status_code == 404
    section = make_section("Cũ", slug="cu")
    section.slug = "moi"
    section.save()
    response = client.get("/chuyen-muc/cu/rss/")
    assert response.status_code == 301 and response["Location"] == "/chuyen-muc/moi/rss/"


@pytest.mark.parametrize("n", [1, 50])
def test_feed_query_count_is_fixed(client, django_assert_max_num_queries, n):
    for i in range(n):
        make_article(
            f"Tin {i}", hero_image=make_image(size=(40, 30)) if i % 2 else None, tags=[f"t{i}"]
        )
    with django_assert_max_num_queries(1):
        parse(client.get(FEED))
