"""Responsive pictures on reader pages: renditions made at upload, one query per body."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from articles.body_images import BODY_SIZES, body_image_ids, picture_html, responsive_body
from articles.models import Image

register = template.Library()


@register.simple_tag
def article_body(article) -> SafeString:
    """The stored (already sanitised) body, its pictures given srcset, sizes and lazy loading."""
    ids = body_image_ids(article.body)
    images = {image.pk: image for image in Image.objects.filter(pk__in=ids)} if ids else {}
    # The body was cleaned by newsroom.sanitize on save; the markup added here is escaped.
    return mark_safe(responsive_body(article.body, images))


@register.simple_tag
def responsive_image(
    image, sizes: str = BODY_SIZES, lazy: bool = True, css_class: str = ""
) -> SafeString:
    """A picture with its renditions; `lazy=False` for one in the first screen.

    A listing card: `{% responsive_image article.hero_image sizes="12rem" css_class="x" %}`.
    """
    return mark_safe(picture_html(image, sizes=sizes, lazy=lazy, css_class=css_class))
