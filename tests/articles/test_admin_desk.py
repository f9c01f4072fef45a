"""The story list and form: badges, filters, index, time zone, locking, revisions, lead."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import LEAD_MAX_LENGTH, Article
from tests.articles.desk_forms import change_url, form_data
from tests.desk_users import editor, journalist
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def one_of_each_state():
    future = timezone.now() + timedelta(days=1)
    return {
        "draft": make_article("Bài nháp", status=Article.Status.DRAFT),
        "pending": make_article("Bài chờ", status=Article.Status.PENDING),
        "scheduled": make_article("Bài hẹn", published_at=future),
        "published": make_article("Bài đã đăng"),
        "unpublished": make_article("Bài đã gỡ", status=Article.Status.UNPUBLISHED),
        "taken_down": make_article("Bài gỡ theo yêu cầu", status=Article.Status.TAKEN_DOWN),
    }


def test_list_shows_a_badge_for_each_state(editor_client):
    one_of_each_state()
    html = editor_client.get(LIST_URL).content.decode()
    for state, label in workflow.STATE_LABELS.items():
        assert f'<span class="badge badge-{state}">{label}</span>' in html


@pytest.mark.parametrize("state", list(workflow.STATE_LABELS))
def test_state_filter_lists_only_that_state(editor_client, state):
    stories = one_of_each_state()
    html = editor_client.get(LIST_URL, {"state": state}).content.decode()
    shown = [article.title for article in stories.values() if f">{article.title}<" in html]
    assert shown == [stories[state].title]


def test_list_filters_by_section_and_author(editor_client):
    reporter = journalist()
    section = make_section("Thể thao")
    make_article("Bóng đá", section=section, author=reporter)
    make_article("Ngoài lề")
    html = editor_client.get(LIST_URL, {"section__id__exact": section.pk}).content.decode()
    assert ">Bóng đá<" in html and ">Ngoài lề<" not in html
    html = editor_client.get(LIST_URL, {"author__id__exact": reporter.pk}).content.decode()
    assert ">Bóng đá<" in html and ">Ngoài lề<" not in html


def test_list_query_count_does_not_grow_with_stories(editor_client):
    reporter = journalist()
    make_article(author=reporter)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(LIST_URL)
    for _ in range(20):
        make_article(author=reporter, section=make_section())
    with CaptureQueriesContext(connection) as many:
        editor_client.get(LIST_URL)
    assert len(many) == len(few)


def test_index_links_to_waiting_and_scheduled_stories(editor_client):
    one_of_each_state()
    make_article(status=Article.Status.PENDING)
    html = editor_client.get("/admin/").content.decode()
    assert f'href="{LIST_URL}?state=pending"' in html
    assert f'href="{LIST_URL}?state=scheduled"' in html
    assert '<span class="badge badge-pending">2</span>' in html
    assert '<span class="badge badge-scheduled">1</span>' in html


def test_date_fields_say_vietnam_time_and_read_day_first(editor_client):
    article = make_article(status=Article.Status.PENDING)
    page = editor_client.get(change_url(article)).content.decode()
    assert "Giờ Việt Nam (GMT+7)" in page
    editor_client.post(
        change_url(article),
        form_data(article, published_at_0="03/02/2015", published_at_1="14:56"),
    )
    article.refresh_from_db()
    assert article.published_at == datetime(2015, 2, 3, 14, 56, tzinfo=VIETNAM)


def test_lead_over_the_limit_is_refused_with_the_text_kept(editor_client):
    article = make_article()
    long_lead = "Chữ " * (LEAD_MAX_LENGTH // 4 + 1)
    response = editor_client.post(change_url(article), form_data(article, lead=long_lead))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{LEAD_MAX_LENGTH}" in html and "errorlist" in html
    assert long_lead.strip() in html
    assert f'maxlength="{LEAD_MAX_LENGTH}"' in html


def test_second_save_of_the_same_story_is_refused_and_keeps_what_was_typed(client, desk):
    article = make_article("Bản gốc")
    other = editor("bientap2")
    first, second = (
        form_data(article, title="Bản của Lan"),
        form_data(article, title="Bản của Minh", body="<p>Đoạn Minh vừa gõ.</p>"),
    )
    client.force_login(desk)
    assert client.post(change_url(article), first).status_code == 302
    client.force_login(other)
    response = client.post(change_url(article), second)
    assert response.status_code == 200
    html = response.content.decode()
    assert "vừa được người khác lưu" in html
    assert 'value="Bản của Minh"' in html and "Đoạn Minh vừa gõ." in html
    article.refresh_from_db()
    assert article.title == "Bản của Lan"
    # With the latest version in hand, the second editor can save.
    retry = form_data(article, title="Bản của Minh")
    assert client.post(change_url(article), retry).status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Bản của Minh"


def test_form_opened_before_a_workflow_step_is_refused(client, desk):
    reporter = journalist()
    article = make_article(status=Article.Status.DRAFT, author=reporter)
    opened = form_data(article, title="Sửa sau khi đã gửi")
    workflow.submit(article, by=reporter)
    workflow.send_back(article, by=desk, note="Sửa lại")
    client.force_login(reporter)
    response = client.post(change_url(article), opened)
    assert "vừa được người khác lưu" in response.content.decode()


def test_editor_sees_who_changed_what_and_restores_an_earlier_version(editor_client, desk):
    article = make_article("Bản đầu", body="<p>Đoạn một.</p>")
    editor_client.post(change_url(article), form_data(article))
    article.refresh_from_db()
    editor_client.post(
        change_url(article), form_data(article, title="Bản sau", body="<p>Đoạn hai.</p>")
    )
    Article.objects.filter(pk=article.pk).update(view_count=7, comment_count=2)
    history = editor_client.get(f"/admin/articles/article/{article.pk}/history/")
    assert desk.username in history.content.decode()
    oldest = Version.objects.get_for_object(article).last()
    url = f"/admin/articles/article/{article.pk}/history/{oldest.pk}/"
    page = editor_client.get(url).content.decode()
    assert 'value="Bản đầu"' in page
    current = Article.objects.get(pk=article.pk)
    assert current.title == "Bản sau"  # looking at a revision changes nothing
    # The story is live: restoring asks for a tick (tests/articles/test_revisions.py).
    restored = form_data(
        current,
        title="Bản đầu",
        body="<p>Đoạn một.</p>",
        edit_version=str(current.version),
        restore_live="on",
    )
    assert editor_client.post(url, restored).status_code == 302
    current.refresh_from_db()
    assert (current.title, current.body) == ("Bản đầu", "<p>Đoạn một.</p>")
    assert current.version > article.version
    # The words come back; the story stays live and keeps its counters.
    assert current.is_public
    assert (current.view_count, current.comment_count) == (7, 2)
