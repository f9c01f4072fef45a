"""Old links added or removed reach every reader at once, the pages kept in memory included."""

import pytest

from pagecache.front import PageCacheFront
from tests.factories import make_article, make_section
from tests.harness.wsgi import Django, fetch
from wordpress.models import OldLink

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def front():
    make_article("Mùa lúa chín trên Mù Cang Chải", section=make_section("Xã hội"))
    return PageCacheFront(Django())


def test_an_old_link_added_after_the_home_page_was_kept_answers_the_next_request(front):
    for _ in range(2):  # kept in memory, if the home page answers that address itself
        assert fetch(front, "/?p=5")[1].get("Location") != "/the/lai-chau/"
    OldLink.objects.create(path="/?p=5", url="/the/lai-chau/")
    status, headers, _ = fetch(front, "/?p=5")
    assert (status, headers.get("Location")) == (301, "/the/lai-chau/")
