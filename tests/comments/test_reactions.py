"""Readers like, sort and report comments; bad likes and reports change nothing."""

from functools import partial

import pytest
from django.urls import reverse

from comments.models import Comment, CommentLike, CommentReport
from comments.reactions import BROWSER_COOKIE
from tests.comments.helpers import run_concurrently
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def article():
    return make_article("Chợ phiên Sìn Hồ")


def like(client, comment, article=None, **extra):
    article_pk = (article or comment.article).pk
    return client.post(
        reverse("comments:like", args=[comment.pk]), {"article": article_pk}, **extra
    )


def report(client, comment, reason="spam", **extra):
    url = reverse("comments:report", args=[comment.pk])
    return client.post(url, {"article": comment.article_id, "reason": reason}, **extra)


def test_a_like_counts_once_per_browser(client, article):
    comment = make_comment(article)
    first = like(client, comment, **JSON)
    assert first.status_code == 200 and first.json()["count"] == 1
    assert BROWSER_COOKIE in first.cookies

    again = like(client, comment, **JSON)
    assert again.status_code == 409
    assert again.json()["message"] == "Bạn đã thích bình luận này rồi."
    comment.refresh_from_db()
    assert comment.like_count == 1 and CommentLike.objects.count() == 1

    client.cookies.clear()  # another browser, on another network
    assert like(client, comment, REMOTE_ADDR="198.51.100.7", **JSON).json()["count"] == 2


def test_a_forged_browser_cookie_is_a_new_browser(client, article):
    comment = make_comment(article)
    like(client, comment, **JSON)
    client.cookies[BROWSER_COOKIE] = "a" * 32
    assert like(client, comment, REMOTE_ADDR="198.51.100.7", **JSON).status_code == 200
    assert len(set(CommentLike.objects.values_list("browser", flat=True))) == 2


@pytest.mark.parametrize("status", ["pending", "rejected", "spam"])
def test_no_like_or_report_of_a_comment_not_approved(client, article, status):
    comment = make_comment(article, status=status)
    response = like(client, comment, **JSON)
    assert response.status_code == 404
    assert "chưa được duyệt" in response.json()["message"]
    assert report(client, comment).status_code == 404
    assert not CommentLike.objects.exists() and not CommentReport.objects.exists()


def test_no_like_or_report_through_another_story(client, article):
    comment = make_comment(article)
    other = make_article("Bài khác")
    assert like(client, comment, article=other).status_code == 404
    url = reverse("comments:report", args=[comment.pk])
    response = client.post(url, {"article": other.pk, "reason": "spam"})
    assert response.status_code == 404 and "Không tìm thấy bình luận" in response.content.decode()
    assert client.post(url, {"article": "abc", "reason": "spam"}).status_code == 404
    comment.refresh_from_db()
    assert comment.like_count == 0 and not CommentReport.objects.exists()


def test_likes_are_rate_limited_like_posts(client, article, settings):
    settings.COMMENT_LIKE_RATE_LIMIT = "2/m"
    comments = [make_comment(article) for _ in range(3)]
    assert [like(client, c, **JSON).status_code for c in comments] == [200, 200, 429]
    assert "quá nhiều" in like(client, comments[2], **JSON).json()["message"]
    assert Comment.objects.filter(like_count=1).count() == 2


def test_like_without_javascript_goes_back_to_the_comment(client, article):
    comment = make_comment(article)
    response = like(client, comment)
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#binh-luan-{comment.pk}"


def test_no_likes_on_a_closed_story(client):
    article = make_article(allow_comments=False)
    comment = make_comment(article)
    assert like(client, comment, **JSON).status_code == 403
    assert CommentLike.objects.count() == 0


def test_report_page_asks_for_a_reason_then_thanks(client, article):
    comment = make_comment(article, body="Mua hàng giá rẻ tại đây")
    page = client.get(reverse("comments:report", args=[comment.pk])).content.decode()
    for label in [
        "Quảng cáo, spam",
        "Xúc phạm, thô tục",
        "Không liên quan đến bài viết",
        "Lý do khác",
    ]:
        assert label in page
    assert "csrfmiddlewaretoken" in page

    missing = report(client, comment, reason="")
    assert missing.status_code == 400 and "Vui lòng chọn lý do" in missing.content.decode()
    assert report(client, comment, reason="khong-co").status_code == 400
    assert not CommentReport.objects.exists()

    done = report(client, comment, reason="spam", follow=True)
    assert "Cảm ơn bạn đã báo vi phạm" in done.content.decode()
    assert report(client, comment, reason="other", **JSON).status_code == 409
    assert list(CommentReport.objects.values_list("reason", flat=True)) == ["spam"]


