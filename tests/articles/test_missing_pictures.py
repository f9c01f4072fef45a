"""A picture whose file is gone (a database restored without its media) never takes a page down."""

import importlib
import os

import pytest
from django.apps import apps

from articles.models import Image
from tests.desk_users import editor
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db


def test_a_pictures_size_is_stored_when_it_is_saved():
    picture = make_image(size=(1200, 800))
    assert Image.objects.values_list("width", "height").get(pk=picture.pk) == (1200, 800)


@pytest.fixture
def story_with_lost_pictures():
    hero = make_image(alt_text="Ruộng bậc thang", size=(1200, 800))
    inline = make_image(alt_text="Bản Mường Tè", size=(900, 600))
    inline.caption = "Bản làng mùa lúa chín"
    inline.save()
    article = make_article(
        "Mùa vàng Mường Tè",
        hero_image=hero,
        tags=["Du lịch"],
        body=(
            "<p>Đoạn đầu.</p><figure>"
            f'<img src="{inline.file.url}" alt="Bản Mường Tè" data-image-id="{inline.pk}">'
            "<figcaption>Bản làng mùa lúa chín</figcaption></figure>"
        ),
    )
    for picture in (hero, inline):
        os.remove(picture.file.path)
    return article


def test_every_page_showing_a_lost_picture_still_answers(client, story_with_lost_pictures):
    article = story_with_lost_pictures
    for url in [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        article.tags.get().get_absolute_url(),
        "/tim-kiem/?q=Mường",
        "/rss/",
        "/sitemap-news.xml",
    ]:
        assert client.get(url).status_code == 200, url
    html = client.get(article.get_absolute_url()).text
    # Drawn at its stored size, so the page keeps its layout and shows the alt text in place.
    assert 'width="1200" height="800"' in html
    assert "Bản làng mùa lúa chín" in html


def test_the_desk_still_opens_a_story_and_picture_whose_file_is_gone(
    client, story_with_lost_pictures
):
    client.force_login(editor())
    article = story_with_lost_pictures
    assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
    assert client.get("/admin/articles/image/").status_code == 200
    assert client.get(f"/admin/articles/image/{article.hero_image_id}/change/").status_code == 200


def test_the_migration_measures_stored_pictures_and_skips_missing_files():
    kept, lost = make_image(size=(640, 480)), make_image(size=(800, 600))
    Image.objects.update(width=None, height=None)
    os.remove(lost.file.path)
    importlib.import_module("articles.migrations.0012_i15_picture_size_measured_on_save").measure(
        apps, None
    )
    assert Image.objects.values_list("width", "height").get(pk=kept.pk) == (640, 480)
    assert Image.objects.values_list("width", "height").get(pk=lost.pk) == (None, None)
