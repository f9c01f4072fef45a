"""The archive as a WARC file (ISO 28500), for the Ministry or any standard tool to replay.

Each record is a `response` record: the story's address as WARC-Target-URI, the time it was
served as WARC-Date, the HTTP status and the stored page. Each picture the pages show is a
`response` record at its own address (the first time it appears in the file), so a replay
tool shows the pages with their pictures as readers saw them.
"""

from datetime import date, datetime, time, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.http import http_date
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsroom import site_url

from .models import ArchivedPicture, ArchiveRecord

REASONS = {200: "OK", 404: "Not Found", 410: "Gone"}


def vietnam_days(first: date, last: date) -> tuple[datetime, datetime]:
    """From the start of `first` to the end of `last`, Vietnam's days, as aware moments."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.combine(first, time.min, zone),
        datetime.combine(last + timedelta(days=1), time.min, zone),
    )


def _warc_date(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _response(writer, uri, moment, status, content_type, payload: bytes):
    headers = StatusAndHeaders(
        f"{status} {REASONS.get(status, 'OK')}",
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(payload))),
            ("Date", http_date(moment.timestamp())),
        ],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        uri,
        "response",
        payload=BytesIO(payload),
        length=len(payload),  # known, so warcio keeps no temporary copy to measure it
        http_headers=headers,
        warc_headers_dict={"WARC-Date": _warc_date(moment)},
    )
    writer.write_record(record)


def export(out, first: date, last: date) -> tuple[int, int]:
    """Write the records made in Vietnam's days `first`..`last` to the binary file `out`;
    (pages, pictures) written."""
    start, end = vietnam_days(first, last)
    writer = WARCWriter(out, gzip=True)
    info = writer.create_warcinfo_record(
        "luu-chieu.warc.gz",
        {
            "software": "Newsroom (archive/export.py)",
            "description": f"Sổ lưu chiểu {settings.SITE_NAME}, {first} – {last} (giờ Việt Nam)",
        },
    )
    writer.write_record(info)
    records = ArchiveRecord.objects.filter(at__gte=start, at__lt=end).order_by("seq")
    pages, written = 0, set()
    for record in records.iterator(chunk_size=100):
        _response(
            writer,
            record.url,
            record.at,
            record.status,
            "text/html; charset=utf-8",
            record.html.encode(),
        )
        pages += 1
        for url, sha in record.pictures.items():
            absolute = site_url.absolute(url)
            if (absolute, sha) in written:
                continue
            picture = ArchivedPicture.objects.filter(pk=sha).first()
            if picture is None:
                continue
            _response(writer, absolute, record.at, 200, picture.content_type, bytes(picture.data))
            written.add((absolute, sha))
    return pages, len(written)
