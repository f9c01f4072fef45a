"""The newsletter's figure on the desk's front page (newsroom/desk_front.py): one query."""

from django.db.models import Count, Q
from django.urls import reverse

from newsroom.desk_front import Figure, FrontPage

from .models import Subscriber


def contribute(user, page: FrontPage) -> None:
    if user.has_perm("newsletter.view_subscriber"):
        counts = Subscriber.objects.aggregate(
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            waiting=Count("pk", filter=Q(confirmed_at__isnull=True)),
        )
        waiting = counts["waiting"]
        page.figures.append(
            Figure(
                "newsletter",
                "Người nhận bản tin",
                counts["confirmed"],
                reverse("admin:newsletter_subscriber_changelist"),
                note=f"{waiting} chưa xác nhận" if waiting else "",
                badge="published",
            )
        )
