"""The cached comment list of a story page: its key, its lifetime, its version and its purge.

A story's cached lists are reached through a random version: `purge` (called by moderation
once a change is committed) gives the story a new one, so every old list is unreachable at
once. Being random, a version lost from the cache can never bring back an old list.
"""

import logging
from collections.abc import Iterable
from uuid import uuid4

from django.core.cache import cache

logger = logging.getLogger(__name__)

VERSION_KEY = "comments:version:{}"
# Moderation purges the list at once; the timeout only bounds what an idle cache keeps.
LIST_CACHE_SECONDS = 600


def cache_version(article_id: int) -> str:
    """The current version of a story's cached comment lists."""
    key = VERSION_KEY.format(article_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid4().hex, timeout=None)
        version = cache.get(key)
    return version


def list_key(article_id: int, *, is_open: bool) -> str:
    """The cache key of a story's first page of threads (open and closed render differently)."""
    return f"comments:list:{article_id}:{cache_version(article_id)}:{int(is_open)}"


def purge(article_ids: Iterable[int]) -> None:
    """Drop the cached comment lists of the stories: the next view renders them afresh."""
    try:
        cache.set_many({VERSION_KEY.format(pk): uuid4().hex for pk in article_ids}, timeout=None)
    except Exception:
        # The moderation is committed; a cache outage only delays it by LIST_CACHE_SECONDS.
        logger.exception("Could not purge the cached comments of stories %s", article_ids)
