"""Readers' personal data (Nghị định 13/2023/NĐ-CP): kept only as long as needed, erased on request.

What of a commenter is personal: the email (for the newsroom to reach them, never shown), the
IP address and the browser's name kept with the comment (for spam and abuse), and the network
(an IPv4 address or an IPv6 /64) kept with each like and report (for their limits). None of it
is needed once a comment is old, so `clear_old` (`manage.py clearcommentdata`, daily on Celery
beat) clears it `COMMENT_PERSONAL_DAYS` after it was sent; the comment stays, signed with the
name the reader chose. The copies django-reversion keeps of comments (a deleted story keeps
its comments to be recovered with it: comments/revisions.py) are cleared alike.

A reader may ask for their data to be erased sooner: `erase` finds their comments by email and
either keeps them anonymised (email, IP and browser cleared) or deletes them, and logs it
(`Erasure`: who, when, how many, kept or deleted, and a keyed hash of the email, never the
email). Elsewhere nothing of a commenter is stored: the "remember me" cookie holds no email
(comments/author.py), a draft lives in the reader's own cookie for ten minutes
(comments/drafts.py) and the rate limits' counters in the cache for one window.
"""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from reversion.models import Version

from .models import Comment, CommentLike, CommentReport, Erasure
from .moderation import delete_comments

# The comment's personal fields, and what each is cleared to.
CLEARED = {"email": "", "ip_address": None, "user_agent": ""}
_HASH_SALT = "comments.personal_data.erasure"


@dataclass(frozen=True)
class Cleared:
    comments: int
    likes: int
    reports: int
    versions: int


def email_hash(email: str) -> str:
    """The log's stand-in for an email: the same address (any case) always hashes alike,
    and without the site's secret key no list of addresses can be tried against it."""
    normal = (email or "").strip().lower()
    return salted_hmac(_HASH_SALT, normal, algorithm="sha256").hexdigest()


def _personal(comments):
    return comments.exclude(email="", ip_address__isnull=True, user_agent="")


def _comment_versions():
    return Version.objects.filter(content_type=ContentType.objects.get_for_model(Comment))


def _scrub(versions, *, matches=lambda fields: True) -> int:
    """Clear the personal fields in stored copies of comments; the number changed."""
    changed = 0
    for version in versions.only("pk", "serialized_data", "format").iterator():
        if version.format != "json":
            continue
        data = json.loads(version.serialized_data)
        touched = False
        for item in data:
            fields = item.get("fields", {})
            if not matches(fields):
                continue
            for name, empty in CLEARED.items():
                if fields.get(name) not in (None, "", empty):
                    fields[name] = empty
                    touched = True
        if touched:
            Version.objects.filter(pk=version.pk).update(
                serialized_data=json.dumps(data, ensure_ascii=False)
            )
            changed += 1
    return changed


def clear_old(now: datetime | None = None) -> Cleared:
    """Clear the personal data sent more than `COMMENT_PERSONAL_DAYS` ago."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.COMMENT_PERSONAL_DAYS)
    with transaction.atomic():
        comments = _personal(Comment.objects.filter(created_at__lt=cutoff)).update(**CLEARED)
        likes = (
            CommentLike.objects.filter(created_at__lt=cutoff).exclude(network="").update(network="")
        )
        reports = (
            CommentReport.objects.filter(created_at__lt=cutoff)
            .exclude(network="")
            .update(network="")
        )
        # A copy is as old as the revision that made it: its comment was sent before that.
        old = _comment_versions().filter(revision__date_created__lt=cutoff)
        versions = _scrub(old)
    return Cleared(comments, likes, reports, versions)


def comments_of(email: str):
    """The comments sent with `email` (any case), the paper's own replies excluded."""
    email = (email or "").strip()
    if not email:
        return Comment.objects.none()
    return Comment.objects.filter(email__iexact=email, by_newsroom=False)


@transaction.atomic
def erase(email: str, *, by, keep: bool) -> Erasure:
    """Erase one reader's data: their comments kept anonymised (`keep`) or deleted; logged."""
    comments = comments_of(email)
    ids = list(comments.values_list("pk", flat=True))
    wanted = email.strip().lower()

    def theirs(fields) -> bool:
        return (fields.get("email") or "").strip().lower() == wanted

    # Stored copies: found by the address in them, a comment deleted since included.
    copies = _comment_versions().filter(serialized_data__icontains=wanted)
    if keep:
        Comment.objects.filter(pk__in=ids).update(**CLEARED)
        _scrub(copies, matches=theirs)
    else:
        delete_comments(Comment.objects.filter(pk__in=ids))
        # A recovered story must not bring them back.
        doomed = [
            version.pk
            for version in copies.only("pk", "serialized_data").iterator()
            if any(theirs(item.get("fields", {})) for item in json.loads(version.serialized_data))
        ]
        Version.objects.filter(pk__in=doomed).delete()
    return Erasure.objects.create(
        by=by, email_hash=email_hash(email), comment_count=len(ids), kept=keep
    )
