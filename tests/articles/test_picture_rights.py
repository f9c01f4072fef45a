"""Who may change a picture: its uploader while no approved story shows it, else editors only."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, Image
from tests.desk_users import editor, journalist
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db


def jpeg() -> SimpleUploadedFile:
    out = BytesIO()
    PILImage.new("RGB", (60, 40), (10, 120, 40)).save(out, "JPEG")
    return SimpleUploadedFile("moi.jpg", out.getvalue(), content_type="image/jpeg")


def change(client, image: Image, **fields):
    data = {"alt_text": "Ảnh đã sửa", "caption": "Chú thích mới", "credit": "Ai đó", **fields}
    return client.post(f"/admin/articles/image/{image.pk}/change/", data)


def uploaded(client, alt_text: str = "Ảnh của tôi") -> Image:
    """A picture uploaded through the desk by the client's user."""
    data = {"file": jpeg(), "alt_text": alt_text, "caption": "", "credit": ""}
    assert client.post("/admin/articles/image/add/", data).status_code == 302
    return Image.objects.get(alt_text=alt_text)


def test_the_desk_records_who_uploaded_a_picture(client):
    reporter = journalist()
    client.force_login(reporter)
    assert uploaded(client).uploaded_by == reporter


def test_a_journalist_changes_their_own_unused_picture(client):
    client.force_login(journalist())
    image = uploaded(client)
    assert change(client, image, file=jpeg()).status_code == 302
    image.refresh_from_db()
    assert (image.alt_text, image.caption) == ("Ảnh đã sửa", "Chú thích mới")


def test_a_journalist_changes_no_colleagues_picture(client):
    colleague = journalist("dongnghiep")
    client.force_login(colleague)
    image = uploaded(client)
    client.force_login(journalist())

    assert change(client, image, file=jpeg()).status_code == 403
    assert Image.objects.get(pk=image.pk).alt_text == "Ảnh của tôi"


def test_a_journalist_changes_no_picture_from_before_uploaders_were_kept(client):
    image = make_image()
    client.force_login(journalist())
    assert change(client, image).status_code == 403
    assert Image.objects.get(pk=image.pk).alt_text == "Ảnh minh họa"


@pytest.mark.parametrize("where", ["hero", "body"])
@pytest.mark.parametrize("state", ["live", "scheduled"])
def test_a_journalist_changes_no_picture_an_approved_story_shows(client, where, state):
    client.force_login(journalist())
    image = uploaded(client)
    fields = {"published_at": timezone.now() + timedelta(days=1)} if state == "scheduled" else {}
    if where == "hero":
        fields["hero_image"] = image
    else:
        fields["body"] = (
            f'<p>Chữ.</p><figure><img src="{image.file.url}" data-file="{image.pk}"></figure>'
        )
    make_article("Bài có ảnh", **fields)

    page = client.get(f"/admin/articles/image/{image.pk}/change/")
    assert page.status_code == 200
    assert 'name="alt_text"' not in page.content.decode()  # shown, not offered for change
    assert change(client, image, file=jpeg()).status_code == 403
    assert Image.objects.get(pk=image.pk).alt_text == "Ảnh của tôi"


def test_a_journalists_own_draft_may_show_the_picture_they_change(client):
    reporter = journalist()
    client.force_login(reporter)
    image = uploaded(client)
    make_article("Bản nháp", author=reporter, status=Article.Status.DRAFT, hero_image=image)
    assert change(client, image).status_code == 302


def test_an_editor_changes_any_picture(client):
    client.force_login(journalist())
    image = uploaded(client)
    make_article("Bài đang đăng", hero_image=image)
    client.force_login(editor())
    assert change(client, image, file=jpeg()).status_code == 302
    assert Image.objects.get(pk=image.pk).alt_text == "Ảnh đã sửa"
