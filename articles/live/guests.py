"""A live Q&A (giao lưu trực tuyến): the story's guests, and turning the Q&A on or off."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ..models import Article, Image, LiveGuest
from . import access
from .entries import EntryError, coverage_of, readers_see_change


def _require_editor(user, article: Article) -> None:
    if not access.may_approve(user, article):
        raise PermissionDenied("Chỉ biên tập viên được sắp xếp buổi giao lưu.")


def set_qa(article: Article, on: bool, *, by) -> None:
    """Make the live story a Q&A (readers send questions) or a plain live coverage."""
    _require_editor(by, article)
    with transaction.atomic():
        coverage = coverage_of(article)
        coverage.is_qa = on
        coverage.save(update_fields=["is_qa"])
        readers_see_change(article, by)


def add_guest(article: Article, *, by, name: str, office: str = "", photo="") -> LiveGuest:
    """Add a guest: name, office, and optionally the number of a picture in the library."""
    _require_editor(by, article)
    name = " ".join(name.split())
    if not name:
        raise EntryError("Vui lòng nhập họ tên khách mời.")
    picture = None
    if str(photo).strip():
        try:
            picture = Image.objects.get(pk=int(photo))
        except (ValueError, Image.DoesNotExist):
            raise EntryError("Không tìm thấy ảnh có số này trong thư viện ảnh.") from None
    with transaction.atomic():
        guest = LiveGuest.objects.create(
            article=article,
            name=name[:200],
            office=" ".join(office.split())[:300],
            photo=picture,
            order=article.live_guests.count(),
        )
        readers_see_change(article, by)
    return guest


def remove_guest(guest: LiveGuest, *, by) -> None:
    _require_editor(by, guest.article)
    with transaction.atomic():
        guest.delete()
        readers_see_change(guest.article, by)
