"""What shared pages tell the caches in front, and the purges they are sent (frontcache.py).

A purge endpoint of our own on loopback stands in for Varnish here (it answers `PURGE` as
deploy/varnish.vcl does); tests/pagecache/test_varnish.py runs the real one. The Fastly and
Cloudflare classes cannot be reached from this machine: only the requests they would send
are checked.
"""

import json
import re
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pagecache import frontcache
from pagecache.purgers import Cloudflare, Fastly
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article, make_section, make_user
from tests.harness.ports import ports
from tests.harness.processes import wait_until

pytestmark = pytest.mark.django_db


class PurgeEndpoint:
    """Answers `PURGE` with 200 and keeps each request's `xkey-purge` keys."""

    def __init__(self, port: int = 0):
        self.keys: list[set[str]] = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                endpoint.keys.append(set(self.headers["xkey-purge"].split()))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def _own_sender(monkeypatch):
    """A sender of the test's own, quick to retry, its second purge soon."""
    monkeypatch.setattr(frontcache, "_sender", {})
    monkeypatch.setattr(frontcache, "RETRY_FIRST", 0.1)
    monkeypatch.setattr(frontcache, "AGAIN_SECONDS", 0.3)
    senders = frontcache._sender
    yield
    for sender in senders.values():
        sender.close()


@pytest.fixture
def endpoint(settings):
    server = PurgeEndpoint()
    settings.FRONT_CACHE_PURGE_URLS = [server.url]
    yield server
    server.close()


@pytest.fixture
def story():
    return make_article("Mường Tè được mùa", section=make_section("Xã hội"))


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_a_shared_page_names_its_areas_and_a_personal_page_names_none(story):
    page = Client().get(story.get_absolute_url())
    keys = set(page["Surrogate-Key"].split())
    assert keys == {"all", "site", "stories", f"article:{story.pk}", f"comments:{story.pk}"}
    assert page["xkey"] == page["Surrogate-Key"]
    # The home page also shows the editors' placements (articles/frontpage).
    assert set(Client().get(reverse("articles:home"))["xkey"].split()) == {
        "all",
        "site",
        "stories",
        "counts",
        "front",
    }
    # Nothing purges the caches in front: today's short lifetimes.
    assert directives(page) == {"public", "max-age=30", "s-maxage=60"}

    staff = Client()
    staff.force_login(make_user("bientap", is_staff=True))
    for response in (
        staff.get(story.get_absolute_url()),
        Client().post(POST_URL, comment_data(story)),
        Client().get(reverse("comments:form-fields", args=[story.pk])),
    ):
        assert "Surrogate-Key" not in response and "xkey" not in response


def test_keys_hold_no_space_nor_line_break():
    keys = frontcache.keys_of(["article:7", "x y\r\nSet-Cookie: a=b", "*", "site"])
    assert keys == ["all", "article:7", "site", "xySet-Cookie:ab"]
    assert all(re.fullmatch(r"[A-Za-z0-9:._-]+", key) for key in keys)


def test_with_purging_on_the_front_keeps_pages_a_day_and_browsers_revalidate(endpoint, story):
    first = Client().get(story.get_absolute_url())
    second = Client().get(story.get_absolute_url())
    for response in (first, second):  # made, then from the page cache
        assert directives(response) == {"public", "no-cache", "s-maxage=86400"}
    assert second["X-Page-Cache"] == "hit"
    again = Client().get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=second["ETag"])
    assert again.status_code == 304


