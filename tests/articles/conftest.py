"""The desk's people, logged in or not, for the articles tests."""

import pytest

from tests.desk_users import editor, journalist


@pytest.fixture
def reporter():
    return journalist()


@pytest.fixture
def reporter_client(client, reporter):
    client.force_login(reporter)
    return client


@pytest.fixture
def desk():
    return editor()


@pytest.fixture
def editor_client(client, desk):
    client.force_login(desk)
    return client
