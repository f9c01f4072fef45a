"""Each side of an uploaded picture is limited, as its pixels are: a strip is refused at once."""

import struct
import time
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Image
from articles.uploads import clean_upload
from tests.articles.test_images import png_bytes, stored_files, upload
from tests.desk_users import journalist

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_client(client):
    client.force_login(journalist())
    return client


def strip_png(width: int, height: int = 1) -> bytes:
    """A black-and-white PNG of a few bytes per row."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" * (1 + (width + 7) // 8)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height, 9))
        + chunk(b"IEND", b"")
    )


def test_a_fifty_million_pixel_strip_is_refused_with_a_vietnamese_message(desk_client):
    started = time.monotonic()
    response = upload(desk_client, "dai.png", strip_png(50_000_000))
    assert time.monotonic() - started < 2
    assert response.status_code == 200
    assert "mỗi cạnh tối đa 12000 điểm ảnh" in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize("size", [(201, 10), (10, 201)])
def test_either_side_over_the_limit_is_refused(settings, size):
    settings.IMAGE_MAX_SIDE = 200
    with pytest.raises(ValidationError) as refused:
        clean_upload(SimpleUploadedFile("anh.png", png_bytes(size=size)))
    assert refused.value.code == "side_too_long"


def test_a_picture_at_the_side_limit_is_taken(settings):
    settings.IMAGE_MAX_SIDE = 200
    assert clean_upload(SimpleUploadedFile("anh.png", png_bytes(size=(200, 200)))).size
