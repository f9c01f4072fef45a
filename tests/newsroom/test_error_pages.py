"""Error pages a reader may meet, in Vietnamese."""

from django.test import Client


def test_csrf_failure_is_explained_in_vietnamese(db):
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()
