"""The page cache shares, counts and times only what the apps registered (pagecache/registry.py)."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse

from pagecache import registry, shared, versions
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_article("Mường Tè được mùa", section=make_section("Xã hội"))


def test_a_page_no_app_registered_is_never_shared(story, monkeypatch):
    url = story.section.get_absolute_url()
    assert Client().get(url)["X-Page-Cache"] == "miss"
    pages = dict(registry._PAGES)
    del pages["articles:section"]
    monkeypatch.setattr(registry, "_PAGES", pages)
    response = Client().get(url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_a_story_page_shows_its_own_words_and_comments():
    assert registry.page_areas("articles:detail", {"pk": "7"}) == (
        "site",
        "stories",
        "article:7",
        "comments:7",
    )
    assert registry.viewed("articles:detail", {"pk": "7"}) == 7
    assert registry.viewed("articles:home", {}) is None


def test_each_page_has_one_owner():
    with pytest.raises(ValueError):
        registry.page("articles:home", ("site",))
    with pytest.raises(ValueError):
        registry.parameters("articles:detail", {"sap-xep": lambda value: value})


def test_a_cookie_an_app_registers_keeps_the_page_to_its_visitor(story, monkeypatch):
    def home_with_cookie() -> str:
        shared.personal_cookies.cache_clear()
        client = Client()
        client.cookies["ban-doc"] = "1"
        return client.get(reverse("articles:home"))["Cache-Control"]

    try:
        assert "public" in home_with_cookie()
        monkeypatch.setattr(registry, "_COOKIES", {*registry._COOKIES, "ban-doc"})
        assert "private" in home_with_cookie()
    finally:
        monkeypatch.undo()
        shared.personal_cookies.cache_clear()


def test_the_earliest_scheduled_change_of_any_app_renews_its_areas(monkeypatch):
    moment = {"next": time.time() + 3600}
    monkeypatch.setattr(
        registry,
        "_SCHEDULES",
        [
            registry.Schedule(lambda: time.time() + 7200, ("stories",)),
            registry.Schedule(lambda: moment["next"], ("lich",)),
            registry.Schedule(lambda: None, ()),
        ],
    )
    assert registry.next_change() == moment["next"]
    before = versions.read(["lich"])[0].generations["lich"]
    assert versions.read(["lich"])[0].generations["lich"] == before
    moment["next"] = time.time() - 1  # the change was moved to a moment now past
    versions.schedule_changed()
    assert versions.read(["lich"])[0].generations["lich"] != before


def test_the_proxies_pass_every_cookie_that_makes_a_page_personal():
    """nginx and Varnish list the personal cookies themselves: a name they miss is a reader's
    own page (a commenter's kept text, comments/drafts.py) answered from the shared copy."""
    from django.conf import settings

    for path in ("deploy/varnish.vcl", "deploy/nginx/newsroom.conf"):
        text = (settings.BASE_DIR / path).read_text()
        names = re.search(r"\(\^\|;\\s\*\)\(([\w|]+)\)=", text).group(1).split("|")
        assert shared.personal_cookies() <= set(names), path
