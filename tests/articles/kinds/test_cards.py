"""The kind's mark on cards and lists: an icon and the word, nothing for a text story."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

WORDS = {
    Article.Kind.PHOTO: "Ảnh",
    Article.Kind.VIDEO: "Video",
    Article.Kind.AUDIO: "Podcast",
    Article.Kind.LONGFORM: "E-magazine",
    Article.Kind.INFOGRAPHIC: "Infographic",
    Article.Kind.LIVE: "Trực tiếp",
}


def test_each_kind_is_marked_on_its_card_with_an_icon_and_its_word(client):
    section = make_section("Xã hội")
    for kind in WORDS:
        make_article(f"Bài loại {kind}", section=section, kind=kind)
    make_article("Bài chữ", section=section)
    html = client.get(section.get_absolute_url()).content.decode()
    for kind, word in WORDS.items():
        assert (
            f'<span class="kind-mark kind-{kind}"><svg class="kind-icon" viewBox="0 0 16 16" '
            f'width="14" height="14" aria-hidden="true" focusable="false">'
        ) in html
        assert f"</svg>{word}</span>" in html
    assert html.count('class="kind-mark') == len(WORDS)  # none for the text story


def test_home_and_search_cards_carry_the_mark(client):
    make_article("Phóng sự ảnh Sìn Hồ", kind=Article.Kind.PHOTO, featured=True)
    assert "</svg>Ảnh</span>" in client.get("/").content.decode()
    found = client.get(reverse("articles:search"), {"q": "Sìn Hồ"}).content.decode()
    assert "</svg>Ảnh</span>" in found
