"""Two approvers pressing at the same moment, on PostgreSQL (real row locks, two connections):
one wins, the other is told who did, and nothing is done twice."""

import threading

import pytest
from django.db import connection

from articles import workflow
from articles.approvals import steps
from articles.models import ApprovalStep, Article

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def at_once(*jobs):
    """Run `jobs` at the same instant, each on its own thread and connection; their outcomes."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(i, job):
        try:
            barrier.wait()
            outcomes[i] = ("done", job())
        except Exception as error:
            outcomes[i] = ("refused", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


@pytest.mark.parametrize("with_version", [True, False], ids=["from-the-page", "crafted"])
def test_two_heads_approve_the_same_level_at_once(paper, with_version):
    for round_ in range(3):  # the race, several times over
        story = paper.story(title=f"Bài thứ {round_}")
        workflow.submit(story, by=paper.reporter)
        story.refresh_from_db()
        seen = story.version if with_version else None

        def approve(user, story=story, seen=seen):
            return lambda: steps.approve(
                Article.objects.get(pk=story.pk), by=user, level=1, seen=seen
            )

        outcomes = at_once(approve(paper.head), approve(paper.head2))
        assert sorted(kind for kind, _ in outcomes) == ["done", "refused"], outcomes
        [(_, error)] = [outcome for outcome in outcomes if outcome[0] == "refused"]
        assert isinstance(error, workflow.WorkflowError), error
        story.refresh_from_db()
        assert (story.approval_level, story.version) == (
            2,
            seen + 1 if seen is not None else story.version,
        )
        approvals = ApprovalStep.objects.filter(article=story, kind=ApprovalStep.Kind.APPROVED)
        assert approvals.count() == 1
        # The one refused is told who approved.
        assert approvals.get().by_name in str(error), str(error)
