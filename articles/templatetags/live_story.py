"""Template filters of the live story page."""

from django import template
from django.utils.safestring import SafeString

from newsroom import embeds

register = template.Library()


@register.filter
def with_embeds(body: str) -> SafeString:
    """An entry's body as readers get it: lone provider URLs as click-to-load embeds."""
    return embeds.reader_body(body)
