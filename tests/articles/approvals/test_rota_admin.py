"""The duty rota (Lịch trực ban): the editor-in-chief's, in Vietnam's time, never overlapping."""

from datetime import UTC, datetime

import pytest
import time_machine

from articles.models import DutyShift
from tests.articles.approvals.people import chief, logged_in, managing_editor, section_head
from tests.desk_users import editor

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/dutyshift/"
ADD_URL = f"{LIST_URL}add/"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def shift_form(user, starts: str, ends: str, note: str = "") -> dict:
    """The rota form as typed: "03/12/2026 08:00", Vietnam's time."""
    (starts_day, starts_time), (ends_day, ends_time) = starts.split(), ends.split()
    return {
        "user": str(user.pk),
        "starts_at_0": starts_day,
        "starts_at_1": starts_time,
        "ends_at_0": ends_day,
        "ends_at_1": ends_time,
        "note": note,
    }


def test_a_shift_is_typed_and_shown_in_vietnams_time():
    boss = chief(first_name="Hà", last_name="Nguyễn")
    client = logged_in(boss)
    form = shift_form(boss, "03/12/2026 08:00", "03/12/2026 20:00", "ca ngày")
    response = client.post(ADD_URL, form)
    assert response.status_code == 302, response.content.decode()
    shift = DutyShift.objects.get()
    assert (shift.starts_at, shift.ends_at) == (utc(2026, 12, 3, 1), utc(2026, 12, 3, 13))
    with time_machine.travel(utc(2026, 12, 3, 5), tick=False):
        html = client.get(LIST_URL).content.decode()
    assert "03/12/2026 08:00" in html and "03/12/2026 20:00" in html
    assert "đang trực" in html and "ca ngày" in html


def test_only_the_shift_covering_now_is_on_duty():
    boss = chief()
    DutyShift.objects.create(user=boss, starts_at=utc(2026, 12, 3, 1), ends_at=utc(2026, 12, 3, 13))
    client = logged_in(boss)
    with time_machine.travel(utc(2026, 12, 3, 14), tick=False):
        assert "đang trực" not in client.get(LIST_URL).content.decode()


def test_an_overlapping_shift_is_refused_naming_the_other_one():
    boss = chief()
    deputy = managing_editor(first_name="Minh", last_name="Trần")
    DutyShift.objects.create(
        user=deputy, starts_at=utc(2026, 12, 3, 1), ends_at=utc(2026, 12, 3, 13)
    )
    form = shift_form(boss, "03/12/2026 19:00", "04/12/2026 07:00")
    response = logged_in(boss).post(ADD_URL, form)
    assert response.status_code == 200
    assert (
        "Ca này trùng với ca trực của Minh Trần: 03/12/2026 08:00 – 03/12/2026 20:00."
        in response.content.decode()
    )
    assert DutyShift.objects.count() == 1


def test_a_shift_may_start_as_the_last_one_ends_and_be_edited_in_place():
    boss = chief()
    client = logged_in(boss)
    earlier = DutyShift.objects.create(
        user=boss, starts_at=utc(2026, 12, 3, 1), ends_at=utc(2026, 12, 3, 13)
    )
    response = client.post(ADD_URL, shift_form(boss, "03/12/2026 20:00", "04/12/2026 08:00"))
    assert response.status_code == 302, response.content.decode()
    form = shift_form(boss, "03/12/2026 07:00", "03/12/2026 20:00", "sớm hơn")
    response = client.post(f"{LIST_URL}{earlier.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()
    earlier.refresh_from_db()
    assert earlier.starts_at == utc(2026, 12, 3, 0) and earlier.note == "sớm hơn"


def test_an_end_before_the_start_is_refused_in_vietnamese_only():
    boss = chief()
    form = shift_form(boss, "03/12/2026 20:00", "03/12/2026 08:00")
    html = logged_in(boss).post(ADD_URL, form).content.decode()
    assert "Giờ hết ca phải sau giờ vào ca." in html
    assert "Constraint" not in html and "shift_ends_after_start" not in html
    assert not DutyShift.objects.exists()


def test_the_person_is_an_active_editor_in_chief_or_managing_editor():
    boss = chief()
    deputy = managing_editor()
    gone = managing_editor("danghi", is_active=False)
    head = section_head()
    html = logged_in(boss).get(ADD_URL).content.decode()
    assert f'<option value="{boss.pk}">' in html and f'<option value="{deputy.pk}">' in html
    assert f'<option value="{gone.pk}">' not in html
    assert f'<option value="{head.pk}">' not in html
    response = logged_in(boss).post(
        ADD_URL, shift_form(head, "03/12/2026 08:00", "03/12/2026 20:00")
    )
    assert response.status_code == 200 and not DutyShift.objects.exists()


@pytest.mark.parametrize("who", [editor, managing_editor, section_head])
def test_no_one_else_sees_or_writes_the_rota_by_crafted_post(who):
    boss = chief()
    shift = DutyShift.objects.create(
        user=boss, starts_at=utc(2026, 12, 3, 1), ends_at=utc(2026, 12, 3, 13)
    )
    client = logged_in(who())
    assert client.get(LIST_URL).status_code == 403
    form = shift_form(boss, "05/12/2026 08:00", "05/12/2026 20:00")
    assert client.post(ADD_URL, form).status_code == 403
    assert client.post(f"{LIST_URL}{shift.pk}/change/", form).status_code == 403
    assert client.post(f"{LIST_URL}{shift.pk}/delete/", {"post": "yes"}).status_code == 403
    assert list(DutyShift.objects.values_list("starts_at", flat=True)) == [utc(2026, 12, 3, 1)]
    assert "dutyshift" not in client.get("/admin/").content.decode()
