"""The page cache's front: shared pages answered from a process's memory, never a stale one.

Each test puts the front (pagecache/front.py) before Django's own WSGI handler, as
newsroom/wsgi.py does, and counts what reaches Django. On SQLite the purges go through the
in-process cache; on PostgreSQL CI they go through Redis's channel.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.counters import pending_views
from articles.models import Article
from comments import moderation
from comments.models import Comment
from pagecache import bus
from pagecache.front import PageCacheFront
from tests.factories import make_article, make_comment, make_section, make_user
from tests.harness.client import Browser
from tests.harness.ports import free_port
from tests.harness.processes import app_servers
from tests.harness.wsgi import Django, fetch

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def django_app():
    return Django()


@pytest.fixture
def front(django_app):
    return PageCacheFront(django_app)


@pytest.fixture
def story():
    return make_article("Mường Tè được mùa", section=make_section("Xã hội"), tags=["Nông nghiệp"])


def test_a_shared_page_is_answered_again_without_django(front, django_app, story):
    url = story.get_absolute_url()
    status, headers, first = fetch(front, url)
    assert (status, headers["X-Page-Cache"], django_app.calls) == (200, "miss", 1)
    for _ in range(3):
        status, again, body = fetch(front, url)
        assert (status, again["X-Page-Cache"], body) == (200, "hit", first)
    assert django_app.calls == 1
    # Every middleware's headers come along: a proxy and a browser see the same answer.
    for name in ("Cache-Control", "ETag", "Content-Security-Policy", "X-Frame-Options"):
        assert again[name] == headers[name]
    status, head, body = fetch(front, url, method="HEAD")
    assert (status, head["ETag"], body, django_app.calls) == (200, headers["ETag"], "", 1)


def test_a_head_request_gets_no_body(front, django_app, story):
    """Gunicorn warned of a body on HEAD answers from Django and dropped it itself."""
    for url in (story.get_absolute_url(), "/khong-co-trang-nay/", "/admin/login/"):
        status, headers, body = fetch(front, url, method="HEAD")
        assert (body, int(headers.get("Content-Length", "1")) > 0) == ("", True)
    assert django_app.calls == 3


def test_an_edit_reaches_the_very_next_request(front, django_app, story):
    home, page = reverse("articles:home"), story.get_absolute_url()
    fetch(front, home), fetch(front, page)
    story.title = "Mường Tè được mùa lúa nương"
    story.save()
    assert "Mường Tè được mùa lúa nương" in fetch(front, page)[2]
    assert "Mường Tè được mùa lúa nương" in fetch(front, home)[2]
    assert django_app.calls == 4


def test_an_approved_comment_shows_on_the_next_load(front, django_app, story):
    comment = make_comment(story, body="Bà con phấn khởi lắm.", status=Comment.Status.PENDING)
    page = story.get_absolute_url()
    assert "Bà con phấn khởi lắm." not in fetch(front, page)[2]
    assert "Bà con phấn khởi lắm." not in fetch(front, page)[2]
    assert django_app.calls == 1
    moderation.approve(comment, by=make_user("kiem-duyet", is_staff=True))
    assert "Bà con phấn khởi lắm." in fetch(front, page)[2]


@pytest.mark.postgres
def test_every_process_hears_a_purge(story, tmp_path):
    """Two app servers of one worker each keep the page; an edit made here empties both."""
    page = story.get_absolute_url()
    with app_servers(2, tmp_path, workers=1) as servers, Browser() as reader:
        for server in servers:
            assert reader.get(server + page).headers["X-Page-Cache"] == "miss"
            kept = reader.get(server + page)
            assert (kept.status, kept.headers["X-Page-Cache"]) == (200, "hit")
        story.title = "Tiêu đề mới"
        story.save()  # in this third process: the purge is published to the other two
        for server in servers:
            answer = reader.get(server + page)
            assert (answer.status, answer.headers["X-Page-Cache"]) == (200, "miss")
            assert "Tiêu đề mới" in answer.text


def test_personal_and_conditional_requests_go_to_django(front, django_app, story):
    page = story.get_absolute_url()
    _, headers, _ = fetch(front, page)
    fetch(front, page, cookie="sessionid=abc")
    fetch(front, page, cookie="binh_luan=abc")
    status, _, body = fetch(front, page, if_modified_since="Sun, 29 Nov 2026 00:00:00 GMT")
    assert django_app.calls == 4
    # A cookie that is nobody's own (the CSRF token) still gets the shared page.
    fetch(front, page, cookie="csrftoken=abc")
    assert django_app.calls == 4


def test_a_reload_naming_the_kept_page_gets_a_304_from_memory(front, django_app, story):
    """A browser's reload sends If-None-Match: answered as Django would, without Django."""
    page = story.get_absolute_url()
    _, headers, _ = fetch(front, page)
    status, answer, body = fetch(front, page, if_none_match=headers["ETag"])
    assert (status, body, answer["ETag"], answer["Cache-Control"]) == (
        304,
        "",
        headers["ETag"],
        headers["Cache-Control"],
    )
    assert "Content-Type" not in answer
    status, _, body = fetch(front, page, if_none_match='"khac"')
    assert status == 200 and "Mường Tè được mùa" in body
    assert django_app.calls == 1
    # After a purge the old ETag no longer matches: the new page, from Django.
    story.title = "Mường Tè được mùa lớn"
    story.save()
    status, _, body = fetch(front, page, if_none_match=headers["ETag"])
    assert status == 200 and "Mường Tè được mùa lớn" in body


