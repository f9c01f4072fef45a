"""The moderators' admin: the queue, bulk actions, the three groups' rights, the index count."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import BlockedWord, Comment
from newsroom.roles import EDITOR, JOURNALIST, MODERATOR
from tests.factories import make_article, make_comment, make_user
from tests.front_page import figures

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture
def moderator():
    return make_user("kiemduyet", groups=[MODERATOR])


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def test_roles_come_from_the_data_migration():
    moderators = Group.objects.get(name=MODERATOR)
    codes = set(moderators.permissions.values_list("codename", flat=True))
    assert {"view_comment", "change_comment"} <= codes
    assert not {c for c in codes if c.endswith("_article")}
    journalists = Group.objects.get(name=JOURNALIST).permissions.values_list("codename", flat=True)
    assert not {c for c in journalists if c.endswith("_comment")}
    # Editors work the moderation queue too (issue 12), but delete nothing.
    editors = set(Group.objects.get(name=EDITOR).permissions.values_list("codename", flat=True))
    assert {c for c in editors if c.endswith("_comment")} == {"view_comment", "change_comment"}


def test_moderator_works_the_queue_but_cannot_touch_stories(moderator_client):
    assert moderator_client.get(CHANGELIST).status_code == 200
    assert moderator_client.get(reverse("admin:comments_blockedword_add")).status_code == 200
    article = make_article()
    assert moderator_client.get(reverse("admin:articles_article_changelist")).status_code == 403
    change_article = reverse("admin:articles_article_change", args=[article.pk])
    assert moderator_client.get(change_article).status_code == 403
    assert moderator_client.get(reverse("admin:articles_article_add")).status_code == 403


def test_journalists_cannot_moderate(client):
    comment = make_comment(make_article(), status=Comment.Status.PENDING)
    client.force_login(make_user(groups=[JOURNALIST]))

    assert client.get(CHANGELIST).status_code == 403
    response = client.post(
        CHANGELIST, {"action": "approve_comments", "_selected_action": [comment.pk]}
    )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_nobody_adds_comments_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:comments_comment_add")).status_code == 403


def test_queue_lists_pending_first_then_newest(moderator_client):
    article = make_article("Tin Lai Châu")
    now = timezone.now()
    old_pending = make_comment(
        article, status="pending", body="chờ cũ", created_at=now - timedelta(hours=3)
    )
    new_approved = make_comment(article, body="duyệt mới", created_at=now - timedelta(minutes=1))
    new_pending = make_comment(
        article,
        status="pending",
        body="chờ mới",
        created_at=now - timedelta(hours=1),
        ip_address="203.113.1.2",
    )

    response = moderator_client.get(CHANGELIST)
    shown = list(response.context["cl"].result_list)
    assert shown == [new_pending, old_pending, new_approved]
    html = response.content.decode()
    assert f'href="{article.get_absolute_url()}"' in html
    assert "Tin Lai Châu" in html and "203.113.1.2" in html


def test_queue_filters_by_status_and_searches_email(moderator_client):
    article = make_article()
    pending = make_comment(article, status="pending", email="tim@example.com")
    make_comment(article, status="approved", email="khac@example.com")

    response = moderator_client.get(CHANGELIST, {"status__exact": "pending"})
    assert list(response.context["cl"].result_list) == [pending]
    response = moderator_client.get(CHANGELIST, {"q": "tim@example"})
    assert list(response.context["cl"].result_list) == [pending]
    response = moderator_client.get(CHANGELIST, {"article__id__exact": article.pk})
    assert response.status_code == 200


def test_queue_query_count_does_not_grow_with_rows(moderator_client, django_assert_max_num_queries):
    for _ in range(3):
        make_comment(make_article(), status="pending")
    with django_assert_max_num_queries(20) as few:
        moderator_client.get(CHANGELIST)
    for _ in range(30):
        make_comment(make_article(), status="pending")
    with django_assert_max_num_queries(20) as many:
        moderator_client.get(CHANGELIST)
    assert len(many) == len(few)


def test_the_action_menu_offers_the_moderation_steps_in_order(moderator_client):
    make_comment(make_article(), status="pending")
    html = moderator_client.get(CHANGELIST).content.decode()
    menu = html[html.index('name="action"') : html.index("</select>", html.index('name="action"'))]
    options = re.findall(r'<option value="(\w+)">([^<]+)</option>', menu)
    assert options == [
        ("approve_comments", "Duyệt các bình luận đã chọn"),
        ("reject_comments", "Từ chối các bình luận đã chọn"),
        ("mark_spam", "Đánh dấu spam các bình luận đã chọn"),
        ("keep_comments", "Giữ bình luận, bỏ qua báo cáo"),
        ("hide_comments", "Ẩn bình luận (từ chối)"),
    ]


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        (
            "reject_comments",
            Comment.Status.REJECTED,
            "Đã từ chối 1 bình luận. (2 bình luận đã bị từ chối trước đó.)",
        ),
        (
            "mark_spam",
            Comment.Status.SPAM,
            "Đã đánh dấu spam 1 bình luận. (2 bình luận đã là spam trước đó.)",
        ),
        ("hide_comments", Comment.Status.REJECTED, "Đã ẩn 1 bình luận."),
    ],
)
def test_bulk_actions_say_how_many_had_the_status_already(
    moderator_client, action, status, message
):
    article = make_article()
    chosen = [make_comment(article, status=s) for s in ("pending", status, status)]
    response = moderator_client.post(
        CHANGELIST, {"action": action, "_selected_action": [c.pk for c in chosen]}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [message]
    assert {c.status for c in Comment.objects.all()} == {status}


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        (
            "approve_comments",
            Comment.Status.APPROVED,
            "Đã duyệt 2 bình luận. (1 bình luận đã được duyệt trước đó.)",
        ),
        ("reject_comments", Comment.Status.REJECTED, "Đã từ chối 3 bình luận."),
        ("mark_spam", Comment.Status.SPAM, "Đã đánh dấu spam 3 bình luận."),
    ],
)
def test_bulk_actions_record_who_and_when_and_count(
    moderator_client, moderator, action, status, message
):
    article = make_article()
    comments = [
        make_comment(article, status="pending"),
        make_comment(article, status="pending"),
        make_comment(article, status="approved"),
    ]
    response = moderator_client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [c.pk for c in comments]},
        follow=True,
    )
    assert message in response.content.decode()
    for comment in comments:
        comment.refresh_from_db()
        assert comment.status == status
    changed = [c for c in comments if c.moderated_by_id]
    assert all(c.moderated_by == moderator and c.moderated_at for c in changed)
    article.refresh_from_db()
    assert article.comment_count == (3 if status == Comment.Status.APPROVED else 0)


def test_status_changed_in_the_form_goes_through_moderation(moderator_client, moderator):
    article = make_article()
    comment = make_comment(article, status="pending")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    response = moderator_client.post(
        url,
        {"name": comment.name, "email": comment.email, "body": "Đã sửa", "status": "approved"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    article.refresh_from_db()
    assert (comment.status, comment.body, comment.moderated_by) == ("approved", "Đã sửa", moderator)
    assert article.comment_count == 1


@pytest.mark.parametrize(
    ("field", "before", "after"),
    [
        ("body", "Gọi tôi: 0912 345 678", "Gọi tôi qua tòa soạn."),
        ("name", "Lò Văn Sáng 0912345678", "Lò Văn Sáng"),
    ],
)
def test_an_edit_of_a_shown_comment_shows_on_the_cached_page_at_once(
    moderator_client, django_capture_on_commit_callbacks, field, before, after
):
    from django.test import Client

    article = make_article()
    comment = make_comment(article, **{field: before})
    reader = Client()
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    cached = reader.get(article.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit" and before in cached.content.decode()

    fields = {"name": comment.name, "email": comment.email, "body": comment.body}
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            reverse("admin:comments_comment_change", args=[comment.pk]),
            {**fields, field: after, "status": "approved"},
        )
    assert response.status_code == 302
    page = reader.get(article.get_absolute_url()).content.decode()
    assert after in page and before not in page


def test_admin_index_shows_waiting_comments_linking_to_the_queue(moderator_client, client):
    article = make_article()
    make_comment(article, status="pending")
    make_comment(article, status="pending")
    make_comment(article, status="approved")

    waiting = figures(moderator_client)["comments-waiting"]
    assert (waiting.label, waiting.count) == ("Bình luận chờ duyệt", 2)
    assert waiting.url == reverse("admin:comments_comment_queue")

    client.force_login(make_user(groups=[JOURNALIST]))
    assert "Bình luận chờ duyệt" not in client.get(reverse("admin:index")).content.decode()


def test_moderators_keep_the_blocked_word_list(moderator_client):
    response = moderator_client.post(
        reverse("admin:comments_blockedword_add"), {"word": "  Cá Độ  "}
    )
    assert response.status_code == 302
    assert BlockedWord.objects.get().word == "cá độ"


def test_deleting_a_commented_story_needs_the_right_to_delete_comments(client, admin_client):
    article = make_article()
    make_comment(article, body="Ý kiến bạn đọc")
    delete_url = reverse("admin:articles_article_delete", args=[article.pk])

    # An editor may delete stories, not readers' comments: the admin refuses and says why.
    client.force_login(make_user(groups=[EDITOR]))
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Comment.objects.count() == 1
    assert Article.objects.filter(pk=article.pk).exists()
    reason = client.get(delete_url).content.decode()
    assert "Không thể xóa" in reason
    assert "không được cấp quyển xóa những dữ liệu đi kèm" in reason
    assert "<li>bình luận</li>" in reason or "bình luận" in reason.split("đi kèm")[1]

    # A superuser is shown the comments that go with the story, then deletes both.
    confirmation = admin_client.get(delete_url).content.decode()
    assert "Ý kiến bạn đọc" in confirmation
    admin_client.post(delete_url, {"post": "yes"})
    assert Comment.objects.count() == 0


def test_story_filter_offers_the_stories_being_discussed_and_the_chosen_one(moderator_client):
    from comments import admin_lists

    old = make_article("Bài cũ ít người bàn")
    old_comment = make_comment(old, created_at=timezone.now() - timedelta(days=30))
    busy = [make_article(f"Bài đang được bàn {i}") for i in range(admin_lists.OFFERED + 2)]
    for article in busy:
        make_comment(article)

    def offered(response):
        (story_filter,) = [
            spec
            for spec in response.context["cl"].filter_specs
            if getattr(spec, "parameter_name", None) == "article__id__exact"
        ]
        return [title for _, title in story_filter.lookup_choices]

    response = moderator_client.get(CHANGELIST)
    assert len(offered(response)) == admin_lists.OFFERED
    assert "Bài đang được bàn 11" in offered(response)  # the newest discussions
    assert "Bài cũ ít người bàn" not in offered(response)  # not every story with a comment

    response = moderator_client.get(CHANGELIST, {"article__id__exact": old.pk})
    assert list(response.context["cl"].result_list) == [old_comment]
    assert offered(response)[0] == "Bài cũ ít người bàn"
    response = moderator_client.get(CHANGELIST, {"article__id__exact": "abc"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_one_status_is_listed_newest_first(moderator_client):
    article = make_article()
    older = make_comment(article, created_at=timezone.now() - timedelta(hours=2))
    newer = make_comment(article, created_at=timezone.now() - timedelta(hours=1))
    make_comment(article, status="pending")
    response = moderator_client.get(CHANGELIST, {"status__exact": "approved"})
    assert list(response.context["cl"].result_list) == [newer, older]


@pytest.mark.postgres
def test_unfiltered_queue_uses_the_estimate_on_postgresql(moderator_client, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsroom import admin_lists

    article = make_article()
    for status in ["pending"] * 3 + ["approved"] * 9:
        make_comment(article, status=status)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE comments_comment")
    monkeypatch.setattr(admin_lists, "EXACT_BELOW", 10)

    def counts(queries):
        # The paginator's count, not the list's own per-row annotations.
        return [
            q
            for q in queries
            if q["sql"].startswith("SELECT COUNT(*)") and "comments_comment" in q["sql"]
        ]

    with CaptureQueriesContext(connection) as unfiltered:
        response = moderator_client.get(CHANGELIST)
    assert counts(unfiltered) == []
    assert response.context["cl"].result_count == 12
    with CaptureQueriesContext(connection) as filtered:
        response = moderator_client.get(CHANGELIST, {"status__exact": "pending"})
    assert counts(filtered)
    assert response.context["cl"].result_count == 3


def test_a_sorted_column_breaks_ties_newest_first(moderator_client):
    article = make_article()
    now = timezone.now()
    old_an = make_comment(article, name="An", created_at=now - timedelta(hours=3))
    new_an = make_comment(article, name="An", status="pending", created_at=now - timedelta(hours=1))
    binh = make_comment(article, name="Bình", created_at=now - timedelta(hours=2))
    response = moderator_client.get(CHANGELIST, {"o": "2"})  # the name column, A to Z
    assert list(response.context["cl"].result_list) == [new_an, old_an, binh]
