"""One copy of each shared page: other forms of its address get a 301 to the one it has.

Through the front (front.py) before Django, as newsroom/wsgi.py runs it, counting the pages
kept in this process's memory and in the shared cache (in-process here, Redis on CI).
"""

import fnmatch

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from pagecache import canonical, registry, store
from pagecache.front import PageCacheFront
from pagecache.middleware import PAGE_KEY
from tests.factories import make_article, make_section
from tests.harness.wsgi import Django, fetch
from wordpress.models import OldLink

pytestmark = pytest.mark.django_db(transaction=True)


def shared_copies() -> int:
    """Pages held in the shared cache."""
    backend = caches["default"]
    pattern = backend.make_key(PAGE_KEY.format("*"))
    if isinstance(backend, RedisCache):
        return len(store.client(backend).keys(pattern))
    return len(fnmatch.filter(backend._cache, pattern))


@pytest.fixture
def front():
    return PageCacheFront(Django())


@pytest.fixture
def story():
    return make_article("Mường Tè được mùa", section=make_section("Xã hội"), tags=["Lúa"])


def test_tracking_parameters_go_to_the_page_and_share_one_copy(front, story):
    page = story.get_absolute_url()
    assert fetch(front, page)[0] == 200
    for n in range(30):
        for name in ("utm_source", "fbclid", "v"):
            status, headers, _ = fetch(front, f"{page}?{name}={n}")
            assert (status, headers["Location"]) == (301, page)
    assert fetch(front, page)[1]["X-Page-Cache"] == "hit"
    assert (len(front.kept), shared_copies()) == (1, 1)
    assert front.application.calls == 91  # the redirects, and the page made once


@pytest.mark.parametrize(
    ("asked", "one"),
    [
        ("/chuyen-muc/xa-hoi/?page=02&utm_medium=zalo", "/chuyen-muc/xa-hoi/?page=2"),
        ("/chuyen-muc/xa-hoi/?page=1", "/chuyen-muc/xa-hoi/"),
        ("/chuyen-muc/xa-hoi/?page=", "/chuyen-muc/xa-hoi/"),
        ("/the/lua/?page=%EF%BC%92", "/the/lua/?page=2"),  # a full-width "２"
        ("/tim-kiem/?page=2&q=l%C3%BAa", "/tim-kiem/?q=l%C3%BAa&page=2"),
        ("/tim-kiem/?q=a&q=l%C3%BAa", "/tim-kiem/?q=l%C3%BAa"),  # the one Django reads
        ("/bai-viet/muong-te-duoc-mua-{pk}/?sap-xep=moi-nhat", "/bai-viet/muong-te-duoc-mua-{pk}/"),
        ("/bai-viet/muong-te-duoc-mua-{pk}/?sap-xep=x", "/bai-viet/muong-te-duoc-mua-{pk}/"),
        ("/sitemap-bai-viet.xml?p=1", "/sitemap-bai-viet.xml"),
        ("/rss/?page=2", "/rss/"),
    ],
)
def test_each_other_form_of_an_address_goes_to_the_one_form(front, story, asked, one):
    asked, one = asked.format(pk=story.pk), one.format(pk=story.pk)
    status, headers, _ = fetch(front, asked)
    assert (status, headers["Location"]) == (301, one)
    # Redirects are not kept for ever: a parameter a page reads later is not lost to them.
    assert headers["Cache-Control"] == "public, max-age=30, s-maxage=60"
    assert fetch(front, one)[0] != 301  # the one form answers itself (page 2 is a 404 here)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/chuyen-muc/xa-hoi/?page=last", 200),
        ("/tim-kiem/?q=l%C3%BAa&page=1000", 404),
        ("/tim-kiem/?q=l%C3%BAa+ch%C3%ADn", 200),
        ("/bai-viet/muong-te-duoc-mua-{pk}/?sap-xep=thich-nhieu", 200),
    ],
)
def test_the_parameters_a_page_reads_are_answered_there(front, story, url, status):
    assert fetch(front, url.format(pk=story.pk))[0] == status


def test_only_shared_pages_are_named():
    assert set(canonical.parameters()) <= registry.shared_pages()


def test_an_old_link_on_the_home_page_still_answers(front, story):
    OldLink.objects.create(path="/?p=5", article=story)
    status, headers, _ = fetch(front, "/?p=5&utm_source=facebook")
    assert (status, headers["Location"]) == (301, story.get_absolute_url())
    status, headers, _ = fetch(front, "/?p=6")  # no such link: the home page itself
    assert (status, headers["Location"]) == (301, "/")
    assert fetch(front, "/")[0] == 200


def test_staff_with_a_session_get_the_address_as_asked(client, story):
    """Pages for one visitor are never shared nor kept: nothing to send elsewhere."""
    client.cookies["sessionid"] = "x"
    assert client.get(story.get_absolute_url() + "?utm_source=x").status_code == 200
