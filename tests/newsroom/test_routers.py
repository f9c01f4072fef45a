"""The read-replica router: each rule of where a query goes."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from articles.models import Article
from comments.models import Comment
from newsroom import routers
from newsroom.routers import REPLICA, STICKY_COOKIE, ReplicaMiddleware, ReplicaRouter
from tests.factories import make_article

router = ReplicaRouter()


def routed_reads(request, *, in_transaction=False) -> tuple[str, HttpResponse]:
    """Where a read made by the view of `request` goes, and the middleware's response."""
    seen = {}

    def view(request):
        if in_transaction:
            with transaction.atomic():
                seen["db"] = router.db_for_read(Article)
        else:
            seen["db"] = router.db_for_read(Article)
        return HttpResponse("ok")

    response = ReplicaMiddleware(view)(request)
    return seen["db"], response


@pytest.fixture
def story():
    return make_article("Mùa lúa chín")


rf = RequestFactory()
# Transactional: the test itself must not be inside a transaction, which keeps reads on the primary.
pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_pages_read_from_the_replica(story):
    for path in ["/", story.get_absolute_url(), "/tim-kiem/?q=lua", "/rss/", "/sitemap.xml"]:
        assert routed_reads(rf.get(path))[0] == REPLICA, path
    assert routed_reads(rf.get(f"/binh-luan/bai-viet/{story.pk}/"))[0] == REPLICA


def test_writes_always_go_to_the_primary(story):
    assert router.db_for_write(Comment) == "default"
    routers._use_replica.set(True)
    try:
        assert router.db_for_write(Comment) == "default"
    finally:
        routers._use_replica.set(False)


def test_the_admin_reads_from_the_primary():
    assert routed_reads(rf.get("/admin/comments/comment/"))[0] == "default"
    assert routed_reads(rf.get("/admin/"))[0] == "default"


def test_a_share_link_preview_reads_from_the_primary():
    assert routed_reads(rf.get("/xem-truoc/abc/"))[0] == "default"


def test_a_post_reads_from_the_primary_and_keeps_the_reader_there_for_a_while(settings):
    settings.REPLICA_STICKY_SECONDS = 30
    db, response = routed_reads(rf.post("/binh-luan/gui/", {"body": "Cảm ơn"}))
    assert db == "default"
    cookie = response.cookies[STICKY_COOKIE]
    assert cookie["max-age"] == 30 and cookie["httponly"]


def test_the_read_right_after_a_readers_own_write_goes_to_the_primary(story):
    request = rf.get(story.get_absolute_url())
    request.COOKIES[STICKY_COOKIE] = "1"
    assert routed_reads(request)[0] == "default"


def test_reads_inside_a_transaction_go_to_the_primary(story):
    assert routed_reads(rf.get(story.get_absolute_url()), in_transaction=True)[0] == "default"


def test_reads_outside_a_request_go_to_the_primary():
    # Celery tasks, management commands, the shell.
    assert router.db_for_read(Article) == "default"


def test_unknown_addresses_read_from_the_primary():
    assert routed_reads(rf.get("/khong-co-trang-nay/"))[0] == "default"


def test_a_reader_get_sets_no_cookie(story):
    assert STICKY_COOKIE not in routed_reads(rf.get(story.get_absolute_url()))[1].cookies


def test_the_decision_ends_with_the_request(story):
    routed_reads(rf.get(story.get_absolute_url()))
    assert router.db_for_read(Article) == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate(REPLICA, "articles")
    assert router.allow_relation(Article(), Comment())
