"""WSGI entry point for gunicorn: Django, behind the in-memory front of the page cache."""

import atexit
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

from pagecache.front import PageCacheFront

application = PageCacheFront(get_wsgi_application())
# A worker that stops writes the page views it counted in memory.
atexit.register(application.flush_views)
