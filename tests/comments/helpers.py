"""What a reader's browser sends (the form of a story, filled in some seconds after loading),
and readers acting at the same instant."""

import threading
from datetime import timedelta

import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from comments.spam import make_token

POST_URL = reverse("comments:post")


def form_token(article, seconds_ago: float = 10) -> str:
    """The token the story page gave a reader who loaded it `seconds_ago`."""
    with time_machine.travel(timezone.now() - timedelta(seconds=seconds_ago), tick=False):
        return make_token(article.pk)


def comment_data(article, /, **fields) -> dict:
    data = {
        "article": str(article.pk),
        "token": form_token(article),
        "name": "Nguyễn Văn An",
        "email": "an@example.com",
        "body": "Bài viết rất bổ ích.\nCảm ơn tòa soạn.",
        "parent": "",
        "website": "",
    }
    data.update(fields)
    return data


def run_concurrently(jobs) -> None:
    """Start every job at the same instant, each on its own thread and connection; none fails."""
    errors = []
    barrier = threading.Barrier(len(jobs))

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
