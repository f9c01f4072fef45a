"""Links in mail and feeds point where the site is served: SITE_URL, else the request's host."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from newsroom.notices import notify
from tests.comments.helpers import POST_URL, comment_data
from tests.desk_users import editor
from tests.factories import make_article

pytestmark = pytest.mark.django_db

HOST = "bao.example:8751"


@pytest.fixture
def served_elsewhere(settings):
    settings.ALLOWED_HOSTS = ["bao.example", "testserver"]
    settings.SITE_URL = ""
    settings.COMMENT_MODERATOR_EMAILS = ["kiemduyet@example.com"]
    settings.COMMENT_NOTIFY_IN_BACKGROUND = False


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s<\"]+", text)


def post_comment(client, capture):
    article = make_article("Mùa lúa mới")
    with capture(execute=True):
        client.post(POST_URL, comment_data(article), HTTP_HOST=HOST)
    [message] = mail.outbox
    return links(message.body)


def test_moderators_mail_links_to_the_host_the_comment_came_to(
    client, served_elsewhere, django_capture_on_commit_callbacks
):
    [link] = post_comment(client, django_capture_on_commit_callbacks)
    assert link.startswith(f"http://{HOST}/admin/comments/comment/")


def test_site_url_wins_over_the_request_host_in_mail(
    client, served_elsewhere, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://baolaichau.example"
    [link] = post_comment(client, django_capture_on_commit_callbacks)
    assert link.startswith("https://baolaichau.example/admin/comments/comment/")


def test_mail_sent_outside_a_request_uses_site_url(
    served_elsewhere, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://baolaichau.example"
    with django_capture_on_commit_callbacks(execute=True):
        notify(editor(), "Bài chờ duyệt", url="/admin/articles/article/1/change/")
    assert links(mail.outbox[0].body) == [
        "https://baolaichau.example/admin/articles/article/1/change/"
    ]


@pytest.mark.parametrize("feed", ["/rss/", "section"])
def test_feeds_link_to_the_host_they_are_read_from_or_site_url(
    client, served_elsewhere, settings, feed
):
    story = make_article("Mùa lúa mới")
    url = story.section.get_absolute_url() + "rss/" if feed == "section" else feed
    xml = client.get(url, HTTP_HOST=HOST).content.decode()
    assert f"<link>http://{HOST}{story.get_absolute_url()}</link>" in xml
    assert all(link.startswith(f"http://{HOST}/") for link in links(xml) if "bao.example" in link)
    settings.SITE_URL = "https://baolaichau.example"
    cache.clear()  # the page cache kept the first answer
    xml = client.get(url, HTTP_HOST=HOST).content.decode()
    assert f"<link>https://baolaichau.example{story.get_absolute_url()}</link>" in xml
    assert "bao.example:8751" not in xml
    assert 'href="https://baolaichau.example' in xml  # the feed's own atom:link


def test_share_link_uses_the_site_address(client, served_elsewhere, settings):
    settings.SITE_URL = "https://baolaichau.example"
    story = make_article("Bản nháp", status="draft")
    client.force_login(editor())
    page = client.post(f"/admin/articles/article/{story.pk}/share/", follow=True).content.decode()
    assert re.search(r'class="share-url">https://baolaichau\.example/xem-truoc/', page)
