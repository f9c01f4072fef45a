"""The revision pages' rights against a real gunicorn, as deployed: nothing changes in the database.

The same attacks as tests/articles/test_revision_rights.py, over a socket with the session
and CSRF cookies a browser would carry, on PostgreSQL and Redis.
"""

import pytest
from reversion.models import Version

from articles.models import Article
from tests.articles.test_revision_rights import recover_url, revision_url, story
from tests.desk_users import journalist
from tests.harness.client import Browser
from tests.harness.processes import app_servers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-phong-vien-2026"


@pytest.fixture(scope="module")
def server(django_db_setup, tmp_path_factory):
    folder = tmp_path_factory.mktemp("revision-rights")
    with app_servers(1, folder) as (url,):
        yield url


def test_a_journalist_neither_reverts_a_colleagues_draft_nor_brings_back_a_deleted_story(server):
    colleague = journalist("dongnghiep")
    draft, draft_first = story("draft", author=colleague)
    deleted, deleted_first = story("live", author=colleague, title="Bài đã xóa")
    deleted_pk = deleted.pk
    deleted.delete()
    journalist("phongvien", password=PASSWORD)
    desk = Browser()
    desk.log_in(server, "phongvien", PASSWORD)
    token = {"csrfmiddlewaretoken": desk.csrf_from(f"{server}/admin/password_change/")}

    # A bare post with the CSRF token only: reversion reverted, then Django's 302 kept it.
    assert desk.post(server + revision_url(draft.pk, draft_first), token).status == 404
    # The deleted story, by its revision page and by the editors' recover page.
    assert desk.post(server + revision_url(deleted_pk, deleted_first), token).status == 404
    assert desk.post(server + recover_url(deleted_first), token).status == 403

    assert Article.objects.get(pk=draft.pk).title == draft.title
    assert not Article.objects.filter(pk=deleted_pk).exists()
    assert Version.objects.get_for_object(draft).count() == 2
