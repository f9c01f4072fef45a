"""The reader's side: posting, errors that keep the text, replies, closing, the comment list."""

from datetime import UTC, timedelta

import pytest
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from comments.moderation import approve
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article("Làm theo Bác ở Đảng bộ Sở Nội vụ")


def comments_html(response) -> str:
    """Only the story page's comment section."""
    html = response.content.decode()
    start = html.index('id="binh-luan"')
    return html[start : html.index("</section>", start)]


def test_story_without_comments_shows_empty_state_and_form(client, article):
    html = comments_html(client.get(article.get_absolute_url()))
    assert "Hiện tại chưa có bình luận" in html
    assert "Viết bình luận" in html
    assert 'name="body"' in html
    assert 'maxlength="3000"' in html and 'maxlength="100"' in html
    assert "Tối đa 3.000 ký tự" in html and "Tối đa 100 ký tự" in html


def test_valid_post_redirects_to_comments_with_awaiting_message(client, article):
    response = client.post(POST_URL, comment_data(article), follow=True)

    assert response.redirect_chain == [(f"{article.get_absolute_url()}#binh-luan", 302)]
    html = response.content.decode()
    assert "đang chờ kiểm duyệt" in html
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.article == article
    assert comment.body == "Bài viết rất bổ ích.\nCảm ơn tòa soạn."
    assert comment.ip_address == "127.0.0.1"
    # Not public: the list still says there are none, and the count has not moved.
    assert "Hiện tại chưa có bình luận" in comments_html(response)
    article.refresh_from_db()
    assert article.comment_count == 0


def test_pending_comment_is_shown_to_its_author_only(client, article):
    client.post(POST_URL, comment_data(article, body="Chỉ tôi thấy khi chờ duyệt"))

    assert "Chỉ tôi thấy khi chờ duyệt" in comments_html(client.get(article.get_absolute_url()))
    from django.test import Client

    assert "Chỉ tôi thấy khi chờ duyệt" not in Client().get(article.get_absolute_url()).text


def test_name_and_email_are_remembered_but_not_the_text(client, article):
    client.post(POST_URL, comment_data(article, name="Lò Thị Mai", body="Lần đầu"))

    html = comments_html(client.get(article.get_absolute_url()))
    assert 'value="Lò Thị Mai"' in html
    assert 'value="an@example.com"' in html
    form = html[html.index("<form") :]
    assert "Lần đầu" not in form


def test_user_agent_is_stored_for_moderators(client, article):
    client.post(POST_URL, comment_data(article), HTTP_USER_AGENT="Mozilla/5.0 Thử")
    assert Comment.objects.get().user_agent == "Mozilla/5.0 Thử"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Vui lòng nhập họ và tên."),
        ("name", "N" * 101, "Họ và tên dài tối đa 100 ký tự (bạn đã nhập 101)."),
        ("email", "", "Vui lòng nhập email."),
        ("email", "khong-phai-email", "Địa chỉ email không hợp lệ"),
        ("body", "", "Vui lòng nhập nội dung bình luận."),
        ("body", "   ", "Vui lòng nhập nội dung bình luận."),
        ("body", "x" * 3001, "Nội dung bình luận dài tối đa 3.000 ký tự (bạn đã nhập 3001)."),
    ],
)
def test_invalid_post_shows_vietnamese_error_and_keeps_everything_typed(
    client, article, field, value, message
):
    data = comment_data(
        article, name="Trần Văn Bình", email="binh@example.com", body="Ý kiến của tôi"
    )
    data[field] = value
    response = client.post(POST_URL, data)

    assert response.status_code == 400
    html = comments_html(response)
    assert message in html
    assert Comment.objects.count() == 0
    # Everything else the reader typed is still in the form.
    for name, typed in [("name", "Trần Văn Bình"), ("email", "binh@example.com")]:
        if name != field:
            assert f'value="{typed}"' in html
    if field != "body":
        assert "Ý kiến của tôi</textarea>" in html
    elif value.strip():
        assert f"{value}</textarea>" in html


def test_windows_line_breaks_count_once_towards_the_limit(client, article):
    body = "a\r\n" * 1000  # 3000 characters as typed, 3000 with \r\n counted as one
    response = client.post(POST_URL, comment_data(article, body=body[:3000]))
    assert response.status_code == 302


