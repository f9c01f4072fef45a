"""Staff members of the chain's roles, logged in on their own clients, for the admin tests."""

from django.test import Client

from newsroom.roles import EDITOR_IN_CHIEF, MANAGING_EDITOR, SECTION_HEAD
from tests.desk_users import _member


def chief(username: str = "tongbientap", **fields):
    return _member(EDITOR_IN_CHIEF, username, **fields)


def managing_editor(username: str = "thuky", **fields):
    return _member(MANAGING_EDITOR, username, **fields)


def section_head(username: str = "truongban", **fields):
    return _member(SECTION_HEAD, username, **fields)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
