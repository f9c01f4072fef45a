"""The Celery app: `celery -A newsroom worker` and `celery -A newsroom beat`.

Settings come from `newsroom.settings` (the `CELERY_` ones); without `CELERY_BROKER_URL`
every task runs in process, so the embedded default needs no broker and no worker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The purge at a scheduled story's publish time lives with the articles' other page rules.
app.autodiscover_tasks(["articles"], related_name="pages")
app.autodiscover_tasks(["pagecache"], related_name="frontcache")
