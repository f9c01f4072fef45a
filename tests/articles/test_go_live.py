"""With a broker, a worker purges the pages at the moment a scheduled story goes live.

`purge_when_live` (articles/pages.py), queued by the receiver of a scheduled story's save.
"""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from articles.models import Article
from articles.pages import purge_when_live
from pagecache import versions
from tests.desk_users import editor
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def stories_generation():
    return versions.read(["stories"])[0].generations["stories"]


def test_scheduling_a_story_queues_its_purge_for_its_publish_time(
    settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    at = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    article = make_article(status=Article.Status.PENDING)
    with (
        mock.patch.object(purge_when_live, "apply_async") as queued,
        django_capture_on_commit_callbacks(execute=True),
    ):
        workflow.publish(article, by=editor(), at=at)
    queued.assert_called_once_with(args=(article.pk, at.isoformat()), eta=at)


def test_the_purge_at_publish_time_makes_listings_stale():
    at = timezone.now() + timedelta(hours=2)
    article = make_article(status=Article.Status.PUBLISHED, published_at=at)
    versions.bump("stories")
    before = stories_generation()
    with time_machine.travel(at):
        assert purge_when_live.apply(args=(article.pk, at.isoformat())).result is True
    assert stories_generation() != before


def test_a_story_moved_to_another_time_is_not_purged_at_the_old_one():
    at = timezone.now() + timedelta(hours=2)
    article = make_article(status=Article.Status.PUBLISHED, published_at=at + timedelta(hours=1))
    versions.bump("stories")
    before = stories_generation()
    assert purge_when_live.apply(args=(article.pk, at.isoformat())).result is False
    assert stories_generation() == before
