"""/media/ answers byte ranges (a video seeks) and serves video, sound and captions inline."""

import pytest
from django.test import RequestFactory

from newsroom import media

pytestmark = pytest.mark.django_db  # closing a response checks the database connection

BODY = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def root(tmp_path):
    (tmp_path / "av").mkdir()
    for name in ("clip-720.mp4", "clip.webm", "sound.mp3", "phu-de.vtt", "goc.mov"):
        (tmp_path / "av" / name).write_bytes(BODY)
    return tmp_path


def get(root, path, **headers):
    request = RequestFactory().get(f"/media/{path}", headers=headers)
    response = media.serve(request, path, document_root=root)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    response.close()
    return response, body


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("av/clip-720.mp4", "video/mp4"),
        ("av/clip.webm", "video/webm"),
        ("av/sound.mp3", "audio/mpeg"),
        ("av/phu-de.vtt", "text/vtt; charset=utf-8"),
    ],
)
def test_player_files_are_inline_with_their_type_and_kept_long(root, path, content_type):
    response, body = get(root, path)
    assert response.status_code == 200 and body == BODY
    assert response["Content-Type"] == content_type
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["Accept-Ranges"] == "bytes"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "max-age=2592000" in response["Cache-Control"]


def test_an_original_is_still_a_download(root):
    response, _ = get(root, "av/goc.mov")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=0-99", 0, 99), ("bytes=10000-", 10000, 10239), ("bytes=-40", 10200, 10239),
     ("bytes=10200-99999", 10200, 10239)],
)  # fmt: skip
def test_a_range_is_answered_with_206_and_those_bytes(root, header, first, last):
    response, body = get(root, "av/clip-720.mp4", Range=header)
    assert response.status_code == 206
    assert body == BODY[first : last + 1]
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(BODY)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert response["Content-Type"] == "video/mp4"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("header", ["bytes=20000-", "bytes=500-100", "bytes=-0"])
def test_a_range_past_the_end_is_416(root, header):
    response, _ = get(root, "av/clip-720.mp4", Range=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(BODY)}"


@pytest.mark.parametrize("header", ["items=0-10", "bytes=0-1,5-6", "bytes=abc"])
def test_a_range_we_do_not_read_gets_the_whole_file(root, header):
    response, body = get(root, "av/clip-720.mp4", Range=header)
    assert response.status_code == 200 and body == BODY


def test_a_range_for_a_changed_file_gets_the_whole_file(root):
    response, body = get(
        root, "av/clip-720.mp4", Range="bytes=0-9", If_Range="Wed, 01 Jan 2020 00:00:00 GMT"
    )
    assert response.status_code == 200 and body == BODY
