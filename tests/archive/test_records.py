"""Each public version of a story makes one record: the page as served, who, when, approvals."""

import hashlib

import pytest
from django.urls import reverse

from archive.models import ArchivedPicture, ArchiveRecord
from articles import events, workflow
from articles.models import Article
from tests.articles.desk_forms import change_url, form_data
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db


def draft(**fields):
    fields.setdefault("title", "Lai Châu đón mùa chè mới")
    return make_article(status=Article.Status.PENDING, published_at=None, **fields)


def test_publish_edit_correct_take_down_unpublish_each_make_one_record(desk, committed, client):
    story = draft(body="<p>Chè Tam Đường xanh mướt.</p>")
    with committed():
        workflow.publish(story, by=desk)
    published = ArchiveRecord.objects.get()
    assert published.event == events.PUBLISHED
    assert published.status == 200
    assert published.by_name == desk.get_username()
    assert published.story_id == story.pk
    assert published.url.endswith(story.get_absolute_url())
    # The page as a reader got it then (the clock, which changes by the second, taken out).
    served = client.get(story.get_absolute_url()).content.decode()
    assert "Chè Tam Đường xanh mướt." in published.html
    assert 'id="clock"' in served and 'id="clock"' not in published.html
    assert "csrfmiddlewaretoken" not in published.html

    with committed():
        story.refresh_from_db()
        story.body = "<p>Chè Tam Đường xanh mướt, giá tăng.</p>"
        story.save()
    with committed():
        events.public_version.send(sender=Article, article=story, event=events.CORRECTED, by=desk)
    with committed():
        events.public_version.send(sender=Article, article=story, event=events.TAKEN_DOWN, by=desk)
    with committed():
        workflow.unpublish(story, by=desk)

    records = list(ArchiveRecord.objects.order_by("seq"))
    assert [record.event for record in records] == [
        events.PUBLISHED,
        events.EDITED,
        events.CORRECTED,
        events.TAKEN_DOWN,
        events.UNPUBLISHED,
    ]
    assert "giá tăng" not in records[0].html and "giá tăng" in records[1].html
    assert records[-1].status == 404 and records[-1].html == ""
    assert [record.seq for record in records] == [1, 2, 3, 4, 5]
    assert all(a.hash == b.previous_hash for a, b in zip(records, records[1:], strict=False))


def test_a_save_that_changes_nothing_readers_see_makes_no_record(desk, committed):
    story = draft()
    with committed():
        workflow.publish(story, by=desk)
    with committed():
        story.refresh_from_db()
        story.review_note = "ghi chú nội bộ"
        story.save()
    assert ArchiveRecord.objects.count() == 1


def test_tags_and_a_save_in_one_transaction_make_one_record(desk, committed):
    story = draft()
    with committed():
        workflow.publish(story, by=desk)
    with committed():
        story.refresh_from_db()
        story.title = "Lai Châu đón mùa chè mới năm nay"
        story.save()
        story.tags.add("chè", "Tam Đường")
    records = list(ArchiveRecord.objects.order_by("seq"))
    assert [record.event for record in records] == [events.PUBLISHED, events.EDITED]
    assert "Tam Đường" in records[1].html and "năm nay" in records[1].html


def test_a_draft_and_a_scheduled_story_make_no_record_until_live(desk, committed):
    from datetime import timedelta

    from django.utils import timezone

    from articles.pages import purge_when_live

    story = draft()
    later = timezone.now() + timedelta(hours=2)
    with committed():
        workflow.publish(story, by=desk, at=later)
    assert not ArchiveRecord.objects.exists()

    Article.objects.filter(pk=story.pk).update(published_at=timezone.now())
    story.refresh_from_db()
    with committed():
        assert purge_when_live.run(story.pk, story.published_at.isoformat())
    record = ArchiveRecord.objects.get()
    assert record.event == events.WENT_LIVE and record.by_name == "Hệ thống"
    # The task run again (a retry) adds nothing: the page is the one recorded.
    with committed():
        purge_when_live.run(story.pk, story.published_at.isoformat())
    assert ArchiveRecord.objects.count() == 1


def test_pictures_are_kept_by_hash_whatever_becomes_of_the_image(desk, committed):
    picture = make_image(caption="Đồi chè")
    story = draft(hero_image=picture)
    with committed():
        workflow.publish(story, by=desk)
    record = ArchiveRecord.objects.get()
    assert record.pictures and all(url in record.html for url in record.pictures)
    picture.file.delete(save=False)
    picture.delete()
    for sha in record.pictures.values():
        data = bytes(ArchivedPicture.objects.get(pk=sha).data)
        assert hashlib.sha256(data).hexdigest() == sha
        assert data[:4] == b"RIFF" or data[:2] == b"\xff\xd8"  # the WebP or JPEG shown


def test_approvals_the_story_carries_are_copied(desk, committed):
    from articles.approvals import record

    story = draft()
    record.write(story, record.Kind.SUBMITTED, by=desk)
    with committed():
        workflow.publish(story, by=desk)
    (step,) = ArchiveRecord.objects.get().approvals
    assert step["kind"] == record.Kind.SUBMITTED and step["by"] == desk.get_username()


def test_a_story_deleted_in_the_admin_keeps_its_records(admin_client, committed):
    story = make_article("Bài sẽ bị xóa")
    with committed():
        saved = admin_client.post(change_url(story), form_data(story, lead="Sapo mới."))
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert ArchiveRecord.objects.filter(story_id=story.pk).count() == 1
    with committed():
        response = admin_client.post(
            reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Article.objects.filter(pk=story.pk).exists()
    records = list(ArchiveRecord.objects.filter(story_id=story.pk).order_by("seq"))
    assert [record.event for record in records] == [events.EDITED, events.UNPUBLISHED]
    assert records[0].by_name == "admin" and "Sapo mới." in records[0].html
    assert records[1].story_title == "Bài sẽ bị xóa" and records[1].status == 404


def test_without_a_worker_catch_up_records_a_story_gone_live(desk, committed, capsys):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    first = draft(title="Bài đăng trước")
    with committed():
        workflow.publish(first, by=desk)
    story = draft()
    with committed():
        workflow.publish(story, by=desk, at=timezone.now() + timedelta(hours=1))
    assert ArchiveRecord.objects.count() == 1
    Article.objects.filter(pk=story.pk).update(published_at=timezone.now())
    call_command("archive_catch_up")
    assert "Đã ghi 1 bài" in capsys.readouterr().out
    record = ArchiveRecord.objects.get(story_id=story.pk)
    assert record.event == events.WENT_LIVE and record.status == 200
    call_command("archive_catch_up")
    assert "Đã ghi 0 bài" in capsys.readouterr().out


def test_a_take_down_is_one_record_and_a_correction_another(django_capture_on_commit_callbacks):
    from articles.corrections import steps as corrections
    from tests.desk_users import editor, editor_in_chief

    chief, desk = editor_in_chief("tbt-luu-chieu"), editor("btv-luu-chieu")
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article("Bài sẽ bị gỡ")
    before = ArchiveRecord.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        corrections.add_note(story, by=desk, note="Sửa tên xã.")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.take_down(story, by=chief, reason="Theo yêu cầu của cơ quan chức năng")
    made = ArchiveRecord.objects.order_by("seq").values_list("event", flat=True)[before:]
    assert list(made) == ["corrected", "taken_down"]
