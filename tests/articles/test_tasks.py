"""Slow work on Celery: renditions after the upload answers, retries, view-count flushing."""

import logging
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from celery.exceptions import Retry
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from articles import tasks
from articles.counters import record_view
from articles.models import Article, Image
from tests.articles.test_images import ADD_URL, body_with, png_bytes
from tests.desk_users import journalist
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_broker(settings):
    """As with CELERY_BROKER_URL set: tasks go to a worker after commit (none runs here)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False


def upload_picture(client) -> Image:
    client.force_login(journalist())
    response = client.post(
        ADD_URL,
        {
            "alt_text": "Ruộng bậc thang",
            "caption": "",
            "credit": "",
            "file": SimpleUploadedFile("ruong.png", png_bytes()),
        },
    )
    assert response.status_code == 302
    return Image.objects.get()


def test_without_a_broker_tasks_run_in_process():
    assert settings.CELERY_BROKER_URL == ""
    assert settings.CELERY_TASK_ALWAYS_EAGER is True


def test_upload_answers_before_renditions_and_the_page_shows_the_original(
    client, with_broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        image = upload_picture(client)
    assert len(queued) == 1  # the renditions task, sent once the upload is committed
    assert not image.renditions_ready
    assert not image.file.storage.exists(image.w480.name)
    article = make_article(hero_image=image, body=body_with([image]))
    reader = Client()  # anonymous: gets the shared page cache

    html = reader.get(article.get_absolute_url()).content.decode()
    assert f'src="{image.file.url}"' in html
    assert image.w480.url not in html and "image/webp" not in html

    assert tasks.make_renditions.apply(args=(image.pk, image.file.name)).result is True
    image.refresh_from_db()
    assert image.renditions_ready
    assert image.file.storage.exists(image.w1200_webp.name)
    # The task purged the cached page: the next reader gets the renditions.
    html = reader.get(article.get_absolute_url()).content.decode()
    assert f"{image.w480_webp.url} 480w" in html and f"{image.w800.url} 800w" in html


def test_failed_renditions_are_retried_and_the_upload_is_kept(client, with_broker, caplog):
    image = upload_picture(client)
    tasks.make_renditions.push_request(
        id="worker-run", called_directly=False, retries=2, is_eager=False
    )
    try:
        with (
            mock.patch(
                "imagekit.cachefiles.ImageCacheFile.generate", side_effect=OSError("disk full")
            ),
            mock.patch.object(tasks.make_renditions, "apply_async") as sent_again,
            caplog.at_level(logging.WARNING),
            pytest.raises(Retry),
        ):
            tasks.make_renditions.run(image.pk, image.file.name)
    finally:
        tasks.make_renditions.pop_request()
    assert "Could not make the renditions" in caplog.text
    # The third retry waits longer than the first ones did (exponential backoff).
    assert 96 <= sent_again.call_args.kwargs["countdown"] <= 120
    image.refresh_from_db()
    assert not image.renditions_ready
    assert image.file.storage.exists(image.file.name)


def test_renditions_give_up_after_the_last_retry_with_an_error_logged(client, with_broker, caplog):
    image = upload_picture(client)
    last = tasks.make_renditions.max_retries
    tasks.make_renditions.push_request(
        id="worker-run", called_directly=False, retries=last, is_eager=False
    )
    try:
        with mock.patch(
            "imagekit.cachefiles.ImageCacheFile.generate", side_effect=OSError("disk full")
        ):
            assert tasks.make_renditions.run(image.pk, image.file.name) is False
    finally:
        tasks.make_renditions.pop_request()
    assert any(r.levelno == logging.ERROR for r in caplog.records)
    assert Image.objects.get().file.storage.exists(image.file.name)


def test_a_replaced_file_does_not_take_the_old_files_renditions(client, with_broker):
    image = upload_picture(client)
    assert tasks.make_renditions.apply(args=(image.pk, "images/cu.png")).result is False
    assert not Image.objects.get().renditions_ready


def test_pictures_whose_task_was_lost_are_queued_again_now_and_then(client, with_broker):
    image = upload_picture(client)
    start = timezone.now()
    with mock.patch.object(tasks, "enqueue") as enqueue:
        assert tasks.requeue_missing_renditions.apply().result == 0
        with time_machine.travel(start + timedelta(minutes=11)):
            assert tasks.requeue_missing_renditions.apply().result == 1
        # Not again while that task may still be retrying, nor after a day.
        with time_machine.travel(start + timedelta(minutes=21)):
            assert tasks.requeue_missing_renditions.apply().result == 0
        cache.clear()
        with time_machine.travel(start + timedelta(days=1, minutes=1)):
            assert tasks.requeue_missing_renditions.apply().result == 0
    enqueue.assert_called_once_with(tasks.make_renditions, image.pk, image.file.name)


def test_beat_flushes_view_counts(settings):
    settings.VIEW_COUNT_FLUSH_EVERY = 1000
    article = make_article()
    for _ in range(3):
        record_view(article.pk)
    assert "articles.tasks.flush_view_counts" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert tasks.flush_view_counts.apply().result == 3
    assert Article.objects.get(pk=article.pk).view_count == 3
    assert cache.get(f"article-views:{article.pk}") == 0
