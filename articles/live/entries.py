"""The desk's steps for a live story's entries: post, edit, withdraw, approve, pin, mark.

Views call these functions. Each is one transaction that checks the actor's right, keeps the
entry's new state as a version (`LiveEntryVersion`), and, when what readers see changed,
purges the story's page and its entries endpoint (the story's own area) and tells the archive
a new public version of the story exists (articles.pages.announce: the archive records the
page as served).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from pagecache import purge

from .. import events
from ..models import Article, LiveCoverage, LiveEntry, LiveEntryVersion, LiveGuest, Person
from ..pages import announce, article_area
from . import access
from .pictures import PictureRefused, keep_picture, with_picture
from .text import entry_html

State = LiveEntry.State


class EntryError(ValueError):
    """The step does not apply: its message says why, in Vietnamese."""


def pen_name(user) -> str:
    """The name printed on the entry: the account's person's pen name, else the account's."""
    person = Person.objects.filter(user=user.pk).only("pen_name").first()
    if person is not None and person.pen_name:
        return person.pen_name
    return user.get_full_name() or user.get_username()


def coverage_of(article: Article) -> LiveCoverage:
    return LiveCoverage.objects.get_or_create(article=article)[0]


def _keep(entry: LiveEntry, action: str, by) -> None:
    number = (entry.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    LiveEntryVersion.objects.create(
        entry=entry,
        number=number,
        action=action,
        headline=entry.headline,
        body=entry.body,
        state=entry.state,
        key_event=entry.key_event,
        by=by,
    )


def readers_see_change(article: Article, by) -> None:
    """Purge the story's page and its endpoint; the archive records the new page."""
    purge.changed([article_area(article.pk)])
    announce(article.pk, events.EDITED, by=by)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _check_open(article: Article) -> None:
    if article.kind != Article.Kind.LIVE:
        raise EntryError("Bài này không phải bài tường thuật trực tiếp.")
    coverage = LiveCoverage.objects.filter(article=article).first()
    if coverage is not None and coverage.has_ended:
        raise EntryError("Tường thuật đã kết thúc: không đăng thêm cập nhật được.")


def post(
    article: Article,
    *,
    by,
    body: str,
    headline: str = "",
    key_event: bool = False,
    guest: LiveGuest | None = None,
    question: str = "",
    asked_by: str = "",
    picture=None,
    caption: str = "",
) -> LiveEntry:
    """Post an entry: shown at once, or waiting for an editor (access.shows_at_once).

    `picture`, an uploaded file, is checked and kept in the picture library and shown after
    the words with its `caption` (articles/live/pictures.py); a picture alone is an entry too.
    """
    _require(access.may_post(by, article), "Bạn không được đăng cập nhật cho bài này.")
    _check_open(article)
    html = entry_html(body)
    if picture is not None:
        try:
            html = with_picture(html, keep_picture(picture, caption, by=by))
        except PictureRefused as refused:
            raise EntryError(str(refused)) from None
    if not html:
        raise EntryError("Nội dung cập nhật đang trống. Vui lòng nhập nội dung rồi đăng.")
    shown = access.shows_at_once(by, article)
    now = timezone.now()
    with transaction.atomic():
        entry = LiveEntry.objects.create(
            article=article,
            posted_at=now,
            headline=headline.strip()[:200],
            body=html,
            author_name=pen_name(by),
            key_event=key_event,
            state=State.SHOWN if shown else State.WAITING,
            guest=guest,
            question=question.strip(),
            asked_by=asked_by.strip()[:100],
            created_by=by,
            created_at=now,
            approved_by=by if shown else None,
            approved_at=now if shown else None,
        )
        _keep(entry, "posted", by)
        if shown:
            coverage = coverage_of(article)
            if coverage.started_at is None:
                coverage.started_at = now
                coverage.save(update_fields=["started_at"])
            readers_see_change(article, by)
    return entry


def _locked(entry: LiveEntry) -> LiveEntry:
    return LiveEntry.objects.select_for_update().select_related("article").get(pk=entry.pk)


def edit(entry: LiveEntry, *, by, body: str, headline: str = "", key_event=None) -> LiveEntry:
    """Change an entry's words; its earlier version is kept."""
    _require(access.may_post(by, entry.article), "Bạn không được sửa cập nhật của bài này.")
    html = entry_html(body)
    if not html:
        raise EntryError("Nội dung cập nhật đang trống. Vui lòng nhập nội dung rồi lưu.")
    with transaction.atomic():
        entry = _locked(entry)
        if entry.state == State.WITHDRAWN:
            raise EntryError("Cập nhật này đã rút: không sửa được nữa.")
        if entry.created_by_id != by.pk:
            _require(
                access.may_approve(by, entry.article),
                "Chỉ biên tập viên được sửa cập nhật của người khác.",
            )
        was_shown = entry.state == State.SHOWN
        entry.body, entry.headline = html, headline.strip()[:200]
        if key_event is not None:
            entry.key_event = bool(key_event)
        entry.edited_by, entry.edited_at = by, timezone.now()
        # An edit by someone who may not show it at once waits again for an editor.
        if entry.state == State.SHOWN and not access.shows_at_once(by, entry.article):
            entry.state = State.WAITING
        entry.save()
        _keep(entry, "edited", by)
        if was_shown:
            readers_see_change(entry.article, by)
    return entry


def withdraw(entry: LiveEntry, *, by) -> LiveEntry:
    """Take an entry off the page; it stays recorded with its versions."""
    with transaction.atomic():
        entry = _locked(entry)
        own = entry.created_by_id == by.pk and entry.state == State.WAITING
        _require(
            access.may_approve(by, entry.article) or (own and access.may_post(by, entry.article)),
            "Chỉ biên tập viên được rút cập nhật đã đăng.",
        )
        if entry.state == State.WITHDRAWN:
            return entry
        was_shown = entry.state == State.SHOWN
        entry.state, entry.pinned = State.WITHDRAWN, False
        entry.edited_by, entry.edited_at = by, timezone.now()
        entry.save()
        _keep(entry, "withdrawn", by)
        if was_shown:
            readers_see_change(entry.article, by)
    return entry


def approve(entry: LiveEntry, *, by) -> LiveEntry:
    """An editor shows an entry waiting for approval."""
    with transaction.atomic():
        entry = _locked(entry)
        _require(access.may_approve(by, entry.article), "Chỉ biên tập viên được duyệt cập nhật.")
        if entry.state != State.WAITING:
            raise EntryError("Cập nhật này không chờ duyệt.")
        if LiveCoverage.objects.filter(article=entry.article, ended_at__isnull=False).exists():
            raise EntryError("Tường thuật đã kết thúc: không đăng thêm cập nhật được.")
        now = timezone.now()
        entry.state, entry.approved_by, entry.approved_at = State.SHOWN, by, now
        if entry.edited_at is None:
            entry.posted_at = now  # shown now: readers see it as the newest
        entry.save()
        _keep(entry, "approved", by)
        coverage = coverage_of(entry.article)
        if coverage.started_at is None:
            coverage.started_at = now
            coverage.save(update_fields=["started_at"])
        readers_see_change(entry.article, by)
    return entry


def set_pinned(entry: LiveEntry, pinned: bool, *, by) -> LiveEntry:
    """Pin an entry at the top of the page (one at a time), or unpin it."""
    with transaction.atomic():
        entry = _locked(entry)
        _require(access.may_approve(by, entry.article), "Chỉ biên tập viên được ghim cập nhật.")
        if pinned and entry.state != State.SHOWN:
            raise EntryError("Chỉ ghim được cập nhật đang hiện.")
        if pinned:
            LiveEntry.objects.filter(article=entry.article, pinned=True).update(pinned=False)
        entry.pinned = pinned
        entry.save(update_fields=["pinned"])
        readers_see_change(entry.article, by)
    return entry


def set_key_event(entry: LiveEntry, key_event: bool, *, by) -> LiveEntry:
    """Mark an entry as a key event (listed in the summary at the top), or unmark it."""
    with transaction.atomic():
        entry = _locked(entry)
        _require(
            access.may_approve(by, entry.article), "Chỉ biên tập viên được đánh dấu sự kiện chính."
        )
        entry.key_event = key_event
        entry.save(update_fields=["key_event"])
        _keep(entry, "key_event" if key_event else "not_key_event", by)
        if entry.state == State.SHOWN:
            readers_see_change(entry.article, by)
    return entry


def start(article: Article, *, by) -> LiveCoverage:
    """The coverage is going on ("Đang diễn ra")."""
    _require(access.may_approve(by, article), "Chỉ biên tập viên được bắt đầu tường thuật.")
    with transaction.atomic():
        coverage = coverage_of(article)
        coverage.started_at, coverage.ended_at = coverage.started_at or timezone.now(), None
        coverage.save()
        readers_see_change(article, by)
    return coverage


def end(article: Article, *, by) -> LiveCoverage:
    """The coverage is over ("Đã kết thúc"): the story reads as an ordinary story."""
    _require(access.may_approve(by, article), "Chỉ biên tập viên được kết thúc tường thuật.")
    with transaction.atomic():
        coverage = coverage_of(article)
        now = timezone.now()
        coverage.started_at = coverage.started_at or now
        coverage.ended_at = now
        coverage.save()
        readers_see_change(article, by)
    return coverage
