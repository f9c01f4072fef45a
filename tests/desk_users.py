"""Staff members of each role, their groups put right first (transactional tests flush them)."""

from django.contrib.auth.models import Group

from newsroom.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST, MODERATOR, sync_roles
from tests.factories import make_user


def _member(role: str, username: str, **fields):
    if not Group.objects.filter(name=role, permissions__isnull=False).exists():
        sync_roles()
    fields.setdefault("email", f"{username}@baolaichau.test")
    return make_user(username, groups=[role], **fields)


def journalist(username: str = "phongvien", **fields):
    return _member(JOURNALIST, username, **fields)


def editor(username: str = "bientap", **fields):
    return _member(EDITOR, username, **fields)


def moderator(username: str = "kiemduyet", **fields):
    return _member(MODERATOR, username, **fields)


def editor_in_chief(username: str = "tongbientap", **fields):
    return _member(EDITOR_IN_CHIEF, username, **fields)
