"""One write path for a story: what a save reads, when the search text is made again, the lock.

A plain save from the desk reads the story once (the admin's own load) and compares with what
it loaded (`Article.changed_fields`) instead of reading the row again for the slug rule or
the version check; the search text is made again only when the words changed.
"""

import re
import threading
from unittest import mock

import pytest
from django import db
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from articles import workflow
from articles.admin import ArticleAdmin
from articles.models import Article
from newsroom.vietnamese import search_document
from tests.articles.desk_forms import change_url, form_data
from tests.desk_users import editor
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def row_reads(queries, story) -> list[str]:
    """The SELECTs of the story's own row (not EXISTS checks, not other tables)."""
    own_row = re.compile(
        rf'FROM "articles_article" WHERE .*"articles_article"\."id" = {story.pk}\b'
    )
    return [
        query["sql"]
        for query in queries
        if query["sql"].startswith("SELECT")
        and not query["sql"].startswith("SELECT 1 AS")
        and own_row.search(query["sql"])
    ]


@pytest.fixture
def made_again():
    """Counts the search documents made, by the model's save and by the bulk reindex alike."""
    calls = mock.Mock(wraps=search_document)
    with (
        mock.patch("articles.models.stories.search_document", calls),
        mock.patch("articles.search.search_document", calls),
    ):
        yield calls


def test_a_plain_desk_save_reads_the_story_once(editor_client):
    story = make_article("Bão số ba", status=Article.Status.DRAFT, tags=["Thời tiết"])
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.post(
            change_url(story), form_data(story, title="Bão số bốn", tags="Thời tiết")
        )
    assert response.status_code == 302
    # The admin's load of the story; no second read for the lock, the slug rule or the form.
    assert len(row_reads(queries, story)) == 1, "\n".join(row_reads(queries, story))
    # Validating the form writes nothing: the lock is taken as the story is saved.
    first_write = next(
        n for n, query in enumerate(queries) if query["sql"].startswith(("UPDATE", "INSERT"))
    )
    assert "articles_article" in queries[first_write]["sql"]
    assert 'SET "version" = "articles_article"."version"' not in queries[first_write]["sql"]
    story.refresh_from_db()
    assert (story.title, story.slug, story.version) == ("Bão số bốn", "bao-so-bon", 1)
    assert " bon " in story.search_text


def test_a_plain_desk_save_stays_within_its_query_budget(editor_client):
    story = make_article("Bão số ba", tags=["Thời tiết"])
    with CaptureQueriesContext(connection) as queries:
        editor_client.post(change_url(story), form_data(story, byline="Lan Anh", tags="Thời tiết"))
    # 39 before one write path (two loads, a no-op write, the lock's and slug's reads, the
    # search text made twice, the page rules' own read of the row); what is left is the
    # admin's, reversion's and the page cache's (the next scheduled time among them), and one
    # that reads the contributors when the byline is typed (issue 25).
    assert len(queries) <= 34, "\n".join(query["sql"][:120] for query in queries)


def test_a_save_that_leaves_the_words_alone_does_not_make_the_search_text_again(
    editor_client, made_again
):
    story = make_article("Bão số ba", tags=["Thời tiết"])
    made_again.reset_mock()
    editor_client.post(change_url(story), form_data(story, byline="Lan Anh", tags="Thời tiết"))
    assert made_again.call_count == 0
    assert Article.objects.get(pk=story.pk).byline == "Lan Anh"


def test_a_workflow_step_does_not_make_the_search_text_again(desk, made_again):
    story = make_article("Bão số ba", status=Article.Status.PENDING, tags=["Thời tiết"])
    made_again.reset_mock()
    with CaptureQueriesContext(connection) as queries:
        workflow.publish(story, by=desk)
    assert made_again.call_count == 0
    # Nor are its tags read for it (reversion still reads the story's tag links).
    assert not [query for query in queries if 'FROM "articles_tag" INNER JOIN' in query["sql"]]


@pytest.mark.parametrize(
    ("field", "value", "found"),
    [
        ("title", "Lũ quét miền núi", " lu quet "),
        ("lead", "Mưa lớn kéo dài.", " mua lon "),
        ("body", "<p>Sạt lở đất.</p>", " sat lo "),
    ],
)
def test_changed_words_make_the_search_text_again(made_again, field, value, found):
    story = Article.objects.get(pk=make_article("Bão số ba").pk)
    made_again.reset_mock()
    setattr(story, field, value)
    story.save()
    assert made_again.call_count == 1
    assert found in Article.objects.get(pk=story.pk).search_text


def test_new_tags_make_the_search_text_again(editor_client, made_again):
    story = make_article("Bão số ba", tags=["Thời tiết"])
    made_again.reset_mock()
    editor_client.post(change_url(story), form_data(story, tags="Thời tiết, Miền Trung"))
    assert made_again.call_count >= 1
    assert " mien trung " in Article.objects.get(pk=story.pk).search_text


def test_saving_a_loaded_story_reads_nothing_again():
    story = Article.objects.get(pk=make_article("Tiêu đề tạm", status=Article.Status.DRAFT).pk)
    story.title = "Mùa lúa chín"
    with CaptureQueriesContext(connection) as queries:
        story.save()
    assert row_reads(queries, story) == []
    # The slug rule read what was loaded: a draft's slug made from its title follows it.
    assert Article.objects.get(pk=story.pk).slug == "mua-lua-chin"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_save_committed_after_the_desk_loaded_the_story_is_not_overwritten(client, monkeypatch):
    """On PostgreSQL another editor's save can commit between the load and the write."""
    client.force_login(editor())
    story = make_article("Bản gốc")
    get_form = ArticleAdmin.get_form

    def someone_saves_meanwhile():
        Article.objects.filter(pk=story.pk).update(title="Bản của Lan", version=F("version") + 1)
        db.connection.close()

    def load_then_race(self, request, obj=None, change=False, **kwargs):
        if request.method == "POST" and not getattr(request, "raced", False):
            request.raced = True
            other = threading.Thread(target=someone_saves_meanwhile)
            other.start()
            other.join(10)
        return get_form(self, request, obj, change, **kwargs)

    monkeypatch.setattr(ArticleAdmin, "get_form", load_then_race)
    response = client.post(change_url(story), form_data(story, title="Bản của Minh"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "vừa được người khác lưu" in html and 'value="Bản của Minh"' in html
    assert Article.objects.get(pk=story.pk).title == "Bản của Lan"
