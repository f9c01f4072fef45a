"""The breaking-news bar: on every reader page, purged when set or cleared, gone at its end."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.frontpage import placing
from articles.frontpage.reading import breaking_now
from articles.models import Article
from tests.desk_users import editor
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

BAR = 'aria-label="Tin nóng"'


@pytest.fixture
def paper():
    section = make_section("Thời sự")
    story = make_article("Bão số 3 đổ bộ Quảng Ninh", section=section, tags=["Bão"])
    other = make_article("Tin thường", section=section)
    return {"section": section, "story": story, "other": other}


def reader_pages(paper) -> list[str]:
    return [
        reverse("articles:home"),
        paper["section"].get_absolute_url(),
        reverse("articles:tag", args=["bao"]),
        reverse("articles:search") + "?q=bao",
        paper["other"].get_absolute_url(),
        reverse("articles:corrections"),
        "/khong-co-trang-nay/",
    ]


def test_the_bar_is_on_every_reader_page_once_set_and_purged_from_the_cache(client, paper):
    pages = reader_pages(paper)
    for url in pages:  # kept in the page cache without a bar
        assert BAR not in client.get(url).text
    placing.set_breaking(paper["story"], until=timezone.now() + timedelta(hours=2))
    for url in pages:
        response = client.get(url)
        assert BAR in response.text, url
        bar = response.text.split(BAR)[1].split("</div>")[0]
        assert paper["story"].get_absolute_url() in bar and "Bão số 3" in bar
    assert client.get(pages[0])["X-Page-Cache"] == "hit"  # and kept with it


def test_clearing_the_bar_takes_it_off_the_cached_pages(client, paper):
    placing.set_breaking(paper["story"], until=timezone.now() + timedelta(hours=2))
    for url in reader_pages(paper):
        assert BAR in client.get(url).text
    placing.clear_breaking()
    for url in reader_pages(paper):
        assert BAR not in client.get(url).text, url


def test_cached_pages_stop_showing_the_bar_at_its_end_time(client, paper):
    until = timezone.now() + timedelta(minutes=30)
    placing.set_breaking(paper["story"], until=until)
    home = reverse("articles:home")
    response = client.get(home)
    assert BAR in response.text
    # Nobody in front may keep the page past the end either.
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 30 * 60
    assert client.get(home)["X-Page-Cache"] == "hit"
    with time_machine.travel(until + timedelta(seconds=1)):
        for url in reader_pages(paper):
            assert BAR not in client.get(url).text, url
        assert breaking_now() is None


def test_the_bar_goes_when_its_story_stops_being_public(client, paper):
    placing.set_breaking(paper["story"], until=timezone.now() + timedelta(hours=2))
    assert BAR in client.get(paper["other"].get_absolute_url()).text
    workflow.unpublish(Article.objects.get(pk=paper["story"].pk), by=editor())
    assert BAR not in client.get(paper["other"].get_absolute_url()).text


def test_a_new_bar_replaces_the_old_one_and_records_when_it_ended(paper):
    first = placing.set_breaking(paper["story"], until=timezone.now() + timedelta(hours=2))
    placing.set_breaking(paper["other"], until=timezone.now() + timedelta(hours=1))
    assert breaking_now().story_id == paper["other"].pk
    first.refresh_from_db()
    assert first.ends_at <= timezone.now()


def test_the_bar_refuses_a_past_end_and_a_story_readers_cannot_see(paper):
    with pytest.raises(placing.FrontError, match="đã qua"):
        placing.set_breaking(paper["story"], until=timezone.now() - timedelta(minutes=5))
    later = make_article("Chưa lên", published_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(placing.FrontError, match="chưa hiện với bạn đọc"):
        placing.set_breaking(later, until=timezone.now() + timedelta(hours=2))
