"""Password guessing on the admin login: locked per username and address, for a while."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.utils import timezone

from tests.desk_users import editor, journalist, moderator

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def log_in(client, username, password=PASSWORD, **extra):
    extra.setdefault("REMOTE_ADDR", "203.113.1.1")
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def guess(client, username, times=3, **extra) -> list[int]:
    return [log_in(client, username, "doan-bua", **extra).status_code for _ in range(times)]


def test_wrong_passwords_lock_the_username_from_that_address_with_a_vietnamese_page(client):
    editor("bientap")
    # The login form with its error twice; the third wrong password locks.
    assert guess(client, "bientap") == [200, 200, 429]
    moment = timezone.now()
    response = log_in(client, "bientap")  # even the right password is refused now
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    html = response.content.decode()
    assert "Bạn đã nhập sai mật khẩu 3 lần" in html
    assert "Hãy thử lại sau <strong>15 phút</strong>" in html
    retry_at = timezone.localtime(moment + timedelta(minutes=15))
    assert f"{retry_at:%d/%m/%Y %H:%M}" in html or (
        f"{retry_at + timedelta(minutes=1):%d/%m/%Y %H:%M}" in html
    )
    assert "_auth_user_id" not in client.session


def test_lockout_ends_by_itself(client):
    editor("bientap")
    guess(client, "bientap")
    with time_machine.travel(timezone.now() + timedelta(minutes=14), tick=False):
        assert log_in(client, "bientap").status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=30), tick=False):
        response = log_in(client, "bientap")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor_pk("bientap"))


def editor_pk(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username).pk


def test_one_address_guessing_does_not_lock_out_colleagues_or_the_owner_elsewhere(client):
    editor("bientap")
    editor("bientap2")
    guess(client, "bientap", REMOTE_ADDR="203.113.1.1")
    # The same newsroom address, another account: still works.
    assert log_in(client, "bientap2", REMOTE_ADDR="203.113.1.1").status_code == 302
    client.logout()
    # The same account from home: still works.
    assert log_in(client, "bientap", REMOTE_ADDR="14.160.2.2").status_code == 302


def test_behind_trusted_proxies_the_forwarded_address_is_the_one_locked(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    editor("bientap")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    assert guess(client, "bientap", HTTP_X_FORWARDED_FOR="203.113.7.7", **proxy)[-1] == 429
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address == "203.113.7.7"
    assert log_in(client, "bientap", HTTP_X_FORWARDED_FOR="203.113.7.7", **proxy).status_code == 429
    # Another reader behind the same proxy is a different address.
    assert log_in(client, "bientap", HTTP_X_FORWARDED_FOR="14.160.2.2", **proxy).status_code == 302


def test_without_trusted_proxies_a_forged_forwarded_for_changes_nothing(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    editor("bientap")
    for n in range(3):
        log_in(client, "bientap", "doan-bua", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}")
    response = log_in(client, "bientap", HTTP_X_FORWARDED_FOR="1.1.1.9")
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.113.1.1"


def test_a_success_before_the_limit_starts_the_count_again(client):
    editor("bientap")
    assert guess(client, "bientap", times=2) == [200, 200]
    assert log_in(client, "bientap").status_code == 302
    client.logout()
    assert guess(client, "bientap", times=2) == [200, 200]
    assert log_in(client, "bientap").status_code == 302


@pytest.mark.parametrize("member", [editor, moderator])
def test_editors_and_moderators_read_the_record(client, member):
    editor("bientap")
    guess(client, "bientap")
    client.force_login(member("nguoixem"))
    response = client.get("/admin/axes/accessattempt/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "bientap" in html
    assert "Đăng nhập sai và khóa tạm" in html and "Số lần sai" in html
    attempt = AccessAttempt.objects.get()
    page = client.get(f"/admin/axes/accessattempt/{attempt.pk}/change/")
    assert page.status_code == 200
    # Reading only: a lockout is lifted by time (or by an administrator), not by them.
    assert client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/").status_code == 403
    assert client.get("/admin/axes/accesslog/").status_code == 200
    assert "Khóa đăng nhập" in client.get("/admin/").content.decode()


def test_journalists_do_not_see_the_record(client):
    client.force_login(journalist("phongvien"))
    assert client.get("/admin/axes/accessattempt/").status_code == 403
