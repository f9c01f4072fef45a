"""The API's answers kept in each worker's memory by the page cache's front, dropped by purges."""

import pytest

from articles import workflow
from pagecache.front import PageCacheFront
from tests.desk_users import editor_in_chief
from tests.factories import make_article
from tests.harness.wsgi import Django, fetch

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def django_app():
    return Django()


@pytest.fixture
def front(django_app):
    return PageCacheFront(django_app)


def test_answers_come_from_memory_until_a_change_purges_them(front, django_app):
    story = make_article("Sìn Hồ vào mùa mận")
    detail, listing = f"/api/v1/stories/{story.pk}", "/api/v1/stories"
    status, headers, first = fetch(front, detail)
    assert (status, django_app.calls) == (200, 1)
    for _ in range(3):
        assert fetch(front, detail)[2] == first
        fetch(front, listing)
    assert django_app.calls == 2
    # A date to compare goes to Django, which answers it (304) from the shared cache.
    status, _h, _b = fetch(front, detail, if_modified_since=headers["Last-Modified"])
    assert (status, django_app.calls) == (304, 3)
    story.title = "Sìn Hồ vào mùa mận chín"
    story.save()
    assert "mận chín" in fetch(front, detail)[2]
    assert "mận chín" in fetch(front, listing)[2]
    workflow.take_down(story, by=editor_in_chief(), reason="Yêu cầu của cơ quan chức năng")
    assert fetch(front, detail)[0] == 404
    assert "mận chín" not in fetch(front, listing)[2]
