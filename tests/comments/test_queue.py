"""The moderation queue page: what each row shows, who may use it, one-click actions, budgets."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, CommentReport
from tests.desk_users import editor, journalist, moderator
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_queue")
JSON = {"HTTP_ACCEPT": "application/json"}


def act(pk: int, action: str) -> str:
    return reverse("admin:comments_comment_moderate", args=[pk, action])


@pytest.fixture
def moderator_client(client):
    client.force_login(moderator())
    return client


def test_a_row_shows_all_a_moderator_weighs(moderator_client):
    article = make_article("Lúa mới Mường Tè")
    question = make_comment(article, name="Lò Văn Sơn", body="Giá lúa năm nay thế nào?")
    make_comment(article, name="Mai", email="mai@example.com", body="Trước đây 1")
    make_comment(article, name="Mai", email="mai@example.com", body="Trước đây 2")
    make_comment(article, email="mai@example.com", status="rejected", body="Bị từ chối")
    comment = make_comment(
        article,
        status="pending",
        parent=question,
        name="Lò Thị Mai",
        email="mai@example.com",
        ip_address="203.0.113.7",
        body='Xem <script>alert("x")</script> tại https://lua.example.com/gia\nDòng hai',
    )
    CommentReport.objects.create(comment=comment, browser="a" * 32, reason="offensive")

    html = moderator_client.get(QUEUE).content.decode()
    row = html[html.index(f'id="hang-{comment.pk}"') :]
    assert "Lò Thị Mai" in row and "mai@example.com" in row and "203.0.113.7" in row
    assert "Đã có <strong>2</strong> bình luận được duyệt trước đây" in row
    assert f'href="{article.get_absolute_url()}#binh-luan-{comment.pk}"' in row
    assert "Lúa mới Mường Tè" in row
    assert "Trả lời <strong>Lò Văn Sơn</strong>" in row and "Giá lúa năm nay thế nào?" in row
    # The whole text, escaped; the link shown but not a link.
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in row and "<script>alert" not in row
    assert '<span class="queue-link">https://lua.example.com/gia</span><br>Dòng hai' in row
    assert 'href="https://lua.example.com' not in html
    assert "Xúc phạm, thô tục" in row


def test_queue_is_for_moderators_and_editors_not_journalists(client):
    comment = make_comment(make_article(), status="pending", body="Chờ duyệt")
    client.force_login(journalist())
    assert client.get(QUEUE).status_code == 403
    assert client.post(act(comment.pk, "duyet")).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING

    client.force_login(editor())
    assert "Chờ duyệt" in client.get(QUEUE).content.decode()
    assert client.post(act(comment.pk, "duyet"), **JSON).status_code == 200
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_one_click_actions_answer_json_for_the_row(moderator_client):
    article = make_article()
    comments = [make_comment(article, status="pending") for _ in range(3)]
    for comment, action, status in zip(
        comments, ["duyet", "tu-choi", "spam"], ["approved", "rejected", "spam"], strict=True
    ):
        response = moderator_client.post(act(comment.pk, action), **JSON)
        assert response.status_code == 200
        assert response.json()["state"] == status
        comment.refresh_from_db()
        assert comment.status == status
    assert response.json()["pending"] == 0
    article.refresh_from_db()
    assert article.comment_count == 1


def test_without_javascript_the_buttons_post_and_come_back(moderator_client):
    comment = make_comment(make_article(), status="pending")
    response = moderator_client.post(act(comment.pk, "duyet"), {"trang": "2"})
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}?trang=2"
    page = moderator_client.get(QUEUE).content.decode()
    assert "Đã duyệt." in page and "Không còn bình luận nào chờ duyệt." in page


def test_bad_actions_change_nothing(moderator_client):
    comment = make_comment(make_article(), status="pending")
    assert moderator_client.get(act(comment.pk, "duyet")).status_code == 405
    assert moderator_client.post(act(comment.pk, "xoa-het")).status_code == 404
    assert moderator_client.post(act(999_999, "duyet")).status_code == 404
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_reply_as_the_paper_is_published_under_the_readers_comment(moderator_client, client):
    article = make_article()
    comment = make_comment(article, status="pending", name="Lò Thị Mai", body="Khi nào có điện?")
    url = reverse("admin:comments_comment_queue_reply", args=[comment.pk])

    response = moderator_client.post(url, {"body": "  "}, **JSON)
    assert response.status_code == 400 and "Vui lòng nhập" in response.json()["message"]
    assert Comment.objects.count() == 1

    response = moderator_client.post(url, {"body": "Tháng sau bạn nhé."}, **JSON)
    assert response.status_code == 200
    reply = Comment.objects.get(pk=response.json()["reply"])
    assert reply.by_newsroom and reply.parent == comment and reply.status == "approved"
    comment.refresh_from_db()
    assert comment.status == "approved"

    html = client.get(article.get_absolute_url()).content.decode()
    thread = html[html.index(f'id="binh-luan-{comment.pk}"') :]
    replies = thread[thread.index('class="comment-replies"') :]
    assert '<span class="comment-badge">Ban biên tập</span>' in replies
    assert "Tháng sau bạn nhé." in replies


def test_bulk_approve_the_selected_rows(moderator_client):
    article = make_article()
    chosen = [make_comment(article, status="pending") for _ in range(3)]
    left = make_comment(article, status="pending")
    bulk = reverse("admin:comments_comment_bulk")
    response = moderator_client.post(bulk, {"ids": [c.pk for c in chosen]})
    assert response.status_code == 302
    assert set(Comment.objects.approved().values_list("pk", flat=True)) == {c.pk for c in chosen}
    assert Comment.objects.get(pk=left.pk).status == "pending"
    assert moderator_client.post(bulk, {"ids": ["x"]}).status_code == 302
    assert Comment.objects.pending().count() == 1


def fill_queue(article, parent, rows: int, start: int) -> None:
    now = timezone.now()
    for n in range(start, start + rows):
        comment = make_comment(
            article,
            status="pending",
            parent=parent,
            email=f"doc{n}@example.com",
            created_at=now - timedelta(minutes=n),
        )
        make_comment(article, email=f"doc{n}@example.com")
        CommentReport.objects.create(comment=comment, browser=f"{n:032d}", reason="spam")


def test_the_queue_costs_the_same_queries_for_5_or_50_rows(moderator_client):
    article = make_article()
    parent = make_comment(article)
    counts = {}
    for rows, start in [(5, 0), (45, 5)]:
        fill_queue(article, parent, rows, start)
        moderator_client.get(QUEUE)  # the session and permission caches are warm from here
        with CaptureQueriesContext(connection) as queries:
            response = moderator_client.get(QUEUE)
        shown = response.content.decode().count('class="queue-row"')
        counts[shown] = len(queries)
    assert set(counts) == {5, 50}
    assert counts[5] == counts[50] <= 9, counts


def test_pages_of_fifty_newest_first(moderator_client):
    article = make_article()
    now = timezone.now()
    for n in range(55):
        make_comment(
            article, status="pending", body=f"Số {n:02d}.", created_at=now - timedelta(minutes=n)
        )
    first = moderator_client.get(QUEUE).content.decode()
    assert first.index("Số 00.") < first.index("Số 49.") and "Số 50." not in first
    second = moderator_client.get(QUEUE + "?trang=2").content.decode()
    assert "Số 54." in second and "Số 49." not in second
    assert moderator_client.get(QUEUE + "?trang=abc").status_code == 200


def test_the_comment_list_counts_reports_of_approved_comments_too(moderator_client):
    comment = make_comment(make_article(), body="Bị báo một lần")
    for n in range(2):
        CommentReport.objects.create(comment=comment, browser=f"{n:032d}", reason="other")
    html = moderator_client.get(reverse("admin:comments_comment_changelist")).content.decode()
    assert (
        '<td class="field-report_count">2<br><small class="list-quiet">Lý do khác</small></td>'
        in html
    )


def test_numbers_too_large_for_the_database_change_nothing(moderator_client):
    comment = make_comment(make_article(), status="pending")
    huge = "9" * 25
    bulk = reverse("admin:comments_comment_bulk")
    assert moderator_client.post(bulk, {"ids": [huge, "²", "-1"]}).status_code == 302
    assert moderator_client.post(f"{QUEUE}{huge}/duyet/").status_code == 404
    assert moderator_client.post(f"{QUEUE}{huge}/tra-loi/", {"body": "x"}).status_code == 404
    assert moderator_client.get(f"{QUEUE}?trang={huge}").status_code == 200
    comment.refresh_from_db()
    assert comment.status == "pending"


@pytest.mark.parametrize("status", ["spam", "rejected"])
def test_a_reply_does_not_approve_a_comment_turned_down(moderator_client, client, status):
    article = make_article()
    comment = make_comment(article, status=status, body="Mua thuốc giá rẻ tại đây")
    url = reverse("admin:comments_comment_queue_reply", args=[comment.pk])
    response = moderator_client.post(url, {"body": "Cảm ơn bạn."}, **JSON)
    assert response.status_code == 409 and "duyệt lại" in response.json()["message"]
    comment.refresh_from_db()
    assert comment.status == status
    assert Comment.objects.count() == 1
    assert "Mua thuốc giá rẻ" not in client.get(article.get_absolute_url()).content.decode()
