"""The desk's live page: who sees it, what each button does, crafted posts refused."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import LiveEntry
from tests.articles.live.helpers import live_story, post
from tests.desk_users import editor, journalist, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return live_story()


def desk_url(story) -> str:
    return reverse("articles:live-desk", args=[story.pk])


def logged_in(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def test_change_page_links_to_the_live_desk(story):
    client = logged_in(editor())
    page = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert f'href="{desk_url(story)}"' in page.content.decode()
    assert "Tường thuật trực tiếp" in page.content.decode()


def test_editor_posts_an_entry_with_the_one_field_and_sees_it_below(story):
    client = logged_in(editor())
    page = client.get(desk_url(story))
    assert page.status_code == 200 and 'name="body"' in page.content.decode()
    response = client.post(
        desk_url(story), {"action": "post", "body": "Khai mạc.", "key_event": "on"}, follow=True
    )
    assert "Đã đăng cập nhật." in response.content.decode()
    assert "Khai mạc." in response.content.decode()
    entry = LiveEntry.objects.get()
    assert entry.state == "shown" and entry.key_event


def test_every_button_of_an_entry(story):
    desk = editor()
    client = logged_in(desk)
    entry = post(story, desk, "Bản đầu.")
    for action, check in [
        ("pin", lambda e: e.pinned),
        ("unpin", lambda e: not e.pinned),
        ("key", lambda e: e.key_event),
        ("unkey", lambda e: not e.key_event),
    ]:
        client.post(desk_url(story), {"action": action, "entry": entry.pk})
        entry.refresh_from_db()
        assert check(entry), action
    edit_form = client.get(desk_url(story) + f"?sua={entry.pk}").content.decode()
    assert 'value="edit"' in edit_form and "Bản đầu." in edit_form
    client.post(desk_url(story), {"action": "edit", "entry": entry.pk, "body": "Bản sửa."})
    client.post(desk_url(story), {"action": "withdraw", "entry": entry.pk})
    entry.refresh_from_db()
    assert entry.body == "<p>Bản sửa.</p>" and entry.state == "withdrawn"


def test_editor_approves_a_reporters_waiting_entry(story):
    reporter = journalist()
    story.author = reporter
    story.save()
    response = logged_in(reporter).post(
        desk_url(story), {"action": "post", "body": "Từ hiện trường."}, follow=True
    )
    assert "chờ biên tập viên duyệt" in response.content.decode()
    entry = LiveEntry.objects.get()
    assert entry.state == "waiting"
    assert (
        logged_in(reporter)
        .post(desk_url(story), {"action": "approve", "entry": entry.pk})
        .status_code
        == 403
    )
    logged_in(editor()).post(desk_url(story), {"action": "approve", "entry": entry.pk})
    entry.refresh_from_db()
    assert entry.state == "shown"


def test_start_and_end_the_coverage(story):
    client = logged_in(editor())
    client.post(desk_url(story), {"action": "start"})
    assert "Đang diễn ra" in Client().get(story.get_absolute_url()).content.decode()
    client.post(desk_url(story), {"action": "end"})
    assert "Đã kết thúc" in Client().get(story.get_absolute_url()).content.decode()
    refused = client.post(desk_url(story), {"action": "post", "body": "Muộn."}, follow=True)
    assert "Tường thuật đã kết thúc" in refused.content.decode()


@pytest.mark.parametrize(
    "who", [lambda: journalist("khac"), lambda: moderator(), lambda: None], ids=str
)
def test_crafted_posts_by_anyone_but_the_desk_are_refused(story, who):
    entry = post(story, editor(), "Bản đầu.")
    user = who()
    client = logged_in(user) if user else Client()
    for data in (
        {"action": "post", "body": "Tin giả."},
        {"action": "withdraw", "entry": entry.pk},
        {"action": "edit", "entry": entry.pk, "body": "Sửa bậy."},
        {"action": "end"},
    ):
        assert client.post(desk_url(story), data).status_code == 403, data
    entry.refresh_from_db()
    assert entry.state == "shown" and entry.body == "<p>Bản đầu.</p>"
    assert LiveEntry.objects.count() == 1


def test_anonymous_visitor_is_sent_to_log_in(story):
    response = Client().get(desk_url(story))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_reporter_cannot_edit_or_withdraw_someone_elses_shown_entry(story):
    reporter = journalist()
    story.author = reporter
    story.save()
    entry = post(story, editor(), "Của biên tập.")
    client = logged_in(reporter)
    assert (
        client.post(desk_url(story), {"action": "edit", "entry": entry.pk, "body": "x"}).status_code
        == 403
    )
    withdraw = {"action": "withdraw", "entry": entry.pk}
    assert client.post(desk_url(story), withdraw).status_code == 403


def test_post_without_csrf_token_is_refused(story):
    client = logged_in(editor(), enforce_csrf_checks=True)
    assert client.post(desk_url(story), {"action": "post", "body": "x"}).status_code == 403
    assert not LiveEntry.objects.exists()


def test_unknown_action_or_entry_gets_a_vietnamese_message_not_a_500(story):
    client = logged_in(editor())
    for data in ({"action": "nổ"}, {"action": "pin", "entry": "abc"}, {"action": "pin"}):
        response = client.post(desk_url(story), data)
        assert response.status_code == 200, data
        assert "không hợp lệ" in response.content.decode() or "Không tìm thấy" in (
            response.content.decode()
        )


def picture_upload(name="ruong-bac-thang.png", size=(640, 400)):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    data = BytesIO()
    PILImage.new("RGB", size, (200, 160, 60)).save(data, format="PNG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def test_a_reporter_adds_a_picture_with_its_caption_from_the_phone_form(story, client):
    from articles.models import Image

    desk = logged_in(editor())
    page = desk.get(desk_url(story)).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="picture"' in page
    response = desk.post(
        desk_url(story),
        {
            "action": "post",
            "body": "Đại biểu biểu quyết.",
            "caption": "Hội trường kỳ họp <thứ 9>",
            "picture": picture_upload(),
        },
    )
    assert response.status_code == 302
    picture = Image.objects.get()
    assert picture.caption == "Hội trường kỳ họp <thứ 9>"
    assert picture.alt_text == "Hội trường kỳ họp <thứ 9>"
    body = LiveEntry.objects.get().body
    assert body.startswith("<p>Đại biểu biểu quyết.</p><figure")
    assert f'src="{picture.file.url}"' in body
    assert "<figcaption>Hội trường kỳ họp &lt;thứ 9&gt;</figcaption>" in body
    reader = client.get(story.get_absolute_url()).content.decode()
    assert f'src="{picture.file.url}"' in reader and "Hội trường kỳ họp &lt;thứ 9&gt;" in reader


def test_a_picture_alone_is_an_entry(story):
    desk = logged_in(editor())
    desk.post(desk_url(story), {"action": "post", "body": "", "picture": picture_upload()})
    assert "<figure" in LiveEntry.objects.get().body


def test_a_file_that_is_no_picture_is_refused_and_the_words_stay(story):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.models import Image

    desk = logged_in(editor())
    fake = SimpleUploadedFile("anh.jpg", b"khong phai anh", content_type="image/jpeg")
    response = desk.post(
        desk_url(story),
        {"action": "post", "body": "Chữ vẫn còn.", "caption": "Chú thích còn", "picture": fake},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tệp này không phải là ảnh hoặc đã bị hỏng." in html and "%(formats)s" not in html
    assert "Chữ vẫn còn." in html and 'value="Chú thích còn"' in html
    assert not LiveEntry.objects.exists() and not Image.objects.exists()
