"""Builders for the live coverage tests: a live story and its entries."""

from articles.live import entries
from articles.models import Article
from tests.factories import make_article


def live_story(title: str = "Trực tiếp: kỳ họp HĐND tỉnh Lai Châu", **fields) -> Article:
    fields.setdefault("kind", Article.Kind.LIVE)
    return make_article(title, **fields)


def post(article, by, body: str = "Đại biểu thảo luận tổ.", **fields):
    return entries.post(article, by=by, body=body, **fields)
