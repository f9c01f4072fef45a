"""The desk's story list at newspaper size: a fixed number of queries, no COUNT(*) of the table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from newsroom import admin_lists
from tests.factories import make_article, make_section, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def _stories(n: int) -> None:
    sections = [make_section(), make_section(parent=make_section())]
    authors = [make_user(), make_user()]
    for i in range(n):
        make_article(section=sections[i % 2], author=authors[i % 2])
    make_article(status=Article.Status.DRAFT, published_at=None)


def test_story_list_runs_as_many_queries_for_50_rows_as_for_5(editor_client):
    _stories(5)
    with CaptureQueriesContext(connection) as five:
        assert editor_client.get(CHANGELIST).status_code == 200
    _stories(45)
    with CaptureQueriesContext(connection) as fifty:
        response = editor_client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 52
    assert len(fifty) == len(five)


def test_the_paginator_counts_exactly_off_postgresql_and_for_filtered_lists(editor_client):
    _stories(3)
    response = editor_client.get(CHANGELIST)
    assert response.context["cl"].result_count == 4
    response = editor_client.get(CHANGELIST, {"state": "draft"})
    assert response.context["cl"].result_count == 1


def _counts_of(queries, table: str) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and f'"{table}"' in q["sql"]]


@pytest.mark.postgres
def test_unfiltered_story_list_uses_the_estimate_on_postgresql(editor_client, monkeypatch):
    _stories(11)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    monkeypatch.setattr(admin_lists, "EXACT_BELOW", 10)

    with CaptureQueriesContext(connection) as unfiltered:
        response = editor_client.get(CHANGELIST)
    assert _counts_of(unfiltered, "articles_article") == []
    assert response.context["cl"].result_count == 12  # ANALYZE saw every row of a small table

    with CaptureQueriesContext(connection) as filtered:
        response = editor_client.get(CHANGELIST, {"state": "draft"})
    assert _counts_of(filtered, "articles_article")
    assert response.context["cl"].result_count == 1


@pytest.mark.postgres
def test_a_small_table_is_counted_exactly_on_postgresql(editor_client):
    _stories(2)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(CHANGELIST)
    assert _counts_of(queries, "articles_article")
    assert response.context["cl"].result_count == 3


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("model_path", "index_prefix"),
    [
        ("articles.Article", "article_fold_"),
        ("comments.Comment", "comment_fold_"),
        ("articles.Image", "image_fold_"),
    ],
)
def test_the_desk_search_box_reads_through_trigram_indexes(rf, model_path, index_prefix):
    """`?q=` in the story, moderation and picture lists: no scan of the whole table."""
    from django.apps import apps
    from django.contrib import admin

    model = apps.get_model(model_path)
    model_admin = admin.site._registry[model]
    request = rf.get("/", {"q": "Mường Tè"})
    request.user = make_user(is_superuser=True)
    queryset, _ = model_admin.get_search_results(request, model.objects.all(), "Mường Tè")
    with connection.cursor() as cursor:
        # A handful of rows: keep the planner off a sequential scan and off walking the list's
        # ordering index with a filter, as a big table would (bench/explain.py shows it there).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.explain()
    for field in model_admin.search_fields:
        assert f"{index_prefix}{field}_trgm" in plan, plan


def test_the_filing_account_filter_offers_who_may_file_not_moderators(editor_client):
    from tests.desk_users import journalist, moderator

    journalist("phongvien")
    moderator("kiemduyet")
    make_user("quantri", is_superuser=True)
    response = editor_client.get(CHANGELIST)
    spec = next(
        f for f in response.context["cl"].filter_specs if getattr(f, "field_path", "") == "author"
    )
    offered = {label for _, label in spec.lookup_choices}
    assert {"phongvien", "quantri"} <= offered
    assert "kiemduyet" not in offered
