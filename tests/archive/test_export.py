"""The WARC export, read back with warcio's own ArchiveIterator: every page and picture."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from warcio.archiveiterator import ArchiveIterator

from archive.models import ArchiveRecord
from articles import workflow
from articles.models import Article
from newsroom.vietnamese import vietnam_time
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db


def test_the_export_holds_every_page_and_picture(desk, committed, tmp_path, capsys):
    story = make_article(
        "Mùa lúa Mường Tè",
        status=Article.Status.PENDING,
        published_at=None,
        hero_image=make_image(),
    )
    with committed():
        workflow.publish(story, by=desk)
    with committed():
        workflow.unpublish(story, by=desk)
    records = list(ArchiveRecord.objects.order_by("seq"))
    today = vietnam_time(timezone.now()).date()
    out = tmp_path / "luu-chieu.warc.gz"
    call_command("archive_export", "--from", str(today), "--to", str(today), str(out))
    assert "2 trang" in capsys.readouterr().out

    pages, pictures = [], {}
    with open(out, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read()
            if record.http_headers.get_header("Content-Type").startswith("text/html"):
                status = record.http_headers.get_statuscode()
                pages.append((uri, status, record.rec_headers.get_header("WARC-Date"), body))
            else:
                pictures[uri] = body
    assert [(uri, status) for uri, status, _, _ in pages] == [
        (records[0].url, "200"),
        (records[1].url, "404"),
    ]
    assert pages[0][3].decode() == records[0].html
    assert pages[0][2].startswith(records[0].at.strftime("%Y-%m-%dT%H:%M:%S"))
    assert len(pictures) == len(records[0].pictures) > 0
    assert all(uri.endswith(tuple(records[0].pictures)) for uri in pictures)


def test_days_outside_the_range_are_left_out(desk, committed, tmp_path, capsys):
    story = make_article("Bài hôm nay", status=Article.Status.PENDING, published_at=None)
    with committed():
        workflow.publish(story, by=desk)
    yesterday = vietnam_time(timezone.now()).date() - timedelta(days=1)
    out = tmp_path / "out.warc.gz"
    call_command("archive_export", "--from", str(yesterday), "--to", str(yesterday), str(out))
    assert "0 trang" in capsys.readouterr().out
    assert all(r.rec_type == "warcinfo" for r in ArchiveIterator(BytesIO(out.read_bytes())))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "03/12/2026", "--to", "2026-12-03"], "không phải một ngày"),
        (["--from", "2026-12-04", "--to", "2026-12-03"], "--to phải từ ngày --from"),
    ],
)
def test_bad_days_are_refused_in_vietnamese(args, message, tmp_path):
    with pytest.raises(CommandError, match=message):
        call_command("archive_export", *args, str(tmp_path / "x.warc.gz"))
