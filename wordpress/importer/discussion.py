"""A story's imported comments: keyed by WordPress id, written in bulk, threads kept."""

from django.utils import timezone

from articles.models import Article
from comments.models import Comment

from ..models import ImportedItem
from .keys import Keys
from .mapping import CommentFields
from .report import Report

Kind = ImportedItem.Kind


def write_comments(
    keys: Keys, article: Article, comments: list[CommentFields], report: Report
) -> None:
    """Create or update a story's comments, top-level ones first so replies find them.

    A comment the export gives no date keeps the date it has here; a new one takes the
    story's publication time (or now, for a story without one), so a re-run changes nothing.
    """
    fallback_date = article.published_at or timezone.now()
    if not comments:
        return
    mappings = keys.load(Kind.COMMENT, [c.wp_id for c in comments])
    ours = Comment.objects.in_bulk([m.object_id for m in mappings.values()])
    by_wp_id = {wp_id: ours[m.object_id] for wp_id, m in mappings.items() if m.object_id in ours}
    for replies in (False, True):
        batch = [c for c in comments if (c.parent_wp_id is not None) == replies]
        new = []
        for fields in batch:
            parent = by_wp_id.get(fields.parent_wp_id) if fields.parent_wp_id else None
            values = {
                "article": article,
                "parent": parent,
                "name": fields.name,
                "email": fields.email,
                "ip_address": fields.ip,
                "created_at": fields.created_at,
                "body": fields.body,
                "status": fields.status,
            }
            comment = by_wp_id.get(fields.wp_id)
            if fields.created_at is None:
                values["created_at"] = comment.created_at if comment else fallback_date
            if comment is None:
                comment = Comment(**values)
                comment.normalise()  # what save() does; bulk_create does not call it
                new.append((fields.wp_id, comment))
                continue
            if any(getattr(comment, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(comment, key, value)
                comment.save()
                report.count("comment", "updated")
            else:
                report.count("comment", "unchanged")
        created = Comment.objects.bulk_create([c for _, c in new])
        by_wp_id.update((wp_id, c) for (wp_id, _), c in zip(new, created, strict=True))
        pairs = [(w, c) for (w, _), c in zip(new, created, strict=True)]
        ImportedItem.objects.bulk_create(
            [
                ImportedItem(site=keys.site, kind=Kind.COMMENT, wp_id=w, object_id=c.pk)
                for w, c in pairs
                if w not in mappings
            ]
        )
        # A comment deleted here since the last run is brought back under its old key.
        for wp_id, comment in pairs:
            if wp_id in mappings:
                mappings[wp_id].object_id = comment.pk
                mappings[wp_id].save(update_fields=["object_id", "imported_at"])
        report.count("comment", "created", len(new))
