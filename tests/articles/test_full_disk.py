"""A disk that fills up during an upload loses nothing the journalist typed, and leaves no file."""

import errno
import os
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Image
from tests.articles.test_images import png_bytes
from tests.desk_users import editor
from tests.factories import make_article

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/image/add/"
real_save = FileSystemStorage._save


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def disk_full_for(part: str):
    """A `_save` that writes the first bytes of files whose name holds `part`, then fails."""

    def save(self, name, content):
        if part not in name:
            return real_save(self, name, content)
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            out.write(content.read(64))
        raise OSError(errno.ENOSPC, "No space left on device")

    return save


@pytest.fixture
def desk_client(client):
    client.force_login(editor())
    return client


def send(client):
    return client.post(
        ADD_URL,
        {
            "alt_text": "Ruộng bậc thang Mù Cang Chải",
            "caption": "Mùa lúa chín trên ruộng bậc thang",
            "credit": "Ảnh: T. Hùng",
            "file": SimpleUploadedFile("ruong.png", png_bytes()),
        },
    )


def test_an_upload_the_disk_cannot_take_comes_back_with_a_message_and_the_typed_fields(
    desk_client,
):
    with mock.patch.object(FileSystemStorage, "_save", disk_full_for("images/")):
        response = send(desk_client)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Máy chủ không lưu được ảnh này" in html
    assert "Ruộng bậc thang Mù Cang Chải" in html
    assert "Mùa lúa chín trên ruộng bậc thang" in html
    assert "Ảnh: T. Hùng" in html
    assert not Image.objects.exists()
    assert stored_files() == []


def test_renditions_cut_off_by_a_full_disk_leave_nothing_and_the_page_shows_the_original(
    desk_client, client
):
    with mock.patch.object(FileSystemStorage, "_save", disk_full_for("renditions/")):
        response = send(desk_client)

    assert response.status_code == 302
    picture = Image.objects.get()
    assert not picture.renditions_ready
    assert [p.relative_to(settings.MEDIA_ROOT).parts[0] for p in stored_files()] == ["images"]
    story = make_article("Mùa vàng", hero_image=picture)
    html = client.get(story.get_absolute_url()).text
    assert picture.file.url in html
