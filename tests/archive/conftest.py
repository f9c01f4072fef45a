"""The archive's tests: changes committed for real (the archive hears of them after commit)."""

import pytest

from tests.desk_users import editor, journalist


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the after-commit work of what the block does, as a real commit would."""

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def desk():
    return editor()


@pytest.fixture
def reporter():
    return journalist()


@pytest.fixture
def inspector():
    from django.contrib.auth.models import Group

    from newsroom.roles import INSPECTOR, sync_roles
    from tests.factories import make_user

    if not Group.objects.filter(name=INSPECTOR, permissions__isnull=False).exists():
        sync_roles()
    return make_user("thanhtra", groups=[INSPECTOR])


@pytest.fixture
def inspector_client(client, inspector):
    client.force_login(inspector)
    return client
