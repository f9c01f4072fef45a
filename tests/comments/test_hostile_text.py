"""Hostile comment text, generated: posted through the form, shown as typed, never run."""

import re
import unicodedata

import pytest
from bleach._vendor import html5lib
from django.core.cache import cache
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from comments.models import NAME_MAX_LENGTH, Comment
from comments.moderation import approve
from newsroom.vietnamese import clean_name, clean_text
from tests.comments.helpers import POST_URL, comment_data
from tests.desk_users import moderator
from tests.factories import make_article
from tests.newsroom.test_sanitize_properties import JAVASCRIPT, hostile_html

pytestmark = pytest.mark.django_db

# What a browser can type in a text box: no NUL (the form refuses it with a message). Control
# characters and bidirectional overrides are stripped on save by the one text rule, and a name
# also loses invisible characters: generated text is what is stored after those rules.
_TYPED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
typed = st.one_of(hostile_html, st.sampled_from(JAVASCRIPT)).map(lambda s: _TYPED.sub("", s))
bodies = st.lists(typed, min_size=1, max_size=4).map("\n".join).map(clean_text).filter(str.strip)
names = typed.map(lambda s: clean_name(s[:NAME_MAX_LENGTH])).filter(str.strip)

HOSTILE = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def visible(text: str) -> str:
    """Text as a reader compares it: NFC, whitespace aside."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def parse(response):
    return html5lib.parse(
        response.content.decode(), treebuilder="etree", namespaceHTMLElements=False
    )


def assert_nothing_runs(document) -> None:
    for node in document.iter():
        if not isinstance(node.tag, str):
            continue
        assert not any(name.lower().startswith("on") for name in node.attrib), node.attrib
        if node.tag == "script":
            # Only our own files and the search engines' JSON-LD.
            assert node.get("src", "").startswith("/static/") or (
                node.get("type") == "application/ld+json"
            ), node.attrib
        assert node.tag not in {"iframe", "object", "embed", "svg", "math", "base", "style"}


def text_of(node) -> str:
    return "".join(node.itertext())


@pytest.fixture
def article(settings):
    settings.COMMENT_RATE_LIMIT = "0"
    settings.COMMENT_MAX_LINKS = 1000
    return make_article("Làm theo Bác ở Đảng bộ Sở Nội vụ")


@pytest.fixture
def moderator_user():
    return moderator("kiemduyet")


@HOSTILE
@given(name=names, body=bodies)
@example(name="<img src=x onerror=alert(1)>", body="<script>alert(1)</script>\n\n</textarea>")
@example(name='"><svg onload=alert(1)>', body="&lt;script&gt; &amp; <!-- --> javascript:x")
def test_approved_comment_shows_the_text_as_typed_and_nothing_runs(
    client, article, moderator_user, name, body
):
    Comment.objects.all().delete()  # examples share the test's database
    response = client.post(POST_URL, comment_data(article, name=name, body=body))
    assert response.status_code == 302, response.content.decode()[:2000]
    approve(Comment.objects.get(), by=moderator_user)
    cache.clear()  # the purge runs on commit, which the test's transaction never reaches

    document = parse(client.get(article.get_absolute_url()))
    assert_nothing_runs(document)
    [shown] = document.findall(".//article[@class='comment-item']")
    body_node = shown.find(".//div[@class='comment-body']")
    assert visible(text_of(body_node)) == visible(body.strip())
    assert {child.tag for child in body_node.iter()} <= {"div", "p", "br"}
    assert visible(text_of(shown.find(".//strong[@class='comment-author']"))) == visible(name)


@HOSTILE
@given(body=bodies)
def test_refused_form_keeps_the_text_in_the_box_and_nothing_runs(client, article, body):
    response = client.post(POST_URL, comment_data(article, email="khong-phai-email", body=body))
    assert response.status_code == 400
    document = parse(response)
    assert_nothing_runs(document)
    textarea = document.find(".//textarea[@name='body']")
    assert visible(textarea.text or "") == visible(body.strip())
