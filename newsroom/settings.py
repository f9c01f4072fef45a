"""Newsroom settings, read from the environment: safe for development, strict in production."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# The test suite runs under newsroom/settings_test.py, which relaxes what follows.

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only; production refuses to start without a real key.
    SECRET_KEY = "insecure-development-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "reversion",
    "imagekit",
    "django_prose_editor",
    "newsroom",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.notices.NoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Our own Vietnamese, e.g. for the body editor's dialogs (the admin's JavaScript catalogue).
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's `vi` locale has no input formats and would read 03/02/2015 as 2 March.
FORMAT_MODULE_PATH = ["newsroom.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The paper itself: Báo Lai Châu is the demo and the default, never hard-coded elsewhere.
SITE_NAME = os.environ.get("SITE_NAME", "Báo Lai Châu")
SITE_CODE = os.environ.get("SITE_CODE", "BLC")
SITE_TAGLINE = os.environ.get(
    "SITE_TAGLINE", "Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Lai Châu"
)
SITE_HOTLINE = os.environ.get("SITE_HOTLINE", "0213 3876 427")
SITE_EMAIL = os.environ.get("SITE_EMAIL", "toasoan@baolaichau.vn")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

ARTICLES_PER_PAGE = 20
HOME_FEATURED = 5
HOME_PER_SECTION = 4
HOME_RECENT = 500  # the home page picks from this many newest stories
SIDEBAR_LIMIT = 5
MOST_READ_DAYS = 30
# Page views are counted in the cache; every Nth view of a story is written to the database.
VIEW_COUNT_FLUSH_EVERY = int(os.environ.get("VIEW_COUNT_FLUSH_EVERY", "20"))

# Uploaded pictures: refused above these limits (the pixel limit stops decompression bombs).
IMAGE_MAX_UPLOAD_BYTES = int(os.environ.get("IMAGE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 50_000_000))
# Uploads stay in memory up to that size and are never spooled to disk.
FILE_UPLOAD_HANDLERS = ["articles.uploads.PictureUploadHandler"]
# Renditions are made when a picture is saved and assumed present afterwards, never on a page view.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"
# Share links for reviewers without an account expire after this many hours.
SHARE_LINK_HOURS = int(os.environ.get("SHARE_LINK_HOURS", 48))
RELATED_ARTICLES_LIMIT = 5

# Reader comments (the comments app). Rate limit like "5/m" (per s, m, h or d); "0" turns it off.
COMMENT_RATE_LIMIT = os.environ.get("COMMENT_RATE_LIMIT", "5/m")
# Comments close this many days after publishing; 0 keeps them open.
COMMENT_CLOSE_AFTER_DAYS = int(os.environ.get("COMMENT_CLOSE_AFTER_DAYS", "30"))
# A form sent sooner than this after the page was made is a robot's.
COMMENT_MIN_FILL_SECONDS = float(os.environ.get("COMMENT_MIN_FILL_SECONDS", "3"))
# The form's signed timestamp lasts a day, so a page served from a cache for a day still works.
COMMENT_FORM_MAX_AGE = int(os.environ.get("COMMENT_FORM_MAX_AGE", str(24 * 3600)))
COMMENT_MAX_LINKS = int(os.environ.get("COMMENT_MAX_LINKS", "2"))
COMMENT_MODERATOR_EMAILS = env_list("COMMENT_MODERATOR_EMAILS")
# At most one "comments are waiting" mail per this many seconds.
COMMENT_NOTIFY_INTERVAL = int(os.environ.get("COMMENT_NOTIFY_INTERVAL", "300"))
COMMENT_NOTIFY_IN_BACKGROUND = env_bool("COMMENT_NOTIFY_IN_BACKGROUND", True)
# Number of reverse proxies in front of the app whose X-Forwarded-For can be trusted.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

LOGIN_URL = "admin:login"

# Production hardening: on unless DEBUG, each switchable for a proxy that terminates TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", SITE_EMAIL)
# SMTP waits forever by default; a stuck mail server must not hold a worker.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
