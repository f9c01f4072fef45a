"""The live entries endpoint as a shared page of the page cache, purged with its story page.

The endpoint shows the story's own area (`article:<pk>`), which every entry step purges
(articles/live/entries.py), as it does the story page: both are hits between entries.
"""

from pagecache import registry

from ..pages import article_area


def feed_areas(kwargs) -> tuple[str, ...]:
    return ("site", article_area(kwargs["pk"]))


def register() -> None:
    registry.page("articles:live-feed", feed_areas)