def test_enough_reports_send_a_comment_back_to_the_queue_hidden(
    client, article, settings, django_capture_on_commit_callbacks
):
    settings.COMMENT_REPORTS_TO_HIDE = 2
    comment = make_comment(article, body="Lời lẽ khó nghe")
    assert report(client, comment, **JSON).json()["hidden"] is False
    client.cookies.clear()
    assert "Lời lẽ khó nghe" in client.get(article.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        second = report(client, comment, reason="offensive", REMOTE_ADDR="198.51.100.7", **JSON)
        assert second.json()["hidden"] is True
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    article.refresh_from_db()
    assert article.comment_count == 0
    client.cookies.clear()
    assert "Lời lẽ khó nghe" not in client.get(article.get_absolute_url()).content.decode()


def test_approval_answers_the_reports_before_it(client, article, settings):
    from comments.moderation import approve
    from tests.desk_users import moderator

    settings.COMMENT_REPORTS_TO_HIDE = 2
    comment = make_comment(article)
    for n in range(2):
        client.cookies.clear()
        report(client, comment, REMOTE_ADDR=f"198.51.100.{n + 1}")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    approve(comment, by=moderator())
    comment.refresh_from_db()

    client.cookies.clear()
    assert report(client, comment, REMOTE_ADDR="198.51.100.3", **JSON).json()["hidden"] is False
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_visitor_state_has_counts_and_this_browsers_own_likes(client, article):
    liked, other = make_comment(article), make_comment(article)
    make_comment(article, status="pending", like_count=7)
    like(client, liked)
    report(client, other)
    url = reverse("comments:reactions", args=[article.pk])

    state = client.get(url).json()
    assert state["likes"] == {str(liked.pk): 1}
    assert state["liked"] == [liked.pk] and state["reported"] == [other.pk]
    assert state["csrf"]
    client.cookies.pop(BROWSER_COOKIE)
    stranger = client.get(url)
    assert stranger.json()["liked"] == [] and stranger.json()["likes"] == {str(liked.pk): 1}
    assert "no-cache" in stranger["Cache-Control"] or "max-age=0" in stranger["Cache-Control"]
    assert client.get(reverse("comments:reactions", args=[999_999])).status_code == 404


def test_likes_work_on_a_story_page_from_the_shared_cache(client, article):
    comment = make_comment(article)
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit"

    state = client.get(reverse("comments:reactions", args=[article.pk])).json()
    response = like(client, comment, **JSON, HTTP_X_CSRFTOKEN=state["csrf"])
    assert response.status_code == 200

    # The browser id cookie does not make the page personal: still the shared copy, the same
    # button for everyone; this browser's like and the count come from its own state.
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit" and again.content == cached.content
    html = again.content.decode()
    assert 'aria-pressed="false"' in html and 'aria-pressed="true"' not in html
    assert f'data-reactions-url="{reverse("comments:reactions", args=[article.pk])}"' in html
    state = client.get(reverse("comments:reactions", args=[article.pk])).json()
    assert state["liked"] == [comment.pk] and state["likes"] == {str(comment.pk): 1}


def test_a_like_needs_the_csrf_token(article):
    from django.test import Client

    comment = make_comment(article)
    strict = Client(enforce_csrf_checks=True)
    assert like(strict, comment, **JSON).status_code == 403
    state = strict.get(reverse("comments:reactions", args=[article.pk])).json()
    assert like(strict, comment, **JSON, HTTP_X_CSRFTOKEN=state["csrf"]).status_code == 200


def test_sort_by_most_liked_keeps_pages_of_fifty(client, article):
    Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"Bạn đọc {n}",
            email="a@example.com",
            body=f"Ý kiến số {n:03d}.",
            status=Comment.Status.APPROVED,
            like_count=n % 7,
        )
        for n in range(1, 61)
    )
    newest = client.get(article.get_absolute_url()).content.decode()
    assert newest.index("Ý kiến số 060.") < newest.index("Ý kiến số 059.")
    assert '<strong aria-current="true">Mới nhất</strong>' in newest

    liked = client.get(article.get_absolute_url() + "?sap-xep=thich-nhieu").content.decode()
    assert '<strong aria-current="true">Được thích nhiều nhất</strong>' in liked
    # Six likes (n % 7 == 6) first, the newest of them before the older.
    assert liked.index("Ý kiến số 055.") < liked.index("Ý kiến số 048.") < liked.index("số 054.")
    more = reverse("comments:list", args=[article.pk]) + "?trang=2&amp;sap-xep=thich-nhieu"
    assert f'href="{more}">Xem thêm bình luận</a>' in liked
    page2 = client.get(
        reverse("comments:list", args=[article.pk]) + "?trang=2&sap-xep=thich-nhieu"
    ).content.decode()
    assert page2.count('class="comment-item') == 10
    assert "Ý kiến số 007." in page2  # no likes, among the last

    nonsense = client.get(
        article.get_absolute_url() + "?sap-xep=<script>", follow=True
    ).content.decode()
    assert '<strong aria-current="true">Mới nhất</strong>' in nonsense


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_likes_count_each_browser_once_on_postgresql():
    from comments import reactions

    comment = make_comment(make_article())
    browsers = [f"{n:032d}" for n in range(6)]
    answers = []

    def like(browser, network):
        try:
            answers.append(reactions.like(comment, browser, network))
        except reactions.Refused as refused:
            answers.append(refused.status)

    # Each browser clicks twice at the same instant: one like counts, the other is refused.
    # Six more, fresh browsers on one network, click at that instant too: one of them counts.
    run_concurrently(
        [partial(like, b, f"198.51.100.{n}") for n, b in enumerate(browsers) for _ in range(2)]
        + [partial(like, f"{n:032x}", "203.0.113.9") for n in range(100, 106)]
    )

    assert answers.count(409) == 6 + 5
    comment.refresh_from_db()
    assert comment.like_count == 7 == CommentLike.objects.count()


