"""A picture's credit shows under it in the body as under the hero; the hero shows once."""

import pytest

from articles.models import Article
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db


def picture(caption="", credit="Ảnh: Minh Anh"):
    image = make_image(caption=caption)
    image.credit = credit
    image.save()
    return image


def figure(image, caption="Ruộng bậc thang Sìn Hồ") -> str:
    caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
    return (
        f'<figure><img src="{image.file.url}" alt="Ruộng" data-file="{image.pk}">'
        f"{caption_html}</figure>"
    )


def story_html(client, **fields) -> str:
    story = make_article("Mùa lúa chín", status=Article.Status.PUBLISHED, **fields)
    return client.get(story.get_absolute_url()).content.decode()


def test_body_picture_caption_carries_its_credit(client):
    image = picture()
    html = story_html(client, body=f"<p>Mở đầu.</p>{figure(image)}")
    body = html.split('class="story-body"')[1]
    assert 'Ruộng bậc thang Sìn Hồ <span class="credit">(Ảnh: Minh Anh)</span></figcaption>' in body


def test_body_picture_without_caption_still_shows_its_credit(client):
    image = picture()
    html = story_html(client, body=f"<p>Mở đầu.</p>{figure(image, caption='')}")
    body = html.split('class="story-body"')[1]
    assert '<figcaption><span class="credit">(Ảnh: Minh Anh)</span></figcaption>' in body


def test_hero_that_is_also_the_first_body_picture_shows_once(client):
    image = picture(caption="Ruộng bậc thang")
    html = story_html(client, hero_image=image, body=f"{figure(image)}<p>Nội dung.</p>")
    assert html.count("(Ảnh: Minh Anh)") == 1
    assert 'class="hero"' not in html


def test_a_different_hero_still_shows_above_the_body(client):
    hero, other = picture(caption="Bản Hon"), picture(credit="Ảnh: T. Hùng")
    html = story_html(client, hero_image=hero, body=f"{figure(other)}<p>Nội dung.</p>")
    assert 'class="hero"' in html
    assert "(Ảnh: Minh Anh)" in html and "(Ảnh: T. Hùng)" in html
