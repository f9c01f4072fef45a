"""A parameter the API cannot read is a 400 in Vietnamese, never ignored, never a 500."""

import pytest

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

HOSTILE = [
    "page=abc",
    "page=0",
    "page=-3",
    "page=99999999999999999999999999",
    "page=1e3",
    "page=%00",
    "page=1&page=2",
    "page[]=1",
    "page_size=51",
    "page_size=-1",
    "section=kh%C3%B4ng-c%C3%B3",
    "section=%00%00",
    "tag=nope",
    "kind=thoi-su",
    "kind=%F0%9F%92%A5",
    "author=ai-do",
    "sectoin=thoi-su",
    "section=" + "a" * 5000,
]


@pytest.fixture
def story():
    return make_article("Bài công khai", section=make_section("Thời sự"))


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_story_list_parameters_are_400s_with_a_message(client, story, query):
    response = client.get(f"/api/v1/stories?{query}")
    assert response.status_code == 400, (query, response.content)
    detail = response.json()["detail"]
    assert detail and detail.isascii() is False  # a Vietnamese sentence


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/search?q=%00",
        "/api/v1/search?q=" + "đ" * 300,
        "/api/v1/search",
        "/api/v1/stories/1/live?since=h%C3%B4m-qua",
        "/api/v1/stories/1/live?since=1e400",
        "/api/v1/stories/1/live?since=0000-00-00",
        "/api/v1/stories/1/live?since=-99999999999999999999",
        "/api/v1/corrections?story=abc",
        "/api/v1/corrections?story=-1",
        "/api/v1/tags?page=x",
        "/api/v1/people?page_size=1000",
        "/api/v1/sections?page=2",
    ],
)
def test_other_endpoints_refuse_bad_values(client, story, url):
    response = client.get(url)
    assert response.status_code == 400, (url, response.content)
    assert not response.json()["detail"].isascii()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/stories/99999999999999999999999",
        "/api/v1/stories/0",
        "/api/v1/stories/9223372036854775807/live",
        "/api/v1/corrections?story=9223372036854775808",
        "/api/v1/people/khong-co",
        "/api/v1/stories?page=2",
        "/api/v1/khong-co-dia-chi-nay",
        "/api/v1/stories/abc",
    ],
)
def test_unknown_things_are_json_404s(client, story, url):
    response = client.get(url)
    assert response.status_code == 404, (url, response.content)
    assert not response.json()["detail"].isascii()


def test_the_messages_name_the_parameter(client, story):
    assert client.get("/api/v1/stories?page=abc").json()["detail"] == (
        "Số trang (page) phải là một số nguyên."
    )
    assert client.get("/api/v1/stories?section=xa-hoi").json()["detail"] == (
        "Không có chuyên mục “xa-hoi”."
    )
    message = client.get("/api/v1/stories?kind=tin").json()["detail"]
    assert message.startswith("Loại bài (kind) không hợp lệ; chỉ nhận: text, photo")


def test_an_old_slug_still_names_its_section(client, story):
    section = story.section
    section.slug = "thoi-su-moi"
    section.save()
    from articles.models import SectionSlugHistory

    SectionSlugHistory.objects.get_or_create(section=section, slug="thoi-su")
    data = client.get("/api/v1/stories?section=thoi-su").json()
    assert [s["id"] for s in data["results"]] == [story.pk]


def test_unicode_words_are_searched_not_refused(client, story):
    for words in ["Thời sự 💥", "ĐẢNG BỘ", "\u202etrái"]:
        assert client.get("/api/v1/search", {"q": words}).status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_a_method_that_is_not_get_is_a_405_in_vietnamese(client, method):
    answer = getattr(client, method)("/api/v1/stories")
    assert answer.status_code == 405
    assert answer["Allow"] == "GET"
    assert answer.json()["detail"].startswith("Địa chỉ này chỉ nhận yêu cầu GET")
