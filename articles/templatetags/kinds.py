"""Template helpers for the kinds of story: JSON-LD and Open Graph (articles/kinds/seo.py)."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from articles import seo
from articles.kinds import seo as kind_seo
from articles.models import Article

register = template.Library()


@register.simple_tag
def og_type(article: Article) -> str:
    return kind_seo.og_type(article)


@register.simple_tag(takes_context=True)
def og_media(context, article: Article) -> SafeString:
    """og:video or og:audio and their details, for a story whose file is ready."""
    found = kind_seo.og_media(article, context.get("request"))
    return format_html_join("\n  ", '<meta property="{}" content="{}">', found)


@register.simple_tag(takes_context=True)
def story_jsonld(context, article: Article) -> SafeString:
    data = kind_seo.story_jsonld(
        article,
        context.get("request"),
        context.get("corrections") or (),
        context.get("contributors") or (),
        context.get("gallery") or (),
        context.get("live"),
    )
    return seo.script(data)
