"""Kinds of story: what a story is told with, and so how its page and its cards look."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TEXT = "text", _("Bài viết")
    PHOTO = "photo", _("Ảnh")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Podcast")
    LONGFORM = "longform", _("E-magazine")
    INFOGRAPHIC = "infographic", _("Infographic")
    LIVE = "live", _("Trực tiếp")
