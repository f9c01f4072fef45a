"""The story form's "Thẻ" box offers the tags that exist: "ruong" offers "Ruộng bậc thang"."""

import pytest
from playwright.sync_api import expect

from articles.models import Tag
from tests.desk_users import journalist, moderator

pytestmark = pytest.mark.django_db

SUGGEST = "/admin/articles/article/tags/"


@pytest.fixture
def tags():
    for name in ["Ruộng bậc thang", "Du lịch", "Ruộng lúa", "Mù Cang Chải"]:
        Tag.objects.create(name=name)


def test_the_desk_is_offered_existing_tags_whatever_the_accents(client, tags):
    client.force_login(journalist())
    response = client.get(SUGGEST, {"q": "RUONG"})
    assert response.status_code == 200
    assert response.json() == {"tags": ["Ruộng bậc thang", "Ruộng lúa"]}
    assert client.get(SUGGEST, {"q": "mu cang"}).json() == {"tags": ["Mù Cang Chải"]}
    assert client.get(SUGGEST, {"q": " "}).json() == {"tags": []}


def test_only_those_who_write_stories_are_offered_tags(client, tags):
    assert client.get(SUGGEST, {"q": "ruong"}).status_code == 302  # to the login page
    client.force_login(moderator())
    assert client.get(SUGGEST, {"q": "ruong"}).status_code == 403


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_suggested_tag_completes_the_word_being_typed(live_server, page, tags):
    journalist("phongvien")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "phongvien")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.locator("input[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + "/admin/articles/article/add/")
    box = page.locator("#id_tags")
    box.fill("Du lịch, ruong b")
    choice = page.get_by_role("button", name="Ruộng bậc thang")
    expect(choice).to_be_visible()
    expect(page.get_by_role("button", name="Ruộng lúa")).to_have_count(0)
    choice.click()
    expect(box).to_have_value("Du lịch, Ruộng bậc thang, ")
    expect(box).to_be_focused()
    expect(choice).to_have_count(0)
