"""A reader's name cannot hide, reorder text, or pass for the newsroom."""

import pytest

from comments.models import Comment
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article("Mùa lúa chín ở Mường Tè")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("\u200b\u200c\u200d\u2060", "Họ và tên chỉ gồm ký tự không nhìn thấy"),
        ("\ufeff \u200b", "Họ và tên chỉ gồm ký tự không nhìn thấy"),
        ("Bаo Lаi Chаu (Ban biên tập)", "Tên này dành cho tòa soạn"),  # Cyrillic а
        ("BÁO LAI CHÂU", "Tên này dành cho tòa soạn"),
        ("Ban Bien Tap", "Tên này dành cho tòa soạn"),
        ("Вan biên tậр", "Tên này dành cho tòa soạn"),  # Cyrillic В and р
    ],
)
def test_spoofing_names_are_refused_in_vietnamese_and_the_text_kept(client, article, name, message):
    data = comment_data(article, name=name, body="Ý kiến tôi gõ rất lâu")
    response = client.post(POST_URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Ý kiến tôi gõ rất lâu" in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "Ｂａｎ ｂｉêｎ ｔậｐ",  # fullwidth
        "𝐁𝐚𝐧 𝐛𝐢ê𝐧 𝐭ậ𝐩",  # mathematical bold
        "𝔅𝔞𝔫 𝔟𝔦ê𝔫 𝔱ậ𝔭",  # mathematical fraktur
        "ʙᴀɴ ʙɪêɴ ᴛậᴘ",  # small capitals
        "ᴮᵃⁿ ᵇⁱᵉⁿ ᵗᵃᵖ",  # superscript letters
        "B\u20dda\u0489\u0488n\u0336 b\u0337i\u035cê\u0361n t\u0489ậ\u0336p",  # marks flood
        "B\u200ba\u2063n\u180e bi\u2061ê\ufeffn t\U000e0041ập",  # zero-width and tags
        "Ban bie\u0302n ta\u0323\u0302p",  # NFD
        "Baˑn bieˌn tập",  # modifier letters
        "ꓐꓮꓠ ꓐꓲꓰꓠ ꓔꓮꓑ",  # Lisu capitals drawn like Latin ones
        "ᏴᎪN ᏴᎥᎬN ᎢᎪᏢ",  # Cherokee
        "Ƀan ƀiên tập",  # B with stroke
    ],
)
def test_look_alike_spellings_of_the_newsroom_are_refused_and_the_text_kept(client, article, name):
    data = comment_data(article, name=name, body="Ý kiến tôi gõ rất lâu")
    response = client.post(POST_URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tên này dành cho tòa soạn" in html
    assert "Ý kiến tôi gõ rất lâu" in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize("name", ["Bạn Biên", "Tạ Bân", "Ｌò Ｖăn Ｔập", "ʙùi ᴛhị ɴga"])
def test_unusual_letters_in_an_ordinary_name_are_fine(client, article, name):
    assert client.post(POST_URL, comment_data(article, name=name)).status_code == 302


def test_the_papers_name_follows_the_site_setting(client, article, settings):
    settings.SITE_NAME = "Báo Điện Biên Phủ"
    assert client.post(POST_URL, comment_data(article, name="Bao Dien Bien Phu")).status_code == 400
    assert client.post(POST_URL, comment_data(article, name="Lò Văn Lai")).status_code == 302


def test_controls_and_bidi_overrides_are_stripped_from_name_and_body(client, article):
    response = client.post(
        POST_URL,
        comment_data(article, name="An\u202e\x1b\x7f Lò", body="Hay\u202equá\x1b\x7f\r\nĐúng"),
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.name == "An Lò"
    assert comment.body == "Hayquá\nĐúng"


def test_a_name_with_an_ordinary_lai_chau_place_is_fine(client, article):
    response = client.post(POST_URL, comment_data(article, name="Lò Thị Châu, Lai Châu"))
    assert response.status_code == 302
