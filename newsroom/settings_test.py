"""Settings for the test suite (pytest-django reads this module, see pyproject.toml).

Production settings with development defaults: a throwaway key, local hosts, no TLS redirect,
plain static files. Every value can still be set by its environment variable, as in
newsroom/settings.py. tests/newsroom/test_settings.py checks the production settings in a
fresh process.
"""

import os

from django.conf import global_settings

# settings.py refuses to start without a key unless DEBUG; the suite runs with DEBUG off.
os.environ.setdefault("SECRET_KEY", "insecure-test-key-never-used-in-production")

from newsroom.settings import *  # noqa: F403
from newsroom.settings import STORAGES, env_bool, env_list

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))

# Test users' passwords at a few PBKDF2 rounds (tests/harness/hashers.py); production's own
# hashers stay listed, so hashes made by a production-settings server still verify.
PASSWORD_HASHERS = [
    "tests.harness.hashers.QuickPBKDF2PasswordHasher",
    *global_settings.PASSWORD_HASHERS,
]
