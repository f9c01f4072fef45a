"""Uploaded files as served from /media/: pictures, video, sound and captions with their own
type, nothing else as a page.

Uploads are checked to be pictures (articles.uploads) or video and sound (multimedia.probe);
renditions are WebP, JPEG or PNG, MP4 and MP3, captions WebVTT. Should any other file ever land
in MEDIA_ROOT, it is sent as a download, never as HTML or script, and every media response
forbids type sniffing and sandboxes itself. Byte ranges are answered (206), so a video seeks.
In production the reverse proxy serving /media/ sends the same headers (see the README).
"""

import re
from pathlib import PurePosixPath

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.views import static

PICTURE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".gif": "image/gif",
}
# What the players play (templates/multimedia/player.html), shown inline too.
PLAYER_TYPES = {
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt; charset=utf-8",
}
INLINE_TYPES = {**PICTURE_TYPES, **PLAYER_TYPES}
DOWNLOAD_TYPE = "application/octet-stream"
# Names never change once stored (a new upload is a new name): browsers keep them 30 days.
CACHE_CONTROL = "public, max-age=2592000"
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# A document opened from /media/ may not run script, load anything or be framed.
MEDIA_POLICY = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"


def media_headers(path: str) -> dict[str, str]:
    """The headers that make the file at `path` safe to send to a browser."""
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": MEDIA_POLICY,
    }
    content_type = INLINE_TYPES.get(PurePosixPath(path.lower()).suffix)
    if content_type:
        headers["Content-Type"] = content_type
    else:
        headers["Content-Type"] = DOWNLOAD_TYPE
        headers["Content-Disposition"] = "attachment"
    return headers


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) byte of a one-range `Range` header; None to send the whole file.

    ValueError for a range that lies past the end of the file (416). A header we do not
    read (several ranges, another unit) is ignored, as HTTP allows.
    """
    match = RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            raise ValueError(header)
        return max(0, size - length), size - 1
    first = int(first)
    last = min(int(last), size - 1) if last else size - 1
    if first >= size or last < first:
        raise ValueError(header)
    return first, last


def partial(response: FileResponse, header: str) -> HttpResponse:
    """`response` (the whole file) cut to the range asked: 206, or 416 past the end."""
    size = int(response["Content-Length"])
    try:
        wanted = byte_range(header, size)
    except ValueError:
        response.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    if wanted is None:
        return response
    first, last = wanted
    handle = response.file_to_stream
    handle.seek(first)
    left = last - first + 1

    def chunks(block: int = 64 * 1024):
        nonlocal left
        try:
            while left > 0:
                data = handle.read(min(block, left))
                if not data:
                    return
                left -= len(data)
                yield data
        finally:
            handle.close()

    cut = StreamingHttpResponse(chunks(), status=206)
    cut["Content-Length"] = str(last - first + 1)
    cut["Content-Range"] = f"bytes {first}-{last}/{size}"
    if response.has_header("Last-Modified"):
        cut["Last-Modified"] = response["Last-Modified"]
    return cut


def serve(request, path, document_root=None):
    """Django's development file server (DEBUG), with media_headers and byte ranges."""
    response = static.serve(request, path, document_root=document_root)
    if response.status_code == 200:
        header = request.headers.get("Range", "")
        if_range = request.headers.get("If-Range")
        if header and (if_range is None or if_range == response.get("Last-Modified")):
            response = partial(response, header)
        response["Accept-Ranges"] = "bytes"
        for name, value in media_headers(path).items():
            response[name] = value
        if response.status_code != 416:
            response["Cache-Control"] = CACHE_CONTROL
    return response


def add_whitenoise_headers(headers, path: str, url: str) -> None:
    """WhiteNoise's `add_headers_function` (tests/harness/wsgi_media.py)."""
    for name, value in media_headers(url).items():
        headers[name] = value
