"""The admin's "view on site" redirect tells no one a story's address they may not read."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext, override

from articles.models import Article, Section
from tests.desk_users import editor, journalist, moderator
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def shortcut(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj)
    return f"/admin/r/{content_type.pk}/{obj.pk}/"


def stories(author) -> dict[str, Article]:
    embargo = timezone.now() + timedelta(days=1)
    return {
        "draft": make_article("Bí mật nháp", author=author, status=Article.Status.DRAFT),
        "scheduled": make_article("Bí mật cấm đăng", author=author, published_at=embargo),
        "live": make_article("Tin đã đăng", author=author),
    }


def preview(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/preview/"


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_a_colleagues_unpublished_story_gives_no_address(client, state):
    article = stories(journalist("dongnghiep"))[state]
    client.force_login(journalist())

    response = client.get(shortcut(article))

    assert response.status_code == 404
    assert article.slug not in response.get("Location", "")
    assert article.slug not in response.content.decode()


def test_a_moderator_reads_no_story_address(client):
    client.force_login(moderator())
    for article in stories(journalist("dongnghiep")).values():
        assert client.get(shortcut(article)).status_code == 404


def test_a_live_story_goes_to_its_page(client):
    article = stories(journalist("dongnghiep"))["live"]
    client.force_login(journalist())
    response = client.get(shortcut(article))
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()


@pytest.mark.parametrize("who", ["author", "editor"])
def test_an_unpublished_story_goes_to_its_preview_for_those_who_read_it(client, who):
    author = journalist()
    client.force_login(author if who == "author" else editor())
    for state in ("draft", "scheduled"):
        article = stories(author)[state]
        response = client.get(shortcut(article))
        assert response.status_code == 302
        assert response["Location"] == preview(article)


def test_other_models_redirect_for_those_who_may_view_them(client):
    section = make_section("Thời sự")
    client.force_login(journalist())
    assert client.get(shortcut(section))["Location"].endswith(section.get_absolute_url())
    client.force_login(moderator())
    assert client.get(shortcut(section)).status_code == 404


def test_an_unknown_type_or_object_is_not_found(client):
    client.force_login(editor())
    content_type = ContentType.objects.get_for_model(Section)
    assert client.get(f"/admin/r/{content_type.pk}/999999/").status_code == 404
    assert client.get(f"/admin/r/{content_type.pk}/abc/").status_code == 404
    assert client.get("/admin/r/999999/1/").status_code == 404
    assert client.get("/admin/r/x/1/").status_code == 404


@pytest.mark.parametrize(
    "message",
    [
        "Could not load %(object_repr)s version - not found",
        "Could not save %(object_repr)s version - missing dependency.",
    ],
)
def test_reversions_revert_errors_are_vietnamese_and_name_no_story(message):
    with override("vi"):
        shown = gettext(message) % {"object_repr": "Bí mật cấm đăng"}
    assert "Bí mật" not in shown
    assert "Could not" not in shown and shown.startswith("Không")
