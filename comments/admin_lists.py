"""The moderation list's filters: a story filter that does not list every story, and reports.

Django's `RelatedOnlyFieldListFilter` puts every story that has a comment in the sidebar: at
newspaper size that is a DISTINCT over a million rows and a page with 100,000 links. This filter
keeps its address (`?article__id__exact=`, which links elsewhere use) and offers the stories
readers are commenting on now, plus the one chosen.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .models import Comment

OFFERED = 10
# The latest comments looked at to find the stories being discussed (an index range, not a scan).
RECENT = 300


class RecentArticleFilter(admin.SimpleListFilter):
    title = _("bài viết")
    parameter_name = "article__id__exact"

    def lookups(self, request, model_admin):
        recent = Comment.objects.order_by("-created_at").values_list("article_id", flat=True)
        ids = list(dict.fromkeys(recent[:RECENT]))[:OFFERED]
        chosen = self.value()
        if chosen and chosen.isdigit() and int(chosen) not in ids:
            ids.insert(0, int(chosen))
        titles = dict(Article.objects.filter(pk__in=ids).values_list("pk", "title"))
        return [(str(pk), titles[pk]) for pk in ids if pk in titles]

    def queryset(self, request, queryset):
        chosen = self.value()
        if not chosen:
            return queryset
        if not chosen.isdigit():
            return queryset.none()
        return queryset.filter(article_id=int(chosen))


class ReportedFilter(admin.SimpleListFilter):
    """Comments readers reported and no moderator has answered (the admin index links here)."""

    title = _("báo vi phạm")
    parameter_name = "bao_vi_pham"

    def lookups(self, request, model_admin):
        return [("cho-xu-ly", _("Chưa xử lý"))]

    def queryset(self, request, queryset):
        if self.value() == "cho-xu-ly":
            return queryset.reported()
        return queryset
