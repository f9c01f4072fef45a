"""A reported comment at the desk: the reasons shown, then kept (reports dismissed) or hidden."""

import pytest
from django.urls import reverse

from comments.models import Comment, CommentReport
from tests.desk_users import moderator
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")
REPORTED = CHANGELIST + "?bao_vi_pham=cho-xu-ly"


@pytest.fixture
def moderator_client(client):
    client.force_login(moderator())
    return client


@pytest.fixture
def reported():
    """An approved comment, still shown, that two readers reported."""
    comment = make_comment(make_article("Chợ phiên Sìn Hồ"), body="Bình luận bị báo")
    for n, reason in enumerate(["offensive", "spam"]):
        CommentReport.objects.create(
            comment=comment, browser=f"{n:032d}", network=f"10.0.0.{n}", reason=reason
        )
    return comment


def change_url(comment) -> str:
    return reverse("admin:comments_comment_change", args=[comment.pk])


def test_the_reported_list_shows_the_reasons_readers_gave(moderator_client, reported):
    html = moderator_client.get(REPORTED).content.decode()
    assert "Bình luận bị báo" in html
    assert "Xúc phạm, thô tục, Quảng cáo, spam" in html


def test_the_comments_page_shows_the_reports_and_both_decisions(moderator_client, reported):
    html = moderator_client.get(change_url(reported)).content.decode()
    assert "Xúc phạm, thô tục" in html and "Quảng cáo, spam" in html
    assert "Chưa xử lý." in html
    assert 'form="giu-binh-luan"' in html and "Giữ bình luận, bỏ qua báo cáo" in html
    assert 'form="an-binh-luan"' in html and "Ẩn bình luận" in html


def test_keeping_dismisses_the_reports_and_comes_back_to_the_comment(moderator_client, reported):
    assert Comment.objects.reported().count() == 1
    keep = reverse("admin:comments_comment_moderate", args=[reported.pk, "giu"])

    response = moderator_client.post(keep, {"next": change_url(reported)}, follow=True)

    assert response.redirect_chain[-1][0] == change_url(reported)
    html = response.content.decode()
    assert "Đã giữ bình luận, bỏ qua báo cáo." in html and "Đã xử lý." in html
    reported.refresh_from_db()
    assert reported.status == Comment.Status.APPROVED
    assert Comment.objects.reported().count() == 0
    assert reported.body not in moderator_client.get(REPORTED).content.decode()


def test_hiding_takes_the_comment_off_the_story(moderator_client, client, reported):
    hide = reverse("admin:comments_comment_moderate", args=[reported.pk, "an"])

    moderator_client.post(hide, {"next": change_url(reported)})

    reported.refresh_from_db()
    assert reported.status == Comment.Status.REJECTED
    assert Comment.objects.reported().count() == 0
    story = client.get(reported.article.get_absolute_url()).content.decode()
    assert "Bình luận bị báo" not in story


def test_next_off_the_site_goes_back_to_the_queue(moderator_client, reported):
    keep = reverse("admin:comments_comment_moderate", args=[reported.pk, "giu"])
    response = moderator_client.post(keep, {"next": "//evil.example/"})
    assert response["Location"] == reverse("admin:comments_comment_queue")


def test_the_list_actions_keep_or_hide_with_counts(moderator_client, reported):
    other = make_comment(reported.article, body="Một bình luận khác bị báo")
    CommentReport.objects.create(comment=other, browser="9" * 32, reason="other")

    kept = moderator_client.post(
        CHANGELIST,
        {"action": "keep_comments", "_selected_action": [reported.pk]},
        follow=True,
    )
    hidden = moderator_client.post(
        CHANGELIST,
        {"action": "hide_comments", "_selected_action": [other.pk]},
        follow=True,
    )

    assert "Đã giữ 1 bình luận bị báo vi phạm, bỏ qua báo cáo." in kept.content.decode()
    assert "Đã ẩn 1 bình luận." in hidden.content.decode()
    assert Comment.objects.get(pk=other.pk).status == Comment.Status.REJECTED
    assert Comment.objects.reported().count() == 0


def test_an_empty_queue_says_reported_comments_still_wait(moderator_client, reported):
    html = moderator_client.get(reverse("admin:comments_comment_queue")).content.decode()
    assert "Không còn bình luận nào chờ duyệt." in html
    assert "Còn <strong>1</strong> bình luận bị báo vi phạm chưa xử lý" in html
    assert REPORTED in html


def test_the_list_costs_the_same_queries_however_many_reports(
    moderator_client, reported, django_assert_max_num_queries
):
    for n in range(30):
        comment = make_comment(reported.article, body=f"Bị báo {n}")
        CommentReport.objects.create(comment=comment, browser=f"{n:032x}", reason="spam")
    with django_assert_max_num_queries(12):
        response = moderator_client.get(REPORTED)
    assert response.content.decode().count("Quảng cáo, spam") >= 31
