"""What readers see of a live story: its state, pinned entry, key events and entries.

`live_context` is the story page's part (articles.story_page calls it for a live story);
`entries_feed` is the small endpoint the page's script polls (static/js/live.js). Both read
the same two queries whatever the number of entries, and both are shared pages of the page
cache, purged together by an entry (articles/live/pages.py).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control

from newsroom import embeds
from newsroom.csp import FRAME_SRC

from ..models import Article, LiveCoverage, LiveEntry

ENTRY_TEMPLATE = "articles/live/entry.html"
SUMMARY_TEMPLATE = "articles/live/summary.html"
# How long nginx (proxy_cache) keeps the endpoint when nothing purges it: well inside the 15 s
# a reader may wait for an entry. Browsers revalidate every poll (max-age=0, ETag: a 304).
PROXY_SECONDS = 2
# The endpoint carries the HTML of this many newest entries (and of edited ones): a reader
# polling every 10 s never misses more; older ones are named by id, to notice withdrawals.
FEED_NEWEST = 20


@dataclass
class Live:
    article: Article
    coverage: LiveCoverage | None
    entries: list[LiveEntry] = field(default_factory=list)

    @property
    def state(self) -> str:
        """ "ended", "live", or "upcoming" (no entry yet, not started)."""
        if self.coverage is not None and self.coverage.has_ended:
            return "ended"
        if self.coverage is not None and self.coverage.started_at is not None:
            return "live"
        return "upcoming"

    @property
    def state_label(self) -> str:
        return {"ended": "Đã kết thúc", "live": "Đang diễn ra"}.get(self.state, "Sắp diễn ra")

    @property
    def pinned(self) -> LiveEntry | None:
        return next((entry for entry in self.entries if entry.pinned), None)

    @property
    def key_events(self) -> list[LiveEntry]:
        return [entry for entry in self.entries if entry.key_event]

    @property
    def is_qa(self) -> bool:
        return self.coverage is not None and self.coverage.is_qa

    @property
    def polled(self) -> bool:
        return self.state != "ended"

    @property
    def feed_url(self) -> str:
        return reverse("articles:live-feed", args=[self.article.pk])

    @property
    def poll_ms(self) -> int:
        return int(settings.LIVE_POLL_SECONDS * 1000)

    @property
    def hidden_poll_ms(self) -> int:
        return int(settings.LIVE_HIDDEN_POLL_SECONDS * 1000)

    @property
    def started_at(self):
        return self.coverage.started_at if self.coverage else None

    @property
    def ended_at(self):
        return self.coverage.ended_at if self.coverage else None


def live_of(article: Article) -> Live:
    """The live story's coverage and shown entries, newest first: two queries."""
    coverage = LiveCoverage.objects.filter(article=article.pk).first()
    entries = list(
        LiveEntry.objects.shown()
        .filter(article=article.pk)
        .select_related("guest__photo")
        .order_by("-posted_at", "-pk")
    )
    return Live(article, coverage, entries)


def live_context(article: Article) -> dict:
    """The story page's extra context for a live story (nothing for another kind)."""
    if article.kind != Article.Kind.LIVE or article.pk is None:
        return {}
    # Any entry may bring an embed, also one that arrives after the page was served (the
    # endpoint's): the page's frame-src allows every provider the paper allows.
    return {"live": live_of(article), FRAME_SRC: sorted({p.origin for p in embeds.enabled()})}


def feed_data(live: Live) -> dict:
    """The endpoint's content: the state, the summary's HTML, and each shown entry's id and
    version, with its HTML when the page may lack it (the newest, and any edited one)."""
    items = []
    for position, entry in enumerate(live.entries):
        item = {"id": entry.pk, "version": entry.version}
        if position < FEED_NEWEST or entry.edited_at is not None:
            context = {"entry": entry, "live": live}
            item["html"] = render_to_string(ENTRY_TEMPLATE, context).strip()
        items.append(item)
    return {
        "state": live.state,
        "state_label": live.state_label,
        "summary": render_to_string(SUMMARY_TEMPLATE, {"live": live}).strip(),
        "entries": items,
    }


def entries_feed(request: HttpRequest, pk: int) -> JsonResponse:
    """The live story's entries for the page's script, at one address per story."""
    stories = Article.objects.published().filter(kind=Article.Kind.LIVE)
    article = get_object_or_404(stories.only("pk", "kind", "slug"), pk=pk)
    response = JsonResponse(feed_data(live_of(article)), json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=0)
    response["X-Accel-Expires"] = str(PROXY_SECONDS)
    return response
