"""Gunicorn without nginx in front: pictures are served when SERVE_MEDIA asks, never by default."""

import urllib.error
import urllib.request
from io import BytesIO

import pytest
from PIL import Image as PILImage

from tests.harness.env import server_env
from tests.harness.ports import free_port
from tests.harness.processes import manage, serve

pytestmark = pytest.mark.django_db(transaction=True)


def fetch(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.fixture
def production(tmp_path):
    media = tmp_path / "media"
    (media / "images").mkdir(parents=True)
    picture = BytesIO()
    PILImage.new("RGB", (8, 8)).save(picture, "JPEG")
    (media / "images" / "anh.jpg").write_bytes(picture.getvalue())
    (media / "images" / "trang.html").write_bytes(b"<script>alert(1)</script>")
    env = server_env(
        f"sqlite:///{tmp_path / 'db.sqlite3'}",
        media,
        DEBUG="0",
        SECRET_KEY="media-without-proxy-test-key",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")  # as a production install does
    return env


def test_production_serves_no_picture_unless_asked(production):
    with serve("gunicorn", production, free_port(), workers=1) as base:
        status, _ = fetch(base + "/media/images/anh.jpg")
    assert status == 404


def test_serve_media_serves_pictures_with_the_media_headers(production):
    with serve("gunicorn", {**production, "SERVE_MEDIA": "1"}, free_port(), workers=1) as base:
        status, headers = fetch(base + "/media/images/anh.jpg")
        page_status, page_headers = fetch(base + "/media/images/trang.html")
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    assert page_status == 200 and page_headers["Content-Type"] == "application/octet-stream"
    assert page_headers["Content-Disposition"] == "attachment"
