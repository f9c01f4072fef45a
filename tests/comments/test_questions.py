"""Giao lưu trực tuyến: a question sent, held, picked for a guest, answered, shown with it."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.live import guests
from articles.models import LiveEntry
from comments.models import Comment
from tests.articles.live.helpers import live_story
from tests.comments.helpers import POST_URL, comment_data
from tests.desk_users import editor, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return editor()


@pytest.fixture
def qa(desk):
    story = live_story("Giao lưu trực tuyến: phòng chống sạt lở mùa mưa")
    guests.set_qa(story, True, by=desk)
    guests.add_guest(story, by=desk, name="Nguyễn Văn Hùng", office="Giám đốc Sở NN&MT")
    return story


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def ask(story, body="Bao giờ có bản đồ vùng nguy cơ sạt lở?", **fields):
    return Client().post(POST_URL, comment_data(story, body=body, question="on", **fields))


def test_question_box_is_on_the_form_of_a_qa_only(client, qa):
    assert 'name="question"' in client.get(qa.get_absolute_url()).content.decode()
    other = live_story("Trực tiếp: lễ hội")
    assert 'name="question"' not in client.get(other.get_absolute_url()).content.decode()


def test_question_waits_in_the_queue_marked_as_a_question_even_from_a_trusted_reader(qa):
    Comment.objects.create(
        article=qa, name="An", email="an@example.com", body="Cũ.", status="approved"
    )  # an approved comment makes the address trusted
    assert ask(qa).status_code in (200, 302, 303)
    question = Comment.objects.get(is_question=True)
    assert question.status == Comment.Status.PENDING
    queue = logged_in(moderator()).get(reverse("admin:comments_comment_changelist"))
    assert "Câu hỏi" in queue.content.decode()


def test_question_keeps_the_forms_defences(qa):
    assert ask(qa, website="http://spam.example").status_code == 400  # honeypot
    assert ask(qa, token="gia-mao").status_code == 400
    assert not Comment.objects.exists()


def test_question_picked_answered_at_the_desk_and_shown_with_the_readers_name(qa, desk):
    ask(qa, name="Lò Thị Mai")
    question = Comment.objects.get(is_question=True)
    guest = qa.live_guests.get()
    picker = logged_in(moderator())
    page = picker.get(reverse("comments:questions", args=[qa.pk])).content.decode()
    assert "Bao giờ có bản đồ" in page
    picker.post(
        reverse("comments:questions", args=[qa.pk]),
        {"question": question.pk, "guest": guest.pk, "action": "pick"},
    )
    desk_url = reverse("articles:live-desk", args=[qa.pk])
    desk_client = logged_in(desk)
    assert "Bao giờ có bản đồ" in desk_client.get(desk_url).content.decode()
    desk_client.post(
        desk_url,
        {"action": "answer", "question": question.pk, "body": "Tỉnh sẽ công bố trong quý tới."},
    )
    entry = LiveEntry.objects.get()
    assert (entry.guest, entry.asked_by) == (guest, "Lò Thị Mai")
    html = Client().get(qa.get_absolute_url()).content.decode()
    entries_part = html[html.index("data-live-entries") :]
    assert "Lò Thị Mai" in entries_part and "Bao giờ có bản đồ" in entries_part
    assert "Nguyễn Văn Hùng" in entries_part and "công bố trong quý tới" in entries_part
    # Shown with its answer, never in the comment thread; answered once only.
    assert f'id="binh-luan-{question.pk}"' not in html
    again = desk_client.post(
        desk_url, {"action": "answer", "question": question.pk, "body": "Lần hai."}, follow=True
    )
    assert "đã được trả lời" in again.content.decode()
    assert LiveEntry.objects.count() == 1


def test_only_moderators_pick_questions(qa):
    ask(qa)
    question = Comment.objects.get()
    url = reverse("comments:questions", args=[qa.pk])
    data = {"question": question.pk, "guest": qa.live_guests.get().pk}
    assert Client().post(url, data).status_code == 403
    question.refresh_from_db()
    assert question.question_guest is None


def test_a_rejected_question_is_never_answered(qa, desk):
    ask(qa)
    question = Comment.objects.get()
    logged_in(moderator()).post(
        reverse("comments:questions", args=[qa.pk]), {"question": question.pk, "action": "reject"}
    )
    question.refresh_from_db()
    assert question.status == Comment.Status.REJECTED
    response = logged_in(desk).post(
        reverse("articles:live-desk", args=[qa.pk]),
        {"action": "answer", "question": question.pk, "body": "x"},
        follow=True,
    )
    assert "chưa được chọn" in response.content.decode()


def test_turning_the_qa_on_shows_the_question_box_on_the_cached_page(desk):
    story = live_story("Trực tiếp: đối thoại với nông dân")
    assert 'name="question"' not in Client().get(story.get_absolute_url()).content.decode()
    guests.set_qa(story, True, by=desk)
    assert 'name="question"' in Client().get(story.get_absolute_url()).content.decode()