def test_posting_never_fails_with_a_server_error(client, article):
    other = make_article()
    foreign = make_comment(other)
    cases = [
        {},
        {"article": str(article.pk)},
        comment_data(article, article="999999999"),
        comment_data(article, article="99999999999999999999999"),
        comment_data(article, article="abc"),
        comment_data(article, parent=str(foreign.pk)),
        comment_data(article, parent="khong-phai-so"),
        comment_data(article, parent="99999999999999999999999"),
        comment_data(article, name="A" * 100_000, body="B" * 100_000),
        comment_data(article, token="gia-mao"),
        comment_data(article, body="nul\x00byte"),
    ]
    for data in cases:
        response = client.post(POST_URL, data)
        assert response.status_code in {400, 403}, data
    raw = b"article=" + str(article.pk).encode() + b"&name=%FF%FE%FA&email=a%40b.vn&body=%C3%28"
    response = client.post(POST_URL, raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert Comment.objects.filter(article=article).count() == 0


def test_wrong_article_gets_clear_message_and_text_back(client, article):
    response = client.post(POST_URL, comment_data(article, article="999999", body="Giữ tôi lại"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Không tìm thấy bài viết bạn muốn bình luận" in html
    assert "Giữ tôi lại" in html


def test_unpublished_article_refuses_comments(client):
    draft = make_article(status=Article.Status.DRAFT)
    response = client.post(POST_URL, comment_data(draft))
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_reply_to_comment_of_another_article_is_refused(client, article):
    foreign = make_comment(make_article())
    response = client.post(POST_URL, comment_data(article, parent=str(foreign.pk), body="Đáp"))
    assert response.status_code == 400
    html = comments_html(response)
    assert "Bình luận bạn muốn trả lời không có trong bài viết này." in html
    assert "Đáp</textarea>" in html


def test_reply_to_unapproved_comment_is_refused(client, article):
    pending = make_comment(article, status=Comment.Status.PENDING)
    response = client.post(POST_URL, comment_data(article, parent=str(pending.pk)))
    assert response.status_code == 400


def test_reply_shows_under_its_parent_once_approved(client, article):
    parent = make_comment(article, name="Người hỏi", body="Câu hỏi")
    # Threads are newest first: the other thread is older, so it comes after this one.
    later = make_comment(
        article,
        name="Người trước",
        body="Ý kiến khác",
        created_at=timezone.now() - timedelta(hours=1),
    )
    client.post(POST_URL, comment_data(article, parent=str(parent.pk), body="Câu trả lời"))
    reply = Comment.objects.get(body="Câu trả lời")
    assert reply.parent == parent

    approve(reply, by=make_user())

    html = comments_html(client.get(article.get_absolute_url()))
    assert html.index("Câu hỏi") < html.index("Câu trả lời") < html.index("Ý kiến khác")
    replies = html[
        html.index(f'id="binh-luan-{parent.pk}"') : html.index(f'id="binh-luan-{later.pk}"')
    ]
    assert 'class="comment-replies"' in replies and "Câu trả lời" in replies


def test_reply_to_a_reply_joins_the_thread(client, article):
    parent = make_comment(article)
    reply = make_comment(article, parent=parent)
    client.post(POST_URL, comment_data(article, parent=str(reply.pk), body="Lớp ba"))
    assert Comment.objects.get(body="Lớp ba").parent == parent


def test_reply_page_works_without_javascript(client, article):
    parent = make_comment(article, name="Hoàng Minh", body="Ý kiến gốc")
    html = comments_html(client.get(article.get_absolute_url()))
    reply_url = reverse("comments:reply", args=[parent.pk])
    assert f'href="{reply_url}"' in html

    response = client.get(reply_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trả lời bình luận của <strong>Hoàng Minh</strong>" in page
    assert f'name="parent" value="{parent.pk}"' in page


def test_reply_page_of_unapproved_comment_is_404(client, article):
    pending = make_comment(article, status=Comment.Status.PENDING)
    assert client.get(reverse("comments:reply", args=[pending.pk])).status_code == 404


def test_approved_comments_newest_first_with_vietnam_time(client, article):
    make_comment(
        article,
        name="Sau",
        body="Thứ hai",
        created_at=timezone.datetime(2015, 2, 3, 8, 0, tzinfo=UTC),
    )
    make_comment(
        article,
        name="Trước",
        body="Thứ nhất",
        created_at=timezone.datetime(2015, 2, 3, 7, 56, tzinfo=UTC),
    )
    make_comment(article, name="Ẩn", body="Bị từ chối", status=Comment.Status.REJECTED)

    html = comments_html(client.get(article.get_absolute_url()))
    assert html.index("Thứ hai") < html.index("Thứ nhất")
    assert "03/02/2015 14:56" in html
    assert "Bị từ chối" not in html
    assert "Hiện tại chưa có bình luận" not in html
    assert "an@example.com" not in html and "bandoc@example.com" not in html
    assert '<span class="comment-count">(2)</span>' in html


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert('xss')</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">bấm</a> javascript:alert(1)',
    ],
)
def test_comment_text_is_escaped(client, article, body):
    make_comment(article, name="<b>Tên</b>", body=body + "\ndòng hai")
    html = comments_html(client.get(article.get_absolute_url()))
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "&lt;" in html
    assert "&lt;b&gt;Tên&lt;/b&gt;" in html
    assert "<br>dòng hai" in html


def test_urls_in_comments_are_not_links(client, article):
    make_comment(article, body="Xem https://example.com/trang nhé")
    html = comments_html(client.get(article.get_absolute_url()))
    assert "https://example.com/trang" in html
    assert 'href="https://example.com' not in html


def test_comment_count_on_article_cards(client, article):
    make_comment(article)
    make_comment(article)
    html = client.get(reverse("articles:home")).content.decode()
    assert "2 bình luận" in html


def test_closed_article_keeps_list_replaces_form_and_refuses_posts(client):
    article = make_article(allow_comments=False)
    make_comment(article, body="Ý kiến cũ")
    html = comments_html(client.get(article.get_absolute_url()))
    assert "Ý kiến cũ" in html
    assert "Bài viết này đã đóng bình luận." in html
    assert "<form" not in html
    assert "Trả lời</a>" not in html

    response = client.post(POST_URL, comment_data(article, body="Muộn rồi"))
    assert response.status_code == 403
    assert "Bình luận của bạn chưa được gửi" in response.content.decode()
    assert "Muộn rồi" in response.content.decode()
    assert Comment.objects.filter(body="Muộn rồi").count() == 0


def test_comments_close_automatically_after_the_set_days(client, settings):
    settings.COMMENT_CLOSE_AFTER_DAYS = 30
    fresh = make_article(published_at=timezone.now() - timedelta(days=29))
    old = make_article(published_at=timezone.now() - timedelta(days=31))

    assert "<form" in comments_html(client.get(fresh.get_absolute_url()))
    assert "đã đóng bình luận" in comments_html(client.get(old.get_absolute_url()))
    assert client.post(POST_URL, comment_data(old)).status_code == 403
    assert client.post(POST_URL, comment_data(fresh)).status_code == 302

    settings.COMMENT_CLOSE_AFTER_DAYS = 0
    assert "<form" in comments_html(client.get(old.get_absolute_url()))


def test_first_fifty_threads_then_more_link_without_javascript(client, article):
    Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"Bạn đọc {n}",
            email="a@example.com",
            body=f"Ý kiến số {n:03d}.",
            status=Comment.Status.APPROVED,
            created_at=timezone.now() - timedelta(minutes=200 - n),
        )
        for n in range(1, 121)
    )
    # "Mới nhất" is the default order: the newest fifty threads first.
    html = comments_html(client.get(article.get_absolute_url()))
    assert "Ý kiến số 120." in html and "Ý kiến số 071." in html and "Ý kiến số 070." not in html
    assert html.index("Ý kiến số 120.") < html.index("Ý kiến số 071.")
    more = reverse("comments:list", args=[article.pk]) + "?trang=2"
    assert f'href="{more}">Xem thêm bình luận</a>' in html

    page2 = client.get(more).content.decode()
    assert "Ý kiến số 070." in page2 and "Ý kiến số 021." in page2
    assert "Ý kiến số 071." not in page2 and "Ý kiến số 020." not in page2
    assert "trang=3" in page2
    assert f'href="{article.get_absolute_url()}#binh-luan">Bình luận trước</a>' in page2
    page3 = client.get(reverse("comments:list", args=[article.pk]) + "?trang=3").content.decode()
    assert "Ý kiến số 001." in page3 and "Xem thêm bình luận" not in page3
    assert f'href="{more}">Bình luận trước</a>' in page3

    for bad in ["0", "-1", "abc", "4", "99999999999999999999"]:
        url = reverse("comments:list", args=[article.pk]) + f"?trang={bad}"
        assert client.get(url).status_code == 404


