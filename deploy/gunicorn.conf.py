"""gunicorn settings for Newsroom: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be set from the environment (the systemd unit's EnvironmentFile), so one
file serves every app server; nothing here is kept between requests but the code.
"""

import multiprocessing
import os

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# Requests wait on PostgreSQL and Redis more than on the CPU: a few processes per core.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
# A worker whose main loop stops (its heartbeat) is killed after this long. A gthread worker's
# request threads are never killed, however long they wait: the app bounds its own waits
# (DATABASE_CONNECT_TIMEOUT and the rest in post_worker_init, CACHE_SOCKET_TIMEOUT, EMAIL_TIMEOUT).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A fresh process now and then: no slow leak lives long.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# nginx on this machine is the proxy whose X-Forwarded-* headers are believed.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Heartbeat files in memory, never on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def post_worker_init(worker):
    """Bound every wait of this worker for PostgreSQL (newsroom/pgwait.py)."""
    from newsroom import pgwait

    pgwait.install()
