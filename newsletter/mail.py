"""The newsletter's mails: each with a one-click unsubscribe link and the headers that say so
(RFC 2369 `List-Unsubscribe`, RFC 8058 `List-Unsubscribe-Post`)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from newsroom.site_url import absolute

from .tokens import confirm_token, leave_token


def leave_url(subscriber) -> str:
    return absolute(reverse("newsletter:leave", args=[leave_token(subscriber)]))


def message(subscriber, subject: str, text: str) -> EmailMessage:
    """A mail to `subscriber`, its unsubscribe link at the foot and in the headers."""
    leave = leave_url(subscriber)
    return EmailMessage(
        subject=f"[{settings.SITE_NAME}] {subject}"[:200],
        body=f"{text}\n\n--\nKhông muốn nhận nữa? Hủy ngay, một lần bấm: {leave}\n",
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{leave}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def confirmation(subscriber) -> EmailMessage:
    link = absolute(reverse("newsletter:confirm", args=[confirm_token(subscriber)]))
    wanted = " và ".join(
        name
        for name, on in (("Bản tin sáng", subscriber.daily), ("tin nóng", subscriber.breaking))
        if on
    )
    text = (
        f"Bạn (hoặc ai đó) vừa đăng ký nhận {wanted} của {settings.SITE_NAME} bằng địa chỉ này.\n"
        f"Bấm để xác nhận: {link}\n"
        f"Liên kết có hạn {settings.NEWSLETTER_CONFIRM_DAYS} ngày. Không xác nhận thì bạn không"
        " nhận thư nào nữa."
    )
    return message(subscriber, "Xác nhận đăng ký bản tin", text)


def story_lines(stories) -> str:
    return "\n".join(
        f"- {story.title}\n  {absolute(story.get_absolute_url())}" for story in stories
    )


def digest(subscriber, front, most_read) -> EmailMessage:
    parts = [f"Bản tin sáng của {settings.SITE_NAME}.", "", "TIN CHÍNH", story_lines(front)]
    if most_read:
        parts += ["", "ĐỌC NHIỀU TRONG 24 GIỜ QUA", story_lines(most_read)]
    return message(subscriber, "Bản tin sáng", "\n".join(parts))


def breaking(subscriber, story) -> EmailMessage:
    text = (
        f"{story.title}\n\n{story.lead_with_code}\n\nĐọc tiếp: {absolute(story.get_absolute_url())}"
    )
    return message(subscriber, f"Tin nóng: {story.title}", text)
