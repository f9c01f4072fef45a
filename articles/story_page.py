"""The story page's context: the one way to show a story, wherever the page is rendered.

The detail view (articles.views.ArticleDetailView), the staff and share previews
(articles.preview), the preview of the desk's unsaved form (articles.form_preview) and the
comment views sending the page back with a refused form (comments.views) all take their
context from `story_context`, so the page they show is the same page.

What is kept between renderings (the page cache's parts, purged by the story's areas) is only
ever the saved story as readers see it: a preview, or a story shown with tags or related stories
it was not saved with, renders every part afresh and keeps none. No view is counted here and
the slug is not checked: the callers have the story already.
"""

from newsroom.csp import FRAME_SRC
from newsroom.embeds import frame_origins, reader_body
from pagecache.fragments import parts

from .body_images import first_body_image_id, story_body
from .kinds.page import body_sizes, gallery_of, template_for
from .live.reader import live_context
from .models import Article, Correction, Section, Tag
from .pages import story_areas
from .people.byline import credited, linked_names
from .related import related_articles

# Extends the page of the story's kind (`story_template`, articles/kinds/page.py).
STORY_TEMPLATE = "articles/story.html"


def menu(parts_so_far=None) -> list[Section]:
    """The reader menu's sections: a part every reader page shows (the listings' too)."""
    return list(Section.objects.for_nav())


def corrections_of(article: Article) -> list[Correction]:
    """The corrections shown on the story, oldest first (no query when the story's own query
    said it has none: `has_corrections`, as the detail view loads it)."""
    if getattr(article, "has_corrections", True) is False:
        return []
    return list(
        Correction.objects.shown().filter(article=article.pk).order_by("published_at", "pk")
    )


def story_context(
    article: Article,
    *,
    preview: str = "",
    tags: list[Tag] | None = None,
    related_ids: list[int] | None = None,
    **extra,
) -> dict:
    """The story page's context for `article`, plus the caller's own `extra`.

    `preview` is a preview's banner ("staff", "share", "form"); `tags` and `related_ids` (the
    chosen related stories, in order) are what an unsaved form shows instead of the saved ones.
    `extra` is what the caller adds: a comment form with its errors, a refusal, a preview's
    problems.
    """
    pk = article.pk
    specs = {
        f"tags:{pk}": lambda _: list(article.tags.all()) if tags is None else tags,
        f"related:{pk}": lambda got: related_articles(
            article, got[f"tags:{pk}"], chosen_ids=related_ids
        ),
        # Lone provider URLs become click-to-load embeds (newsroom.embeds).
        f"body:{pk}": lambda _: reader_body(story_body(article, body_sizes(article))),
        f"gallery:{pk}": lambda _: gallery_of(article),
        f"corrections:{pk}": lambda _: corrections_of(article),
        f"contributors:{pk}": lambda _: credited(pk) if pk else [],
        "nav": menu,
    }
    if preview or tags is not None or related_ids is not None:
        got = {}
        for name, compute in specs.items():
            got[name] = compute(got)
    else:
        areas = story_areas(pk)
        got = parts({name: (areas, compute) for name, compute in specs.items()})
    context = {
        "article": article,
        "tags": got[f"tags:{pk}"],
        "related_articles": got[f"related:{pk}"],
        "story_body": got[f"body:{pk}"],
        # The body shows its own first picture where the editor put it: the hero once only.
        "hero_in_body": article.hero_image_id is not None
        and article.hero_image_id == first_body_image_id(article.body),
        "nav_sections": got["nav"],
        "corrections": got[f"corrections:{pk}"],
        "contributors": got[f"contributors:{pk}"],
        "byline_names": linked_names(got[f"contributors:{pk}"]),
        "gallery": got[f"gallery:{pk}"],
        "story_template": template_for(article),
    }
    # The embeds' frame origins: this page's CSP `frame-src` (newsroom.csp), embeds.js loaded.
    context[FRAME_SRC] = frame_origins(context["story_body"])
    if preview:
        context["preview"] = preview
    context.update(live_context(article))
    return {**context, **extra}
