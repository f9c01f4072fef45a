"""With a broker, a Celery worker (another process) sends the purges to the cache in front,
and retries one that fails until the cache is back (Redis as the broker)."""

import uuid

import pytest

from pagecache import frontcache
from tests.factories import make_article
from tests.harness.env import process_env, redis_url
from tests.harness.ports import ports
from tests.harness.processes import celery_broker, celery_worker, wait_until
from tests.pagecache.test_frontcache import PurgeEndpoint

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_worker_purges_the_cache_in_front_and_retries_until_it_is_back(settings, tmp_path):
    story = make_article("Chợ phiên Tam Đường")
    port = ports(1)[0]
    settings.FRONT_CACHE_PURGE_URLS = [f"http://127.0.0.1:{port}/"]
    broker = redis_url()
    queue = f"newsroom-test-{uuid.uuid4().hex[:10]}"
    env = process_env(CELERY_BROKER_URL=broker, CELERY_TASK_DEFAULT_QUEUE=queue)
    log = tmp_path / "worker.log"
    with celery_broker(settings, broker, queue), celery_worker(env, queue, log):
        assert not frontcache.in_process()
        wait_until(lambda: "ready." in log.read_text(), timeout=60, what="the worker")
        story.title = "Chợ phiên Tam Đường mở lại"
        story.save()  # committed at once: the task is queued, the cache in front is down
        # Both tries fail: the first and the one AGAIN_SECONDS later.
        wait_until(
            lambda: log.read_text().count("(retrying)") >= 2, timeout=60, what="two failed tries"
        )
        back = PurgeEndpoint(port)
        try:
            # Only a retry can bring it now (newsroom.tasks.backoff: 24-30 s after a failure).
            wait_until(lambda: back.keys, timeout=60, what="the worker's retry")
        finally:
            back.close()
    assert back.keys[0] == {"all", "stories", f"article:{story.pk}"}
    assert "pagecache.frontcache.purge_front" in log.read_text()
