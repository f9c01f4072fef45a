"""Builders for test data: plain functions with sensible defaults."""

from datetime import timedelta
from itertools import count

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Section

_seq = count(1)


def make_section(name: str | None = None, **fields) -> Section:
    return Section.objects.create(name=name or f"Chuyên mục {next(_seq)}", **fields)


def make_article(
    title: str | None = None,
    *,
    section: Section | None = None,
    status: str = Article.Status.PUBLISHED,
    published_at=None,
    tags=(),
    **fields,
) -> Article:
    """A story, published an hour ago unless told otherwise."""
    if published_at is None and status == Article.Status.PUBLISHED:
        published_at = timezone.now() - timedelta(hours=1)
    fields.setdefault("lead", "Sapo của bài viết thử nghiệm.")
    fields.setdefault("body", "<p>Nội dung bài viết.</p>")
    fields.setdefault("byline", "Phóng viên")
    article = Article.objects.create(
        title=title or f"Bài viết {next(_seq)}",
        section=section or make_section(),
        status=status,
        published_at=published_at,
        **fields,
    )
    if tags:
        article.tags.add(*tags)
    return article


def make_user(
    username: str | None = None, *, groups=(), password: str = "mat-khau-thu-nghiem", **fields
):
    """A staff user in the named groups (created if missing)."""
    from django.contrib.auth.models import Group

    fields.setdefault("is_staff", True)
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_seq)}", password=password, **fields
    )
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def make_comment(article: Article, *, status: str = "approved", **fields):
    """A reader's comment on `article`, approved unless told otherwise.

    Counts are kept by moderation; a builder that skips it recounts the story itself.
    """
    from comments.models import Comment
    from comments.moderation import recount

    fields.setdefault("name", f"Bạn đọc {next(_seq)}")
    fields.setdefault("email", "bandoc@example.com")
    fields.setdefault("body", "Bài viết rất hay.")
    comment = Comment.objects.create(article=article, status=status, **fields)
    recount([article.pk])
    return comment


def make_image(
    alt_text: str = "Ảnh minh họa", size=(1200, 800), name: str = "anh.jpg", caption: str = ""
):
    """A stored picture of `size` (PNG if `name` says so, else JPEG), renditions made on save.

    The one picture builder of the tests, for story pages, listings and the desk alike.
    """
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image as PILImage

    from articles.models import Image

    out = BytesIO()
    image_format = "PNG" if name.lower().endswith(".png") else "JPEG"
    PILImage.new("RGB", size, (120, 140, 160)).save(out, image_format)
    image = Image(alt_text=alt_text, caption=caption)
    image.file.save(name, ContentFile(out.getvalue()), save=False)
    image.save()
    return image