def test_only_shared_answers_are_kept(front, django_app, story):
    for url in ("/khong-co-trang-nay/", "/admin/login/"):
        fetch(front, url), fetch(front, url)
    assert django_app.calls == 4
    assert front.kept == {}


def test_another_host_or_scheme_is_not_answered_from_memory(settings, story):
    settings.SECURE_SSL_REDIRECT = True  # before the middlewares read it
    front = PageCacheFront(django_app := Django())
    page = story.get_absolute_url()
    assert fetch(front, page, scheme="https")[0] == 200
    assert fetch(front, page, scheme="http")[0] == 301
    assert fetch(front, page, scheme="http")[0] == 301
    assert fetch(front, page, scheme="https", host="evil.example")[0] == 400
    assert fetch(front, page, scheme="https")[0] == 200
    assert django_app.calls == 4


def test_a_scheduled_story_goes_live_on_time(front, django_app, story):
    home = reverse("articles:home")
    soon = timezone.now() + timedelta(minutes=3)
    make_article("Lễ hội Then Kin Pang khai mạc", section=story.section, published_at=soon)
    fetch(front, home)
    assert "Then Kin Pang" not in fetch(front, home)[2]
    assert django_app.calls == 1
    with time_machine.travel(soon + timedelta(seconds=1)):
        assert "Then Kin Pang" in fetch(front, home)[2]


def test_views_answered_from_memory_are_counted(front, story):
    page = story.get_absolute_url()
    for _ in range(6):
        fetch(front, page)
    front.flush_views()
    story.refresh_from_db()
    assert story.view_count + pending_views([story.pk]).get(story.pk, 0) == 6


def test_without_the_purge_channel_nothing_is_kept(monkeypatch, front, django_app, story):
    monkeypatch.setattr(bus.Listener, "drain", lambda self: False)
    page = story.get_absolute_url()
    for _ in range(3):
        assert fetch(front, page)[0] == 200
    assert django_app.calls == 3


def test_off_when_the_page_cache_is_off(settings, front, django_app, story):
    settings.PAGE_CACHE_SECONDS = 0
    page = story.get_absolute_url()
    fetch(front, page), fetch(front, page)
    assert django_app.calls == 2


def test_with_redis_down_every_page_still_comes_from_django(settings, front, django_app, story):
    """No purge channel, no page kept in memory: Django renders each request as before."""
    settings.CACHE_RETRY_SECONDS = 0
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    page = story.get_absolute_url()
    for _ in range(3):
        status, _, body = fetch(front, page)
        assert status == 200 and "Mường Tè được mùa" in body
    assert django_app.calls == 3
    assert front.kept == {}


