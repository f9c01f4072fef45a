"""Purges under real Redis faults, over HTTP: gunicorn as deployed, 2 workers with the front.

A redis-server of the test's own (snapshots on, as Debian keeps them) is stopped and started
again from its snapshot, or hung with SIGSTOP, while a story is unpublished: a legal takedown
must hold whatever Redis does.
"""

import time
import urllib.error
import urllib.request

import pytest

from articles.models import Article
from newsroom import cache as resilient
from pagecache import epoch
from tests.factories import make_article
from tests.harness.env import process_env
from tests.harness.ports import ports
from tests.harness.processes import answers, collectstatic, gunicorn, wait_until
from tests.harness.stores import redis_server

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    folder = tmp_path_factory.mktemp("static")
    collectstatic({**process_env(), "STATIC_ROOT": str(folder)})
    return folder


@pytest.fixture
def site(settings, tmp_path, static_root):
    """Our Redis, and a gunicorn on it; this test process's own purges go to the same Redis."""
    with redis_server(tmp_path / "redis") as redis:
        settings.CACHES = {
            "default": {
                "BACKEND": "newsroom.cache.ResilientRedisCache",
                "LOCATION": redis.url,
                "KEY_PREFIX": "faults",
                "OPTIONS": {
                    "socket_connect_timeout": settings.CACHE_SOCKET_TIMEOUT,
                    "socket_timeout": settings.CACHE_SOCKET_TIMEOUT,
                },
            }
        }
        resilient._DOWN_UNTIL.clear()
        env = process_env(
            REDIS_URL=redis.url,
            STATIC_ROOT=str(static_root),
            PAGE_CACHE_FRONT_PAGES="200",
            DEBUG="0",
        )
        (port,) = ports(1)
        url = f"http://127.0.0.1:{port}"
        with gunicorn(env, port, tmp_path / "gunicorn.log"):
            wait_until(lambda: answers(f"{url}/healthz"), what="gunicorn")
            yield url, redis
        resilient._DOWN_UNTIL.clear()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("X-Page-Cache", "")
    except urllib.error.HTTPError as error:
        return error.code, ""


def kept_by_both_workers(url: str) -> None:
    """Read until the page comes from the cache again and again (each worker keeps it)."""
    answers = [get(url) for _ in range(12)]
    assert answers[-1] == (200, "hit"), answers
    assert all(status == 200 for status, _ in answers), answers


def unpublish(article) -> float:
    article.status = Article.Status.UNPUBLISHED
    article.save()
    return time.monotonic()


def test_a_story_unpublished_while_redis_is_down_stays_down_after_its_snapshot(site):
    server, redis = site
    article = make_article("Bài gỡ theo yêu cầu của tòa án")
    page = f"{server}{article.get_absolute_url()}"
    kept_by_both_workers(page)
    redis.stop(save=True)  # the snapshot holds the page, as Redis would on its way down

    unpublished = unpublish(article)
    redis.start()  # from that snapshot
    # What holds: at most epoch.RECHECK_SECONDS after the purge took its number.
    time.sleep(max(0.0, unpublished + epoch.RECHECK_SECONDS - time.monotonic()))

    assert [get(page)[0] for _ in range(8)] == [404] * 8


def test_a_story_unpublished_while_redis_hangs_is_gone_from_every_workers_memory(site):
    server, redis = site
    article = make_article("Bài gỡ theo yêu cầu của tòa án")
    page = f"{server}{article.get_absolute_url()}"
    kept_by_both_workers(page)
    redis.hang()
    try:
        unpublish(article)
        hung = [get(page)[0] for _ in range(8)]
    finally:
        redis.let_go()
    assert hung == [404] * 8

    after = [get(page)[0] for _ in range(8)]
    time.sleep(2)  # once the channel is subscribed again and the numbers compared
    after += [get(page)[0] for _ in range(8)]
    assert after == [404] * 16
