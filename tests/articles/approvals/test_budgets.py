"""The desk front and the story list keep their query budgets with three levels and 1,000
stories waiting: no count grows with the stories, the levels or the sections."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ApprovalStep, Article, DutyShift
from tests.factories import make_section

from .conftest import set_chain

pytestmark = pytest.mark.django_db

# Session, user, the rights, the notices, the story figures and most read (articles), the
# chains (2), the person's roles, their sections and who is on duty, whether the one on duty
# holds the last level's role (asked once, whatever the number of sections), the aggregate,
# and the newsletter's count of subscribers (newsletter/desk_figures).
FRONT = 18
# The list with "Chờ tôi duyệt": session, user, notices, rights (2), the chains and the
# person as above (5), the section and account filters' choices, the count and the page of
# rows (with their savepoint), the date hierarchy (2), and whether nhuận bút rates are set
# (for those who grade; kept in the cache an hour, so only on a cold cache).
LIST = 19


def waiting(paper, n: int, **fields) -> None:
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Bài chờ {i}",
            slug=f"bai-cho-{fields.get('approval_level', 1)}-{i}-{n}",
            lead="Sapo.",
            section=paper.thoi_su if i % 2 else paper.chinh_tri,
            status=Article.Status.PENDING,
            author=paper.reporter,
            approval_level=1 + i % 3,
            approval_since=now,
        )
        for i in range(n)
    )


def someone_on_duty(paper) -> None:
    """The editor-in-chief holds the last levels now: the deputy's figures ask whether the one on
    duty holds their role."""
    now = timezone.now()
    DutyShift.objects.create(
        user=paper.chief, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1)
    )


def more_sections(n: int) -> None:
    for i in range(n):
        set_chain(make_section(f"Ban {i}"), "truong-ban", "thu-ky-toa-soan", "tong-bien-tap")


@pytest.mark.parametrize("who", ["head", "managing", "chief", "deputy"])
def test_the_desk_front_costs_the_same_with_1000_stories_waiting(
    client, paper, who, django_assert_max_num_queries
):
    client.force_login(getattr(paper, who))
    someone_on_duty(paper)
    waiting(paper, 3)
    with django_assert_max_num_queries(FRONT):
        small = client.get(reverse("admin:index"))
    assert "Chờ tôi duyệt" in small.content.decode()
    waiting(paper, 1000)
    more_sections(10)
    ApprovalStep.objects.bulk_create(
        ApprovalStep(article=story, kind="approved", level=1, by=paper.head, article_version=0)
        for story in Article.objects.filter(approval_level=2)[:300]
    )
    with django_assert_max_num_queries(FRONT):
        large = client.get(reverse("admin:index"))
    assert large.status_code == 200


@pytest.mark.parametrize("who", ["head", "managing", "chief"])
def test_the_waiting_for_me_list_costs_the_same_with_1000_stories_waiting(
    client, paper, who, django_assert_max_num_queries
):
    client.force_login(getattr(paper, who))
    url = reverse("admin:articles_article_changelist") + "?duyet=cho-toi"
    someone_on_duty(paper)
    waiting(paper, 3)
    with django_assert_max_num_queries(LIST):
        client.get(url)
    waiting(paper, 1000)
    more_sections(10)
    with django_assert_max_num_queries(LIST):
        page = client.get(url)
    assert page.status_code == 200
    assert "Bài chờ" in page.content.decode()
