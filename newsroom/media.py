"""Uploaded files as served from /media/: pictures with their own type, nothing else as a page.

Uploads are checked to be pictures (articles.uploads), and renditions are WebP, JPEG or PNG.
Should any other file ever land in MEDIA_ROOT, it is sent as a download, never as HTML or
script, and every media response forbids type sniffing and sandboxes itself. In production
the reverse proxy serving /media/ sends the same headers (see the README).
"""

from pathlib import PurePosixPath

from django.views import static

PICTURE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".gif": "image/gif",
}
DOWNLOAD_TYPE = "application/octet-stream"
# A document opened from /media/ may not run script, load anything or be framed.
MEDIA_POLICY = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"


def media_headers(path: str) -> dict[str, str]:
    """The headers that make the file at `path` safe to send to a browser."""
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": MEDIA_POLICY,
    }
    content_type = PICTURE_TYPES.get(PurePosixPath(path.lower()).suffix)
    if content_type:
        headers["Content-Type"] = content_type
    else:
        headers["Content-Type"] = DOWNLOAD_TYPE
        headers["Content-Disposition"] = "attachment"
    return headers


def serve(request, path, document_root=None):
    """Django's development file server (DEBUG), with media_headers on every file."""
    response = static.serve(request, path, document_root=document_root)
    if response.status_code == 200:
        for name, value in media_headers(path).items():
            response[name] = value
    return response


def add_whitenoise_headers(headers, path: str, url: str) -> None:
    """WhiteNoise's `add_headers_function` (tests/harness/wsgi_media.py)."""
    for name, value in media_headers(url).items():
        headers[name] = value
