"""The shipped nginx site serves /media/ as the README says: pictures as pictures, the rest as
downloads, with nosniff and a sandboxing Content-Security-Policy.

The site's own `/media/` block runs in Debian's nginx on loopback (`apt-get install
nginx-light`); without nginx only the configuration is read.
"""

import re
import shutil
import subprocess
import tempfile
from http.client import HTTPConnection
from pathlib import Path

import pytest

from tests.harness.env import ROOT
from tests.harness.ports import ports
from tests.harness.processes import wait_until

CONFIG = ROOT / "deploy" / "nginx" / "newsroom.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
SANDBOX = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"


def media_block() -> str:
    return re.search(r"location /media/ \{.*?\n    \}", CONFIG.read_text(), re.S).group(0)


def test_the_media_block_sets_the_headers_and_types_the_readme_requires():
    block = media_block()
    assert "default_type application/octet-stream;" in block
    assert "add_header X-Content-Type-Options nosniff always;" in block
    assert f'add_header Content-Security-Policy "{SANDBOX}" always;' in block
    for extension in ("jpg", "jpeg", "png", "webp", "avif", "gif"):
        assert re.search(rf"image/\w+ [^;]*\b{extension}\b", block), extension


@pytest.fixture
def nginx():
    if NGINX is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    work = Path(tempfile.mkdtemp(prefix="newsroom-nginx-"))
    work.chmod(0o755)  # nginx's workers run as www-data
    media = work / "media"
    media.mkdir()
    (media / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (media / "trang.html").write_text("<script>alert(1)</script>")
    (media / "ban-do.svg").write_text("<svg><script>alert(1)</script></svg>")
    for path in (media, *media.iterdir()):
        path.chmod(0o755 if path.is_dir() else 0o644)
    port = ports(1)[0]
    block = media_block().replace("/srv/newsroom/media/", f"{media}/")
    (work / "nginx.conf").write_text(
        f"pid {work}/nginx.pid; error_log {work}/error.log; daemon off;\n"
        "events {}\n"
        f"http {{ access_log off; client_body_temp_path {work}/body;\n"
        f"  server {{ listen 127.0.0.1:{port}; {block} }} }}\n"
    )
    process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf")])
    try:
        wait_until(lambda: fetch(port, "/media/anh.png") is not None, timeout=20, what="nginx")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def fetch(port: int, path: str):
    connection = HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response
    except OSError:
        return None
    finally:
        connection.close()


def test_nginx_serves_pictures_as_pictures_and_the_rest_as_sandboxed_downloads(nginx):
    picture = fetch(nginx, "/media/anh.png")
    assert picture.status == 200
    assert picture.getheader("Content-Type") == "image/png"
    for path in ("/media/trang.html", "/media/ban-do.svg"):
        other = fetch(nginx, path)
        assert other.status == 200
        assert other.getheader("Content-Type") == "application/octet-stream", path
    for path in ("/media/anh.png", "/media/trang.html", "/media/khong-co.png"):
        answer = fetch(nginx, path)
        assert answer.getheader("X-Content-Type-Options") == "nosniff", path
        assert answer.getheader("Content-Security-Policy") == SANDBOX, path
