"""Template tags of the live story page: its JSON-LD (articles/live/seo.py)."""

from django import template
from django.utils.safestring import SafeString

from articles.live.reader import Live
from articles.live.seo import live_jsonld
from newsroom import embeds

register = template.Library()


@register.filter
def with_embeds(body: str) -> SafeString:
    """An entry's body as readers get it: lone provider URLs as click-to-load embeds."""
    return embeds.reader_body(body)


@register.simple_tag(takes_context=True)
def live_blog_jsonld(context, live: Live) -> SafeString:
    return live_jsonld(context.get("request"), live)
