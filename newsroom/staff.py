"""Make a staff account in one of the newsroom's roles (the desk's users, not superusers)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from .roles import EDITOR, JOURNALIST, MODERATOR, sync_roles

# What an operator types on the command line: the role's name without diacritics.
ROLE_SLUGS = {
    "bien-tap-vien": EDITOR,
    "phong-vien": JOURNALIST,
    "kiem-duyet-vien": MODERATOR,
}


class StaffError(Exception):
    """Why the account was not made, in Vietnamese."""


def create_staff(username: str, role: str, password: str, *, email: str = ""):
    """A new active staff user in the group of `role` (a key of ROLE_SLUGS)."""
    if role not in ROLE_SLUGS:
        raise StaffError(f"Vai trò “{role}” không có; chọn một trong: {', '.join(ROLE_SLUGS)}.")
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
        if not Group.objects.filter(name=ROLE_SLUGS[role], permissions__isnull=False).exists():
            sync_roles()
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=ROLE_SLUGS[role]))
    return user
