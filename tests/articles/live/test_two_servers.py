"""Two app servers on one PostgreSQL and one Redis: an entry posted at the desk on one server is
in the very next poll of the endpoint on the other, which is a cache hit between entries."""

import json

import pytest
from django.urls import reverse

from tests.articles.live.helpers import live_story
from tests.desk_users import editor
from tests.harness.client import Browser
from tests.harness.processes import app_servers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-truc-tiep-2026"


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    with app_servers(2, tmp_path_factory.mktemp("live-two-servers")) as urls:
        yield urls


def test_an_entry_posted_on_one_server_is_in_the_next_poll_on_the_other(servers):
    a, b = servers
    story = live_story()
    editor("bientap", password=PASSWORD)
    feed = reverse("articles:live-feed", args=[story.pk])
    reader, desk = Browser(), Browser()
    for _ in range(3):  # made, then answered from the cache and from memory
        answer = reader.get(f"{b}{feed}")
    assert answer.headers["X-Page-Cache"] == "hit"
    assert json.loads(answer.text)["entries"] == []

    desk.log_in(a, "bientap", PASSWORD)
    desk_url = f"{a}{reverse('articles:live-desk', args=[story.pk])}"
    token = desk.csrf_from(desk_url)
    posted = desk.post(
        desk_url,
        {"csrfmiddlewaretoken": token, "action": "post", "body": "Nước sông Đà lên nhanh."},
    )
    assert posted.status == 302, posted.text[:2000]

    for _ in range(3):  # whichever of B's workers answers
        data = reader.json(f"{b}{feed}")
        assert "Nước sông Đà lên nhanh." in data["entries"][0]["html"]
    assert reader.get(f"{b}{feed}").headers["X-Page-Cache"] == "hit"
    page = reader.get(f"{b}{story.get_absolute_url()}")
    assert "Nước sông Đà lên nhanh." in page.text
