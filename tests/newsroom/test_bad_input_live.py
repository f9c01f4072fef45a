"""The bad-input sweep against a live gunicorn (production settings) over a real socket.

What only a socket can send: a 50 MB body, broken multipart, raw bytes in the request line.
Refusals that gunicorn makes itself, before Django sees the request (a request line past its
4094-byte limit), are its own plain 400; everything else is a Vietnamese page. The server
answers normally afterwards.
"""

import socket

import pytest

from tests.harness.env import site_env
from tests.harness.ports import free_port
from tests.harness.processes import collectstatic, prepare_demo, serve
from tests.newsroom.bad_input import PATH_VALUES

MB = 1024 * 1024
# A CSRF cookie and the same token in the header, as the story page's form would carry.
CSRF = b"Cookie: csrftoken=" + b"a" * 32 + b"\r\nX-CSRFToken: " + b"a" * 32 + b"\r\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with 2 workers on SQLite and the demo paper, /media/ served as in production."""
    tmp = tmp_path_factory.mktemp("live")
    env = site_env(
        f"sqlite:///{tmp / 'db.sqlite3'}",
        tmp / "media",
        STATIC_ROOT=str(tmp / "static"),
        COMMENT_CLOSE_AFTER_DAYS="0",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    prepare_demo(env)
    collectstatic(env)
    (tmp / "media" / "images").mkdir(parents=True, exist_ok=True)
    (tmp / "media" / "images" / "trang.html").write_text("<script>alert(1)</script>")
    port = free_port()
    with serve("gunicorn", env, port, app="tests.harness.wsgi_media:application"):
        yield port


def raw(port: int, request: bytes, body_chunks=(), timeout: float = 30) -> bytes:
    """Send bytes as they are; read the whole answer (the server may stop reading early)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(request)
            for chunk in body_chunks:
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused before the whole body was read: the answer is still there
        answer = b""
        try:
            while data := sock.recv(65536):
                answer += data
        except ConnectionResetError:
            pass
        return answer


def status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def assert_vietnamese_refusal(answer: bytes, what) -> None:
    code = status(answer)
    assert 400 <= code < 500, (what, answer[:300])
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"text/html" in head, (what, head)
    assert b'lang="vi"' in body, (what, body[:300])


def get(port, target: bytes, method: bytes = b"GET") -> bytes:
    return raw(
        port, method + b" " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )


def assert_responsive(port) -> None:
    assert status(get(port, b"/")) == 200


def test_fifty_megabyte_form_body_is_refused_with_a_vietnamese_413(server):
    chunk = b"x" * MB
    head = (
        b"POST /binh-luan/gui/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + CSRF
        + b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: " + str(50 * MB + 5).encode() + b"\r\n\r\nbody="
    )
    answer = raw(server, head, [chunk] * 50)
    assert status(answer) == 413
    assert "Nội dung gửi lên quá lớn".encode() in answer
    assert_responsive(server)


def test_fifty_megabyte_multipart_upload_is_refused(server):
    boundary = b"ranh-gioi"
    start = (
        b"--" + boundary + b'\r\nContent-Disposition: form-data; name="file"; '
        b'filename="lon.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
    )
    end = b"\r\n--" + boundary + b"--\r\n"
    length = len(start) + 50 * MB + len(end)
    head = (
        b"POST /binh-luan/gui/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + CSRF
        + b"Content-Type: multipart/form-data; boundary="
        + boundary
        + b"\r\n"
        b"Content-Length: " + str(length).encode() + b"\r\n\r\n"
    )
    answer = raw(server, head + start, [b"\xff" * MB] * 50 + [end], timeout=120)
    assert_vietnamese_refusal(answer, "50 MB multipart")
    assert_responsive(server)


@pytest.mark.parametrize(
    "content_type, body",
    [
        (b"multipart/form-data; boundary=abc", b"--abc\r\nContent-Disposition: form-data\r\n\r\n"),
        (b"multipart/form-data; boundary=abc", b"--abc\r\n\xff\xfe\x00\r\n--abc--"),
        (b"multipart/form-data", b"--abc\r\n\r\n"),
        (b'multipart/form-data; boundary="', b"x"),
        (b"application/x-www-form-urlencoded", b"name=\xff\xfe%00&body=\x00\x00"),
    ],
)
def test_malformed_bodies_are_refused_in_vietnamese(server, content_type, body):
    for url in [b"/binh-luan/gui/", b"/admin/login/"]:
        head = (
            b"POST "
            + url
            + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + CSRF
            + b"Content-Type: "
            + content_type
            + b"\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
        )
        answer = raw(server, head + body)
        if url == b"/admin/login/" and status(answer) == 200:
            continue  # read as an empty login form and shown again with its errors
        assert_vietnamese_refusal(answer, (url, content_type))
    assert_responsive(server)


@pytest.mark.parametrize(
    "target",
    [
        b"/bai-viet/%FF%FE-1/",
        b"/chuyen-muc/%C3%28/",
        b"/tim-kiem/?q=%FF%FE&page=%FF",
        b"/%FF%FE%00/",
        b"/binh-luan/%00/tra-loi/",
        b"/tim-kiem/?page=99999999999999999999999999&q=%00",
        *(b"/binh-luan/" + value.encode() + b"/tra-loi/" for value in PATH_VALUES[:5]),
    ],
)
def test_raw_bytes_and_nul_in_the_request_line(server, target):
    answer = get(server, target)
    code = status(answer)
    assert code < 500, (target, answer[:300])
    if code >= 400:
        assert_vietnamese_refusal(answer, target)


@pytest.mark.parametrize(
    "target",
    [
        b"/media/../newsroom/settings.py",
        b"/media/..%2f..%2fnewsroom%2fsettings.py",
        b"/media/%2e%2e/%2e%2e/newsroom/settings.py",
        b"/media/images/..%5c..%5c..%5cnewsroom%5csettings.py",
        b"/static/../../newsroom/settings.py",
        b"/static/..%2f..%2fmanage.py",
        b"/static/%2e%2e/%2e%2e/manage.py",
        b"/media/%00",
    ],
)
def test_path_traversal_in_media_and_static_finds_nothing(server, target):
    answer = get(server, target)
    assert b"SECRET_KEY" not in answer and b"django" not in answer.lower().split(b"\r\n\r\n")[-1]
    assert status(answer) in {400, 404}, (target, answer[:300])
    assert_vietnamese_refusal(answer, target)


def test_uploaded_html_is_a_sandboxed_download(server):
    head, _, _ = get(server, b"/media/images/trang.html").partition(b"\r\n\r\n")
    assert b"200 OK" in head.split(b"\r\n")[0]
    headers = head.lower()
    assert b"content-type: application/octet-stream" in headers
    assert b"content-disposition: attachment" in headers
    assert b"x-content-type-options: nosniff" in headers
    assert b"sandbox" in headers


@pytest.mark.parametrize("method", [b"PUT", b"DELETE", b"PATCH", b"TRACE"])
def test_unexpected_methods_on_pages(server, method):
    for target in [b"/", b"/tim-kiem/", b"/binh-luan/gui/"]:
        answer = get(server, target, method)
        assert status(answer) in {403, 405}, (method, target, answer[:200])
        assert_vietnamese_refusal(answer, (method, target))


def test_request_line_past_gunicorns_limit_is_refused_and_the_server_goes_on(server):
    answer = get(server, b"/tim-kiem/?q=" + b"a" * 10_000)
    assert status(answer) == 414  # gunicorn's own answer: Django never sees this request
    assert_responsive(server)


@pytest.mark.parametrize(
    "target", [b"/bai-viet/\xff\xfe-1/", b"/chuyen-muc/\xc3\x28/", b"/tim-kiem/?q=\xff&page=\xff"]
)
def test_raw_bytes_that_are_not_ascii_in_the_request_line_are_refused_by_gunicorn(server, target):
    # A browser percent-encodes these (the cases above); gunicorn refuses the raw bytes itself.
    assert status(get(server, target)) == 400
    assert_responsive(server)
