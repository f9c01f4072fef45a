"""The desk's front page: who may open it and post to it; crafted posts refused with a message."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.frontpage.reading import breaking_now, compose_home
from articles.frontpage.times import shown
from articles.models import Article, HomeBox, Placement, Slot
from tests.desk_users import editor, editor_in_chief, journalist, moderator
from tests.factories import make_article, make_section, make_user

pytestmark = pytest.mark.django_db

DESK = reverse("frontpage:desk")
PLACE = reverse("frontpage:place")
BREAKING = reverse("frontpage:breaking")
BOXES = reverse("frontpage:boxes")


@pytest.fixture
def story():
    return make_article("Tin tiêu điểm", published_at=timezone.now() - timedelta(days=1))


@pytest.mark.parametrize("member", [editor, editor_in_chief])
def test_editors_and_the_editor_in_chief_open_and_place(client, story, member):
    user = member()
    client.force_login(user)
    page = client.get(DESK)
    assert page.status_code == 200
    assert "Tin tiêu điểm" in page.text and "Tin nóng" in page.text
    response = client.post(PLACE, {"slot": "tieu-diem", "position": "1", "story": story.pk})
    assert response.status_code == 302
    assert compose_home().main == story
    assert Placement.objects.get().placed_by == user


@pytest.mark.parametrize("member", [journalist, moderator])
def test_journalists_and_moderators_are_refused_even_by_crafted_post(client, story, member):
    client.force_login(member())
    assert client.get(DESK).status_code == 403
    crafted = [
        (PLACE, {"slot": "tieu-diem", "position": "1", "story": story.pk}),
        (BREAKING, {"story": story.pk, "until": "01/01/2099 06:00"}),
        (BREAKING, {"clear": "1"}),
        (BOXES, {}),
    ]
    for url, data in crafted:
        assert client.post(url, data).status_code == 403
    assert not Placement.objects.exists() and not HomeBox.objects.exists()


def test_anonymous_visitors_go_to_the_login(client, story):
    response = client.post(PLACE, {"slot": "tieu-diem", "story": story.pk})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Placement.objects.exists()


def test_staff_without_the_right_are_refused(client, story):
    client.force_login(make_user("khach"))
    assert client.post(PLACE, {"slot": "tieu-diem", "story": story.pk}).status_code == 403


def test_a_post_without_csrf_token_is_refused(story):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor())
    assert client.post(PLACE, {"slot": "tieu-diem", "story": story.pk}).status_code == 403
    assert not Placement.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"slot": "trang-bia", "position": "1", "story": "{story}"}, "Không có vị trí"),
        ({"slot": "tin-nong", "position": "1", "story": "{story}"}, "Không có vị trí"),
        ({"slot": "tieu-diem", "position": "9", "story": "{story}"}, "có 1 chỗ"),
        ({"slot": "kem-theo", "position": "-1", "story": "{story}"}, "phải là một số"),
        ({"slot": "tieu-diem", "position": "1", "story": "abc"}, "không phải là một số"),
        ({"slot": "tieu-diem", "position": "1", "story": "999999"}, "Không có bài"),
        ({"slot": "tieu-diem", "position": "1", "story": "{draft}"}, "chưa xuất bản"),
        ({"slot": "tieu-diem", "story": "{story}", "starts": "6 giờ sáng"}, "ngày/tháng/năm"),
        ({"slot": "muc-chinh", "story": "{story}", "section": "x"}, "phải là một số"),
        ({"slot": "muc-chinh", "story": "{story}", "section": "99999"}, "Không có chuyên mục"),
        ({"slot": "tieu-diem", "story": "{story}", "section": "1"}, None),
    ],
)
def test_crafted_posts_are_refused_with_a_vietnamese_message(client, story, data, message):
    draft = make_article("Nháp", status=Article.Status.DRAFT)
    client.force_login(editor())
    data = {key: value.format(story=story.pk, draft=draft.pk) for key, value in data.items()}
    response = client.post(PLACE, data, follow=True)
    assert response.status_code == 200
    if message is None:  # a section given to a home slot is not read
        assert Placement.objects.count() == 1
        return
    assert message in response.text
    assert not Placement.objects.exists()


def test_a_schedule_is_shown_and_can_be_taken_back(client, story):
    client.force_login(editor())
    later = (timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0)
    client.post(
        PLACE, {"slot": "kem-theo", "position": "2", "story": story.pk, "starts": shown(later)}
    )
    placement = Placement.objects.get()
    assert placement.starts_at == later and placement.position == 2
    page = client.get(DESK).text
    assert "Bỏ lịch" in page
    response = client.post(reverse("frontpage:unschedule", args=[placement.pk]), follow=True)
    assert "Đã bỏ lịch" in response.text
    assert not Placement.objects.exists()


def test_a_placement_in_force_cannot_be_unscheduled(client, story):
    client.force_login(editor())
    client.post(PLACE, {"slot": "tieu-diem", "story": story.pk})
    placement = Placement.objects.get()
    response = client.post(reverse("frontpage:unschedule", args=[placement.pk]), follow=True)
    assert "đã bắt đầu" in response.text
    assert Placement.objects.filter(pk=placement.pk).exists()
    response = client.post(reverse("frontpage:unschedule", args=[999999]), follow=True)
    assert "Không có lịch" in response.text


def test_the_bar_is_set_and_cleared_from_the_desk(client, story):
    client.force_login(editor_in_chief())
    until = shown(timezone.now() + timedelta(hours=2))
    response = client.post(BREAKING, {"story": story.pk, "until": until}, follow=True)
    assert "Tin nóng: bài" in response.text
    assert breaking_now().story_id == story.pk
    response = client.post(BREAKING, {"story": story.pk, "until": ""}, follow=True)
    assert "cần giờ kết thúc" in response.text
    client.post(BREAKING, {"clear": "1"})
    assert breaking_now() is None


def test_boxes_are_saved_from_the_desk_and_bad_counts_refused(client):
    politics, society = make_section("Chính trị"), make_section("Xã hội")
    client.force_login(editor())
    data = {
        f"box-{politics.pk}-shown": "1",
        f"box-{politics.pk}-position": "2",
        f"box-{politics.pk}-count": "6",
        f"box-{society.pk}-position": "1",
        f"box-{society.pk}-count": "3",
    }
    client.post(BOXES, data)
    boxes = {
        box.section.name: (box.shown, box.position, box.count) for box in HomeBox.objects.all()
    }
    assert boxes == {"Chính trị": (True, 2, 6), "Xã hội": (False, 1, 3)}
    response = client.post(BOXES, {**data, f"box-{politics.pk}-count": "500"}, follow=True)
    assert "phải từ 1 tới 12" in response.text
    assert HomeBox.objects.get(section=politics).count == 6


def test_the_admin_index_line_opens_the_desk_page(client):
    client.force_login(editor())
    response = client.get(reverse("admin:articles_placement_changelist"))
    assert response.status_code == 302 and response["Location"] == DESK


def test_the_desk_page_costs_the_same_whatever_the_number_of_stories_and_slots(
    client, django_assert_max_num_queries
):
    client.force_login(editor())
    for i in range(30):
        story = make_article(f"Tin {i}", section=make_section())
        if i % 3 == 0:
            Placement.objects.create(slot=Slot.HIGHLIGHT, position=1 + i % 5, article=story)
    with django_assert_max_num_queries(16):
        assert client.get(DESK).status_code == 200
