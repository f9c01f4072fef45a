"""The data migration that repairs slugs stored before every save normalised them."""

import importlib

import pytest
from django.apps import apps

from articles.models import Article, Section, Tag
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

repair = importlib.import_module("articles.migrations.0010_i15_repair_slugs").repair


def test_stored_bad_slugs_are_repaired_and_old_ones_redirect(client):
    section = make_section("Văn hóa")
    article = make_article("Lễ hội", section=section, tags=["Đảng bộ"])
    make_section("Trùng", slug="van-hoa-x")
    # Written past the model, as rows stored before the rule existed were.
    Section.objects.filter(pk=section.pk).update(slug="Van_Hoa")
    Tag.objects.update(slug="đảng-bộ")
    Article.objects.filter(pk=article.pk).update(slug="Slug_Hoa")

    repair(apps, None)

    section.refresh_from_db()
    article.refresh_from_db()
    assert section.slug == "van-hoa"
    assert Tag.objects.get().slug == "dang-bo"
    assert article.slug == "slug-hoa"
    assert client.get("/").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get("/sitemap-the.xml").status_code == 200
    old = client.get("/chuyen-muc/Van_Hoa/")
    assert (old.status_code, old["Location"]) == (301, "/chuyen-muc/van-hoa/")


def test_repair_leaves_good_slugs_alone():
    section = make_section("Văn hóa")
    repair(apps, None)
    section.refresh_from_db()
    assert section.slug == "van-hoa"
