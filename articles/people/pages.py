"""The author pages: `/tac-gia/<slug>/` and its feed, for each listed person with a public story.

The page shows the person's main pen name, a short bio and photo if given, and their public
stories (any role), newest first, paginated as every listing is; JSON-LD ProfilePage with its
Person. Cached like every listing (articles/pages.py: the `stories` area, which a person's
change purges too). A person who asked not to be listed (`listed` off) has no page and no
feed: 404, and their byline shows unlinked (articles/people/byline.py).
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import ListView

from ..feeds import LatestStoriesFeed
from ..models import Article, Contributor, Person
from ..seo import absolute
from ..views import PageRangeMixin, PublishedMixin, SidebarMixin


def stories_of(person: Person):
    """The public stories `person` worked on, each once, newest first."""
    ids = Contributor.objects.filter(person=person).values("article_id")
    return Article.objects.published().for_listing().filter(pk__in=ids)


def listed(slug: str) -> Person:
    return get_object_or_404(Person.objects.select_related("photo"), slug=slug, listed=True)


def profile_page(person: Person, request) -> dict:
    """schema.org ProfilePage about the person."""
    url = absolute(request, person.get_absolute_url())
    data = {"@type": "Person", "name": person.pen_name, "url": url}
    if others := person.pen_names[1:]:
        data["alternateName"] = others
    if person.bio:
        data["description"] = person.bio
    if person.photo_id:
        data["image"] = absolute(request, person.photo.file.url)
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": data,
    }


class AuthorView(PageRangeMixin, SidebarMixin, PublishedMixin, ListView):
    template_name = "articles/author_detail.html"
    context_object_name = "articles"
    allow_empty = False  # no public story, no page

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.person = listed(kwargs["slug"])
        try:
            return super().get(request, *args, **kwargs)
        except Http404 as error:
            raise Http404("Không có trang này.") from error

    def get_queryset(self):
        return stories_of(self.person)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person, profile=profile_page(self.person, self.request), **kwargs
        )


class AuthorFeed(LatestStoriesFeed):
    """A person's latest 50 public stories."""

    def get_object(self, request, slug):
        person = listed(slug)
        if not stories_of(person).exists():
            raise Http404("Không có trang này.")
        return person

    def title(self, obj):
        return f"{obj.pen_name} – {settings.SITE_NAME}"

    def link(self, obj):
        return absolute(self.request, obj.get_absolute_url())

    def description(self, obj):
        return obj.bio or f"Các bài của {obj.pen_name} trên {settings.SITE_NAME}"

    def feed_url(self, obj):
        return absolute(self.request, reverse("articles:author-feed", kwargs={"slug": obj.slug}))

    def items(self, obj):
        return stories_of(obj)[:50]
