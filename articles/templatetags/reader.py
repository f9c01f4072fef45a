"""Template helpers for reader pages: page links, canonical and absolute URLs, JSON-LD, menu."""

from django import template
from django.utils.safestring import SafeString

from articles import seo
from articles.models import Article, Section

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """This listing's URL at page `number`, keeping the other parameters (the query, say)."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if number != 1:
        params["page"] = number
    return f"?{params.urlencode()}" if params else context["request"].path


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    return seo.canonical(context["request"])


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    return seo.absolute(context.get("request"), path)


@register.simple_tag(takes_context=True)
def share_image_url(context, article: Article) -> str:
    """Absolute URL of the story's picture for link previews, or "" without one."""
    image = seo.share_image(article)
    return seo.absolute(context.get("request"), image) if image else ""


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, article: Article) -> SafeString:
    corrections = context.get("corrections") or ()
    contributors = context.get("contributors") or ()
    return seo.script(seo.news_article(article, context.get("request"), corrections, contributors))


@register.simple_tag
def jsonld(data: dict) -> SafeString:
    """Any JSON-LD made by the views (an author's ProfilePage, say)."""
    return seo.script(data)


@register.simple_tag(takes_context=True)
def website_jsonld(context) -> SafeString:
    """The site and its search box, for the home page."""
    request = context.get("request")
    return seo.script(seo.website(request))


@register.filter
def nav_tree(sections) -> list[tuple[Section, list[Section]]]:
    """Menu sections as (top-level section, its subsections), in menu order."""
    sections = list(sections)
    children: dict[int, list[Section]] = {}
    for section in sections:
        if section.parent_id:
            children.setdefault(section.parent_id, []).append(section)
    return [
        (section, children.get(section.pk, [])) for section in sections if not section.parent_id
    ]
