"""A real Celery worker (another process, through Redis) prepares a video uploaded in the admin."""

import uuid

import pytest
from django.urls import reverse

from multimedia.models import MediaFile
from tests.desk_users import editor
from tests.harness.env import process_env, redis_url
from tests.harness.processes import celery_broker, celery_worker, wait_until
from tests.multimedia.test_admin import post

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_worker_prepares_the_upload_after_the_admin_answered(client, settings, tmp_path, clips):
    broker_url = redis_url()
    queue = f"newsroom-test-{uuid.uuid4().hex[:10]}"
    env = process_env(CELERY_BROKER_URL=broker_url, CELERY_TASK_DEFAULT_QUEUE=queue)
    log = tmp_path / "worker.log"
    client.force_login(editor())
    with celery_broker(settings, broker_url, queue):
        assert post(client, clips["360"]).status_code == 302
        media = MediaFile.objects.get()
        # The upload has answered; no worker runs yet.
        assert media.state == MediaFile.State.PREPARING
        with celery_worker(env, queue, log):
            try:
                wait_until(
                    lambda: MediaFile.objects.get(pk=media.pk).state != MediaFile.State.PREPARING,
                    what="the worker to prepare the video",
                    timeout=120,
                )
            except AssertionError:
                pytest.fail(log.read_text())
    assert "multimedia.tasks.prepare_media" in log.read_text()
    media.refresh_from_db()
    assert media.is_ready, media.error
    assert list(media.renditions) == ["360"] and media.poster
    page = client.get(reverse("admin:multimedia_mediafile_change", args=[media.pk]))
    assert media.rendition_url("360") in page.content.decode()
