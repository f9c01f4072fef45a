"""`/healthz` for load balancers: 200 when the database and cache answer, 503 naming a failure."""

import logging
import uuid

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def check_database() -> None:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")


def check_cache() -> None:
    # A write and a read: a cache that takes writes but hands back nothing is not healthy.
    key, value = "healthz", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was just stored")


CHECKS = {"database": check_database, "cache": check_cache}


@never_cache
def healthz(request):
    """Each part answers `ok` or `error`; one error makes the whole answer 503."""
    parts = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check: %s does not answer", name)
            parts[name] = "error"
        else:
            parts[name] = "ok"
    failing = [name for name, state in parts.items() if state != "ok"]
    status = 503 if failing else 200
    return JsonResponse({"status": "ok" if not failing else "error", **parts}, status=status)
