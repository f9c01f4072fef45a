"""A story's address follows its title until it is first published, then stays fixed."""

import pytest

from articles import workflow
from articles.models import Article
from tests.articles.desk_forms import change_url, form_data
from tests.desk_users import editor
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def retitle(client, story, title, **fields):
    story.refresh_from_db()
    response = client.post(change_url(story), form_data(story, title=title, **fields))
    assert response.status_code == 302
    story.refresh_from_db()
    return story


def test_retitled_draft_goes_live_under_its_new_title(client):
    story = make_article("Tiêu đề tạm", status=Article.Status.DRAFT)
    assert story.slug == "tieu-de-tam"
    client.force_login(editor())
    retitle(client, story, "Mùa lúa chín trên ruộng bậc thang")
    assert story.slug == "mua-lua-chin-tren-ruong-bac-thang"
    workflow.publish(story, by=editor("bientap2"))
    story.refresh_from_db()
    assert client.get(story.get_absolute_url()).status_code == 200
    assert "/mua-lua-chin-tren-ruong-bac-thang-" in story.get_absolute_url()


def test_after_publishing_the_slug_stays_and_the_old_address_redirects(client):
    story = make_article("Mùa lúa chín")
    old_url = story.get_absolute_url()
    client.force_login(editor())
    retitle(client, story, "Mùa lúa chín sớm")
    assert story.slug == "mua-lua-chin"
    retitle(client, story, "Mùa lúa chín sớm", slug="lua-chin-som")
    assert story.slug == "lua-chin-som"
    client.logout()
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == story.get_absolute_url()


def test_a_slug_typed_by_hand_is_kept_while_the_title_changes(client):
    story = make_article("Tiêu đề tạm", status=Article.Status.PENDING)
    client.force_login(editor())
    retitle(client, story, "Tiêu đề tạm", slug="duong-ngan")
    retitle(client, story, "Tiêu đề cuối cùng")
    assert story.slug == "duong-ngan"


def test_a_numbered_slug_follows_too():
    make_article("Tin ngắn")
    story = make_article("Tin ngắn", status=Article.Status.DRAFT)
    assert story.slug.startswith("tin-ngan-")
    story.title = "Tin dài"
    story.save()
    assert story.slug == "tin-dai"
