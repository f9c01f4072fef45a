"""The story form's "Xem trước": what the form holds now, as readers would see it, never saved."""

import pytest
from django.test import Client
from reversion.models import Version

from articles.models import Article, Tag
from tests.articles.desk_forms import change_url, form_data
from tests.desk_users import editor, journalist, moderator
from tests.factories import make_article, make_image, make_section

pytestmark = pytest.mark.django_db

NEW_STORY_PREVIEW = "/admin/articles/article/preview/"


def preview_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/preview/"


def snapshot(article: Article) -> tuple:
    fresh = Article.objects.get(pk=article.pk)
    saved = (fresh.title, fresh.lead, fresh.body, fresh.byline, fresh.section_id)
    return saved, fresh.version, fresh.updated_at, list(fresh.tags.names())


@pytest.fixture
def live_story():
    story = make_article(
        "Chợ phiên Sìn Hồ", lead="Sapo đã lưu.", body="<p>Thân bài đã lưu.</p>", byline="T. Hùng"
    )
    story.tags.add("Chợ phiên")
    return story


def test_preview_shows_the_unsaved_form_and_changes_nothing(
    editor_client, live_story, django_assert_max_num_queries
):
    other_section = make_section("Văn hóa")
    picture = make_image("Phiên chợ đông vui")
    before = snapshot(live_story)
    revisions = Version.objects.get_for_object(live_story).count()
    tags = Tag.objects.count()

    # and the contributors, and the Tin nóng bar the reader's page shows (cold cache)
    with django_assert_max_num_queries(18):
        response = editor_client.post(
            preview_url(live_story),
            form_data(
                live_story,
                title="Chợ phiên Sìn Hồ đông vui ngày cuối tuần",
                lead="Sapo vừa gõ.",
                body="<p>Thân bài vừa gõ, chưa lưu.</p>",
                byline="Lò Văn Sơn",
                section=str(other_section.pk),
                tags="Chợ phiên, Sìn Hồ mới",
                hero_image=str(picture.pk),
            ),
        )

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="story-title">Chợ phiên Sìn Hồ đông vui ngày cuối tuần</h1>' in html
    assert "Sapo vừa gõ." in html and "Thân bài vừa gõ, chưa lưu." in html
    assert '<p class="byline">Lò Văn Sơn</p>' in html
    assert ">Văn hóa</a>" in html and "Sìn Hồ mới" in html
    assert 'alt="Phiên chợ đông vui"' in html
    assert "chưa được lưu" in html
    assert "Thân bài đã lưu." not in html
    assert "Viết bình luận" not in html  # no comment form in a preview
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"

    assert snapshot(live_story) == before
    assert Version.objects.get_for_object(live_story).count() == revisions
    assert Tag.objects.count() == tags


def test_preview_of_a_new_story_saves_no_story(client):
    client.force_login(journalist())
    section = make_section("Xã hội")
    response = client.post(
        NEW_STORY_PREVIEW,
        form_data(
            title="Mường Tè được mùa lúa nương",
            section=str(section.pk),
            body="<p>Bà con phấn khởi.</p>",
            tags="Mường Tè",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="story-title">Mường Tè được mùa lúa nương</h1>' in html
    assert "Bà con phấn khởi." in html and "Bình luận sẽ mở khi bài được đăng." in html
    assert not Article.objects.exists() and not Version.objects.exists()
    assert not Tag.objects.exists()


def test_the_previewed_body_is_cleaned_as_a_save_cleans_it(editor_client, live_story):
    body = '<p onclick="steal()">Chữ.</p><script>alert("x")</script><img src=x onerror=alert(1)>'
    html = editor_client.post(preview_url(live_story), form_data(live_story, body=body))
    html = html.content.decode()
    assert "Chữ." in html
    assert 'alert("x")' not in html and "onerror" not in html and "steal()" not in html


def test_a_form_with_errors_shows_what_it_can_and_says_what_is_wrong(editor_client, live_story):
    response = editor_client.post(
        preview_url(live_story),
        form_data(live_story, title="", lead="x" * 401, body="<p>Thân bài mới.</p>"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Biểu mẫu còn lỗi" in html and "Tiêu đề:" in html and "Sapo:" in html
    assert "Thân bài mới." in html
    assert '<h1 class="story-title">Chợ phiên Sìn Hồ</h1>' in html  # the saved title


def test_a_new_story_with_nothing_filled_in_still_previews(editor_client):
    response = editor_client.post(NEW_STORY_PREVIEW, {"title": ""})
    assert response.status_code == 200
    assert "Biểu mẫu còn lỗi" in response.content.decode()


def test_journalist_previews_only_stories_they_may_edit(client, live_story):
    reporter = journalist()
    client.force_login(reporter)
    # A colleague's public story: readable, not theirs to edit.
    assert client.post(preview_url(live_story), form_data(live_story)).status_code == 403
    # A colleague's draft: not even readable.
    draft = make_article(status=Article.Status.DRAFT, author=journalist("khac"))
    assert client.post(preview_url(draft), form_data(draft)).status_code == 404
    own = make_article(status=Article.Status.DRAFT, author=reporter)
    response = client.post(preview_url(own), form_data(own, title="Bản của tôi"))
    assert response.status_code == 200 and "Bản của tôi" in response.content.decode()


def test_staff_without_the_right_to_write_stories_cannot_preview_a_new_one(client):
    client.force_login(moderator())
    assert client.post(NEW_STORY_PREVIEW, form_data(title="Không được")).status_code == 403


def test_the_preview_is_a_post_with_a_csrf_token(live_story):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor())
    assert browser.post(preview_url(live_story), form_data(live_story)).status_code == 403
    assert browser.get(NEW_STORY_PREVIEW).status_code == 405


def test_anonymous_visitor_is_sent_to_login(client, live_story):
    response = client.post(preview_url(live_story), form_data(live_story))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_add_and_change_forms_carry_the_preview_button(editor_client, live_story):
    button = 'formtarget="_blank"'
    add = editor_client.get("/admin/articles/article/add/").content.decode()
    assert button in add and f'formaction="{NEW_STORY_PREVIEW}"' in add
    change = editor_client.get(change_url(live_story)).content.decode()
    assert button in change and f'formaction="{preview_url(live_story)}"' in change


def test_the_preview_shows_the_related_stories_chosen_in_the_form(editor_client, live_story):
    chosen = make_article("Mùa mận Tam Đường", section=make_section("Kinh tế"))
    removed = make_article("Tin đã bỏ khỏi danh sách", section=make_section("Thể thao"))
    draft = make_article("Bài nháp không hiện", status=Article.Status.DRAFT)
    data = form_data(live_story)
    data.update(
        {
            "related_links-TOTAL_FORMS": "3",
            "related_links-0-to_article": str(removed.pk),
            "related_links-0-position": "1",
            "related_links-0-DELETE": "on",
            "related_links-1-to_article": str(chosen.pk),
            "related_links-1-position": "2",
            "related_links-2-to_article": str(draft.pk),
            "related_links-2-position": "3",
        }
    )

    html = editor_client.post(preview_url(live_story), data).content.decode()

    related = html.partition('id="tin-lien-quan"')[2]
    assert "Tin liên quan" in related and "Mùa mận Tam Đường" in related
    assert "Tin đã bỏ khỏi danh sách" not in related and "Bài nháp không hiện" not in related
    assert not live_story.related_links.exists()
