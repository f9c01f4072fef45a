"""Picture uploads (refusals, clean-up, renditions) and responsive pictures on the story page."""

import struct
import zlib
from io import BytesIO
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from PIL import ExifTags, PngImagePlugin, features
from PIL import Image as PILImage

from articles.models import Article, Image
from tests.desk_users import journalist
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/image/add/"


def jpeg_with_exif(size=(40, 20)) -> bytes:
    """A landscape JPEG whose EXIF says "rotate 90°" and where it was taken (GPS)."""
    picture = PILImage.new("RGB", size, (200, 30, 30))
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (22.0, 23.0, 45.0),
    }
    out = BytesIO()
    picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_bytes(size=(1600, 900), **info) -> bytes:
    picture = PILImage.new("RGBA", size, (10, 120, 200, 255))
    meta = PngImagePlugin.PngInfo()
    for key, value in info.items():
        meta.add_text(key, value)
    out = BytesIO()
    picture.save(out, "PNG", pnginfo=meta)
    return out.getvalue()


def png_bomb(side: int = 20_000) -> bytes:
    """A real decompression bomb: a few kilobytes that decode to `side`² pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" * (1 + side // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row * 1000) for _ in range(side // 1000)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


@pytest.fixture
def desk_client(client):
    client.force_login(journalist())
    return client


def upload(client, name: str, content: bytes, **fields):
    data = {"alt_text": "Người dân làm thủ tục", "caption": "", "credit": "", **fields}
    data["file"] = SimpleUploadedFile(name, content)
    return client.post(ADD_URL, data)


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_jpeg_is_turned_upright_and_loses_gps_and_camera_data(desk_client):
    response = upload(desk_client, "Ảnh hiện trường.jpg", jpeg_with_exif())
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (20, 40)
    assert image.file.name.endswith(".jpg")
    with PILImage.open(image.file.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (20, 40)
        exif = stored.getexif()
        assert dict(exif) == {}
        assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}


def test_png_is_kept_as_png_without_its_text_metadata(desk_client):
    assert upload(desk_client, "bieu-do.png", png_bytes(Author="Nguyễn Văn A")).status_code == 302
    image = Image.objects.get()
    with PILImage.open(image.file.path) as stored:
        assert stored.format == "PNG"
        assert stored.size == (1600, 900)
        assert "Author" not in stored.info


def test_renditions_are_made_at_upload_in_webp_and_the_original_format(desk_client):
    upload(desk_client, "bieu-do.png", png_bytes())
    image = Image.objects.get()
    sizes = {}
    for field in ["w480", "w800", "w1200", "w480_webp", "w800_webp", "w1200_webp"]:
        rendition = getattr(image, field)
        assert image.file.storage.exists(rendition.name), field
        with PILImage.open(image.file.storage.path(rendition.name)) as stored:
            sizes[field] = (stored.format, stored.size)
    assert sizes["w480"] == ("PNG", (480, 270))
    assert sizes["w1200_webp"] == ("WEBP", (1200, 675))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bom.png", png_bomb(), "Ảnh quá lớn"),
        ("thu.jpg", "Đây là thư, không phải ảnh.".encode(), "không phải là ảnh"),
        ("logo.svg", SVG, "Không nhận ảnh SVG"),
        ("logo.png", SVG, "Không nhận ảnh SVG"),
        ("bieu-do.jpg", png_bytes(size=(20, 20)), "nội dung là ảnh PNG"),
    ],
    ids=["decompression-bomb", "text-named-jpg", "svg", "svg-named-png", "png-named-jpg"],
)
def test_bad_uploads_are_refused_with_a_message_and_nothing_stored(
    desk_client, name, content, message
):
    response = upload(desk_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files() == []


def test_upload_over_the_size_limit_is_refused(desk_client, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1024
    response = upload(desk_client, "lon.png", png_bytes(size=(300, 300)))
    assert "Tệp quá lớn" in response.content.decode()
    assert "Ảnh tải lên tối đa 1 KB." in response.content.decode()
    assert stored_files() == []


def test_gif_is_refused_as_a_format_we_do_not_take(desk_client):
    out = BytesIO()
    PILImage.new("P", (10, 10)).save(out, "GIF")
    response = upload(desk_client, "hoat-hinh.gif", out.getvalue())
    assert "Không nhận ảnh định dạng GIF" in response.content.decode()
    assert stored_files() == []


def test_alt_text_is_required(desk_client):
    response = upload(desk_client, "anh.jpg", jpeg_with_exif(), alt_text="")
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_picker_upload_hands_the_picture_back_to_the_editor(desk_client):
    response = desk_client.post(
        "/admin/articles/image/picker/?CKEditorFuncNum=-3",
        {
            "file": SimpleUploadedFile("anh.jpg", jpeg_with_exif()),
            "alt_text": "Cán bộ một cửa",
            "caption": "Chú thích ảnh",
            "credit": "",
        },
    )
    image = Image.objects.get()
    html = response.content.decode()
    assert f'data-id="{image.pk}"' in html and 'data-func-num="-3"' in html
    assert 'data-caption="Chú thích ảnh"' in html


def body_with(images: list[Image]) -> str:
    return "".join(
        f'<p>Đoạn {n}.</p><figure><img src="{image.file.url}" alt="Ảnh {n}" data-file="{image.pk}">'
        f"<figcaption>Chú thích {n}</figcaption></figure>"
        for n, image in enumerate(images)
    )


def test_story_page_gives_body_and_hero_pictures_srcset_and_sizes(client):
    hero, inline = make_image(size=(1600, 1000)), make_image(size=(1000, 600))
    article = make_article(hero_image=hero, body=body_with([inline]))
    html = client.get(article.get_absolute_url()).content.decode()
    body = html.split('class="story-body"')[1]
    assert inline.w480_webp.url + " 480w" in body and inline.w800.url + " 800w" in body
    # No rendition wider than the original: the 1200 one is the 1000px original's size.
    assert inline.w1200.url + " 1000w" in body
    assert 'sizes="' in body and 'width="1000" height="600"' in body
    assert 'loading="lazy"' in body and 'alt="Ảnh 0"' in body
    hero_html = html.split('class="hero"')[1].split("</figure>")[0]
    assert hero.w1200_webp.url + " 1200w" in hero_html
    assert 'width="1600" height="1000"' in hero_html
    assert 'loading="lazy"' not in hero_html  # the first screen loads at once


def test_story_page_query_count_does_not_grow_with_body_pictures(client):
    one = make_article(body=body_with([make_image(size=(500, 300))]))
    many = make_article(body=body_with([make_image(size=(500, 300)) for _ in range(6)]))
    cache.clear()  # both measured cold: the page's shared parts (the Tin nóng bar) too
    with CaptureQueriesContext(connection) as few:
        client.get(one.get_absolute_url())
    cache.clear()
    with CaptureQueriesContext(connection) as lots:
        response = client.get(many.get_absolute_url())
    assert response.content.decode().count("srcset=") == 12
    assert len(lots) == len(few)


def test_story_page_never_makes_renditions(client):
    article = make_article(
        hero_image=make_image(size=(1600, 1000)), body=body_with([make_image(size=(1600, 1000))])
    )
    with mock.patch(
        "imagekit.cachefiles.ImageCacheFile.generate", side_effect=AssertionError("made")
    ):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_small_picture_is_offered_at_its_own_width_only(client):
    small = make_image(size=(300, 200))
    article = make_article(body=body_with([small]))
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'srcset="{small.w480.url} 300w"' in html
    assert Article.objects.get(pk=article.pk).body.count("data-file") == 1


@pytest.mark.parametrize(
    ("format", "name"),
    [
        ("WEBP", "anh.webp"),
        pytest.param(
            "AVIF",
            "anh.avif",
            marks=pytest.mark.skipif(not features.check("avif"), reason="Pillow without AVIF"),
        ),
    ],
)
def test_webp_and_avif_are_accepted_in_their_own_format(desk_client, format, name):
    out = BytesIO()
    PILImage.new("RGB", (600, 400), (30, 160, 90)).save(out, format)
    assert upload(desk_client, name, out.getvalue()).status_code == 302
    image = Image.objects.get()
    with PILImage.open(image.file.path) as stored:
        assert stored.format == format
    assert image.file.storage.exists(image.w480_webp.name)
    assert image.w480.name.endswith(name[name.rindex(".") :])


def test_alt_text_with_angle_brackets_does_not_break_the_picture(client):
    image = make_image(size=(900, 600))
    body = (
        f'<figure><img src="{image.file.url}" alt="Mưa > 100 mm &quot;kỷ lục&quot;" '
        f'data-file="{image.pk}"><figcaption>Chú thích</figcaption></figure>'
    )
    article = make_article(body=body)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Mưa &gt; 100 mm &quot;kỷ lục&quot;"' in html
    assert html.count("srcset=") == 2
    assert 'data-file="' not in html.split('class="story-body"')[1].split("</div>")[0]


def test_upload_over_the_limit_never_touches_the_disk(desk_client, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1024 * 1024
    big = b"\xff\xd8\xff" + b"\0" * (3 * 1024 * 1024)  # past Django's in-memory threshold
    with mock.patch(
        "django.core.files.uploadhandler.TemporaryUploadedFile",
        side_effect=AssertionError("spooled to disk"),
    ):
        response = upload(desk_client, "lon.jpg", big)
    assert "Tệp quá lớn (3 MB). Ảnh tải lên tối đa 1 MB." in response.content.decode()
    assert stored_files() == []


@pytest.mark.parametrize(
    ("mode", "format", "name"),
    [
        ("CMYK", "JPEG", "in-an.jpg"),
        ("P", "PNG", "bieu-tuong.png"),
        ("LA", "PNG", "xam-trong-suot.png"),
        ("I;16", "PNG", "16-bit.png"),
        ("RGBA", "WEBP", "trong-suot.webp"),
    ],
)
def test_unusual_colour_modes_are_stored_with_all_renditions(desk_client, mode, format, name):
    out = BytesIO()
    PILImage.new(mode, (900, 500)).save(out, format)
    assert upload(desk_client, name, out.getvalue()).status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (900, 500)
    for field in ["w480", "w800", "w1200", "w480_webp", "w800_webp", "w1200_webp"]:
        assert image.file.storage.exists(getattr(image, field).name), field


def test_responsive_image_tag_takes_sizes_and_a_class_for_listings():
    image = make_image(size=(1600, 1000))
    html = Template(
        '{% load article_images %}{% responsive_image image sizes="12rem" css_class="card" %}'
    ).render(Context({"image": image}))
    assert 'sizes="12rem"' in html and 'class="card"' in html
    assert f"{image.w480_webp.url} 480w" in html and 'loading="lazy"' in html
