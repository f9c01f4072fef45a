"""The entries' steps: who posts, what shows at once, what waits, what each edit keeps."""

import pytest
from django.core.exceptions import PermissionDenied

from archive.models import ArchiveRecord
from articles.live import entries
from articles.live.entries import EntryError
from articles.models import LiveCoverage, LiveEntry, Person
from tests.articles.live.helpers import live_story, post
from tests.desk_users import editor, journalist, moderator

pytestmark = pytest.mark.django_db
State = LiveEntry.State


def test_editor_entry_shows_at_once_and_starts_the_coverage():
    story = live_story()
    entry = post(story, editor(), "Khai mạc kỳ họp lúc 8 giờ.\n\nChủ tọa phát biểu.")
    assert entry.state == State.SHOWN
    assert entry.body == "<p>Khai mạc kỳ họp lúc 8 giờ.</p><p>Chủ tọa phát biểu.</p>"
    assert LiveCoverage.objects.get(article=story).started_at is not None


def test_entry_is_signed_with_the_pen_name_of_the_accounts_person():
    writer = editor(first_name="Ngọc", last_name="Lan")
    assert post(live_story(), writer).author_name == "Ngọc Lan"
    Person.objects.create(name="Nguyễn Thị Ngọc Lan", pen_name="Ngọc Lan LC", user=writer)
    assert post(live_story(), writer).author_name == "Ngọc Lan LC"


def test_reporters_entry_waits_for_an_editors_approval():
    story = live_story()
    reporter = journalist()
    story.author = reporter
    story.save()
    entry = post(story, reporter)
    assert entry.state == State.WAITING
    with pytest.raises(PermissionDenied):
        entries.approve(entry, by=reporter)
    entries.approve(entry, by=editor())
    entry.refresh_from_db()
    assert entry.state == State.SHOWN and entry.approved_by is not None


def test_setting_makes_every_entry_wait_even_an_editors(settings):
    settings.LIVE_ENTRIES_NEED_APPROVAL = True
    assert post(live_story(), editor()).state == State.WAITING


def test_nobody_but_the_desk_posts():
    story = live_story()
    for outsider in (journalist("khac"), moderator()):
        with pytest.raises(PermissionDenied):
            post(story, outsider)
    assert not LiveEntry.objects.exists()


def test_a_story_of_another_kind_takes_no_entries():
    story = live_story(kind="text")
    with pytest.raises(EntryError):
        post(story, editor())


def test_body_is_cleaned_and_a_link_alone_on_a_line_is_its_own_paragraph():
    desk = editor()
    entry = post(
        live_story(),
        desk,
        "Xem video:\nhttps://www.youtube.com/watch?v=abc\n<script>alert(1)</script>",
    )
    assert "<script" not in entry.body
    assert (
        '<p><a href="https://www.youtube.com/watch?v=abc">https://www.youtube.com/watch?v=abc</a></p>'
        in entry.body
    )
    html = post(live_story(), desk, '<p onclick="x()">Ảnh <img src="/m/a.jpg" alt="A"></p>')
    assert html.body == '<p>Ảnh <img src="/m/a.jpg" alt="A"></p>'


def test_empty_entry_is_refused_in_vietnamese():
    with pytest.raises(EntryError, match="trống"):
        post(live_story(), editor(), "   ")


def test_each_edit_and_the_withdrawal_are_kept_as_versions():
    desk = editor()
    entry = post(live_story(), desk, "Bản đầu.")
    entries.edit(entry, by=desk, body="Bản sửa.", headline="Tin mới")
    entries.withdraw(entry, by=desk)
    versions = list(entry.versions.values_list("number", "action", "body", "state"))
    assert versions == [
        (1, "posted", "<p>Bản đầu.</p>", "shown"),
        (2, "edited", "<p>Bản sửa.</p>", "shown"),
        (3, "withdrawn", "<p>Bản sửa.</p>", "withdrawn"),
    ]


def test_only_one_entry_is_pinned():
    desk = editor()
    story = live_story()
    first, second = post(story, desk), post(story, desk)
    entries.set_pinned(first, True, by=desk)
    entries.set_pinned(second, True, by=desk)
    assert list(LiveEntry.objects.filter(pinned=True)) == [second]


def test_no_entry_once_the_coverage_has_ended():
    desk = editor()
    story = live_story()
    entries.end(story, by=desk)
    with pytest.raises(EntryError, match="kết thúc"):
        post(story, desk)


@pytest.mark.django_db(transaction=True)
def test_archive_records_the_page_after_a_post_an_edit_and_a_withdrawal():
    desk = editor()
    story = live_story()
    entry = post(story, desk, "Bản đầu.")
    entries.edit(entry, by=desk, body="Bản sửa.")
    entries.withdraw(entry, by=desk)
    published, *pages = ArchiveRecord.objects.filter(story_id=story.pk).order_by("seq")
    assert published.event == "published" and len(pages) == 3
    assert "Bản đầu." in pages[0].html
    assert "Bản sửa." in pages[1].html and "Bản đầu." not in pages[1].html
    assert "Bản sửa." not in pages[2].html
