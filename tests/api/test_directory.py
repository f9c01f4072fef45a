"""Sections, tags, people, live entries and search through the API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.live import entries
from articles.models import Article, Contributor, LiveEntry, Person
from tests.desk_users import editor_in_chief
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def test_sections_with_their_parents_and_lists(client):
    news = make_section("Thời sự", position=1)
    make_section("Địa phương", parent=news, position=2)
    data = client.get("/api/v1/sections").json()
    assert [(s["name"], s["parent"]) for s in data] == [
        ("Thời sự", None),
        ("Địa phương", "thoi-su"),
    ]
    assert data[0]["stories_url"] == "https://baolaichau.example/api/v1/stories?section=thoi-su"
    assert data[0]["url"] == "https://baolaichau.example/chuyen-muc/thoi-su/"


def test_only_tags_of_public_stories_are_listed(client):
    make_article("Công khai", tags=["Nông thôn mới"])
    make_article("Nháp", status=Article.Status.DRAFT, tags=["Bí mật nháp"])
    make_article("Hẹn", published_at=timezone.now() + timedelta(days=1), tags=["Sắp công bố"])
    data = client.get("/api/v1/tags").json()
    assert [t["name"] for t in data["results"]] == ["Nông thôn mới"]


def test_people_are_those_with_an_author_page(client):
    shown = Person.objects.create(name="Vàng A Sử", pen_name="A Sử", bio="Phóng viên vùng cao.")
    hidden = Person.objects.create(name="Giấu Tên", pen_name="Ẩn danh", listed=False)
    idle = Person.objects.create(name="Chưa Viết", pen_name="Chưa viết")
    story = make_article("Chợ phiên Sìn Hồ")
    draft = make_article("Nháp", status=Article.Status.DRAFT)
    Contributor.objects.create(article=story, person=shown)
    Contributor.objects.create(article=story, person=hidden)
    Contributor.objects.create(article=draft, person=idle)
    data = client.get("/api/v1/people").json()
    assert [p["pen_name"] for p in data["results"]] == ["A Sử"]
    one = client.get(f"/api/v1/people/{shown.slug}").json()
    assert one["bio"] == "Phóng viên vùng cao."
    assert set(one) == {"slug", "pen_name", "other_pen_names", "bio", "photo", "url", "stories_url"}
    assert client.get(f"/api/v1/people/{hidden.slug}").status_code == 404
    story_data = client.get(f"/api/v1/stories/{story.pk}").json()
    assert {a["name"]: a["url"] for a in story_data["authors"]}["Ẩn danh"] is None


def test_live_entries_newest_first_since_and_paginated(client):
    story = make_article("Trực tiếp: Lễ hội", kind=Article.Kind.LIVE)
    now = timezone.now()
    for minutes in (30, 20, 10):
        LiveEntry.objects.create(
            article=story,
            body=f"<p>Cập nhật {minutes}</p>",
            posted_at=now - timedelta(minutes=minutes),
        )
    LiveEntry.objects.create(article=story, body="<p>Chờ</p>", state=LiveEntry.State.WAITING)
    data = client.get(f"/api/v1/stories/{story.pk}/live").json()
    assert [e["body_html"] for e in data["results"]] == [
        "<p>Cập nhật 10</p>",
        "<p>Cập nhật 20</p>",
        "<p>Cập nhật 30</p>",
    ]
    since = (now - timedelta(minutes=25)).isoformat()
    data = client.get(f"/api/v1/stories/{story.pk}/live", {"since": since}).json()
    assert data["count"] == 2
    page = client.get(f"/api/v1/stories/{story.pk}/live?page_size=2&page=2").json()
    assert [e["body_html"] for e in page["results"]] == ["<p>Cập nhật 30</p>"]
    assert page["previous"].endswith(f"/api/v1/stories/{story.pk}/live?page_size=2")


def test_a_new_entry_shows_on_the_next_poll(client):
    story = make_article("Trực tiếp: bão số 3", kind=Article.Kind.LIVE)
    assert client.get(f"/api/v1/stories/{story.pk}/live").json()["count"] == 0
    entries.post(story, by=editor_in_chief(), body="Gió giật cấp 8 ở Phong Thổ.")
    data = client.get(f"/api/v1/stories/{story.pk}/live").json()
    assert data["count"] == 1 and data["state"] == "live"
    assert "Phong Thổ" in data["results"][0]["body_html"]


def test_a_story_not_live_has_no_entries_endpoint(client):
    story = make_article("Bài thường")
    assert client.get(f"/api/v1/stories/{story.pk}/live").status_code == 404


def test_search_ignores_case_and_diacritics(client):
    make_article("Đảng bộ tỉnh Lai Châu họp")
    make_article("Nháp về đảng bộ", status=Article.Status.DRAFT)
    data = client.get("/api/v1/search", {"q": "dang bo"}).json()
    assert [s["title"] for s in data["results"]] == ["Đảng bộ tỉnh Lai Châu họp"]
