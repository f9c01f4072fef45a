"""A story as readers will see it, before it is public: for staff, and by share link.

Neither is ever indexed or cached: the page may be a draft, and a link may be revoked.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from .models import Article, ShareLink
from .story_page import story_context

SHARE_SALT = "articles.share-link"
# The story page (articles/story_page.py) under a banner, never indexed.
PREVIEW_TEMPLATE = "articles/article_preview.html"


def share_link_hours() -> int:
    return settings.SHARE_LINK_HOURS


class _SignedAtCreation(signing.TimestampSigner):
    """Signs with the link's creation time, so its address is the same each time it is shown."""

    def __init__(self, created_at, **kwargs):
        super().__init__(**kwargs)
        self.created_at = created_at

    def timestamp(self):
        return signing.b62_encode(int(self.created_at.timestamp()))


def share_url(link: ShareLink) -> str:
    """The signed path of a share link (the signature also carries its creation time)."""
    signer = _SignedAtCreation(link.created_at, salt=SHARE_SALT)
    return reverse("articles:share", kwargs={"token": signer.sign_object(link.pk)})


def private(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is in the URL: don't hand it to the sites the story links to.
    response["Referrer-Policy"] = "no-referrer"
    return response


def render_preview(request, article: Article, *, banner: str):
    """The story page for `article` whatever its status, with a staff or share banner."""
    article = Article.objects.select_related("section__parent", "hero_image").get(pk=article.pk)
    response = TemplateResponse(request, PREVIEW_TEMPLATE, story_context(article, preview=banner))
    response.render()
    return private(response)


@require_GET
def shared_article(request, token: str):
    """The story behind a share link, while the link is neither expired nor revoked."""
    try:
        link_id = signing.loads(token, salt=SHARE_SALT, max_age=timedelta(hours=share_link_hours()))
    except signing.SignatureExpired:
        link_id = None
    except signing.BadSignature:
        raise Http404("Liên kết không hợp lệ.") from None
    link = (
        ShareLink.objects.select_related("article").filter(pk=link_id).first()
        if link_id is not None
        else None
    )
    if link is None or not link.is_active:
        response = TemplateResponse(request, "articles/share_expired.html", status=410)
        response.render()
        return private(response)
    return render_preview(request, link.article, banner="share")
