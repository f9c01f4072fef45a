"""Every desk search box folds case and diacritics, on SQLite and on PostgreSQL alike.

"lai chau", "LAI CHÂU" and "Lai Châu" find the same story; "đ" is "d". Run this file with
DATABASE_URL set to a PostgreSQL database too: the folding is the database's there.
"""

import pytest

from tests.factories import make_article, make_comment, make_image, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client):
    client.force_login(make_user("tongbientap", is_superuser=True))
    return client


def listed(client, url: str, term: str) -> list[str]:
    """What the changelist at `url` shows for the search `term`, as text."""
    response = client.get(url, {"q": term})
    assert response.status_code == 200
    return sorted(str(row) for row in response.context["cl"].result_list)


def offered(client, model_name: str, field_name: str, term: str) -> list[str]:
    """What the autocomplete box of `field_name` (a picker on the story form) offers."""
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200, response.content
    return sorted(result["text"] for result in response.json()["results"])


STORY = "Lai Châu: đường lên Sìn Hồ đa dạng sắc màu"


@pytest.mark.parametrize(
    "term", ["lai chau", "LAI CHÂU", "Lai Châu", "ĐƯỜNG", "đường lên", "dang", "sin ho", "SÌN"]
)
def test_the_story_list_finds_a_story_whatever_the_case_and_accents(desk, term):
    make_article(STORY)
    make_article("Hà Nội vào thu", lead="Thời tiết dễ chịu.")
    assert listed(desk, "/admin/articles/article/", term) == [STORY]


def test_every_word_must_match_and_a_percent_sign_is_a_percent_sign(desk):
    make_article("Giảm 50% học phí ở Điện Biên")
    make_article("Giảm 5 lần học phí ở Hà Giang")
    make_article("Đi Điện Biên", byline="Trần Đức")
    stories = "/admin/articles/article/"
    assert listed(desk, stories, "50%") == ["Giảm 50% học phí ở Điện Biên"]
    assert listed(desk, stories, "hoc phi dien bien") == ["Giảm 50% học phí ở Điện Biên"]
    # One word in the title, the other in the byline.
    assert listed(desk, stories, "dien duc") == ["Đi Điện Biên"]
    assert listed(desk, stories, "_") == []
    # Quotes keep a phrase together, as in Django's own search.
    assert listed(desk, stories, '"hoc phi o dien"') == ["Giảm 50% học phí ở Điện Biên"]
    assert listed(desk, stories, '"dien hoc"') == []
    assert len(listed(desk, stories, '"')) == 3


def test_the_moderation_list_finds_comments_by_text_name_and_address(desk):
    story = make_article("Bài có bình luận")
    make_comment(story, name="Nguyễn Văn Đông", body="Cảm ơn tòa soạn đã đưa tin Điện Biên.")
    make_comment(story, name="Lê Thị Hoa", body="Bài viết hay.", email="HOA@Example.vn")
    comments = "/admin/comments/comment/"
    assert len(listed(desk, comments, "cam on toa soan")) == 1
    assert len(listed(desk, comments, "DONG")) == 1
    assert len(listed(desk, comments, "hoa@example.VN")) == 1
    assert len(listed(desk, comments, "điện")) == 1


def test_the_picture_list_finds_by_caption_and_credit(desk):
    make_image("Ruộng bậc thang", caption="Mùa lúa chín ở Mù Cang Chải")
    make_image("Cầu Long Biên", caption="Sáng sớm")
    pictures = "/admin/articles/image/"
    assert listed(desk, pictures, "mu cang chai") == ["Ruộng bậc thang"]
    assert listed(desk, pictures, "RUONG") == ["Ruộng bậc thang"]


def test_the_people_list_finds_staff_by_name(desk):
    make_user("huongdt", first_name="Thị Hương", last_name="Đặng", email="huong@baotin.vn")
    make_user("minhlq", first_name="Quang Minh", last_name="Lê")
    assert listed(desk, "/admin/auth/user/", "dang huong") == ["huongdt"]
    assert listed(desk, "/admin/auth/user/", "HƯƠNG") == ["huongdt"]


def test_the_old_links_list_finds_a_link_by_its_storys_title(desk):
    from wordpress.models import OldLink

    OldLink.objects.create(path="/2015/03/lai-chau/", article=make_article("Lai Châu mùa lúa"))
    OldLink.objects.create(path="/2015/04/ha-noi/", article=make_article("Hà Nội"))
    assert listed(desk, "/admin/wordpress/oldlink/", "CHÂU lua") == ["/2015/03/lai-chau"]


def test_the_related_story_picker_folds(desk):
    make_article("Kinh tế Tây Bắc khởi sắc")
    make_article("Văn hóa Tây Nguyên")
    assert offered(desk, "relatedarticle", "to_article", "kinh te") == ["Kinh tế Tây Bắc khởi sắc"]
    assert offered(desk, "relatedarticle", "to_article", "TAY") == [
        "Kinh tế Tây Bắc khởi sắc",
        "Văn hóa Tây Nguyên",
    ]


def test_the_picture_pickers_fold(desk):
    make_image("Ruộng bậc thang", caption="Mù Cang Chải")
    make_image("Cầu Long Biên")
    assert offered(desk, "article", "hero_image", "mu cang") == ["Ruộng bậc thang"]
    # The body editor's picture window.
    response = desk.get("/admin/articles/image/picker/", {"q": "ruong bac"})
    assert [str(p) for p in response.context["pictures"]] == ["Ruộng bậc thang"]