def test_article_page_query_count_is_fixed_with_0_10_and_500_comments(
    client, article, django_assert_max_num_queries
):
    counts = {}
    for approved in (0, 10, 500):
        Comment.objects.filter(article=article).delete()
        threads = Comment.objects.bulk_create(
            Comment(
                article=article,
                name="Bạn đọc",
                email="a@example.com",
                body="Ý kiến",
                status=Comment.Status.APPROVED,
            )
            for _ in range(approved)
        )
        Comment.objects.bulk_create(
            Comment(
                article=article,
                parent=parent,
                name="Người trả lời",
                email="b@example.com",
                body="Trả lời",
                status=Comment.Status.APPROVED,
            )
            for parent in threads[:60]
        )
        cache.clear()  # the worst case: the comment list is not cached yet
        with django_assert_max_num_queries(QUERY_BUDGET) as captured:
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        counts[approved] = len(captured)
    # The comments cost one query for the threads and one for their replies, whatever
    # their number (with none, the replies query is not needed).
    assert counts[10] == counts[500] == counts[0] + 1


def test_cached_comment_list_costs_no_queries(client, article):
    make_comment(article)
    client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as warm:
        client.get(article.get_absolute_url())
    assert not [q for q in warm.captured_queries if "comments_comment" in q["sql"]]


