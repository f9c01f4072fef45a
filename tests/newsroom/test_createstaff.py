"""`manage.py createstaff`: a new journalist, editor or moderator logs in with their role."""

import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from newsroom.roles import EDITOR, JOURNALIST, MODERATOR

pytestmark = pytest.mark.django_db

PASSWORD = "Ruong-bac-thang-2026"


def logs_in(client, username: str, password: str) -> bool:
    """Log in through the admin's own form, as the new colleague will."""
    form = {"username": username, "password": password, "next": "/admin/"}
    response = client.post("/admin/login/", form)
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.mark.parametrize(
    ("role", "group", "desk_page"),
    [
        ("bien-tap-vien", EDITOR, "/admin/articles/article/"),
        ("phong-vien", JOURNALIST, "/admin/articles/article/add/"),
        ("kiem-duyet-vien", MODERATOR, "/admin/comments/comment/"),
    ],
)
def test_new_staff_member_logs_in_to_their_desk(
    client, monkeypatch, capsys, role, group, desk_page
):
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)
    call_command("createstaff", "nguoimoi", "--role", role, "--password-from-env")
    assert group in capsys.readouterr().out
    assert logs_in(client, "nguoimoi", PASSWORD)
    assert client.get(desk_page).status_code == 200


def test_password_is_asked_twice(client, monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("createstaff", "bientapmoi", "--role", "bien-tap-vien")
    assert logs_in(client, "bientapmoi", PASSWORD)


def test_mismatched_passwords_make_no_account(client, monkeypatch):
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with pytest.raises(CommandError, match="không khớp"):
        call_command("createstaff", "bientapmoi", "--role", "bien-tap-vien")
    assert not logs_in(client, "bientapmoi", PASSWORD)


@pytest.mark.parametrize(
    ("password", "message"), [("123", "Mật khẩu chưa dùng được"), ("", "STAFF_PASSWORD")]
)
def test_weak_or_missing_password_is_refused_in_vietnamese(monkeypatch, password, message):
    monkeypatch.setenv("STAFF_PASSWORD", password)
    with pytest.raises(CommandError, match=message):
        call_command("createstaff", "yeu", "--role", "phong-vien", "--password-from-env")


def test_existing_account_is_not_overwritten(monkeypatch, client):
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)
    call_command("createstaff", "trung", "--role", "phong-vien", "--password-from-env")
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD + "-moi")
    with pytest.raises(CommandError, match="đã có"):
        call_command("createstaff", "Trung", "--role", "bien-tap-vien", "--password-from-env")
    assert logs_in(client, "trung", PASSWORD)


def test_make_run_says_where_the_admin_is_and_how_to_log_in():
    root = Path(__file__).resolve().parents[2]
    shown = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", "PORT=8751"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    said = [line.removeprefix('echo "').removesuffix('"') for line in shown.splitlines()]
    assert "Bàn biên tập:     http://127.0.0.1:8751/admin/" in said
    assert any("manage.py createstaff TEN --role bien-tap-vien" in line for line in said)
    # Said before the server starts, which holds the terminal from then on.
    lines = shown.splitlines()
    admin = next(i for i, line in enumerate(lines) if "/admin/" in line)
    assert admin < next(i for i, line in enumerate(lines) if "runserver" in line)
