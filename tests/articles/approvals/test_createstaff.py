"""`manage.py createstaff`: a new colleague logs in with their roles; a head, with sections."""

import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from newsroom.roles import (
    EDITOR,
    EDITOR_IN_CHIEF,
    JOURNALIST,
    MANAGING_EDITOR,
    MODERATOR,
    ROLE_PERMISSIONS,
    SECTION_HEAD,
)
from tests.factories import make_section

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
        ("thu-ky-toa-soan", MANAGING_EDITOR, "/admin/articles/article/"),
        ("tong-bien-tap", EDITOR_IN_CHIEF, "/admin/articles/dutyshift/"),
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
    root = Path(__file__).resolve().parents[3]
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
    assert any("--role truong-ban --section" in line for line in said)
    assert all(slug in shown for slug in ["thu-ky-toa-soan", "tong-bien-tap"])
    # Said before the server starts, which holds the terminal from then on.
    lines = shown.splitlines()
    admin = next(i for i, line in enumerate(lines) if "/admin/" in line)
    assert admin < next(i for i, line in enumerate(lines) if "runserver" in line)


def test_one_account_takes_several_roles_and_heads_its_sections(monkeypatch, capsys):
    the_thao = make_section("Thể thao", slug="the-thao")
    bong_da = make_section("Bóng đá", slug="bong-da", parent=the_thao)
    make_section("Văn hóa", slug="van-hoa")
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)
    call_command(
        "createstaff",
        "tuan",
        *["--role", "truong-ban", "--section", "the-thao", "--section", "bong-da"],
        *["--role", "tong-bien-tap", "--password-from-env"],
    )
    user = get_user_model().objects.get(username="tuan")
    assert set(user.groups.values_list("name", flat=True)) == {SECTION_HEAD, EDITOR_IN_CHIEF}
    assert set(user.headed_sections.all()) == {the_thao, bong_da}
    said = capsys.readouterr().out
    for name in [SECTION_HEAD, EDITOR_IN_CHIEF, "Thể thao", "Bóng đá"]:
        assert name in said
    assert "Văn hóa" not in said


def test_the_same_role_twice_is_one_group(monkeypatch):
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)
    call_command(
        "createstaff",
        "lan",
        *["--role", "bien-tap-vien", "--role", "bien-tap-vien", "--password-from-env"],
    )
    user = get_user_model().objects.get(username="lan")
    assert list(user.groups.values_list("name", flat=True)) == [EDITOR]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--role", "truong-ban", "--section", "the-thao", "--section", "khong-co"], "khong-co"),
        (["--role", "bien-tap-vien", "--section", "the-thao"], "chỉ dùng cùng --role truong-ban"),
        (["--role", "truong-ban"], "cần ít nhất một chuyên mục"),
    ],
)
def test_a_wrong_section_leaves_no_account_behind(monkeypatch, arguments, message):
    make_section("Thể thao", slug="the-thao")
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match=message):
        call_command("createstaff", "hung", *arguments, "--password-from-env")
    assert not get_user_model().objects.filter(username="hung").exists()


def test_the_sections_are_checked_before_the_password_is_asked(monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": pytest.fail("asked for a password"))
    with pytest.raises(CommandError, match="khong-co"):
        call_command("createstaff", "hung", "--role", "truong-ban", "--section", "khong-co")


def test_every_group_exists_after_migrate_with_exactly_its_permissions():
    for name, codes in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        granted = {
            f"{app_label}.{codename}"
            for app_label, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert granted == set(codes), name
    chain_rights = {"articles.change_approvallevel", "articles.add_dutyshift"}
    for name, codes in ROLE_PERMISSIONS.items():
        assert bool(chain_rights & set(codes)) == (name == EDITOR_IN_CHIEF), name


def test_create_staff_still_takes_a_single_role_as_a_string():
    from newsroom.staff import create_staff

    user = create_staff("minh", "phong-vien", PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [JOURNALIST]
