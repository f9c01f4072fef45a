"""Make a staff account in the newsroom's roles (the desk's users, not superusers)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from .roles import (
    ACCOUNTANT,
    EDITOR,
    INSPECTOR,
    JOURNALIST,
    LEVEL_ROLES,
    MODERATOR,
    sync_roles,
)

# What an operator types on the command line: the role's name without diacritics.
ROLE_SLUGS = {
    "bien-tap-vien": EDITOR,
    "phong-vien": JOURNALIST,
    "kiem-duyet-vien": MODERATOR,
    "thanh-tra": INSPECTOR,
    **LEVEL_ROLES,
    "ke-toan": ACCOUNTANT,
}


class StaffError(Exception):
    """Why the account was not made, in Vietnamese."""


def role_groups(roles: list[str] | str) -> list[str]:
    """The group names of `roles` (keys of ROLE_SLUGS), each once, in the order given."""
    if isinstance(roles, str):
        roles = [roles]
    if not roles:
        raise StaffError(f"Cần ít nhất một vai trò; chọn trong: {', '.join(ROLE_SLUGS)}.")
    for role in roles:
        if role not in ROLE_SLUGS:
            raise StaffError(f"Vai trò “{role}” không có; chọn một trong: {', '.join(ROLE_SLUGS)}.")
    return list(dict.fromkeys(ROLE_SLUGS[role] for role in roles))


def create_staff(username: str, roles: list[str] | str, password: str, *, email: str = ""):
    """A new active staff user in the groups of `roles` (keys of ROLE_SLUGS), in one transaction.

    A single role may be given as a string.
    """
    groups = role_groups(roles)
    User = get_user_model()
    username = username.strip()
    if not username:
        raise StaffError("Tên đăng nhập không được để trống.")
    if User.objects.filter(username__iexact=username).exists():
        raise StaffError(f"Tài khoản “{username}” đã có.")
    user = User(username=username, email=email, is_staff=True, is_active=True)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise StaffError("Mật khẩu chưa dùng được: " + " ".join(error.messages)) from error
    with transaction.atomic():
        ready = Group.objects.filter(name__in=groups, permissions__isnull=False).distinct()
        if ready.count() < len(groups):
            sync_roles()
        user.set_password(password)
        user.save()
        user.groups.add(*Group.objects.filter(name__in=groups))
    return user
