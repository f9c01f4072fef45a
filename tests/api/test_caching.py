"""Answers kept in the shared cache, validated by ETag and Last-Modified, purged like pages."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.http import http_date

from articles import workflow
from articles.corrections import steps
from articles.models import Article, Contributor, Person
from tests.desk_users import editor_in_chief
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_article("Hoa ban nở trắng núi rừng", section=make_section("Du lịch"))


def titles(client):
    return [s["title"] for s in client.get("/api/v1/stories").json()["results"]]


def test_a_second_request_is_answered_from_the_cache(client, story):
    first = client.get(f"/api/v1/stories/{story.pk}")
    second = client.get(f"/api/v1/stories/{story.pk}")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert first["Last-Modified"] == second["Last-Modified"]
    assert "public" in second["Cache-Control"] and "max-age=" in second["Cache-Control"]


@pytest.mark.parametrize(
    "url", ["/api/v1/stories", "/api/v1/sections", "/api/v1/tags", "/api/v1/corrections"]
)
def test_both_validators_answer_304(client, story, url):
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    earlier = http_date(timezone.now().timestamp() - 3600)
    assert client.get(url, headers={"if-modified-since": earlier}).status_code == 200
    assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200


def test_an_edit_shows_on_the_next_request_with_new_validators(client, story):
    before = client.get(f"/api/v1/stories/{story.pk}")
    client.get("/api/v1/stories")
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        story.title = "Hoa ban nở trắng Điện Biên"
        story.save()
        after = client.get(f"/api/v1/stories/{story.pk}")
        assert after.json()["title"] == "Hoa ban nở trắng Điện Biên"
        assert after["ETag"] != before["ETag"]
        assert after["Last-Modified"] != before["Last-Modified"]
        stale = {"if-modified-since": before["Last-Modified"]}
        assert client.get(f"/api/v1/stories/{story.pk}", headers=stale).status_code == 200
        assert titles(client) == ["Hoa ban nở trắng Điện Biên"]


def test_a_story_taken_down_leaves_the_api_at_once(client, story):
    assert client.get(f"/api/v1/stories/{story.pk}").status_code == 200
    assert titles(client) == [story.title]
    workflow.take_down(story, by=editor_in_chief(), reason="Quyết định số 12 của Sở TT-TT")
    assert client.get(f"/api/v1/stories/{story.pk}").status_code == 404
    assert titles(client) == []


def test_an_unpublished_story_leaves_the_api(client, story):
    client.get(f"/api/v1/stories/{story.pk}")
    client.get("/api/v1/stories")
    story.status = Article.Status.UNPUBLISHED
    story.save()
    assert client.get(f"/api/v1/stories/{story.pk}").status_code == 404
    assert titles(client) == []


def test_a_correction_shows_on_the_story_and_the_corrections_list(client, story):
    assert client.get(f"/api/v1/stories/{story.pk}").json()["corrections"] == []
    assert client.get("/api/v1/corrections").json()["count"] == 0
    steps.add_note(story, by=editor_in_chief(), note="Sửa tên xã: Bản Hon, không phải Bản Lang.")
    corrections = client.get(f"/api/v1/stories/{story.pk}").json()["corrections"]
    assert [c["note"] for c in corrections] == ["Sửa tên xã: Bản Hon, không phải Bản Lang."]
    listed = client.get("/api/v1/corrections").json()["results"]
    assert listed[0]["story"]["id"] == story.pk
    assert listed[0]["published_at"].endswith("+07:00")
    assert client.get(f"/api/v1/corrections?story={story.pk}").json()["count"] == 1


def test_a_pen_name_changed_shows_in_the_byline(client, story):
    person = Person.objects.create(name="Tòng Văn Chiến", pen_name="Tòng Chiến")
    Contributor.objects.create(article=story, person=person)
    assert client.get(f"/api/v1/stories/{story.pk}").json()["authors"][0]["name"] == "Tòng Chiến"
    person.pen_name = "T. Chiến"
    person.save()
    data = client.get(f"/api/v1/stories/{story.pk}").json()
    assert data["authors"][0]["name"] == "T. Chiến"
    people = client.get("/api/v1/people").json()["results"]
    assert [p["pen_name"] for p in people] == ["T. Chiến"]
    assert "Tòng Văn Chiến" not in str(people)


def test_too_many_requests_from_one_client_are_429_with_retry_after(client, settings, story):
    settings.API_RATE_LIMIT = "3/m"
    settings.TRUSTED_PROXY_COUNT = 1
    one = {"x-forwarded-for": "203.0.113.7"}
    for _ in range(3):
        assert client.get("/api/v1/stories", headers=one).status_code == 200
    refused = client.get("/api/v1/stories", headers=one)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert refused.json()["detail"].startswith("Bạn gửi quá nhiều yêu cầu.")
    # Another reader behind the same proxy has their own count.
    other = {"x-forwarded-for": "198.51.100.20"}
    assert client.get("/api/v1/stories", headers=other).status_code == 200


def test_head_is_answered_as_get_without_a_body(client, story):
    got = client.get(f"/api/v1/stories/{story.pk}")
    head = client.head(f"/api/v1/stories/{story.pk}")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == got["ETag"]


def test_a_mistyped_rate_fails_the_system_check_not_a_request(settings):
    from django.core.checks import run_checks

    settings.API_RATE_LIMIT = "300 a minute"
    errors = [e for e in run_checks() if e.id == "api.E001"]
    assert [e.msg.split(" ")[0] for e in errors] == ["API_RATE_LIMIT"]
    settings.API_RATE_LIMIT = "300/m"
    assert "api.E001" not in [e.id for e in run_checks()]
