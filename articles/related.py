"""Related stories: the editor's choices first, then the newest sharing tags or section."""

from django.conf import settings
from django.db.models import Q

from .models import Article, TaggedArticle


def related_articles(
    article: Article, tags, limit: int | None = None, chosen_ids: list[int] | None = None
) -> list[Article]:
    """Return up to `limit` public stories related to `article`, in two queries at most.

    `tags` are the article's tags, already loaded by the caller. `chosen_ids`, in order, stand
    for the editor's saved choices (the desk's preview of a form not saved yet).
    """
    limit = limit or settings.RELATED_ARTICLES_LIMIT
    # Cards show no body: it is neither read nor kept in the page parts cache.
    public = Article.objects.published().select_related("section").defer("body", "search_text")
    if chosen_ids is not None:
        found = public.exclude(pk=article.pk).in_bulk(chosen_ids[:limit])
        chosen = [found[pk] for pk in dict.fromkeys(chosen_ids) if pk in found][:limit]
    elif article.pk is not None:
        chosen = list(
            public.filter(chosen_as_related__from_article=article)
            .exclude(pk=article.pk)
            .order_by("chosen_as_related__position", "chosen_as_related__pk")[:limit]
        )
    else:  # a story not saved yet has no chosen stories
        chosen = []
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
