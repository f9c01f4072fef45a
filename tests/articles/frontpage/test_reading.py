"""The home page as the editors composed it: slots, schedules, fallbacks, boxes, no repeats."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.frontpage import placing
from articles.frontpage.reading import compose_home, compose_section
from articles.models import Article, HomeBox, Slot
from tests.desk_users import editor
from tests.factories import make_article, make_section

from .helpers import newest, placement, titles

pytestmark = pytest.mark.django_db

HOME = reverse("articles:home")


@pytest.fixture(autouse=True)
def _small_front(settings):
    settings.FRONT_COMPANIONS, settings.HOME_FEATURED, settings.HOME_PER_SECTION = 2, 2, 3


def test_a_placed_story_takes_the_main_slot_over_the_newest():
    stories = newest(6)
    placing.place(stories[4], Slot.MAIN)
    front = compose_home()
    assert front.main == stories[4]
    assert front.spots[0].placed
    # The empty slots fall back to the newest stories not shown above.
    assert titles(front.companions) == ["Tin 0", "Tin 1"]
    assert titles(front.highlights) == ["Tin 2", "Tin 3"]


def test_an_empty_slot_falls_back_to_the_newest_public_story_never_nothing():
    make_article("Nháp", status=Article.Status.DRAFT)
    make_article("Hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    stories = newest(2)
    front = compose_home()
    assert front.main == stories[0] and not front.spots[0].placed
    assert titles(front.companions) == ["Tin 1"]


def test_a_schedule_is_read_like_scheduled_publishing_no_cron():
    morning, noon = newest(2)
    start = timezone.now() + timedelta(hours=1)
    placing.place(morning, Slot.MAIN)
    placing.place(noon, Slot.MAIN, starts_at=start)
    assert compose_home().main == morning
    with time_machine.travel(start + timedelta(seconds=1)):
        assert compose_home().main == noon


def test_the_schedule_reaches_the_cached_home_page_at_its_minute(client):
    morning, noon = newest(2, featured=False)
    start = timezone.now() + timedelta(hours=1)
    placing.place(morning, Slot.MAIN)
    placing.place(noon, Slot.MAIN, starts_at=start)
    first = client.get(HOME)
    assert first.context["front"].main == morning
    assert client.get(HOME)["X-Page-Cache"] == "hit"
    with time_machine.travel(start + timedelta(seconds=1)):
        later = client.get(HOME)
    assert later["X-Page-Cache"] == "miss"
    assert later.context["front"].main == noon


def test_a_story_that_stops_being_public_leaves_its_slot_at_once(client):
    stories = newest(4)
    placing.place(stories[3], Slot.MAIN)
    assert client.get(HOME).context["front"].main == stories[3]
    workflow.unpublish(Article.objects.get(pk=stories[3].pk), by=editor())
    response = client.get(HOME)
    assert response["X-Page-Cache"] == "miss"
    assert response.context["front"].main == stories[0]
    assert stories[3].title not in response.text


def test_emptying_a_slot_gives_it_back_to_the_newest():
    stories = newest(3)
    placement(stories[2])
    placing.place(None, Slot.MAIN)
    assert compose_home().main == stories[0]


def test_a_scheduled_story_placed_ahead_shows_once_it_goes_live():
    stories = newest(2)
    live_at = timezone.now() + timedelta(hours=2)
    later = make_article("Bài lên lúc 8 giờ", published_at=live_at)
    placing.place(later, Slot.MAIN)
    assert compose_home().main == stories[0]
    with time_machine.travel(live_at + timedelta(seconds=1)):
        assert compose_home().main == later


def test_no_story_twice_on_the_home_page(client, settings):
    settings.FRONT_COMPANIONS, settings.HOME_FEATURED = 1, 1
    section = make_section("Xã hội")
    stories = newest(5, section=section)
    placing.place(stories[0], Slot.MAIN)
    placing.place(stories[0], Slot.COMPANION)  # the same story twice: the higher slot keeps it
    placing.place(stories[1], Slot.HIGHLIGHT)
    response = client.get(HOME)
    front = response.context["front"]
    shown = [*titles(front.featured), *(t for b in front.blocks for t in titles(b.articles))]
    assert len(shown) == len(set(shown)) == 5
    assert titles(front.featured) == ["Tin 0", "Tin 2", "Tin 1"]
    assert titles(front.blocks[0].articles) == ["Tin 3", "Tin 4"]
    assert response.text.count(stories[0].get_absolute_url()) == 1


def test_wordpress_sticky_posts_are_the_main_slots_candidates():
    stories = newest(3)
    sticky = make_article(
        "Bài ghim", featured=True, published_at=timezone.now() - timedelta(days=3)
    )
    front = compose_home()
    assert front.main == sticky
    assert titles(front.companions) == ["Tin 0", "Tin 1"]
    placing.place(stories[2], Slot.MAIN)  # an editor's choice comes first
    assert compose_home().main == stories[2]


def test_section_boxes_in_the_editors_order_and_size():
    politics, society, sport = (
        make_section("Chính trị"),
        make_section("Xã hội"),
        make_section("Thể thao"),
    )
    for section in (politics, society, sport):
        newest(6, section=section)
    HomeBox.objects.create(section=sport, position=1, count=2)
    HomeBox.objects.create(section=politics, position=2, count=4)
    HomeBox.objects.create(section=society, position=3, shown=False)
    blocks = compose_home().blocks
    assert [block.section.name for block in blocks] == ["Thể thao", "Chính trị"]
    assert [len(block.articles) for block in blocks] == [2, 4]


def test_without_boxes_set_every_top_section_shows_with_its_subsections(settings):
    settings.FRONT_COMPANIONS, settings.HOME_FEATURED = 0, 0  # only the main story above
    politics = make_section("Chính trị", position=1)
    learning = make_section("Học tập", parent=politics, position=2)
    top = make_section("Trên cùng", position=0)
    make_article("Mới nhất", section=top, published_at=timezone.now() - timedelta(minutes=1))
    newest(2, section=learning)
    assert [block.section.name for block in compose_home().blocks] == ["Chính trị"]


def test_a_subsection_box_shows_its_own_stories(settings):
    settings.FRONT_COMPANIONS, settings.HOME_FEATURED = 0, 0
    politics = make_section("Chính trị")
    learning = make_section("Học tập", parent=politics)
    newest(8, section=politics)
    own = make_article("Học tập", section=learning, published_at=timezone.now() - timedelta(days=1))
    HomeBox.objects.create(section=learning, position=1, count=3)
    blocks = compose_home().blocks
    assert [block.section.name for block in blocks] == ["Học tập"]
    assert blocks[0].articles == [own]


def test_a_section_page_leads_with_its_placed_main_story(client):
    section = make_section("Kinh tế")
    stories = newest(4, section=section)
    url = section.get_absolute_url()
    assert client.get(url).context["section_main"] == stories[0]  # the newest, by default
    placing.place(stories[2], Slot.SECTION_MAIN, section=section)
    response = client.get(url)
    assert response.context["section_main"] == stories[2]
    assert response.text.count(stories[2].get_absolute_url()) == 1  # not again in the list
    assert compose_section([section.pk]).main == stories[2]


def test_a_story_of_another_section_cannot_lead_a_section_page():
    section, other = make_section("Kinh tế"), make_section("Thể thao")
    story = make_article("Bóng đá", section=other)
    with pytest.raises(placing.FrontError, match="không thuộc chuyên mục"):
        placing.place(story, Slot.SECTION_MAIN, section=section)