def test_threads_of_one_worker_share_the_front(front, django_app, story):
    """gunicorn's gthread workers: answers and view counts stay right with threads at once."""
    from concurrent.futures import ThreadPoolExecutor

    page = story.get_absolute_url()
    fetch(front, page)

    def read(_):
        return [fetch(front, page)[0] for _ in range(25)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = [status for answers in pool.map(read, range(8)) for status in answers]
    assert statuses == [200] * 200
    assert django_app.calls == 1
    front.flush_views()
    story.refresh_from_db()
    assert story.view_count + pending_views([story.pk]).get(story.pk, 0) == 201


def test_a_page_made_while_a_purge_came_in_is_not_kept(story):
    """Another thread drained a purge while this page was rendered: it may show the old text."""
    page = story.get_absolute_url()
    django_app = Django()

    def rendering_during_a_purge(environ, start_response):
        front.purged(frozenset({f"article:{story.pk}"}))  # what another thread's drain does
        return django_app(environ, start_response)

    front = PageCacheFront(rendering_during_a_purge)
    assert fetch(front, page)[0] == 200
    assert front.kept == {}
    fetch(front, page)
    assert django_app.calls == 2


@pytest.mark.postgres
def test_a_purge_published_by_another_process_reaches_this_one(front, django_app, story):
    """Through Redis's channel (or, without Redis, the database): another server's edit
    empties this worker's memory."""
    import os
    import subprocess
    import sys

    from tests.harness.env import database_url

    page = story.get_absolute_url()
    fetch(front, page), fetch(front, page)
    assert django_app.calls == 1
    Article.objects.filter(pk=story.pk).update(title="Tiêu đề sửa ở máy khác")
    bump = (
        "import django; django.setup(); from pagecache import versions; "
        f"versions.bump('article:{story.pk}')"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings_test",
        "DATABASE_URL": database_url(),  # the test's database, where a purge is without Redis
    }
    subprocess.run([sys.executable, "-c", bump], env=env, check=True, timeout=60)
    assert "Tiêu đề sửa ở máy khác" in fetch(front, page)[2]
    assert django_app.calls == 2


def test_the_page_read_last_stays_when_memory_is_full(django_app):
    front = PageCacheFront(django_app, size=2)
    first, second, third = (make_article(f"Tin số {n}").get_absolute_url() for n in range(3))
    for url in (first, second, first, third):  # the first is read again before the third
        fetch(front, url)
    assert django_app.calls == 3
    assert fetch(front, first)[1]["X-Page-Cache"] == "hit"
    assert django_app.calls == 3  # the second went instead, read longest ago
    fetch(front, second)
    assert django_app.calls == 4


def test_memory_is_bounded_by_bytes(django_app):
    pages = [make_article(f"Tin số {n:02}").get_absolute_url() for n in range(12)]
    measure = PageCacheFront(Django())
    fetch(measure, pages[0])
    budget = measure.bytes * 10  # room for about ten of these pages
    front = PageCacheFront(django_app, budget=budget)
    for url in pages:
        fetch(front, url)
    assert 0 < front.bytes <= budget
    assert 8 <= len(front.kept) <= 10
    assert front.bytes == sum(kept.size for kept in front.kept.values())
    calls = django_app.calls
    assert fetch(front, pages[-1])[1]["X-Page-Cache"] == "hit"  # the newest stay
    fetch(front, pages[0])  # the oldest went
    assert django_app.calls == calls + 1


def test_a_page_over_an_eighth_of_the_memory_is_not_kept(django_app, story):
    page = story.get_absolute_url()
    front = PageCacheFront(django_app, budget=8 * 1024)  # a story page is more than 1 KiB
    fetch(front, page), fetch(front, page)
    assert django_app.calls == 2
    assert (front.kept, front.bytes) == ({}, 0)


def test_a_purge_gives_back_the_bytes(front, story):
    fetch(front, story.get_absolute_url())
    assert front.bytes > 0
    story.title = "Mường Tè được mùa to"
    story.save()
    assert (front.kept, front.bytes) == ({}, 0)
