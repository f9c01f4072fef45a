"""Responsive pictures on reader pages: renditions made at upload, one query per body."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from articles.body_images import BODY_SIZES, picture_html, story_body

register = template.Library()


@register.simple_tag
def article_body(article) -> SafeString:
    """The story's body with responsive pictures (articles.body_images.story_body)."""
    return story_body(article)


@register.simple_tag
def responsive_image(
    image, sizes: str = BODY_SIZES, lazy: bool = True, css_class: str = ""
) -> SafeString:
    """A picture with its renditions; `lazy=False` for one in the first screen.

    A listing card: `{% responsive_image article.hero_image sizes="12rem" css_class="x" %}`.
    """
    return mark_safe(picture_html(image, sizes=sizes, lazy=lazy, css_class=css_class))
