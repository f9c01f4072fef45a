"""The newsletter's figure on the desk's front page (newsroom/desk_front.py): one count."""

from django.urls import reverse

from newsroom.desk_front import Figure, FrontPage

from .models import Subscriber


def contribute(user, page: FrontPage) -> None:
    if user.has_perm("newsletter.view_subscriber"):
        waiting = Subscriber.objects.filter(confirmed_at__isnull=True).count()
        page.figures.append(
            Figure(
                "newsletter",
                "Người nhận bản tin",
                Subscriber.objects.confirmed().count(),
                reverse("admin:newsletter_subscriber_changelist"),
                note=f"{waiting} chưa xác nhận" if waiting else "",
                badge="published",
            )
        )
