"""Moderation steps: who and when, counts kept right (also concurrently), the page at once."""

import pytest
from django.utils import timezone

from articles.models import Article
from comments import moderation
from comments.models import Comment
from tests.comments.helpers import POST_URL, comment_data, run_concurrently
from tests.factories import make_article, make_comment, make_user


def comments_html(response) -> str:
    """Only the story page's comment section."""
    html = response.content.decode()
    start = html.index('id="binh-luan"')
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
def test_approve_records_who_and_when_and_counts():
    article = make_article()
    comment = make_comment(article, status=Comment.Status.PENDING)
    moderator = make_user("kiemduyet")

    assert moderation.approve(comment, by=moderator) is True

    comment.refresh_from_db()
    article.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    assert abs((timezone.now() - comment.moderated_at).total_seconds()) < 5
    assert article.comment_count == 1
    # Approving twice changes nothing and counts once.
    assert moderation.approve(comment, by=moderator) is False
    article.refresh_from_db()
    assert article.comment_count == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("step", "status"),
    [(moderation.reject, Comment.Status.REJECTED), (moderation.mark_spam, Comment.Status.SPAM)],
)
def test_reject_and_spam_take_an_approved_comment_off_the_count(step, status):
    article = make_article()
    comment = make_comment(article)
    make_comment(article)
    article.refresh_from_db()
    assert article.comment_count == 2

    step(comment, by=make_user())

    comment.refresh_from_db()
    article.refresh_from_db()
    assert comment.status == status
    assert article.comment_count == 1


@pytest.mark.django_db
def test_hiding_a_thread_hides_its_replies_from_the_count():
    article = make_article()
    parent = make_comment(article)
    make_comment(article, parent=parent)
    article.refresh_from_db()
    assert article.comment_count == 2

    moderation.reject(parent, by=make_user())
    article.refresh_from_db()
    assert article.comment_count == 0

    moderation.approve(parent, by=make_user())
    article.refresh_from_db()
    assert article.comment_count == 2


@pytest.mark.django_db
def test_set_status_in_bulk_counts_each_story():
    first, second = make_article(), make_article()
    comments = [make_comment(a, status=Comment.Status.PENDING) for a in (first, first, second)]
    changed = moderation.set_status(
        [c.pk for c in comments], Comment.Status.APPROVED, by=make_user()
    )
    assert changed == 3
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.comment_count, second.comment_count) == (2, 1)


@pytest.mark.django_db
def test_approval_shows_on_the_page_at_once_despite_the_cached_list(
    client, django_capture_on_commit_callbacks
):
    article = make_article()
    comment = make_comment(article, status=Comment.Status.PENDING, body="Vừa được duyệt")
    assert "Hiện tại chưa có bình luận" in comments_html(client.get(article.get_absolute_url()))

    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(comment, by=make_user())
    html = comments_html(client.get(article.get_absolute_url()))
    assert "Vừa được duyệt" in html
    assert '<span class="comment-count">(1)</span>' in html

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(comment, by=make_user())
    html = comments_html(client.get(article.get_absolute_url()))
    assert "Vừa được duyệt" not in html
    assert "Hiện tại chưa có bình luận" in html


@pytest.mark.django_db
def test_deleting_comments_keeps_the_count_right(django_capture_on_commit_callbacks):
    article = make_article()
    parent = make_comment(article)
    make_comment(article, parent=parent)
    make_comment(article)
    with django_capture_on_commit_callbacks(execute=True):
        deleted = moderation.delete_comments(Comment.objects.filter(pk=parent.pk))
    assert deleted == 2  # the thread and its reply
    article.refresh_from_db()
    assert article.comment_count == 1


@pytest.mark.django_db
def test_deleting_a_story_deletes_its_comments():
    article = make_article()
    parent = make_comment(article)
    make_comment(article, parent=parent)
    kept = make_comment(make_article())

    article.delete()

    assert list(Comment.objects.all()) == [kept]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_moderation_keeps_the_count_right_on_postgresql():
    article = make_article()
    moderator = make_user()
    pending = [make_comment(article, status=Comment.Status.PENDING) for _ in range(12)]
    approved = [make_comment(article) for _ in range(4)]

    jobs = [lambda c=c: moderation.approve(c, by=moderator) for c in pending]
    jobs += [lambda c=c: moderation.mark_spam(c, by=moderator) for c in approved]
    # Two moderators approving the same comment at once count it once.
    jobs += [lambda: moderation.approve(pending[0], by=moderator)]
    run_concurrently(jobs)

    article.refresh_from_db()
    assert article.comment_count == 12
    assert Comment.objects.approved().count() == 12


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_posting_while_moderating_keeps_the_count_right_on_postgresql(client):
    article = make_article()
    moderator = make_user()
    pending = [make_comment(article, status=Comment.Status.PENDING) for _ in range(8)]

    def post_one():
        Comment.objects.create(article=article, name="Mới", email="m@example.com", body="Mới")

    jobs = [lambda c=c: moderation.approve(c, by=moderator) for c in pending]
    jobs += [post_one for _ in range(8)]
    run_concurrently(jobs)

    article.refresh_from_db()
    assert article.comment_count == 8
    assert Article.objects.get(pk=article.pk).comment_count == Comment.objects.approved().count()


@pytest.mark.django_db
def test_a_new_comments_fate_closed_then_spam_then_trusted_then_pending(settings):
    settings.COMMENT_TRUST_AFTER = 1
    article = make_article()
    make_comment(article, email="mai@example.com")
    links = "http://a.example http://b.example http://c.example"

    def fate(body, email="mai@example.com", story=article):
        return moderation.fate(story, name="Mai", email=email, body=body)

    with pytest.raises(moderation.CommentsClosed):
        fate(links, story=make_article(allow_comments=False))
    spam = fate(links)
    assert spam.status == Comment.Status.SPAM and "liên kết" in spam.spam_reason
    assert fate("Ý kiến").status == Comment.Status.APPROVED
    assert fate("Ý kiến", email="moi@example.com").status == Comment.Status.PENDING


@pytest.mark.django_db
def test_a_story_closing_while_a_comment_is_read_stores_nothing(client, monkeypatch):
    """The view's early check passed (the story was open then); the fate still refuses."""
    article = make_article(allow_comments=False)
    monkeypatch.setattr("comments.views.comments_open", lambda story: True)
    response = client.post(POST_URL, comment_data(article, body="Vừa đóng"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Bình luận của bạn chưa được gửi" in html and "Vừa đóng" in html
    assert not Comment.objects.filter(body="Vừa đóng").exists()
