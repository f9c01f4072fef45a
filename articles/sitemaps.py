"""sitemap.xml for search engines (stories, sections, tags) and a Google News sitemap."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import timezone

from .models import Article, Section, Tag

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 stories from one sitemap


class ArticleSitemap(Sitemap):
    """Every public story; Django splits it into pages of 50,000 URLs."""

    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return (
            Article.objects.published()
            .only("pk", "slug", "updated_at", "published_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article):
        return max(item.updated_at, item.published_at)

    def get_latest_lastmod(self):
        # Django's default builds every story to take the max; one aggregate does it.
        latest = self.items().aggregate(updated=Max("updated_at"), published=Max("published_at"))
        return max(filter(None, latest.values()), default=None)


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Section.objects.order_by("position", "pk")


class TagSitemap(Sitemap):
    """Tags that lead to at least one public story."""

    changefreq = "daily"
    priority = 0.4

    def items(self):
        public = Article.objects.published().values("pk")
        return (
            Tag.objects.filter(tagged_articles__content_object__in=public).distinct().order_by("pk")
        )


SITEMAPS = {"bai-viet": ArticleSitemap, "chuyen-muc": SectionSitemap, "the": TagSitemap}


def news_stories():
    """Public stories of the last two days, newest first, for the Google News sitemap."""
    since = timezone.now() - NEWS_WINDOW
    return (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("pk", "slug", "title", "published_at")
        .order_by("-published_at", "-pk")[:NEWS_LIMIT]
    )
