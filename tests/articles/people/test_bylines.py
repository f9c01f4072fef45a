"""Bylines made from a story's contributors: the page, the JSON-LD, the feed, the migration."""

import importlib
import json
import re
import unicodedata

import pytest
from django.apps import apps

from articles.models import Article, Contributor, Person, Role
from tests.articles.people.helpers import credit, make_person
from tests.factories import make_article

pytestmark = pytest.mark.django_db

forwards = importlib.import_module("articles.migrations.0025_bylines_to_people").forwards


def jsonld(response) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text)
    return next(d for d in map(json.loads, found) if d.get("@type") == "NewsArticle")


def byline_html(response) -> str:
    return re.search(r'<p class="byline">(.*?)</p>', response.text).group(1)


def test_the_byline_is_the_writers_pen_names_in_order():
    story = make_article(byline="Gõ tay")
    hung, lan, nga = make_person("Trần Hùng"), make_person("Lan"), make_person("Ngà")
    credit(story, hung, position=1)
    credit(story, lan, role=Role.PHOTO, position=0)
    credit(story, nga, position=2, pen_name="N. Ngà")
    story.refresh_from_db()
    assert story.byline == "Trần Hùng, N. Ngà"
    Contributor.objects.filter(person=hung).delete()
    story.refresh_from_db()
    assert story.byline == "N. Ngà"


def test_a_story_without_writers_keeps_its_typed_byline():
    story = make_article(byline="Thu Hà")
    credit(story, make_person("Lan"), role=Role.PHOTO)
    story.refresh_from_db()
    assert story.byline == "Thu Hà"


def test_the_page_links_each_writer_to_their_page_but_not_the_unlisted(client):
    story = make_article(byline="x")
    credit(story, make_person("Minh Anh"), position=0)
    credit(story, make_person("Bí Danh", listed=False), position=1)
    response = client.get(story.get_absolute_url())
    assert byline_html(response) == (
        '<a href="/tac-gia/minh-anh/" rel="author">Minh Anh</a>, Bí Danh'
    )


def test_a_changed_pen_name_shows_at_once_on_the_cached_page(client):
    story = make_article(byline="x")
    person = make_person("Minh Anh")
    credit(story, person)
    assert "Minh Anh" in byline_html(client.get(story.get_absolute_url()))
    person.listed = False
    person.save()
    assert byline_html(client.get(story.get_absolute_url())) == "Minh Anh"


def test_jsonld_authors_are_the_writers_and_the_others_contributors(client):
    story = make_article(byline="x")
    credit(story, make_person("Minh Anh"), position=0)
    credit(story, make_person("Lan"), role=Role.PHOTO, position=1)
    credit(story, make_person("Bí Danh", listed=False), position=2)
    data = jsonld(client.get(story.get_absolute_url()))
    assert data["author"] == [
        {"@type": "Person", "name": "Minh Anh", "url": "http://testserver/tac-gia/minh-anh/"},
        {"@type": "Person", "name": "Bí Danh"},
    ]
    assert data["contributor"] == [
        {"@type": "Person", "name": "Lan", "url": "http://testserver/tac-gia/lan/"}
    ]


def test_jsonld_of_a_story_without_contributors_is_as_before(client):
    story = make_article(byline="T. Hùng và Lan")
    data = jsonld(client.get(story.get_absolute_url()))
    assert [a["name"] for a in data["author"]] == ["T. Hùng", "Lan"]
    assert "contributor" not in data


def test_the_feed_prints_the_made_byline(client):
    story = make_article(byline="x")
    credit(story, make_person("Minh Anh"))
    assert "Minh Anh" in client.get("/rss/").text


def test_the_migration_makes_one_person_per_name_merging_nfd_case_and_spacing():
    nfc = "Trần Hùng"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    stories = [make_article(byline="placeholder") for _ in range(5)]
    bylines = [nfc, nfd, "trần   hùng", "Tran Hung", f"{nfd} và Lan"]
    for story, byline in zip(stories, bylines, strict=True):
        Article.objects.filter(pk=story.pk).update(byline=byline)  # as stored long ago
    Article.objects.create(title="Không tên", lead="x", section=stories[0].section, byline="")

    forwards(apps, None)

    people = {p.pen_name: p for p in Person.objects.all()}
    # With and without diacritics are two names; NFD, case and spacing are not.
    assert sorted(people) == ["Lan", "Tran Hung", "Trần Hùng"]
    assert people["Trần Hùng"].slug == "tran-hung"
    assert people["Tran Hung"].slug == "tran-hung-2"
    hung = people["Trần Hùng"]
    assert set(hung.contributions.values_list("article_id", flat=True)) == {
        stories[0].pk,
        stories[1].pk,
        stories[2].pk,
        stories[4].pk,
    }
    last = list(stories[4].contributors.order_by("position"))
    assert [(c.person.pen_name, c.role) for c in last] == [("Trần Hùng", "viet"), ("Lan", "viet")]
    # The bylines readers see are left as they were.
    odd = Contributor.objects.get(article=stories[2])
    assert odd.printed_name == "trần hùng"
    for story, byline in zip(stories, bylines, strict=True):
        story.refresh_from_db()
        assert story.byline == byline
