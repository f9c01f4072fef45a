"""The admin index's comment figures: waiting comments and unanswered reader reports."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comments import moderation
from comments.models import Comment, CommentReport
from tests.desk_users import editor, journalist, moderator
from tests.factories import make_article, make_comment
from tests.front_page import figures

pytestmark = pytest.mark.django_db


def report(comment: Comment, browser: str, *, at=None) -> CommentReport:
    return CommentReport.objects.create(
        comment=comment, browser=browser, reason="offensive", created_at=at or timezone.now()
    )


@pytest.fixture
def comments():
    article = make_article()
    staff = editor("bientap2")
    made = {
        "waiting": make_comment(article, status="pending"),
        "waiting_too": make_comment(article, status="pending"),
        "quiet": make_comment(article),
        "reported": make_comment(article),
        "answered": make_comment(article),
        "sent_back": make_comment(article),
        "rejected": make_comment(article),
    }
    report(made["reported"], "a")
    # Reported, then approved again by a moderator: the approval answers the report.
    report(made["answered"], "a", at=timezone.now() - timedelta(minutes=5))
    moderation.set_status([made["answered"].pk], "pending", by=None)
    moderation.approve(made["answered"], by=staff)
    # Reports sent it back to the queue: it waits there with its reports.
    report(made["sent_back"], "a")
    moderation.send_back(made["sent_back"])
    report(made["rejected"], "a")
    moderation.reject(made["rejected"], by=staff)
    return made


def listed(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200
    if "cl" in response.context:
        return {comment.pk for comment in response.context["cl"].result_list}
    return {comment.pk for comment in response.context["page"].rows}


def pks(made, *names) -> set[int]:
    return {made[name].pk for name in names}


@pytest.mark.parametrize("person", [moderator, editor])
def test_waiting_and_reported_comments_open_exactly_those(client, comments, person):
    client.force_login(person())
    shown = figures(client)

    assert shown["comments-waiting"].count == 3
    assert shown["comments-waiting"].url == reverse("admin:comments_comment_queue")
    assert listed(client, shown["comments-waiting"].url) == pks(
        comments, "waiting", "waiting_too", "sent_back"
    )
    assert shown["reports"].count == 2
    assert listed(client, shown["reports"].url) == pks(comments, "reported", "sent_back")


def test_a_report_after_the_approval_waits_again(client, comments):
    report(comments["answered"], "b")
    client.force_login(moderator())
    assert figures(client)["reports"].count == 3


def test_journalist_gets_no_comment_figures_nor_links(client, comments):
    client.force_login(journalist())
    page = client.get(reverse("admin:index")).content.decode()
    assert not {"comments-waiting", "reports"} & set(figures(client))
    assert reverse("admin:comments_comment_queue") not in page
    assert reverse("admin:comments_comment_changelist") not in page


def test_comment_figures_cost_the_same_with_3_or_30_comments(client, django_assert_max_num_queries):
    article = make_article()
    client.force_login(moderator())

    def add(n: int) -> None:
        for i in range(n):
            make_comment(article, status="pending")
            report(make_comment(article), f"b{i}")

    add(3)
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("admin:index"))
    add(27)
    with django_assert_max_num_queries(len(small)):
        assert figures(client)["reports"].count == 30
