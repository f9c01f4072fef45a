"""The public stories through the API: what is in it, what never is, and what a story says."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article, Contributor, Person
from tests.factories import make_article, make_image, make_section

pytestmark = pytest.mark.django_db


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def test_only_public_stories_are_listed(client):
    public = make_article("Lai Châu đón mùa hoa đào")
    make_article("Bản nháp", status=Article.Status.DRAFT)
    make_article("Chờ duyệt", status=Article.Status.PENDING)
    make_article("Hẹn giờ", published_at=timezone.now() + timedelta(hours=2))
    make_article("Đã gỡ", status=Article.Status.UNPUBLISHED)
    make_article("Gỡ theo yêu cầu", status=Article.Status.TAKEN_DOWN)
    data = results(client, "/api/v1/stories")
    assert [story["title"] for story in data["results"]] == [public.title]
    assert data["count"] == 1
    story = data["results"][0]
    assert story["url"] == f"https://baolaichau.example{public.get_absolute_url()}"
    assert story["published_at"].endswith("+07:00")


def test_a_scheduled_story_appears_when_its_time_comes_without_a_cron(client):
    soon = timezone.now() + timedelta(minutes=3)
    story = make_article("Sắp lên", published_at=soon)
    assert results(client, "/api/v1/stories")["count"] == 0
    assert client.get(f"/api/v1/stories/{story.pk}").status_code == 404
    with time_machine.travel(soon + timedelta(seconds=1)):
        assert results(client, "/api/v1/stories")["count"] == 1
        assert results(client, f"/api/v1/stories/{story.pk}")["id"] == story.pk


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.PENDING, Article.Status.TAKEN_DOWN]
)
def test_a_story_not_public_is_a_json_404_in_vietnamese(client, status):
    story = make_article("Không công khai", status=status)
    response = client.get(f"/api/v1/stories/{story.pk}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Không có bài này."}


def test_story_filters_by_section_tag_kind_and_author(client):
    news = make_section("Thời sự")
    sub = make_section("Địa phương", parent=news)
    sport = make_section("Thể thao")
    in_sub = make_article("Đường mới ở Tam Đường", section=sub, tags=["Giao thông"])
    in_sport = make_article("Bóng đá", section=sport, kind=Article.Kind.VIDEO)
    writer = Person.objects.create(name="Nguyễn Văn A", pen_name="Minh Anh")
    Contributor.objects.create(article=in_sport, person=writer)

    def titles(query):
        return [s["title"] for s in results(client, f"/api/v1/stories?{query}")["results"]]

    assert titles(f"section={news.slug}") == [in_sub.title]  # its subsections' included
    assert titles("tag=giao-thong") == [in_sub.title]
    assert titles("kind=video") == [in_sport.title]
    assert titles(f"author={writer.slug}") == [in_sport.title]


def test_story_detail_has_body_pictures_related_and_byline(client):
    hero = make_image("Ruộng bậc thang")
    inline = make_image("Cầu treo", caption="Cầu treo bản Lả")
    section = make_section("Xã hội")
    other = make_article("Bài cùng chuyên mục", section=section)
    story = make_article(
        "Mùa lúa chín",
        section=section,
        hero_image=hero,
        tags=["Nông nghiệp"],
        body=f'<p>Đoạn một.</p><figure data-image-id="{inline.pk}"><img src="{inline.file.url}" '
        f'alt="Cầu treo"><figcaption>Cầu treo bản Lả</figcaption></figure>',
    )
    writer = Person.objects.create(name="Lò Văn Bình", pen_name="Hoàng Bình", email="b@x.vn")
    Contributor.objects.create(article=story, person=writer)
    story.refresh_from_db()
    data = results(client, f"/api/v1/stories/{story.pk}")
    assert data["title"] == "Mùa lúa chín"
    assert data["tags"] == [
        {
            "name": "Nông nghiệp",
            "slug": "nong-nghiep",
            "url": "https://baolaichau.example/the/nong-nghiep/",
        }
    ]
    assert data["byline"] == "Hoàng Bình"
    assert data["authors"][0]["name"] == "Hoàng Bình"
    assert data["authors"][0]["url"] == f"https://baolaichau.example/tac-gia/{writer.slug}/"
    assert "<picture>" in data["body_html"] and "srcset" in data["body_html"]
    # The story page's markup, its own addresses made absolute for an app away from the site.
    assert 'src="/' not in data["body_html"] and ", /" not in data["body_html"]
    assert 'srcset="https://baolaichau.example/media/' in data["body_html"]
    assert [p["id"] for p in data["pictures"]] == [inline.pk]
    widths = {r["width"] for r in data["hero"]["renditions"]}
    assert widths == {480, 800, 1200}
    assert any(r["type"] == "image/webp" for r in data["hero"]["renditions"])
    assert [r["id"] for r in data["related"]] == [other.pk]
    assert data["live"] is None
    text = str(data)
    assert "b@x.vn" not in text and "Lò Văn Bình" not in text


def test_a_live_story_links_its_entries(client):
    story = make_article("Trực tiếp: bầu cử", kind=Article.Kind.LIVE)
    data = results(client, f"/api/v1/stories/{story.pk}")
    assert data["live"]["entries_url"].endswith(f"/api/v1/stories/{story.pk}/live")