def test_a_scheduled_story_bounds_how_long_the_front_keeps_pages(endpoint, story):
    make_article("Tin hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    page = Client().get(reverse("articles:home"))
    s_maxage = int(re.search(r"s-maxage=(\d+)", page["Cache-Control"]).group(1))
    assert 3500 < s_maxage <= 3600


def test_a_committed_change_purges_the_front_by_key_and_again_soon_after(
    endpoint, story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Mường Tè được mùa lớn"
        story.save()
        time.sleep(0.2)
        assert endpoint.keys == []  # nothing before the commit
    assert endpoint.keys and endpoint.keys[0] == {"all", "stories", f"article:{story.pk}"}
    wait_until(lambda: len(endpoint.keys) == 2, timeout=5, what="the second purge")
    assert endpoint.keys[1] == endpoint.keys[0]


def test_a_change_rolled_back_sends_no_purge(endpoint, story, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        story.title = "Không lưu"
        story.save()
        raise RuntimeError
    time.sleep(0.5)
    assert endpoint.keys == []


def test_a_front_cache_that_is_down_never_fails_a_save_and_is_purged_once_back(
    settings, story, django_capture_on_commit_callbacks, caplog, monkeypatch
):
    monkeypatch.setattr(frontcache, "AGAIN_SECONDS", 60)  # only the retry can bring it
    port = ports(1)[0]
    settings.FRONT_CACHE_PURGE_URLS = [f"http://127.0.0.1:{port}/"]
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Sửa khi máy trước tắt"
        story.save()
    assert time.monotonic() - started < 2
    wait_until(lambda: "Could not purge" in caplog.text, timeout=5, what="the failure logged")
    back = PurgeEndpoint(port)
    try:
        wait_until(lambda: back.keys, timeout=10, what="the purge retried")
        assert f"article:{story.pk}" in back.keys[0]
    finally:
        back.close()


def test_with_a_broker_each_cache_gets_a_task_and_a_broker_down_leaves_it_to_this_process(
    endpoint, settings, monkeypatch
):
    monkeypatch.setattr(frontcache, "in_process", lambda: False)
    queued = []
    monkeypatch.setattr(
        frontcache.purge_front, "apply_async", lambda **kwargs: queued.append(kwargs)
    )
    frontcache.purge(["stories"])
    assert [(q["args"][:2], q["countdown"]) for q in queued] == [
        ((endpoint.url, ["all", "stories"]), None),
        ((endpoint.url, ["all", "stories"]), frontcache.AGAIN_SECONDS),
    ]
    assert endpoint.keys == []

    def broker_down(**kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(frontcache.purge_front, "apply_async", broker_down)
    frontcache.purge(["site"])
    wait_until(lambda: endpoint.keys, timeout=5, what="this process sending it")
    assert endpoint.keys[0] == {"all", "site"}


def test_the_purge_task_sends_the_keys(endpoint):
    assert frontcache.purge_front.apply(args=(endpoint.url, ["all", "site"], time.time())).get()
    assert endpoint.keys == [{"all", "site"}]


def test_the_cdn_classes_send_what_their_apis_document(settings):
    settings.FRONT_CACHE_TOKEN = "ma-thong-bao"
    fastly = Fastly("fastly://SERVICE1")
    headers, body = fastly.request(["all", "article:7"])
    assert headers == {"Fastly-Key": "ma-thong-bao", "Surrogate-Key": "all article:7"}
    assert fastly.endpoint.format(fastly.id) == "https://api.fastly.com/service/SERVICE1/purge"
    assert fastly.response_headers(["all"], 60) == {"Surrogate-Control": "max-age=60"}

    cloudflare = Cloudflare("cloudflare://:rieng@ZONE9")
    headers, body = cloudflare.request(["all", "article:7"])
    assert headers["Authorization"] == "Bearer rieng"  # the URL's own token first
    assert json.loads(body) == {"tags": ["all", "article:7"]}
    assert cloudflare.endpoint.format(cloudflare.id).endswith("/zones/ZONE9/purge_cache")
    assert cloudflare.response_headers(["all", "site"], 60)["Cache-Tag"] == "all,site"


def test_an_unknown_purge_url_or_a_cdn_without_token_fails_the_checks(settings):
    settings.FRONT_CACHE_PURGE_URLS = ["ftp://127.0.0.1/", "fastly://SERVICE2"]
    settings.FRONT_CACHE_TOKEN = ""
    ids = [problem.id for problem in frontcache.check_purge_urls()]
    assert ids == ["pagecache.E001", "pagecache.E002"]
