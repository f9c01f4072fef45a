"""After the admin login, an unsafe `next` lands on the desk, not on Django's /accounts/profile/."""

import pytest

from tests.desk_users import journalist

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"


@pytest.mark.parametrize("unsafe", ["//evil.example/", "https://evil.example/admin/"])
def test_an_unsafe_next_lands_on_the_desk(client, unsafe):
    journalist("phongvien")
    response = client.post(
        f"/admin/login/?next={unsafe}",
        {"username": "phongvien", "password": PASSWORD, "next": unsafe},
        REMOTE_ADDR="203.113.1.1",
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200
