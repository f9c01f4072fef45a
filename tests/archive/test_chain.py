"""The chain: archive_verify passes on a whole archive and names the first record tampered with."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from archive import chain
from archive.models import ArchiveRecord, RecordKept, months_before
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def three_records():
    return [
        chain.append(
            story_id=story.pk,
            story_title=story.title,
            url=f"http://testserver{story.get_absolute_url()}",
            event="published",
            at=timezone.now(),
            by_name="Biên tập",
            status=200,
            html=f"<html><body><h1>{story.title}</h1></body></html>",
        )
        for story in (make_article(f"Bài {n}") for n in range(3))
    ]


def verify_output(capsys) -> str:
    call_command("archive_verify")
    return capsys.readouterr().out


def test_a_whole_chain_verifies(capsys):
    three_records()
    assert "nguyên vẹn: 3 bản ghi" in verify_output(capsys)


def refused(capsys) -> str:
    with pytest.raises(CommandError) as error:
        call_command("archive_verify")
    return str(error.value)


def test_one_changed_byte_is_named(capsys):
    records = three_records()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE archive_archiverecord SET html = REPLACE(html, 'Bài 1', 'Bài 7') WHERE id = %s",
            [records[1].pk],
        )
    message = refused(capsys)
    assert f"Bản ghi #{records[1].pk}: nội dung đã bị thay đổi" in message


def test_a_deleted_record_is_named_by_the_one_after_it(capsys):
    records = three_records()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_archiverecord WHERE id = %s", [records[1].pk])
    assert f"Bản ghi #{records[2].pk}" in refused(capsys)


def test_the_last_record_deleted_is_caught_by_the_head(capsys):
    records = three_records()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_archiverecord WHERE id = %s", [records[2].pk])
    assert f"sau bản ghi #{records[1].pk}" in refused(capsys)


def test_two_records_swapped_are_caught(capsys):
    records = three_records()
    with connection.cursor() as cursor:
        # Swap the places of the first two (their contents and hashes untouched).
        cursor.execute("UPDATE archive_archiverecord SET seq = 100 WHERE id = %s", [records[0].pk])
        cursor.execute("UPDATE archive_archiverecord SET seq = 1 WHERE id = %s", [records[1].pk])
        cursor.execute("UPDATE archive_archiverecord SET seq = 2 WHERE id = %s", [records[0].pk])
    assert f"Bản ghi #{records[1].pk}" in refused(capsys)


def test_the_command_exits_non_zero_without_a_traceback(capsys):
    # As `manage.py archive_verify` runs it: CommandError is exit 1, its message, no traceback.
    from django.core.management import ManagementUtility

    records = three_records()
    ArchiveRecord.objects.filter(pk=records[0].pk).update(by_name="Người khác")
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["manage.py", "archive_verify"]).execute()
    err = capsys.readouterr().err
    assert exit_.value.code == 1
    assert "Traceback" not in err and f"Bản ghi #{records[0].pk}" in err


def test_a_young_record_cannot_be_deleted_in_code():
    (record, *_) = three_records()
    with pytest.raises(RecordKept, match="chưa đủ 12 tháng"):
        record.delete()
    with pytest.raises(RecordKept, match="3 bản lưu chiểu"):
        ArchiveRecord.objects.all().delete()
    assert ArchiveRecord.objects.count() == 3


def test_an_old_record_is_not_refused(settings):
    (record, *_) = three_records()
    ArchiveRecord.objects.filter(pk=record.pk).update(at=timezone.now() - timedelta(days=400))
    ArchiveRecord.objects.get(pk=record.pk).delete()
    assert ArchiveRecord.objects.count() == 2


def test_the_keeping_period_counts_calendar_months():
    moment = timezone.now().replace(year=2026, month=3, day=31)
    assert months_before(moment, 1).date().isoformat() == "2026-02-28"
    assert months_before(moment, 12).date().isoformat() == "2025-03-31"


def test_the_admin_offers_no_delete_even_to_a_superuser(admin_client):
    (record, *_) = three_records()
    changelist = admin_client.get(reverse("admin:archive_archiverecord_changelist"))
    assert changelist.status_code == 200
    assert "delete_selected" not in changelist.content.decode()
    delete_url = reverse("admin:archive_archiverecord_delete", args=[record.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert ArchiveRecord.objects.count() == 3


def test_archived_pictures_are_never_deleted():
    from archive.models import ArchivedPicture

    picture = ArchivedPicture.objects.create(sha256="a" * 64, data=b"x", content_type="image/png")
    with pytest.raises(RecordKept):
        picture.delete()
    with pytest.raises(RecordKept):
        ArchivedPicture.objects.all().delete()
    assert ArchivedPicture.objects.count() == 1
