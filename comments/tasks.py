"""Background work of the comments app: the moderators' mail."""

from celery import shared_task
from django.core.mail import send_mail

from newsroom.tasks import retry_or_give_up


@shared_task(bind=True, max_retries=8, acks_late=True)
def mail_moderators(self, subject: str, body: str, recipients: list[str]) -> None:
    """Tell the moderators that comments wait; retried with backoff while mail is down."""
    try:
        send_mail(subject[:200], body, None, recipients)
    except Exception as exc:
        retry_or_give_up(self, exc, "Could not mail moderators about new comments")
