"""What a partner is told: a small JSON, the same at every try of a delivery.

    {"id": "<delivery id>", "event": "story.corrected", "occurred_at": "…+07:00",
     "story": {"id": 42, "title": "…", "url": "https://…/…-42.html",
               "api_url": "https://…/api/v1/stories/42"},
     "correction": {…}}                                   (story.corrected only)

No body text: a partner wanting the words reads `api_url` (the content API). A story taken
down on request is named by its id, title and address only, as its 410 page names it
(articles/takedown.py); the reason, kept for the desk and an inspector, is never sent.
"""

from django.utils import timezone

from newsroom import site_url
from newsroom.vietnamese import iso


def story_of(article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "url": site_url.absolute(article.get_absolute_url()),
        "api_url": site_url.absolute(f"/api/v1/stories/{article.pk}"),
    }


def correction_of(correction) -> dict:
    if correction.is_apology:
        text = (
            f"Thông tin sai: {correction.wrong}\nThông tin đúng: {correction.corrected}\n"
            f"{correction.apology}"
        )
    else:
        text = correction.note
    data = {
        "id": correction.pk,
        "kind": correction.kind,
        "kind_label": str(correction.get_kind_display()),
        "text": text,
        "published_at": iso(correction.published_at),
        "url": site_url.absolute(correction.get_absolute_url()),
    }
    if correction.is_apology:
        data.update(wrong=correction.wrong, corrected=correction.corrected)
        data["apology"] = correction.apology
    return data


def payload(event: str, article, *, delivery_id: str, correction=None, now=None) -> dict:
    data = {
        "id": delivery_id,
        "event": event,
        "occurred_at": iso(now or timezone.now()),
        "story": story_of(article),
    }
    if correction is not None:
        data["correction"] = correction_of(correction)
    return data
