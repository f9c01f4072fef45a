"""Newsroom settings, read from the environment: safe for development, strict in production."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from newsroom import editor_extensions
from newsroom.env import env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG")
# The test suite runs under newsroom/settings_test.py, which relaxes what follows.

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Chưa đặt SECRET_KEY: bắt buộc khi DEBUG tắt (máy phát triển: DEBUG=1)."
        )
    # Development only; production refuses to start without a real key.
    SECRET_KEY = "insecure-development-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A comment refused for want of a token (a cached page, no JavaScript) comes back to resend.
CSRF_FAILURE_VIEW = "comments.csrf.csrf_failure"

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
    "newsroom.apps.LoginRecordConfig",  # django-axes
    "newsroom",
    "pagecache",
    "multimedia",
    "articles",
    "comments",
    "archive",
    "newsletter",
    "ninja",  # django-ninja: serves its docs page's scripts from our static files, not a CDN
    "api",
    "webhooks",
    "wordpress",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # First: a URL with a NUL never reaches code that would look it up (old links, the cache).
    "newsroom.errors.RejectNulMiddleware",
    "newsroom.site_url.SiteAddressMiddleware",
    "newsroom.charset.FormCharsetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the page cache: the home page cached for "/?p=123" must not hide an old link.
    "wordpress.middleware.OldLinkMiddleware",
    # Outside sessions, CSRF and messages: a cached page is served without them, and a page
    # is kept only after they have had their say on the response (a cookie keeps it out).
    "pagecache.middleware.PageCacheMiddleware",
    "newsroom.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A comment sent too fast is shown again once (comments/drafts.py).
    "comments.drafts.ForgetDraftMiddleware",
    "newsroom.notices.NoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.csp.ContentSecurityPolicyMiddleware",
    "newsroom.errors.MethodNotAllowedPageMiddleware",
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
                "articles.context_processors.menu",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A crowd of posters on the embedded default: readers never wait for the writer (WAL), a
    # writer waits its turn for up to SQLITE_TIMEOUT seconds instead of failing with "database
    # is locked", and a transaction takes the write lock when it begins (IMMEDIATE), so two
    # transactions that read then write cannot deadlock and fail halfway.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
        "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
        "transaction_mode": "IMMEDIATE",
        **DATABASES["default"].get("OPTIONS", {}),
    }
# A streaming replica of the primary: reader pages read from it (newsroom/routers.py).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
# After a reader's POST, their reads stay on the primary this long (replication lag).
REPLICA_STICKY_SECONDS = int(os.environ.get("REPLICA_STICKY_SECONDS", "30"))
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    # Tests make no second database: the replica is the primary there.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.routers.ReplicaRouter"]
    # First: it decides where the whole request reads, the page cache's lookups included.
    MIDDLEWARE.insert(1, "newsroom.routers.ReplicaMiddleware")
# A PostgreSQL that accepts connections and never answers (newsroom/pgwait.py, in the app
# server): a connection is made within DATABASE_CONNECT_TIMEOUT seconds (libpq's
# connect_timeout elsewhere), a query the server is silent on for DATABASE_CHECK_AFTER seconds
# makes a probe, and a server found hung is not waited for during DATABASE_RETRY_SECONDS.
DATABASE_CONNECT_TIMEOUT = float(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
DATABASE_CHECK_AFTER = float(os.environ.get("DATABASE_CHECK_AFTER", "3"))
DATABASE_RETRY_SECONDS = float(os.environ.get("DATABASE_RETRY_SECONDS", "5"))
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        # libpq counts whole seconds, at least 2.
        _database.setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", max(2, round(DATABASE_CONNECT_TIMEOUT))
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Seconds Redis has to connect or answer; after a failure the cache is skipped for a while.
CACHE_SOCKET_TIMEOUT = float(os.environ.get("CACHE_SOCKET_TIMEOUT", "0.25"))
CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", "10"))
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis, logging its errors instead of failing the page (newsroom/cache.py).
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            # A Redis that accepts connections but never answers must not hold a page for long.
            "OPTIONS": {
                "socket_connect_timeout": CACHE_SOCKET_TIMEOUT,
                "socket_timeout": CACHE_SOCKET_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous reader pages are kept this long in the cache above (purged on change); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# What browsers (max-age) and proxies or a CDN (s-maxage) may keep while nothing purges them.
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "30"))
PAGE_CACHE_PROXY_SECONDS = int(os.environ.get("PAGE_CACHE_PROXY_SECONDS", "60"))
# Caches in front purged by key once a change is committed (pagecache/frontcache.py): Varnish
# with deploy/varnish.vcl (http://127.0.0.1:6081/), fastly://SERVICE_ID, cloudflare://ZONE_ID
# (API token in FRONT_CACHE_TOKEN). Set, they may keep pages FRONT_CACHE_SECONDS (s-maxage)
# and browsers revalidate every page (no-cache, ETag); empty, the two lines above hold.
FRONT_CACHE_PURGE_URLS = env_list("FRONT_CACHE_PURGE_URLS")
FRONT_CACHE_TOKEN = os.environ.get("FRONT_CACHE_TOKEN", "")
FRONT_CACHE_SECONDS = int(os.environ.get("FRONT_CACHE_SECONDS", str(24 * 3600)))
FRONT_CACHE_TIMEOUT = float(os.environ.get("FRONT_CACHE_TIMEOUT", "2"))
# Pages each server process also keeps in memory, served before Django while no purge it has
# heard of touched them (pagecache/front.py); 0 turns that off.
PAGE_CACHE_FRONT_PAGES = int(os.environ.get("PAGE_CACHE_FRONT_PAGES", "200"))
# ...and at most this many bytes of them, the page read longest ago leaving first (64 MiB).
PAGE_CACHE_FRONT_BYTES = int(os.environ.get("PAGE_CACHE_FRONT_BYTES", str(64 * 1024 * 1024)))

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
# Our own body-editor extensions, loaded by prose-editor's configurable preset
# (articles.admin_forms.EDITOR_EXTENSIONS turns them on).
DJANGO_PROSE_EDITOR_EXTENSIONS = editor_extensions.prose_editor_extensions(STATIC_URL)
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Pictures from the app itself (newsroom.media), for a small paper without a proxy serving
# /media/: on with DEBUG (runserver), off by default in production, where nginx serves them.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
# `manage.py backup` (and `make backup`) make a timestamped folder in here.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
# Uploaded pictures and their renditions: files under MEDIA_ROOT (`local`), or an S3-compatible
# object store (`s3`) configured by django-storages' own AWS_* settings, read below.
MEDIA_STORAGE = (os.environ.get("MEDIA_STORAGE") or "local").strip().lower()
MEDIA_BACKENDS = {
    "local": "django.core.files.storage.FileSystemStorage",
    "s3": "storages.backends.s3.S3Storage",
}
if MEDIA_STORAGE not in MEDIA_BACKENDS:
    raise ImproperlyConfigured(f"MEDIA_STORAGE phải là một trong {sorted(MEDIA_BACKENDS)}.")
if MEDIA_STORAGE == "s3":
    # Keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment.
    for name in (
        "AWS_STORAGE_BUCKET_NAME",
        "AWS_S3_ENDPOINT_URL",
        "AWS_S3_REGION_NAME",
        "AWS_S3_CUSTOM_DOMAIN",
        "AWS_S3_URL_PROTOCOL",
        "AWS_S3_ADDRESSING_STYLE",
        "AWS_S3_SIGNATURE_VERSION",
        "AWS_LOCATION",
        "AWS_DEFAULT_ACL",
    ):
        if os.environ.get(name):
            globals()[name] = os.environ[name]
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 cần AWS_STORAGE_BUCKET_NAME.")
    # Pictures are public: plain URLs that the page cache and proxies can keep.
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    # Two uploads named alike get two objects, as with local files.
    AWS_S3_FILE_OVERWRITE = env_bool("AWS_S3_FILE_OVERWRITE", False)
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}
STORAGES = {
    "default": {"BACKEND": MEDIA_BACKENDS[MEDIA_STORAGE]},
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
# The masthead the law asks of an online paper (Luật Báo chí 2016, Điều 46), in the footer of
# every reader page: the licence line (number, date and issuing body), the governing body, the
# address and the editor-in-chief. Empty by default: each paper sets its own (`make run` sets
# the demo paper's); `manage.py check --deploy` warns while any is empty (newsroom/checks.py).
SITE_LICENCE = os.environ.get("SITE_LICENCE", "")
SITE_GOVERNING_BODY = os.environ.get("SITE_GOVERNING_BODY", "")
SITE_ADDRESS = os.environ.get("SITE_ADDRESS", "")
SITE_EDITOR_IN_CHIEF = os.environ.get("SITE_EDITOR_IN_CHIEF", "")
# Where links in mail and feeds point; unset, each request's own host (newsroom/site_url.py).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# Each app's own product settings, every one read from its environment variable.
from api.conf import *  # noqa: E402, F403
from archive.conf import *  # noqa: E402, F403
from articles.conf import *  # noqa: E402, F403
from comments.conf import *  # noqa: E402, F403
from multimedia.conf import *  # noqa: E402, F403
from webhooks.conf import *  # noqa: E402, F403

# Video and sound uploads to the media admin go to a temporary file (multimedia/uploads.py);
# every other upload is a picture, kept in memory (articles.uploads.PictureUploadHandler).
FILE_UPLOAD_HANDLERS = ["multimedia.uploads.MediaUploadHandler", *FILE_UPLOAD_HANDLERS]  # noqa: F405

# Number of reverse proxies in front of the app whose X-Forwarded-For can be trusted.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

LOGIN_URL = "admin:login"
# Where a login with no (or an unsafe) `next` lands: the desk, not Django's /accounts/profile/.
LOGIN_REDIRECT_URL = "admin:index"

# Celery (`celery -A newsroom worker`, `celery -A newsroom beat`). Without a broker every task
# runs in process at once, so the embedded default needs no broker and no worker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "newsroom")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Failed tasks are retried with exponential backoff up to this many seconds between tries.
CELERY_RETRY_BACKOFF_MAX = int(os.environ.get("CELERY_RETRY_BACKOFF_MAX", "3600"))
# The newsletter's morning digest goes out at this time (Vietnam's), from Celery beat.
NEWSLETTER_DIGEST_TIME = os.environ.get("NEWSLETTER_DIGEST_TIME", "06:00")
CELERY_BEAT_SCHEDULE = {
    "flush-view-counts": {
        "task": "articles.tasks.flush_view_counts",
        "schedule": float(os.environ.get("VIEW_COUNT_FLUSH_SECONDS", "300")),
    },
    "requeue-missing-renditions": {
        "task": "articles.tasks.requeue_missing_renditions",
        "schedule": 600.0,
    },
    # Video and sound left preparing (a broker outage at upload, a worker killed mid-way).
    "requeue-stuck-media": {
        "task": "multimedia.tasks.requeue_stuck_media",
        "schedule": 900.0,
    },
    "escalate-waiting-approvals": {
        "task": "articles.tasks.escalate_waiting_approvals",
        "schedule": 60.0,
    },
    # Commenters' emails and IPs past COMMENT_PERSONAL_DAYS (Nghị định 13/2023).
    "clear-comment-personal-data": {
        "task": "comments.tasks.clear_comment_personal_data",
        "schedule": 24 * 3600.0,
    },
    # The morning digest at the paper's time, Vietnam's (NEWSLETTER_DIGEST_TIME, "HH:MM").
    "send-morning-digest": {
        "task": "newsletter.sending.send_digest_task",
        "schedule": crontab(
            hour=NEWSLETTER_DIGEST_TIME.partition(":")[0],
            minute=NEWSLETTER_DIGEST_TIME.partition(":")[2] or "0",
        ),
    },
    # Partners' deliveries whose task was lost (a broker outage, a worker killed mid-POST).
    "send-due-webhooks": {"task": "webhooks.tasks.send_due_webhooks", "schedule": 60.0},
    # Newsletter subscriptions never confirmed (newsletter/personal_data.py).
    "clear-newsletter-personal-data": {
        "task": "newsletter.personal_data.clear_newsletter_personal_data",
        "schedule": 24 * 3600.0,
    },
}

# Admin login guessing (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is locked out for AXES_COOLOFF_MINUTES; a shared office address
# never locks out anyone else, and every lock ends by itself. Editors and moderators see the
# record in the admin.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_MINUTES = int(os.environ.get("AXES_COOLOFF_MINUTES", "15"))
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "newsroom.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "newsroom.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "newsroom.lockout.username"

# Production hardening: on unless DEBUG, each switchable for a proxy that terminates TLS.
# X-Forwarded-Proto is believed only behind a proxy that sets it: without one, any client
# reaching gunicorn directly could claim HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT > 0 else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers ask for /healthz over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (newsroom.csp): no inline script anywhere, nonces only in the admin.
# Pictures come from this site, from the object store when MEDIA_STORAGE=s3 (its custom domain,
# else its endpoint, else AWS), and from CSP_EXTRA_IMG_SRC (comma-separated origins, e.g. a CDN).
MEDIA_ORIGINS = []
if MEDIA_STORAGE == "s3":
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        _protocol = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
        MEDIA_ORIGINS = [f"{_protocol}//{os.environ['AWS_S3_CUSTOM_DOMAIN'].split('/')[0]}"]
    elif os.environ.get("AWS_S3_ENDPOINT_URL"):
        _endpoint = urlsplit(os.environ["AWS_S3_ENDPOINT_URL"])
        MEDIA_ORIGINS = [f"{_endpoint.scheme}://{_endpoint.netloc}"]
    else:
        MEDIA_ORIGINS = ["https://*.amazonaws.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS, *env_list("CSP_EXTRA_IMG_SRC")],
        "font-src": [SELF],
        # The story's own video and sound (templates/multimedia/player.html).
        "media-src": [SELF, *MEDIA_ORIGINS, *env_list("CSP_EXTRA_MEDIA_SRC")],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Embeds (newsroom.embeds): the providers whose URL alone in a paragraph becomes a click-to-load
# frame; a URL of any other stays a link. Choices: youtube, facebook, tiktok, x, vimeo,
# instagram (comma-separated in the environment). Only a page with an embed allows its frame
# origin in `frame-src`; nothing is fetched from a provider before the reader clicks "Xem".
EMBED_PROVIDERS = env_list("EMBED_PROVIDERS", "youtube,facebook,tiktok,x")

# The newsletter (newsletter/): mails per batch a worker sends; how long a confirmation link
# lasts; how many stories each list of the morning digest has.
NEWSLETTER_BATCH = int(os.environ.get("NEWSLETTER_BATCH", "200"))
NEWSLETTER_CONFIRM_DAYS = int(os.environ.get("NEWSLETTER_CONFIRM_DAYS", "7"))
NEWSLETTER_DIGEST_STORIES = 5

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", SITE_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# SMTP waits forever by default; a stuck mail server must not hold a worker.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
