"""Reader pages: home, story, section and tag listings. All go through published()."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from .models import Article, Section, Tag
from .related import related_articles


class PublishedMixin:
    """Supply the public stories, ready for listing, to a reading view."""

    def get_queryset(self):
        return Article.objects.published().for_listing()


class HomeView(PublishedMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = settings.ARTICLES_PER_PAGE


class ArticleDetailView(PublishedMixin, DetailView):
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.slug != kwargs["slug"]:
            # An old or mistyped slug: send readers and search engines to the one true URL.
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_object(self, queryset=None):
        queryset = self.get_queryset().select_related("section__parent", "hero_image")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tags = list(self.object.tags.all())
        context["tags"] = tags
        context["related_articles"] = related_articles(self.object, tags)
        return context


class SectionView(PublishedMixin, ListView):
    template_name = "articles/section_detail.html"
    context_object_name = "articles"
    paginate_by = settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return (
            super().get_queryset().filter(section__in=[self.section, *self.section.children.all()])
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class TagView(PublishedMixin, ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "articles"
    paginate_by = settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)
