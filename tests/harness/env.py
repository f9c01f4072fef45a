"""The environment of a server process: production settings on loopback, or a demo server.

Every server a test starts gets its settings from here, built from this process's environment
without pytest's variables. `process_env` points at the test's own database, cache and media
(transactional tests, so the rows are committed); `server_env` is `make run`'s development
server on a database of its own, open to a crowd (no rate limit, no fill-time check).
"""

import os
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BIN = Path(sys.executable).parent

# A key for throwaway servers; production refuses to start without one of its own.
TEST_SECRET_KEY = "multi-process-test-key-never-used-in-production"
_NOT_INHERITED = ("PYTEST", "DJANGO_SETTINGS", "DJANGO_ALLOW_ASYNC")


def site_env(
    database_url: str, media_root: Path, *, debug: bool = False, redis_url: str = "", **extra
) -> dict[str, str]:
    """newsroom.settings on `database_url`: production on plain HTTP, or DEBUG with `debug`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(_NOT_INHERITED) and key not in {"DEBUG", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        MEDIA_ROOT=str(media_root),
        PYTHONUNBUFFERED="1",
    )
    if debug:
        env["DEBUG"] = "1"
    else:
        env.update(
            SECRET_KEY=TEST_SECRET_KEY,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="0",
            SECURE_HSTS_SECONDS="0",
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            CONN_MAX_AGE="0",
        )
    env.update(extra)
    return env


def database_url() -> str:
    """The URL of the test database (pytest-django's test_<name>) for another process."""
    from django.db import connection

    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def redis_url() -> str:
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def process_env(**extra: str) -> dict[str, str]:
    """Production settings pointing at the test's database, cache and media."""
    from django.conf import settings

    return site_env(
        database_url(),
        settings.MEDIA_ROOT,
        redis_url=redis_url(),
        CACHE_KEY_PREFIX=settings.CACHES["default"].get("KEY_PREFIX", "newsroom"),
        **extra,
    )


def server_env(database_url: str, media_root: Path, **extra: str) -> dict[str, str]:
    """The development server of `make run` on `database_url`, taking a crowd of readers."""
    return site_env(
        database_url,
        media_root,
        debug=True,
        COMMENT_RATE_LIMIT="0",
        COMMENT_MIN_FILL_SECONDS="0",
        COMMENT_CLOSE_AFTER_DAYS="0",
        COMMENT_MODERATOR_EMAILS="",
        **extra,
    )
