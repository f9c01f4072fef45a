"""The public stories: the lists (by section, tag, kind, author, words) and one story in full.

Public is the reader pages' rule (`Article.objects.public()`: published, its time come, read at
each request, so a scheduled story appears without a cron job); drafts, pending, scheduled,
unpublished and taken-down stories are never found. A story's body is the story page's
(articles.story_page: its pictures with their renditions, lone provider links as embeds).
"""

from django.db.models import Prefetch

from articles.body_images import body_image_ids, responsive_body
from articles.kinds.page import body_sizes, gallery_of
from articles.models import Article, Contributor, Image, Person, Section, Tag
from articles.related import related_articles
from articles.search import parse_query, search
from articles.story_page import corrections_of
from newsroom.embeds import reader_body

from . import content
from .errors import bad_parameter, not_found

# Ids above this are no row of ours (and no integer PostgreSQL takes).
MAX_ID = 2**63 - 1
CONTRIBUTORS = Prefetch(
    "contributors",
    queryset=Contributor.objects.select_related("person").order_by("position", "pk"),
)


def _listing():
    return Article.objects.public().for_listing().defer("body", "search_text")


def _by_slug(model, slug: str, parameter: str, label: str, queryset=None):
    queryset = queryset if queryset is not None else model.objects.all()
    found = queryset.filter(slug=slug).first()
    if found is None and hasattr(model, "old_slugs"):  # a slug it had: still the same thing
        found = queryset.filter(old_slugs__slug=slug).first()
    if found is None:
        raise bad_parameter(parameter, f"Không có {label} “{slug[:80]}”.")
    return found


def listed(*, section=None, tag=None, kind=None, author=None):
    """The public stories, newest first, filtered as asked; 400 for a slug naming nothing."""
    stories = _listing()
    if section:
        found = _by_slug(
            Section, section, "section", "chuyên mục", Section.objects.prefetch_related("children")
        )
        ids = [found.pk, *(child.pk for child in found.children.all())]
        stories = stories.filter(section_id__in=ids)
    if tag:
        stories = stories.filter(tags=_by_slug(Tag, tag, "tag", "thẻ"))
    if kind:
        stories = stories.filter(kind=kind)
    if author:
        person = _by_slug(Person, author, "author", "tác giả", Person.objects.filter(listed=True))
        stories = stories.filter(
            pk__in=Contributor.objects.filter(person=person).values("article_id")
        )
    return stories


def found_by_words(words: str):
    """The search page's results (articles/search.py): best match first, capped."""
    query = parse_query(words)
    if not query:
        raise bad_parameter("q", "Từ khóa (q) cần ít nhất một chữ hoặc số.")
    return search(query)


def summaries(request, stories) -> list[dict]:
    """Each story as lists show it: three queries for the page, whatever its tags and writers."""
    stories = list(stories)
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(stories, "tags", CONTRIBUTORS)
    return [content.story(request, story) for story in stories]


def public_story(story_id: int) -> Article:
    if not 0 < story_id <= MAX_ID:
        raise not_found("Không có bài này.")
    story = (
        Article.objects.public()
        .select_related("section", "hero_image")
        .prefetch_related("tags", CONTRIBUTORS)
        .filter(pk=story_id)
        .first()
    )
    if story is None:
        raise not_found("Không có bài này.")
    return story


def detail(request, story_id: int) -> dict:
    """A public story in full: a fixed number of queries, whatever it holds."""
    story = public_story(story_id)
    data = content.story(request, story)
    ids = body_image_ids(story.body)
    images = {image.pk: image for image in Image.objects.filter(pk__in=ids)} if ids else {}
    ordered = [images[pk] for pk in _in_order(story.body) if pk in images]
    gallery = gallery_of(story)
    data.update(
        body_html=content.absolute_links(
            request, reader_body(responsive_body(story.body, images, body_sizes(story)))
        ),
        pictures=[content.picture(request, image) for image in ordered],
        gallery=[
            {
                **content.picture(request, item.image),
                "caption": item.shown_caption,
                "credit": item.shown_credit,
            }
            for item in gallery
        ],
        related=[
            content.related(request, item)
            for item in related_articles(story, list(story.tags.all()))
        ],
        corrections=[
            content.correction(request, item, with_story=False) for item in corrections_of(story)
        ],
        live=(
            {"entries_url": content.api_url(request, "live-entries", story_id=story.pk)}
            if story.kind == Article.Kind.LIVE
            else None
        ),
    )
    return data


def _in_order(body: str) -> list[int]:
    from articles.body_images import body_images

    seen = {}
    for image in body_images(body):
        if image.image_id is not None:
            seen.setdefault(image.image_id, None)
    return list(seen)