def test_numbers_too_large_for_the_database_are_not_found(client, article):
    comment = make_comment(article)
    huge = "9" * 25
    url = reverse("comments:like", args=[comment.pk])
    assert client.post(url, {"article": huge}).status_code == 404
    assert client.post(f"/binh-luan/{huge}/thich/", {"article": article.pk}).status_code == 404
    assert client.get(f"/binh-luan/{huge}/bao-vi-pham/").status_code == 404
    assert client.get(f"/binh-luan/cam-nhan/{huge}/").status_code == 404
    comment.refresh_from_db()
    assert comment.like_count == 0


def test_a_like_without_javascript_from_a_cached_page_is_confirmed_once_more(article):
    """The shared page's like form has no CSRF token: the reader presses once more."""
    from django.test import Client

    comment = make_comment(article, body="Phiên chợ đông vui quá.")
    reader = Client(enforce_csrf_checks=True)
    refused = like(reader, comment)
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "Nhấn “Thích” một lần nữa" in page and "Phiên chợ đông vui quá." in page
    assert CommentLike.objects.count() == 0
    token = reader.cookies["csrftoken"].value
    form = page.split('class="comment-like-form"')[1]
    assert 'name="csrfmiddlewaretoken"' in form
    again = reader.post(
        reverse("comments:like", args=[comment.pk]),
        {"article": article.pk, "csrfmiddlewaretoken": token},
    )
    assert again.status_code == 302
    assert again["Location"] == f"{article.get_absolute_url()}#binh-luan-{comment.pk}"
    assert CommentLike.objects.filter(comment=comment).count() == 1


def test_a_refused_like_of_a_hidden_comment_says_so_without_a_form(article):
    from django.test import Client

    comment = make_comment(article, status=Comment.Status.PENDING)
    refused = Client(enforce_csrf_checks=True).post(
        reverse("comments:like", args=[comment.pk]), {"article": article.pk}
    )
    assert refused.status_code in (400, 403, 404)
    assert "comment-like-form" not in refused.content.decode()
