"""The reader's corrections pages: the list (`/cai-chinh/`), each one's page, their feed."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, ListView

from ..feeds import LatestStoriesFeed
from ..models import Correction
from ..seo import absolute, correction_text
from ..views import PageRangeMixin, SidebarMixin

FEED_LENGTH = 50


def shown():
    return Correction.objects.shown().select_related("article", "article__section")


class CorrectionListView(PageRangeMixin, SidebarMixin, ListView):
    """Every correction shown, newest first."""

    template_name = "articles/corrections_list.html"
    context_object_name = "corrections"

    def get_queryset(self):
        return shown().order_by("-published_at", "-pk")

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE


class CorrectionDetailView(SidebarMixin, DetailView):
    """One correction in the law's form, with the story it corrects (linked while public)."""

    template_name = "articles/correction_detail.html"
    context_object_name = "correction"

    def get_object(self, queryset=None):
        return get_object_or_404(shown(), pk=self.kwargs["pk"])


class CorrectionsFeed(LatestStoriesFeed):
    """The corrections, newest first (RSS 2.0)."""

    def title(self, obj=None):
        return f"{settings.SITE_NAME} – Đính chính, cải chính"

    def link(self, obj=None):
        return absolute(self.request, reverse("articles:corrections"))

    def description(self, obj=None):
        return f"Các đính chính, cải chính của {settings.SITE_NAME}"

    def feed_url(self, obj=None):
        return absolute(self.request, reverse("articles:corrections-feed"))

    def items(self, obj=None):
        return shown().order_by("-published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item: Correction) -> str:
        if item.is_apology:
            return f"Thông tin cải chính, xin lỗi: {item.story_title}"
        return f"Đính chính: {item.article.title}"

    def item_description(self, item: Correction) -> str:
        return correction_text(item)

    def item_link(self, item: Correction) -> str:
        return absolute(self.request, item.get_absolute_url())

    def item_pubdate(self, item: Correction):
        return timezone.localtime(item.published_at, ZoneInfo(settings.TIME_ZONE))

    def item_updateddate(self, item: Correction):
        return self.item_pubdate(item)

    def item_author_name(self, item: Correction):
        return None

    def item_enclosures(self, item):
        return []

    def item_categories(self, item):
        return []
