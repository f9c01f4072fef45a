"""Subscribers: an address, what they want, and whether they confirmed it (double opt-in)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        """Only those who followed the confirmation link get any mail but that one."""
        return self.filter(confirmed_at__isnull=False)


class Subscriber(models.Model):
    email = models.EmailField(_("email"), unique=True)
    daily = models.BooleanField(_("bản tin sáng"), default=True)
    breaking = models.BooleanField(_("tin nóng"), default=False)
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("gửi gần nhất"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("người nhận bản tin")
        verbose_name_plural = _("người nhận bản tin")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


class BreakingMail(models.Model):
    """A breaking-news mail about one story: sent once per story, by whom and when."""

    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("bài"),
        on_delete=models.CASCADE,
        related_name="breaking_mail",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), null=True, on_delete=models.SET_NULL
    )
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("số người nhận"), default=0)

    class Meta:
        verbose_name = _("thư tin nóng")
        verbose_name_plural = _("thư tin nóng")
        permissions = [("send_breaking_mail", _("Gửi thư tin nóng cho người nhận bản tin"))]

    def __str__(self):
        return f"{self.article} ({self.recipients})"


class BreakingRecipient(models.Model):
    """One subscriber a breaking-news mail is for, and when it reached them.

    Written for the whole audience when the editor confirms, so what a mail server that was
    down left unsent stays on record (the desk's "Gửi tiếp", `manage.py send_breaking
    --resume`), and a batch tried again skips whom it reached: nobody twice, nobody lost.
    """

    mail = models.ForeignKey(BreakingMail, on_delete=models.CASCADE, related_name="deliveries")
    # A subscriber who leaves is erased, and their row with them.
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("người nhận thư tin nóng")
        verbose_name_plural = _("người nhận thư tin nóng")
        constraints = [
            models.UniqueConstraint(fields=["mail", "subscriber"], name="breaking_once_each")
        ]
        indexes = [models.Index(fields=["mail", "sent_at"], name="breaking_unsent_idx")]

    def __str__(self):
        return f"{self.mail_id} → {self.subscriber_id}"
