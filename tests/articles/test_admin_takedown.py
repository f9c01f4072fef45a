"""The desk's "Gỡ theo yêu cầu": the editor-in-chief's button, action and confirmation page."""

import pytest
from django.test import Client

from articles.models import Article
from tests.articles.desk_forms import change_url
from tests.desk_users import editor, editor_in_chief
from tests.factories import make_article

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"
REASON = "Quyết định số 5/QĐ-TA của Tòa án nhân dân tỉnh"


def take_down_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/go-theo-yeu-cau/"


@pytest.fixture
def story():
    return make_article("Tin phải gỡ")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_editor_in_chief_gets_the_button_and_the_confirmation_page(
    story, django_assert_max_num_queries
):
    chief = logged_in(editor_in_chief())
    form = chief.get(change_url(story)).text
    assert f'href="{take_down_url(story)}">Gỡ theo yêu cầu</a>' in form
    with django_assert_max_num_queries(8):
        page = chief.get(take_down_url(story))
    assert page.status_code == 200
    assert "Lý do gỡ bài" in page.text
    assert "Tin phải gỡ" in page.text
    assert "không xuất bản lại được bằng nút Xuất bản" in page.text


def test_the_confirmation_takes_the_story_down_with_its_reason(story):
    chief = logged_in(editor_in_chief())
    response = chief.post(take_down_url(story), {"reason": REASON}, follow=True)
    assert response.redirect_chain[-1][0] == change_url(story)
    assert "Đã gỡ bài “Tin phải gỡ” theo yêu cầu" in response.text
    story.refresh_from_db()
    assert story.status == Article.Status.TAKEN_DOWN
    assert story.taken_down_reason == REASON
    # The form says so, and offers neither publishing nor taking down again.
    assert '<span class="badge badge-taken_down">Đã gỡ theo yêu cầu</span>' in response.text
    assert f"Lý do: {REASON}" in response.text
    assert "không xuất bản lại được bằng nút Xuất bản" in response.text
    assert 'name="_publish"' not in response.text
    assert take_down_url(story) not in response.text
    assert Client().get(story.get_absolute_url()).status_code == 410


def test_no_reason_is_refused_in_vietnamese(story):
    chief = logged_in(editor_in_chief())
    for sent in ({}, {"reason": "   "}):
        response = chief.post(take_down_url(story), sent)
        assert response.status_code == 200
        assert "Hãy ghi lý do gỡ bài" in response.text
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED


def test_an_editor_sees_no_button_and_a_crafted_post_is_refused(story):
    desk = logged_in(editor())
    assert take_down_url(story) not in desk.get(change_url(story)).text
    assert desk.get(take_down_url(story)).status_code == 403
    assert desk.post(take_down_url(story), {"reason": REASON}).status_code == 403
    # Nor through the list's action, which an editor is not offered.
    assert "take_down_articles" not in desk.get(LIST_URL).text
    desk.post(
        LIST_URL,
        {"action": "take_down_articles", "_selected_action": [story.pk], "reason": REASON},
    )
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED


def test_the_list_action_asks_the_reason_then_takes_the_stories_down(story):
    other = make_article("Tin thứ hai phải gỡ")
    draft = make_article("Bản nháp", status=Article.Status.DRAFT)
    chief = logged_in(editor_in_chief())
    chosen = {"action": "take_down_articles", "_selected_action": [story.pk, other.pk, draft.pk]}
    page = chief.post(LIST_URL, chosen)
    assert page.status_code == 200 and "Lý do gỡ bài" in page.text
    assert Article.objects.taken_down().count() == 0
    done = chief.post(LIST_URL, {**chosen, "reason": REASON}, follow=True)
    assert "Đã gỡ theo yêu cầu 2 bài." in done.text
    assert "“Bản nháp”: Chỉ gỡ theo yêu cầu được" in done.text
    assert set(Article.objects.taken_down().values_list("pk", flat=True)) == {story.pk, other.pk}


def test_publishing_a_taken_down_story_from_the_list_says_why_not(story):
    chief = logged_in(editor_in_chief())
    chief.post(take_down_url(story), {"reason": REASON})
    done = chief.post(
        LIST_URL, {"action": "publish_articles", "_selected_action": [story.pk]}, follow=True
    )
    assert "không xuất bản lại được bằng nút Xuất bản" in done.text
    story.refresh_from_db()
    assert story.status == Article.Status.TAKEN_DOWN
