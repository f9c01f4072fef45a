"""Corrections as the desk files them and readers see them (Luật Báo chí 2016, Điều 42)."""

import json
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import events
from articles.models import Article, Correction
from newsroom.models import Notice
from newsroom.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from tests.articles.approvals.conftest import person
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_article(
        "Tỉnh khởi công đường Mường Tè",
        section=make_section("Kinh tế"),
        body="<p>Con đường dài 12 km.</p>",
    )


@pytest.fixture
def people():
    return {
        "editor": person("bientap", EDITOR),
        "chief": person("tongbientap", EDITOR_IN_CHIEF),
        "reporter": person("phongvien", JOURNALIST),
    }


def form_url(story):
    return reverse("admin:articles_article_correction", args=[story.pk])


def reader(url: str) -> str:
    page = Client().get(url)
    assert page.status_code == 200, url
    return page.content.decode()


def json_ld(page: str) -> dict:
    [script] = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    return json.loads(script)


def file_apology(client, user, story, **fields):
    client.force_login(user)
    data = {
        "kind": "cai_chinh",
        "place": "top",
        "wrong": "Con đường dài 12 km.",
        "corrected": "Con đường dài 21 km.",
        "apology": "Tòa soạn xin lỗi bạn đọc.",
        **fields,
    }
    return client.post(form_url(story), data)


