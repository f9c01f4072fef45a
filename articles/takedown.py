"""A story taken down on request, as readers meet it: its address answers 410 Gone.

410, not 404: the story was here and is gone for good, so search engines drop it at once
and a reader following an old link is told so in Vietnamese, not sent looking for a typo.
Every slug the story ever had gives the same answer (the address carries the id). The page
says nothing of the reason (kept for the desk and an inspector, `Article.taken_down_reason`);
a correction published for the story (Luật Báo chí, Điều 42) goes in its `correction` block.

The page is never kept by the page cache nor by the caches in front (only a 200 is): each
request reads the story's status, so a takedown shows at once, with the purge besides.
"""

from django.template.response import TemplateResponse

from .models import Article
from .story_page import corrections_of, menu

TEMPLATE = "articles/taken_down.html"


def taken_down_story(pk) -> Article | None:
    """The story `pk` if it was taken down on request (one query, only for an address that
    found no public story)."""
    return Article.objects.taken_down().select_related("section").filter(pk=pk).first()


def gone(request, article: Article) -> TemplateResponse:
    context = {"article": article, "nav_sections": menu(), "corrections": corrections_of(article)}
    return TemplateResponse(request, TEMPLATE, context, status=410)
