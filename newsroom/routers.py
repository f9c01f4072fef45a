"""Reads of reader pages from a read replica (DATABASE_REPLICA_URL); everything else on the primary.

The primary takes every write, the admin, every read inside a transaction, work outside a
request (Celery tasks, commands) and a reader's requests for a short while after they wrote
(their pending comment must show at once, whatever the replica's lag). The middleware
decides per request; the router reads that decision.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import Resolver404, resolve

REPLICA = "replica"
# A reader who has just written reads from the primary until this cookie expires.
STICKY_COOKIE = "primary"
_use_replica: ContextVar[bool] = ContextVar("use_replica", default=False)

# Reader apps; a share link previews a draft that may have just been saved, so not it.
READER_APPS = {"articles", "comments"}
NOT_READER_PAGES = {"articles:share"}


def reads_from_replica() -> bool:
    return _use_replica.get()


def read_primary() -> None:
    """Send the rest of this request's reads to the primary: what it shows changed just now."""
    _use_replica.set(False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if reads_from_replica() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def is_reader_page(request) -> bool:
    if request.method not in ("GET", "HEAD") or STICKY_COOKIE in request.COOKIES:
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.app_name in READER_APPS and match.view_name not in NOT_READER_PAGES


class ReplicaMiddleware:
    """Send this request's reads to the replica when it is a reader's page view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _use_replica.set(is_reader_page(request))
        try:
            response = self.get_response(request)
        finally:
            _use_replica.reset(token)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=settings.REPLICA_STICKY_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
