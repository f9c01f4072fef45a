"""Figures for the admin index: stories waiting for review and stories scheduled."""

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Article

register = template.Library()


@register.simple_tag
def desk_counts() -> dict:
    """`{"pending": n, "scheduled": n}` in one query."""
    return Article.objects.aggregate(
        pending=Count("pk", filter=Q(status=Article.Status.PENDING)),
        scheduled=Count(
            "pk", filter=Q(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        ),
    )
