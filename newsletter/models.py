"""Subscribers: an address, what they want, and whether they confirmed it (double opt-in)."""

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
