"""Which reader pages show what, and which of them a change makes stale: the one place.

Areas, each with a generation in `versions`:
- `site`: the menu (sections), tags and pictures: every reader page shows some of them;
- `stories`: the public stories: every listing, feed and sitemap, and every story page
  (its related stories are the newest sharing its tags or section);
- `counts`: comment counts, shown on listing cards and in the sidebar;
- `article:<pk>`: one story's own words, pictures and tags, shown on its page;
- `comments:<pk>`: one story's approved comments, shown on its page.

Purges run as the change is made and again once it is committed (see `_bump`); the
committed one also goes to the caches in front of the app, by key (frontcache.py).
"""

from collections.abc import Iterable

from django.db import transaction

from . import frontcache, versions

LISTING = ("site", "stories", "counts")
INDEX = ("site", "stories")

# Reader pages by URL name, with the areas each one shows.
PAGES: dict[str, tuple[str, ...]] = {
    "articles:home": LISTING,
    "articles:section": LISTING,
    "articles:tag": LISTING,
    "articles:search": LISTING,
    "articles:detail": ("site", "stories"),  # and its own article:<pk>, comments:<pk>
    "articles:feed": INDEX,
    "articles:section-feed": INDEX,
    "articles:sitemap": INDEX,
    "articles:sitemap-section": INDEX,
    "articles:news-sitemap": INDEX,
    "articles:robots": ("site",),
}


def page_areas(url_name: str, kwargs: dict) -> tuple[str, ...] | None:
    """The areas the reader page `url_name` shows, or None for a page never shared."""
    areas = PAGES.get(url_name)
    if areas is None:
        return None
    if url_name == "articles:detail":
        return (*areas, article_area(kwargs["pk"]), comments_area(kwargs["pk"]))
    return areas


def story_areas(pk) -> tuple[str, ...]:
    """What the costly parts of a story page show: not its comments (see fragments)."""
    return ("site", "stories", article_area(pk))


def article_area(pk) -> str:
    return f"article:{int(pk)}"


def comments_area(pk) -> str:
    return f"comments:{int(pk)}"


def _bump(areas: Iterable[str], *, schedule: bool = False) -> None:
    """Purge now, and again once committed.

    The first purge shows the change to the very next request of this same transaction's
    thread; a reader rendering meanwhile from the state before the commit may cache it under
    the new generation, so the second purge drops that. A rolled-back change costs a purge.
    The committed one is numbered, so that Redis losing it is noticed (epoch.py).
    """
    areas = tuple(areas)
    if not transaction.get_connection().in_atomic_block:
        versions.bump_quietly(areas, schedule=schedule, committed=True)
        frontcache.purge(areas)
        return
    versions.bump_quietly(areas, schedule=schedule)
    transaction.on_commit(lambda: versions.bump_quietly(areas, schedule=schedule, committed=True))
    # The caches in front, by key: after the committed purge above (callbacks run in order),
    # so that what they fetch again is the new page (frontcache.py).
    transaction.on_commit(lambda: frontcache.purge(areas))


def story_changed(pk: int) -> None:
    """A public or scheduled story was published, edited, unpublished or deleted."""
    _bump(["stories", article_area(pk)], schedule=True)


def comments_changed(article_ids: Iterable[int]) -> None:
    """Comments of these stories were approved, rejected, marked spam or deleted."""
    _bump(["counts", *(comments_area(pk) for pk in article_ids)])


def site_changed() -> None:
    """A section or tag was renamed, moved or removed, or a picture's words changed."""
    _bump(["site"])
