"""RSS 2.0 feeds of the latest public stories: the whole paper and each section."""

import mimetypes
from copy import copy
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed

from .models import Article, Section
from .seo import absolute

FEED_LENGTH = 50


class LatestStoriesFeed(Feed):
    """The paper's latest 50 stories: full title, lead as description, hero picture attached."""

    feed_type = Rss201rev2Feed
    language = "vi"
    request = None

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request: give each request its own copy to hold it.
        feed = copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def title(self, obj=None):
        return settings.SITE_NAME

    def link(self, obj=None):
        return absolute(self.request, reverse("articles:home"))

    def description(self, obj=None):
        return f"{settings.SITE_NAME} – {settings.SITE_TAGLINE}"

    def feed_url(self, obj=None):
        return absolute(self.request, reverse("articles:feed"))

    def stories(self):
        return Article.objects.published().for_listing()

    def items(self, obj=None):
        return self.stories()[:FEED_LENGTH]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.lead_with_code

    def item_link(self, item: Article) -> str:
        return absolute(self.request, item.get_absolute_url())

    def item_pubdate(self, item: Article):
        # Vietnam time, so the RFC 822 date carries +0700 as the paper prints it.
        return timezone.localtime(item.published_at, ZoneInfo(settings.TIME_ZONE))

    def item_updateddate(self, item: Article):
        return timezone.localtime(item.updated_at, ZoneInfo(settings.TIME_ZONE))

    def item_author_name(self, item: Article) -> str:
        return item.byline or None

    def item_categories(self, item: Article):
        return [item.section.name]

    def item_enclosures(self, item: Article):
        image = item.hero_image
        if image is None:
            return []
        try:
            length = image.file.size
        except OSError:  # the file is missing from storage: still name the picture
            length = 0
        mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
        return [Enclosure(absolute(self.request, image.file.url), str(length), mime_type)]


def section_feed_path(section: Section) -> str:
    return reverse("articles:section-feed", kwargs={"slug": section.slug})


class SectionFeed(LatestStoriesFeed):
    """A section's latest 50 stories, its subsections' included."""

    def __call__(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        if not Section.objects.filter(slug=slug).exists():
            renamed = Section.objects.filter(old_slugs__slug=slug).first()
            if renamed is not None:
                return HttpResponsePermanentRedirect(section_feed_path(renamed))
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{obj.name} – {settings.SITE_NAME}"

    def link(self, obj):
        return absolute(self.request, obj.get_absolute_url())

    def description(self, obj):
        return obj.description or f"Tin {obj.name} – {settings.SITE_NAME}"

    def feed_url(self, obj):
        return absolute(self.request, section_feed_path(obj))

    def items(self, obj):
        return self.stories().filter(Q(section=obj) | Q(section__parent=obj))[:FEED_LENGTH]
