"""Reader pages: home, story, section, tag and search listings. All go through published()."""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from pagecache.fragments import parts

from . import takedown
from .counters import record_view
from .frontpage.reader import FRONT_PARTS, section_lead
from .frontpage.reading import compose_home, compose_section
from .listing import sidebar_lists
from .models import Article, Correction, Section, Tag
from .pages import LISTING
from .search import parse_query, search
from .sitemaps import news_stories
from .story_page import STORY_TEMPLATE, menu, story_context


class PageRangeMixin:
    """Page numbers for the pagination links: 1 … 4 5 [6] 7 8 … 20."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("is_paginated"):
            page = context["page_obj"]
            context["page_range"] = page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            )
        return context


class PublishedMixin:
    """Supply the public stories, ready for listing, to a reading view."""

    def get_queryset(self):
        return Article.objects.published().for_listing()


class SidebarMixin:
    """Add the menu and the most read and most commented stories, kept between renderings."""

    def extra_parts(self) -> dict:
        """More parts: name to compute, or to (areas, compute) for areas beyond LISTING's."""
        return {}

    def get_context_data(self, **kwargs):
        specs = {"nav": menu, "sidebar": lambda _: sidebar_lists(), **self.extra_parts()}
        got = parts(
            {
                name: spec if isinstance(spec, tuple) else (LISTING, spec)
                for name, spec in specs.items()
            }
        )
        self.parts = got
        return super().get_context_data(nav_sections=got["nav"], **got["sidebar"], **kwargs)


class HomeView(SidebarMixin, TemplateView):
    """The front page the editors composed (articles/frontpage/), then the section boxes."""

    template_name = "articles/home.html"

    def extra_parts(self) -> dict:
        return {"home": (FRONT_PARTS, lambda _: compose_home())}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        front = self.parts["home"]
        return {
            **context,
            "front": front,
            "featured": front.featured,
            "blocks": front.blocks,
            "breaking": front.breaking,
        }


def moved(request, new_url: str) -> HttpResponsePermanentRedirect:
    """301 to `new_url`, keeping the query string (the page number, say)."""
    query = request.GET.urlencode()
    return HttpResponsePermanentRedirect(f"{new_url}?{query}" if query else new_url)


class SluggedListMixin(PageRangeMixin, SidebarMixin, PublishedMixin):
    """A listing found by slug; a slug the object used to have redirects (301)."""

    model: type
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        # Read per request, as the home page's settings are, so an override applies at once.
        return settings.ARTICLES_PER_PAGE

    def get_object_queryset(self):
        return self.model._default_manager.all()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object_queryset().filter(slug=kwargs["slug"]).first()
        if self.object is None:
            renamed = self.model._default_manager.filter(old_slugs__slug=kwargs["slug"]).first()
            if renamed is None:
                raise Http404("Không có trang này.")
            return moved(request, renamed.get_absolute_url())
        return super().get(request, *args, **kwargs)


class ArticleDetailView(PublishedMixin, DetailView):
    """A public story at its one true address; the page is articles.story_page's."""

    context_object_name = "article"
    template_name = STORY_TEMPLATE

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            # Taken down on request: 410 with a notice, whatever slug the address carries.
            taken_down = takedown.taken_down_story(kwargs["pk"])
            if taken_down is None:
                raise
            return takedown.gone(request, taken_down)
        if self.object.slug != kwargs["slug"] or kwargs["pk"] != str(self.object.pk):
            # An old or mistyped slug, a zero-padded id: readers and search engines go to the
            # one true URL, and the page cache keeps one copy.
            return redirect(self.object, permanent=True)
        if not getattr(request, "view_counted", False):  # the page cache may have counted it
            record_view(self.object.pk)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_object(self, queryset=None):
        queryset = self.get_queryset().select_related(
            "section__parent", "hero_image", "video", "audio"
        )
        # Whether it has corrections to show, in the same query: most stories have none.
        shown = Correction.objects.shown().filter(article=OuterRef("pk"))
        queryset = queryset.annotate(has_corrections=Exists(shown))
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(**{**story_context(self.object), **kwargs})


class SectionView(SluggedListMixin, ListView):
    """A section's stories, its subsections' included, newest first."""

    model = Section
    template_name = "articles/section_detail.html"

    def get_object_queryset(self):
        return Section.objects.select_related("parent").prefetch_related("children")

    def get_queryset(self):
        # Ids, not a join on the parent: the date index then serves the page at any size.
        ids = [self.object.pk, *(child.pk for child in self.object.children.all())]
        return super().get_queryset().filter(section_id__in=ids)

    def extra_parts(self) -> dict:
        ids = [self.object.pk, *(child.pk for child in self.object.children.all())]
        return {f"section-front:{self.object.pk}": (FRONT_PARTS, lambda _: compose_section(ids))}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(section=self.object, **kwargs)
        placed = self.parts[f"section-front:{self.object.pk}"]
        return {**context, **section_lead(placed, context), "breaking": placed.breaking}


class TagView(SluggedListMixin, ListView):
    """A tag's stories, newest first."""

    model = Tag
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        return super().get_queryset().filter(tags=self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.object, **kwargs)


class SearchView(PageRangeMixin, ListView):
    """Stories matching `?q=`, ignoring case and diacritics, best match first."""

    template_name = "articles/search.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        self.query = parse_query(self.request.GET.get("q", ""))
        return search(self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query, capped=self.object_list.capped, **kwargs
        )
        # The reader typed accents: stories matching only once they are dropped go under a
        # line that says so, so "Đăng kiểm" under "đảng bộ" does not read as a mistake.
        stories = context["articles"] or []
        context["exact_articles"] = [story for story in stories if story.exact_match]
        context["accent_free_articles"] = [story for story in stories if not story.exact_match]
        return context


class NewsSitemapView(TemplateView):
    """Google News sitemap: the public stories of the last two days."""

    template_name = "sitemaps/news.xml"
    content_type = "application/xml; charset=utf-8"

    def get_context_data(self, **kwargs):
        return super().get_context_data(stories=news_stories(), **kwargs)


class RobotsView(TemplateView):
    """robots.txt: the admin and comment actions are off limits; where the sitemaps are."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sitemap_url=reverse("articles:sitemap"),
            news_sitemap_url=reverse("articles:news-sitemap"),
            **kwargs,
        )
