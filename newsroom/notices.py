"""Tell a staff member something (an admin notice and an email), and show it on their next visit."""

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from . import site_url, staff_mail
from .models import Notice


def notify(
    user, message: str, *, url: str = "", subject: str = "", level: str = Notice.Level.INFO
) -> Notice:
    """Leave `message` for `user` in the admin and mail it once the transaction commits."""
    notice = Notice.objects.create(user=user, message=message[:500], url=url, level=level)
    if user.email:
        body = f"{message}\n\n{site_url.absolute(url)}" if url else message
        # A mail outage must not undo the editor's action: the notice is the record.
        staff_mail.send([user.email], subject or message, body, about="a desk notice")
    return notice


class NoticeMiddleware:
    """Turn a staff member's unread notices into admin messages on their next admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_staff
            and request.method == "GET"
            and request.path.startswith(reverse("admin:index"))
        ):
            deliver(request)
        return self.get_response(request)


def deliver(request) -> int:
    """Show the unread notices of the request's user as messages and mark them read."""
    notices = list(Notice.objects.unread().filter(user=request.user))
    for notice in notices:
        text = (
            format_html('{} <a href="{}">Mở bài</a>', notice.message, notice.url)
            if notice.url
            else notice.message
        )
        level = messages.WARNING if notice.level == Notice.Level.WARNING else messages.INFO
        messages.add_message(request, level, text)
    if notices:
        Notice.objects.filter(pk__in=[n.pk for n in notices]).update(read_at=timezone.now())
    return len(notices)
