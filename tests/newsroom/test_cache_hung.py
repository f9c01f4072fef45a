"""A Redis that accepts connections but never answers costs a story page a fraction of a second."""

import socket
import threading
import time

import pytest

from newsroom import cache as resilient
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung_redis(settings):
    """A listening socket that accepts every connection and never says a word; counts them."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    port = server.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {
                "socket_connect_timeout": settings.CACHE_SOCKET_TIMEOUT,
                "socket_timeout": settings.CACHE_SOCKET_TIMEOUT,
            },
        }
    }
    resilient._DOWN_UNTIL.clear()
    yield accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()
    resilient._DOWN_UNTIL.clear()


def test_story_page_answers_within_a_second_when_redis_hangs(client, hung_redis):
    article = make_article("Mùa lúa chín ở Mường Tè")
    make_comment(article, body="Bình luận đã duyệt")

    started = time.monotonic()
    response = client.get(article.get_absolute_url())
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert "Bình luận đã duyệt" in response.text
    assert elapsed < 1.0, f"{elapsed:.2f} s"


def test_after_one_timeout_the_cache_is_skipped_for_a_while(client, hung_redis):
    article = make_article("Mùa lúa chín ở Mường Tè")
    client.get(article.get_absolute_url())
    tried = len(hung_redis)
    assert tried >= 1

    for _ in range(5):
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(hung_redis) == tried
