"""The desk as each role: what journalists and editors may do, crafted POSTs included."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from newsroom.vietnamese import vietnam_time
from tests.articles.desk_forms import change_url, form_data
from tests.desk_users import journalist
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"


def own_draft(user, **fields):
    fields.setdefault("status", Article.Status.DRAFT)
    return make_article(author=user, **fields)


def test_journalist_lists_own_stories_and_published_ones_not_colleagues_unpublished_work(
    reporter_client, reporter
):
    own_draft(reporter, title="Bài của tôi")
    make_article("Bài đã đăng của người khác", author=journalist("khac"))
    colleague = journalist("dongnghiep")
    for status in ("draft", "pending", "unpublished"):
        make_article(f"Bài {status} của đồng nghiệp", author=colleague, status=status)
    make_article(
        "Bài hẹn giờ của đồng nghiệp",
        author=colleague,
        published_at=timezone.now() + timedelta(hours=2),
    )
    html = reporter_client.get(LIST_URL).content.decode()
    assert "Bài của tôi" in html and "Bài đã đăng của người khác" in html
    assert "của đồng nghiệp" not in html


def test_journalist_cannot_open_a_colleagues_draft_anywhere(reporter_client, client, desk):
    draft = make_article("Bản nháp bí mật", author=journalist("dongnghiep"), status="draft")
    base = f"{LIST_URL}{draft.pk}"
    for url in [f"{base}/change/", f"{base}/history/", f"{base}/preview/"]:
        response = reporter_client.get(url, follow=True)
        assert "Bản nháp bí mật" not in response.content.decode(), url
    found = reporter_client.get(
        "/admin/autocomplete/",
        {
            "term": "bí mật",
            "app_label": "articles",
            "model_name": "relatedarticle",
            "field_name": "to_article",
        },
    )
    assert found.status_code == 200
    assert "Bản nháp bí mật" not in found.content.decode()
    # The editor still finds it everywhere.
    client.force_login(desk)
    assert "Bản nháp bí mật" in client.get(f"{base}/change/").content.decode()


def test_journalist_edits_own_draft(reporter_client, reporter):
    article = own_draft(reporter)
    response = reporter_client.post(change_url(article), form_data(article, title="Tiêu đề mới"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới"
    assert article.status == Article.Status.DRAFT


@pytest.mark.parametrize("status", [Article.Status.PENDING, Article.Status.PUBLISHED])
def test_journalist_cannot_edit_own_story_once_submitted_or_published(
    reporter_client, reporter, status
):
    article = own_draft(reporter, status=status)
    page = reporter_client.get(change_url(article))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = reporter_client.post(change_url(article), form_data(article, title="Đổi lén"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Đổi lén"


def test_journalist_cannot_edit_someone_elses_draft(reporter_client):
    article = own_draft(journalist("khac"))
    response = reporter_client.post(change_url(article), form_data(article, title="Đổi lén"))
    # A colleague's draft is not even there for them: the desk says so and changes nothing.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    article.refresh_from_db()
    assert article.title != "Đổi lén"


def test_journalist_cannot_publish_by_form_fields(reporter_client, reporter):
    article = own_draft(reporter)
    data = form_data(
        article, status="published", published_at_0="01/01/2020", published_at_1="08:00"
    )
    page = reporter_client.get(change_url(article)).content.decode()
    assert 'name="status"' not in page and 'name="published_at_0"' not in page
    assert reporter_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None


def test_journalist_cannot_publish_by_crafted_post_button(reporter_client, reporter):
    article = own_draft(reporter)
    assert 'name="_publish"' not in reporter_client.get(change_url(article)).content.decode()
    response = reporter_client.post(change_url(article), form_data(article, _publish="1"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


@pytest.mark.parametrize(
    "action", ["publish_articles", "unpublish_articles", "send_back_articles", "delete_selected"]
)
def test_journalist_cannot_run_editor_actions_by_crafted_post(reporter_client, reporter, action):
    mine = own_draft(reporter, status=Article.Status.PENDING)
    live = make_article(author=reporter)
    response = reporter_client.post(
        LIST_URL,
        {
            "action": action,
            "_selected_action": [mine.pk, live.pk],
            "note": "x",
            "post": "yes",
            "index": "0",
        },
        follow=True,
    )
    # The action is not offered to a journalist: the admin says no action was chosen.
    assert response.redirect_chain == [(LIST_URL, 302)]
    assert [str(m) for m in response.context["messages"]] == ["Chưa chọn thao tác nào."]
    assert f'value="{action}"' not in response.content.decode()
    assert Article.objects.get(pk=mine.pk).status == Article.Status.PENDING
    assert Article.objects.get(pk=live.pk).status == Article.Status.PUBLISHED


def test_journalist_cannot_delete_a_published_story(reporter_client, reporter):
    live = make_article(author=reporter)
    url = f"/admin/articles/article/{live.pk}/delete/"
    assert reporter_client.post(url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=live.pk).exists()


def test_journalist_may_delete_own_draft(reporter_client, reporter):
    draft = own_draft(reporter)
    url = f"/admin/articles/article/{draft.pk}/delete/"
    assert reporter_client.post(url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_journalist_writes_a_story_and_submits_it(reporter_client, reporter):
    section = make_section("Xã hội")
    response = reporter_client.post(
        "/admin/articles/article/add/",
        form_data(title="Đường Điện Biên Phủ", section=str(section.pk), _submit="1"),
    )
    assert response.status_code == 302
    article = Article.objects.get(title="Đường Điện Biên Phủ")
    assert article.author == reporter
    assert article.status == Article.Status.PENDING
    assert article.slug == "duong-dien-bien-phu"


def test_editor_publishes_from_the_form(editor_client):
    article = make_article(status=Article.Status.PENDING)
    response = editor_client.post(
        change_url(article), form_data(article, _publish="1"), follow=True
    )
    assert "Đã xuất bản bài" in response.content.decode()
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_editor_schedules_a_story_and_it_appears_only_after_its_time(editor_client, client):
    now = timezone.now().replace(second=0, microsecond=0)
    article = make_article("Hẹn giờ lên trang", status=Article.Status.PENDING)
    goes_live = now + timedelta(hours=2)
    local = vietnam_time(goes_live)
    data = form_data(
        article,
        published_at_0=f"{local:%d/%m/%Y}",
        published_at_1=f"{local:%H:%M}",
        _publish="1",
    )
    with time_machine.travel(now, tick=False):
        page = editor_client.post(change_url(article), data, follow=True).content.decode()
        assert "Đã hẹn giờ bài" in page and "sau 2 giờ" in page
        listing = editor_client.get(LIST_URL).content.decode()
        assert "Lên trang sau 2 giờ" in listing
        assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(goes_live + timedelta(minutes=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_editor_publishes_and_unpublishes_with_actions(editor_client):
    first = make_article(status=Article.Status.PENDING)
    second = make_article(status=Article.Status.DRAFT)
    response = editor_client.post(
        LIST_URL,
        {"action": "publish_articles", "_selected_action": [first.pk, second.pk], "index": "0"},
        follow=True,
    )
    assert "Đã xuất bản hoặc hẹn giờ 2 bài." in response.content.decode()
    assert Article.objects.published().count() == 2
    response = editor_client.post(
        LIST_URL,
        {"action": "unpublish_articles", "_selected_action": [first.pk], "index": "0"},
        follow=True,
    )
    assert "Đã gỡ 1 bài." in response.content.decode()
    assert list(Article.objects.published()) == [second]


def test_editor_sends_back_with_a_note_and_journalist_is_told(editor_client, client, reporter):
    article = own_draft(reporter, status=Article.Status.PENDING, title="Bài cần sửa")
    page = editor_client.post(
        LIST_URL,
        {"action": "send_back_articles", "_selected_action": [article.pk], "index": "0"},
    )
    assert "Lý do trả bài" in page.content.decode()
    # Without a note the editor is asked again; nothing changes.
    empty = editor_client.post(
        LIST_URL, {"action": "send_back_articles", "_selected_action": [article.pk], "note": ""}
    )
    assert "Hãy ghi lý do trả bài" in empty.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.PENDING
    editor_client.post(
        LIST_URL,
        {
            "action": "send_back_articles",
            "_selected_action": [article.pk],
            "note": "Bổ sung ảnh.",
        },
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.review_note == "Bổ sung ảnh."

    client.force_login(reporter)
    index = client.get("/admin/").content.decode()
    assert "Bài “Bài cần sửa” bị trả lại: Bổ sung ảnh." in index
    # Shown once; the note stays on the story for the journalist.
    assert "bị trả lại" not in client.get("/admin/").content.decode()
    assert "Bổ sung ảnh." in client.get(change_url(article)).content.decode()


def test_journalist_cannot_bring_back_a_deleted_published_story(reporter_client, reporter, desk):
    editor_client = Client()
    editor_client.force_login(desk)
    live = make_article("Bài đã xóa", author=reporter)
    editor_client.post(change_url(live), form_data(live))  # a revision to recover from
    editor_client.post(f"/admin/articles/article/{live.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=live.pk).exists()
    version = Version.objects.get_deleted(Article).get()
    assert "recoverlink" not in reporter_client.get(LIST_URL).content.decode()
    assert reporter_client.get(f"{LIST_URL}recover/").status_code == 403
    recover = f"{LIST_URL}recover/{version.pk}/"
    assert reporter_client.post(recover, form_data(live)).status_code == 403
    assert not Article.objects.filter(pk=live.pk).exists()
    assert "recoverlink" in editor_client.get(LIST_URL).content.decode()


def test_journalist_reads_a_story_they_cannot_edit_as_formatted_text(reporter_client):
    article = make_article(body="<p>Đoạn <strong>đậm</strong>.</p>", author=journalist("khac"))
    html = reporter_client.get(change_url(article)).content.decode()
    assert '<div class="desk-body"><p>Đoạn <strong>đậm</strong>.</p></div>' in html
    assert 'name="body"' not in html and 'name="edit_version"' not in html
