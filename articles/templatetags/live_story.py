"""Template tags of the live story page: its JSON-LD (articles/live/seo.py)."""

from django import template
from django.utils.safestring import SafeString

from articles.live.reader import Live
from articles.live.seo import live_jsonld

register = template.Library()


@register.simple_tag(takes_context=True)
def live_blog_jsonld(context, live: Live) -> SafeString:
    return live_jsonld(context.get("request"), live)
