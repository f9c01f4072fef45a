"""A lead is plain text: what looks like a tag in it reaches every place the lead is shown."""

import html
import re

import pytest

from tests.articles.test_seo import head, json_ld, meta
from tests.factories import make_article

pytestmark = pytest.mark.django_db

LEAD = "Giá xăng <20.000 đồng từ hôm nay, a < b > c và <b>đậm</b>."
# As shown: after the paper's source code, "(BLC) - ".
SHOWN = f"(BLC) - {LEAD}"


@pytest.fixture
def story():
    return make_article("Giá xăng giảm", lead=LEAD, source_code="BLC")


def test_meta_descriptions_carry_the_whole_lead_escaped(client, story):
    content = head(client.get(story.get_absolute_url()))
    assert meta(content, "description") == [SHOWN]
    assert meta(content, "og:description") == [SHOWN]
    assert meta(content, "twitter:description") == [SHOWN]
    assert "&lt;20.000 đồng" in content and "<b>đậm" not in content


def test_json_ld_carries_the_whole_lead(client, story):
    content = head(client.get(story.get_absolute_url()))
    (data,) = [block for block in json_ld(content) if block.get("@type") == "NewsArticle"]
    assert data["description"] == SHOWN


def test_rss_carries_the_whole_lead_escaped(client, story):
    feed = client.get("/rss/").content.decode()
    (description,) = re.findall(r"<item>.*?<description>(.*?)</description>", feed, re.S)
    assert html.unescape(description) == SHOWN
    assert "<b>" not in description


def test_story_cards_carry_the_whole_lead_escaped(client, story):
    page = client.get("/").content.decode()
    assert html.escape(LEAD, quote=False) in page
