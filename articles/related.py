"""Related stories: the editor's choices first, then the newest sharing tags or section."""

from django.conf import settings
from django.db.models import Q

from .models import Article, TaggedArticle


def related_articles(article: Article, tags, limit: int | None = None) -> list[Article]:
    """Return up to `limit` public stories related to `article`, in two queries at most.

    `tags` are the article's tags, already loaded by the caller.
    """
    limit = limit or settings.RELATED_ARTICLES_LIMIT
    # Cards show no body: it is neither read nor kept in the page parts cache.
    public = Article.objects.published().select_related("section").defer("body", "search_text")
    # A story not saved yet (the desk's preview of a new one) has no chosen stories.
    chosen = (
        list(
            public.filter(chosen_as_related__from_article=article)
            .exclude(pk=article.pk)
            .order_by("chosen_as_related__position", "chosen_as_related__pk")[:limit]
        )
        if article.pk is not None
        else []
    )
    remaining = limit - len(chosen)
    if remaining <= 0:
        return chosen
    shares = Q(section_id=article.section_id)
    if tags:
        tagged = TaggedArticle.objects.filter(tag__in=[tag.pk for tag in tags])
        shares |= Q(pk__in=tagged.values("content_object_id"))
    fill = (
        public.filter(shares)
        .exclude(pk__in=[pk for pk in [article.pk, *(story.pk for story in chosen)] if pk])
        .order_by("-published_at", "-pk")[:remaining]
    )
    return chosen + list(fill)
