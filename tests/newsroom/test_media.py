"""Uploaded files: pictures with their own type and nosniff, nothing ever served as a page."""

from io import BytesIO

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.test import RequestFactory
from PIL import Image as PILImage
from whitenoise import WhiteNoise

from newsroom import media

# Closing a response sends request_finished, and Django then checks the database connection
# an earlier test left open: without database access that check fails in a full run.
pytestmark = pytest.mark.django_db

HOSTILE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"

# Closing a response sends request_finished, which checks the test thread's database
# connection (left open by an earlier test): allow it.
pytestmark = pytest.mark.django_db


def jpeg() -> bytes:
    out = BytesIO()
    PILImage.new("RGB", (8, 8)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def media_root(tmp_path):
    root = tmp_path / "media"
    (root / "images").mkdir(parents=True)
    (root / "images" / "anh.jpg").write_bytes(jpeg())
    (root / "images" / "trang.html").write_bytes(HOSTILE)
    (root / "images" / "anh-gia.jpg").write_bytes(HOSTILE)
    (root / "images" / "khong-duoi").write_bytes(HOSTILE)
    (root / "images" / "hinh.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    return root


def served_by_django(root, path):
    response = media.serve(RequestFactory().get(f"/media/{path}"), path, document_root=root)
    # Only the file: closing the response would also end the "request" for the database.
    response.file_to_stream.close()
    return response.status_code, response.headers


def served_by_whitenoise(root, path):
    app = WhiteNoise(
        lambda environ, start: [], root=root, prefix="/media/",
        add_headers_function=media.add_whitenoise_headers,
    )  # fmt: skip
    answer = {}

    def start_response(status, headers):
        answer["status"] = int(status.split()[0])
        answer["headers"] = {name.lower(): value for name, value in headers}

    environ = RequestFactory().get(f"/media/{path}").environ
    body = app(environ, start_response)
    b"".join(body)
    body.close()
    return answer["status"], answer["headers"]


@pytest.mark.parametrize("serve", [served_by_django, served_by_whitenoise])
def test_picture_keeps_its_type_and_forbids_sniffing(media_root, serve):
    status, headers = serve(media_root, "images/anh.jpg")
    assert status == 200
    assert headers["content-type"] == "image/jpeg"
    assert headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in headers["content-security-policy"]


@pytest.mark.parametrize("serve", [served_by_django, served_by_whitenoise])
@pytest.mark.parametrize("path", ["images/trang.html", "images/khong-duoi", "images/hinh.svg"])
def test_html_or_svg_under_media_is_a_download_never_a_page(media_root, serve, path):
    status, headers = serve(media_root, path)
    assert status == 200
    assert headers["content-type"] == "application/octet-stream"
    assert headers["content-disposition"] == "attachment"
    assert headers["x-content-type-options"] == "nosniff"
    assert "script-src" not in headers["content-security-policy"]
    assert "sandbox" in headers["content-security-policy"]


@pytest.mark.parametrize("serve", [served_by_django, served_by_whitenoise])
def test_html_named_like_a_picture_is_not_sniffed_into_a_page(media_root, serve):
    status, headers = serve(media_root, "images/anh-gia.jpg")
    assert headers["content-type"] == "image/jpeg"
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["../../etc/passwd", "images/../../media/images/anh.jpg"])
def test_path_traversal_out_of_media_is_not_found(media_root, path):
    # Django answers SuspiciousFileOperation with a 400 (tests/newsroom/test_bad_input.py).
    with pytest.raises((Http404, SuspiciousFileOperation)):
        media.serve(RequestFactory().get("/media/x"), path, document_root=media_root / "images")
