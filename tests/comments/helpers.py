"""What a reader's browser sends: the form of a story, filled in some seconds after loading."""

from datetime import timedelta

import time_machine
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
