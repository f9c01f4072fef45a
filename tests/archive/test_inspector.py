"""The inspector (Thanh tra) reads the archive; the desk without the role gets 403."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.models import ArchiveRecord
from articles import events, workflow
from articles.models import Article
from newsroom.roles import INSPECTOR
from newsroom.vietnamese import vietnam_time
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived(desk, committed):
    """A story published with a picture, then edited: two records."""
    story = make_article(
        "Chợ phiên Sìn Hồ",
        status=Article.Status.PENDING,
        published_at=None,
        hero_image=make_image(),
        body="<p>Chợ họp sáng Chủ nhật.</p>",
    )
    with committed():
        workflow.publish(story, by=desk)
    # Saved outside a revision (a command, say): who acts is told through events.acting.
    with committed(), events.acting(desk):
        story.refresh_from_db()
        story.body = "<p>Chợ họp sáng thứ bảy và Chủ nhật.</p>"
        story.save()
    first, second = ArchiveRecord.objects.order_by("seq")
    # The first version was in force an hour earlier than the second.
    ArchiveRecord.objects.filter(pk=first.pk).update(at=second.at - timedelta(hours=1))
    first.refresh_from_db()
    return story, first, second


def minute(moment) -> dict:
    local = vietnam_time(moment)
    return {"day": local.strftime("%Y-%m-%d"), "time": local.strftime("%H:%M")}


def test_createstaff_makes_an_inspector(capsys, monkeypatch):
    from django.contrib.auth import get_user_model

    from articles.management.commands.createstaff import PASSWORD_VARIABLE

    monkeypatch.setenv(PASSWORD_VARIABLE, "Mat-khau-rat-dai-12345")
    call_command("createstaff", "thanhtra2", "--role", "thanh-tra", "--password-from-env")
    assert "Thanh tra" in capsys.readouterr().out
    user = get_user_model().objects.get(username="thanhtra2")
    assert list(user.groups.values_list("name", flat=True)) == [INSPECTOR]
    assert user.has_perm("archive.view_archiverecord") and user.has_perm("articles.view_article")
    assert not user.has_perm("articles.change_article")
    assert user.is_staff


def test_the_inspector_sees_a_storys_records(
    inspector_client, archived, django_assert_max_num_queries
):
    story, first, second = archived
    with django_assert_max_num_queries(8):
        response = inspector_client.get(reverse("archive:story", args=[story.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chợ phiên Sìn Hồ" in page and "Xuất bản" in page and "Sửa khi đang đăng" in page
    assert page.count("bientap") == 2
    # Vietnam's time, not UTC.
    assert vietnam_time(first.at).strftime("%d/%m/%Y %H:%M") in page


def test_the_inspector_sees_the_admin_list(
    inspector_client, archived, django_assert_max_num_queries
):
    story, _, _ = archived
    url = reverse("admin:archive_archiverecord_changelist")
    with django_assert_max_num_queries(10):
        response = inspector_client.get(url, {"q": str(story.pk)})
    assert response.status_code == 200
    assert "Chợ phiên Sìn Hồ" in response.content.decode()
    assert inspector_client.get(url, {"q": "chợ"}).status_code == 200
    one = reverse("admin:archive_archiverecord_change", args=[story_record(story).pk])
    with django_assert_max_num_queries(10):
        detail = inspector_client.get(one)
    assert detail.status_code == 200 and "Xem" in detail.content.decode()


def story_record(story):
    return ArchiveRecord.objects.filter(story_id=story.pk).first()


def test_the_page_as_it_was_at_a_minute(inspector_client, archived, django_assert_max_num_queries):
    story, first, second = archived
    with django_assert_max_num_queries(6):
        response = inspector_client.get(
            reverse("archive:index"), {"story": story.pk, **minute(first.at + timedelta(minutes=5))}
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "BẢN LƯU CHIỂU" in page and f"bản ghi #{first.pk}" in page
    assert "Chợ họp sáng Chủ nhật." in page and "thứ bảy" not in page
    # Pictures from the archive's store, never live media.
    assert "/media/" not in page and reverse("archive:picture", args=["x"])[:-2] in page
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert "attachment" not in response.get("Content-Disposition", "")

    later = inspector_client.get(reverse("archive:index"), {"story": story.pk, **minute(second.at)})
    assert "thứ bảy và Chủ nhật" in later.content.decode()


def test_an_archived_picture_is_served_to_the_inspector(inspector_client, client, archived):
    _, first, _ = archived
    sha = next(iter(first.pictures.values()))
    response = inspector_client.get(reverse("archive:picture", args=[sha]))
    assert response.status_code == 200 and response["Content-Type"].startswith("image/")


def test_before_the_first_record_and_bad_input_say_so(inspector_client, archived):
    story, first, _ = archived
    before = inspector_client.get(
        reverse("archive:index"), {"story": story.pk, **minute(first.at - timedelta(hours=3))}
    )
    assert before.status_code == 400
    assert "không có bản lưu nào tới" in before.content.decode()
    for query in ({"story": "abc"}, {"story": story.pk, "day": "03/12/2026", "time": "25:00"}):
        response = inspector_client.get(reverse("archive:index"), query)
        assert response.status_code == 400
        assert (
            "không đúng" in response.content.decode()
            or "phải là một số" in response.content.decode()
        )


def test_the_desk_without_the_role_gets_403(client, desk, reporter, archived):
    story, first, _ = archived
    urls = [
        reverse("archive:index"),
        reverse("archive:story", args=[story.pk]),
        reverse("archive:record", args=[first.pk]),
        reverse("archive:picture", args=[next(iter(first.pictures.values()))]),
    ]
    for user in (desk, reporter):
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [403] * 4
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the staff login


def test_the_story_page_costs_the_same_with_the_archive(
    client, archived, django_assert_num_queries
):
    """A reader's view makes no record (one per public change, never per page view)."""
    story, _, _ = archived
    count = ArchiveRecord.objects.count()
    for _ in range(3):
        client.get(story.get_absolute_url())
    assert ArchiveRecord.objects.count() == count


def test_a_minute_after_unpublishing_shows_the_story_was_not_on_the_site(
    inspector_client, archived, desk, committed
):
    story, _, _ = archived
    with committed():
        story.refresh_from_db()
        workflow.unpublish(story, by=desk)
    gone = ArchiveRecord.objects.order_by("seq").last()
    response = inspector_client.get(
        reverse("archive:index"), {"story": story.pk, **minute(gone.at)}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gỡ khỏi trang" in page and "bạn đọc không xem được bài (mã trả lời 404)" in page
