"""What the reader pages take from the front page: parts kept between renderings, the bar."""

import logging

from pagecache.fragments import parts

from ..pages import LISTING
from .reading import Breaking, SectionFront, breaking_now

logger = logging.getLogger(__name__)

# The home page's and a section page's placed stories: purged by a placement (`front`), a
# story leaving the public (`stories`) and the schedule (both, at each placement's moment).
FRONT_PARTS = (*LISTING, "front")
# The bar on every reader page: purged when set or cleared, and at its end (`stories`).
BAR_PARTS = ("site", "stories")


def section_lead(placed: SectionFront, context: dict) -> dict:
    """The section page's main story above its list, on the first page: the placed one, else
    the newest. The list below then skips it (article_list.html)."""
    page = context.get("page_obj")
    stories = list(context.get("articles") or [])
    if page is not None and page.number != 1:
        return {"section_main": None}
    main = placed.main or (stories[0] if stories else None)
    if main is None:
        return {"section_main": None}
    return {"section_main": main, "section_main_placed": placed.main is not None}


def bar() -> Breaking | None:
    """The breaking-news bar, kept between renderings; a failure shows no bar, never an error."""
    try:
        return parts({"breaking": (BAR_PARTS, lambda _: breaking_now())})["breaking"]
    except Exception:
        logger.warning("Could not read the breaking-news bar", exc_info=True)
        return None