# The story page's own queries (story, tags, related, menu) plus the comments' two.
QUERY_BUDGET = 10


class BrokenCache(BaseCache):
    """A cache server that is down."""

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("máy chủ cache không trả lời")

    add = get = set = get_many = set_many = incr = delete = _fail

    def clear(self):
        pass


def test_cache_outage_neither_fails_the_comments_nor_loses_one(
    client, article, settings, django_capture_on_commit_callbacks
):
    make_comment(article, body="Đã duyệt từ trước")
    settings.CACHES = {"default": {"BACKEND": "tests.comments.test_views.BrokenCache"}}
    comment_list = Template("{% load comments_tags %}{% comment_list article %}")

    assert "Đã duyệt từ trước" in comment_list.render(Context({"article": article}))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(POST_URL, comment_data(article, body="Vẫn được nhận"))
    assert response.status_code == 302
    assert Comment.objects.filter(body="Vẫn được nhận").exists()
    with django_capture_on_commit_callbacks(execute=True):
        approve(Comment.objects.get(body="Vẫn được nhận"), by=make_user())
    assert "Vẫn được nhận" in comment_list.render(Context({"article": article}))


def test_later_comment_pages_have_a_fixed_query_count(client, article):
    url = reverse("comments:list", args=[article.pk]) + "?trang=2"
    counts = []
    for threads in (60, 300):
        Comment.objects.filter(article=article).delete()
        parents = Comment.objects.bulk_create(
            Comment(article=article, name="A", email="a@example.com", body="B", status="approved")
            for _ in range(threads)
        )
        Comment.objects.bulk_create(
            Comment(
                article=article,
                parent=parent,
                name="C",
                email="c@example.com",
                body="D",
                status="approved",
            )
            for parent in parents
        )
        cache.clear()  # both measured cold: the page's other parts (the Tin nóng bar) too
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def story_parts(html: str) -> list[str]:
    """What the story page shows of the story itself: the menu, the story, its related stories."""
    pieces = []
    for start, end in [("<nav", "</nav>"), ('<article class="story">', "</article>")]:
        at = html.index(start)
        pieces.append(html[at : html.index(end, at)])
    at = html.index('<aside class="related"')
    return [*pieces, html[at : html.index("</aside>", at)]]


def test_a_refused_comment_comes_back_on_the_story_page_its_view_shows(client, article):
    article.tags.add("Đảng bộ")
    make_article("Tin cùng thẻ", tags=["Đảng bộ"])
    shown = client.get(article.get_absolute_url()).content.decode()
    assert ">Đảng bộ</a>" in shown and "Tin cùng thẻ" in shown

    # The parts the view kept serve the page again: no tag or related story read twice.
    with CaptureQueriesContext(connection) as captured:
        refused = client.post(POST_URL, comment_data(article, body=""))
    assert refused.status_code == 400
    assert story_parts(refused.content.decode()) == story_parts(shown)
    assert not [q for q in captured.captured_queries if '"articles_tag"' in q["sql"]]

    article.allow_comments = False
    article.save()
    closed = client.post(POST_URL, comment_data(article, body="Muộn rồi"))
    assert closed.status_code == 403
    assert story_parts(closed.content.decode()) == story_parts(shown)
