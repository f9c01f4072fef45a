"""A real Celery worker (another process) makes the renditions of a picture uploaded in the admin.

Through Redis, the broker of the issue, and RabbitMQ, which `CELERY_BROKER_URL` also takes.
"""

import os
import uuid

import pytest

from articles.models import Image
from tests.articles.test_tasks import upload_picture
from tests.factories import make_article
from tests.harness.env import process_env, redis_url
from tests.harness.processes import celery_broker, celery_worker, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BROKERS = {
    "redis": redis_url,
    "rabbitmq": lambda: os.environ.get(
        "CELERY_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//"
    ),
}


@pytest.mark.parametrize("broker", list(BROKERS))
def test_worker_makes_renditions_after_the_upload_answered(client, settings, tmp_path, broker):
    broker_url = BROKERS[broker]()
    queue = f"newsroom-test-{uuid.uuid4().hex[:10]}"
    env = process_env(CELERY_BROKER_URL=broker_url, CELERY_TASK_DEFAULT_QUEUE=queue)
    log = tmp_path / "worker.log"
    with celery_broker(settings, broker_url, queue):
        image = upload_picture(client)
        # The upload has answered; no worker runs yet, so the page shows the original.
        assert not image.renditions_ready
        article = make_article(hero_image=image)
        html = client.get(article.get_absolute_url()).content.decode()
        assert f'src="{image.file.url}"' in html and image.w480.url not in html

        with celery_worker(env, queue, log):
            try:
                wait_until(
                    lambda: Image.objects.get(pk=image.pk).renditions_ready,
                    what="the worker to make the renditions",
                )
            except AssertionError:
                pytest.fail(log.read_text())

    assert "articles.tasks.make_renditions" in log.read_text()
    image.refresh_from_db()
    for field in ("w480", "w800", "w1200", "w480_webp", "w800_webp", "w1200_webp"):
        assert image.file.storage.exists(getattr(image, field).name), field
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"{image.w480_webp.url} 480w" in html and f"{image.w1200.url} 1200w" in html