def test_a_dated_note_shows_at_once_on_the_story_its_page_feed_and_json_ld(
    client, people, story, django_capture_on_commit_callbacks
):
    seen = []

    def heard(sender, article, event, by, **kwargs):
        seen.append((article.pk, event, by.username))

    events.public_version.connect(heard)
    try:
        # The page as readers have it, kept by the page cache.
        reader(story.get_absolute_url())
        client.force_login(people["editor"])
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post(
                form_url(story),
                {"kind": "dinh_chinh", "place": "bottom", "note": "Sửa độ dài con đường."},
            )
        assert answer.status_code == 302
    finally:
        events.public_version.disconnect(heard)
    page = reader(story.get_absolute_url())
    assert "Đính chính" in page and "Sửa độ dài con đường." in page
    assert page.index('<aside class="correction') > page.index("Con đường dài 12 km.")  # bottom
    data = json_ld(page)
    [correction] = data["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert "Sửa độ dài con đường." in correction["text"]
    assert correction["datePublished"].endswith("+07:00")
    assert "Đính chính: Tỉnh khởi công đường Mường Tè" in reader(reverse("articles:corrections"))
    feed = Client().get(reverse("articles:corrections-feed")).content.decode()
    assert "Đính chính: Tỉnh khởi công đường Mường Tè" in feed
    assert reverse("articles:corrections") in reader(reverse("articles:home"))
    assert seen == [(story.pk, events.CORRECTED, "bientap")]


def test_a_correction_with_apology_waits_for_the_editor_in_chief(client, people, story):
    answer = file_apology(client, people["editor"], story)
    assert answer.status_code == 302
    correction = Correction.objects.get()
    # Filled from the story as published (Điều 42).
    assert (correction.story_title, correction.story_section) == (story.title, "Kinh tế")
    assert correction.story_published_at == story.published_at
    assert correction.status == Correction.Status.PENDING
    assert "21 km" not in reader(story.get_absolute_url())
    assert Notice.objects.filter(user=people["chief"], message__contains="chờ bạn duyệt").exists()
    # An editor may not approve it, by the action or a crafted POST.
    changelist = reverse("admin:articles_correction_changelist")
    client.force_login(people["editor"])
    client.post(changelist, {"action": "approve_corrections", "_selected_action": [correction.pk]})
    correction.refresh_from_db()
    assert correction.status == Correction.Status.PENDING
    client.force_login(people["chief"])
    answer = client.post(
        changelist,
        {"action": "approve_corrections", "_selected_action": [correction.pk]},
        follow=True,
    )
    assert "Đã duyệt và đăng 1 cải chính" in answer.content.decode()
    page = reader(story.get_absolute_url())
    assert "Thông tin cải chính, xin lỗi" in page and "Con đường dài 21 km." in page
    own = reader(correction.get_absolute_url())
    for words in (
        "Thông tin cải chính, xin lỗi",
        story.title,
        "Kinh tế",
        "Thông tin sai",
        "12 km",
        "21 km",
        "xin lỗi bạn đọc",
    ):
        assert words in own, words
    feed = Client().get(reverse("articles:corrections-feed")).content.decode()
    assert "Thông tin cải chính, xin lỗi: Tỉnh khởi công đường Mường Tè" in feed


def test_a_refused_form_comes_back_with_what_was_typed(client, people, story):
    answer = file_apology(client, people["editor"], story, apology="")
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "cần lời xin lỗi" in text
    assert "Con đường dài 21 km." in text  # nothing lost
    assert not Correction.objects.exists()
    client.force_login(people["editor"])
    answer = client.post(form_url(story), {"kind": "dinh_chinh", "place": "top", "note": " "})
    assert "Hãy ghi nội dung đính chính" in answer.content.decode()
    answer = client.post(form_url(story), {"kind": "khac", "place": "giua"})
    assert answer.status_code == 200


def test_only_editors_correct_and_only_public_stories(client, people, story):
    client.force_login(people["reporter"])
    assert client.get(form_url(story)).status_code in (403, 404)
    assert file_apology(client, people["reporter"], story).status_code in (403, 404)
    draft = make_article("Bản nháp", status=Article.Status.DRAFT)
    client.force_login(people["editor"])
    assert client.get(form_url(draft)).status_code == 403
    assert not Correction.objects.exists()


def test_a_shown_correction_cannot_be_edited_or_deleted_in_the_admin(client, people, story):
    file_apology(client, people["editor"], story)
    correction = Correction.objects.get()
    client.force_login(people["chief"])
    url = reverse("admin:articles_correction_change", args=[correction.pk])
    page = client.get(url).content.decode()
    assert 'name="_save"' not in page
    delete = reverse("admin:articles_correction_delete", args=[correction.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Correction.objects.filter(pk=correction.pk).exists()


def test_the_corrections_list_costs_the_same_with_3_or_30(
    people, story, django_assert_max_num_queries
):
    def add(n):
        Correction.objects.bulk_create(
            Correction(
                article=make_article(f"Bài {i}-{n}"),
                kind="dinh_chinh",
                status="published",
                note="Sửa tên người.",
                published_at=timezone.now(),
            )
            for i in range(n)
        )

    # The schedule's next time, the menu, the sidebar, the count and the page of rows, and
    # the Tin nóng bar (articles/frontpage) on a cold cache.
    add(3)
    with django_assert_max_num_queries(6):
        reader(reverse("articles:corrections"))
    add(27)
    cache.clear()  # the page made afresh
    with django_assert_max_num_queries(6):
        page = reader(reverse("articles:corrections"))
    assert page.count("Sửa tên người") == 0 and page.count("Đính chính: Bài") == 20


def test_a_story_taken_down_shows_its_correction_on_its_410_page(client, people, story):
    from articles import workflow

    file_apology(client, people["editor"], story)
    correction = Correction.objects.get()
    from articles.corrections import steps

    steps.approve(correction, by=people["chief"])
    workflow.take_down(story, by=people["chief"], reason="Theo yêu cầu của Sở Thông tin")
    page = Client().get(story.get_absolute_url())
    assert page.status_code == 410
    text = page.content.decode()
    assert "Thông tin cải chính, xin lỗi" in text and "Con đường dài 21 km." in text
    # Its correction keeps its own page; the story is named, not linked.
    own = reader(correction.get_absolute_url())
    assert f'href="{story.get_absolute_url()}"' not in own
