"""The live story's page and its entries endpoint: what readers see, cached and purged."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.live import entries
from tests.articles.live.helpers import live_story, post
from tests.desk_users import editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return editor()


@pytest.fixture
def story():
    return live_story()


def feed_url(story) -> str:
    return reverse("articles:live-feed", args=[story.pk])


def live_jsonld(html: str) -> dict:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == "LiveBlogPosting":
            return data
    raise AssertionError("no LiveBlogPosting")


def test_page_shows_entries_newest_first_with_key_events_pinned_and_state(client, story, desk):
    first = post(story, desk, "Khai mạc kỳ họp.", headline="Khai mạc", key_event=True)
    post(story, desk, "Thảo luận tổ về ngân sách.")
    entries.set_pinned(first, True, by=desk)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Đang diễn ra" in html
    assert html.index("Thảo luận tổ") < html.index(f'id="cap-nhat-{first.pk}"')
    summary = html[html.index("Diễn biến chính") : html.index("data-live-entries")]
    assert "Khai mạc" in summary and "Đang ghim" in summary
    assert f'data-live-feed="{feed_url(story)}"' in html
    assert 'src="/static/js/live.js"' in html


def test_waiting_and_withdrawn_entries_are_not_shown(client, story, desk, settings):
    gone = post(story, desk, "Tin sai cần rút.")
    entries.withdraw(gone, by=desk)
    settings.LIVE_ENTRIES_NEED_APPROVAL = True
    post(story, desk, "Chưa duyệt.")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Tin sai cần rút." not in html and "Chưa duyệt." not in html
    data = client.get(feed_url(story)).json()
    assert data["entries"] == []


def test_other_kinds_of_story_have_no_live_part(client):
    story = live_story(kind="text")
    assert "data-live" not in client.get(story.get_absolute_url()).content.decode()


def test_endpoint_has_state_summary_and_each_entrys_html(client, story, desk):
    entry = post(story, desk, "Bế mạc.", headline="Kết thúc phiên sáng")
    response = client.get(feed_url(story))
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["state"] == "live" and data["state_label"] == "Đang diễn ra"
    assert [item["id"] for item in data["entries"]] == [entry.pk]
    assert "Kết thúc phiên sáng" in data["entries"][0]["html"]
    assert data["entries"][0]["html"].startswith(f'<li class="live-entry" id="cap-nhat-{entry.pk}"')


def test_endpoint_is_public_revalidated_by_browsers_and_short_for_nginx(client, story):
    response = client.get(feed_url(story))
    control = response["Cache-Control"]
    assert "public" in control and "max-age=0" in control
    assert response["X-Accel-Expires"] == "2"
    assert response["ETag"]
    again = client.get(feed_url(story), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_endpoint_of_an_unpublished_or_other_story_is_404(client, desk):
    assert client.get(feed_url(live_story(status="draft"))).status_code == 404
    assert client.get(feed_url(live_story(kind="text"))).status_code == 404


@pytest.mark.parametrize("url_of", [lambda s: s.get_absolute_url(), feed_url])
def test_page_and_endpoint_are_hits_between_entries_and_the_next_request_after_an_entry_has_it(
    url_of, story, desk
):
    post(story, desk, "Bản tin thứ nhất.")
    url = url_of(story)
    assert Client().get(url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        hit = Client().get(url)
    assert hit["X-Page-Cache"] == "hit" and len(queries) == 0
    post(story, desk, "Bản tin thứ hai.")
    fresh = Client().get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Bản tin thứ hai." in fresh.content.decode()
    assert Client().get(url)["X-Page-Cache"] == "hit"


def test_an_edit_and_a_withdrawal_purge_the_endpoint(story, desk):
    entry = post(story, desk, "Bản đầu.")
    Client().get(feed_url(story))
    entries.edit(entry, by=desk, body="Bản sửa.")
    assert "Bản sửa." in Client().get(feed_url(story)).content.decode()
    entries.withdraw(entry, by=desk)
    assert Client().get(feed_url(story)).json()["entries"] == []


def test_jsonld_is_a_live_blog_posting_with_each_entry(client, story, desk):
    post(story, desk, "Khai mạc kỳ họp.", headline="Khai mạc")
    post(story, desk, "Đại biểu chất vấn.")
    data = live_jsonld(client.get(story.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["coverageStartTime"] and "coverageEndTime" not in data
    updates = data["liveBlogUpdate"]
    assert [update["@type"] for update in updates] == ["BlogPosting", "BlogPosting"]
    assert updates[1]["headline"] == "Khai mạc"
    assert updates[0]["articleBody"] == "Đại biểu chất vấn."
    assert all(update["datePublished"] for update in updates)


def test_ended_coverage_reads_as_a_story_with_every_entry_and_is_not_polled(client, story, desk):
    post(story, desk, "Bản tin cuối.")
    entries.end(story, by=desk)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Đã kết thúc" in html and "Bản tin cuối." in html
    assert "data-live-feed" not in html and "live.js" not in html
    assert live_jsonld(html)["coverageEndTime"]
    assert client.get(feed_url(story)).json()["state"] == "ended"


@pytest.mark.parametrize("count", [1, 12])
def test_page_and_endpoint_queries_do_not_grow_with_the_entries(
    count, story, desk, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    for number in range(count):
        post(story, desk, f"Cập nhật {number}.", key_event=number % 2 == 0)
    with django_assert_max_num_queries(14):
        assert Client().get(story.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(3):
        assert Client().get(feed_url(story)).status_code == 200


def test_endpoint_carries_the_html_of_the_newest_and_of_edited_entries_only(client, story, desk):
    oldest = post(story, desk, "Cập nhật cũ nhất.")
    for number in range(20):
        post(story, desk, f"Cập nhật {number}.")
    middle = post(story, desk, "Sẽ bị đẩy xuống.")
    for number in range(20):
        post(story, desk, f"Cập nhật mới {number}.")
    entries.edit(oldest, by=desk, body="Cũ nhất, đã sửa.")
    items = {item["id"]: item for item in client.get(feed_url(story)).json()["entries"]}
    assert len(items) == 42
    assert "html" not in items[middle.pk] and items[middle.pk]["version"]
    assert "Cũ nhất, đã sửa." in items[oldest.pk]["html"]
    assert sum("html" in item for item in items.values()) == 21
