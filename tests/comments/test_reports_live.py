"""Reports against a real gunicorn (deploy/gunicorn.conf.py, PostgreSQL, Redis): three fresh
cookie jars at one address do not hide a comment."""

import pytest
from django.urls import reverse

from comments.models import Comment, CommentReport
from tests.factories import make_article, make_comment
from tests.harness.client import Browser
from tests.harness.processes import app_servers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def server(django_db_setup, tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports-live")
    with app_servers(1, folder, COMMENT_CLOSE_AFTER_DAYS="0", COMMENT_REPORTS_TO_HIDE="3") as (
        url,
    ):
        yield url


def report_as_a_new_browser(server: str, comment: Comment) -> int:
    """Open the story as a fresh browser, then report the comment as the page's script does."""
    browser = Browser()
    assert browser.get(f"{server}{comment.article.get_absolute_url()}").status == 200
    state = browser.json(f"{server}{reverse('comments:reactions', args=[comment.article_id])}")
    page = browser.post(
        f"{server}{reverse('comments:report', args=[comment.pk])}",
        {"article": comment.article_id, "reason": "spam", "csrfmiddlewaretoken": state["csrf"]},
    )
    return page.status


def test_three_fresh_cookie_jars_at_one_address_leave_the_comment_shown(server):
    article = make_article("Ruộng bậc thang Mù Cang Chải", allow_comments=True)
    comment = make_comment(article, body="Mùa nước đổ đẹp nhất năm.")
    statuses = [report_as_a_new_browser(server, comment) for _ in range(3)]
    assert statuses == [302, 302, 302]
    assert CommentReport.objects.filter(comment=comment).count() == 3
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert (
        "Mùa nước đổ đẹp nhất năm." in Browser().get(f"{server}{article.get_absolute_url()}").text
    )
