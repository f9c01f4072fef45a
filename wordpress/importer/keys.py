"""Which object each WordPress id of one blog became: looked up in bulk, old keys claimed.

Imports made before `wp:base_blog_url` was read keyed a blog by `wp:base_site_url`
(wordpress.com for every WordPress.com blog, the network root for a multisite's sites).
A row still under that old key is claimed, moved to the blog's own key, the first time the
blog's export names its id, so a re-run finds what it wrote and nothing is made twice.
"""

import hashlib
import json
from collections.abc import Iterable

from django.utils import timezone

from ..models import ImportedItem


def digest(*values) -> str:
    """The fingerprint of what was written: the same on a later run means nothing changed."""
    return hashlib.sha256(json.dumps(values, default=str, sort_keys=True).encode()).hexdigest()


class Keys:
    def __init__(self, site: str, legacy: str):
        self.site = site
        self.sites = [site] if legacy == site else [site, legacy]

    def load(self, kind: str, wp_ids: Iterable[str]) -> dict[str, ImportedItem]:
        """The rows of these ids, one query (two when old-key rows are claimed)."""
        wp_ids = list(dict.fromkeys(wp_ids))
        if not wp_ids:
            return {}
        found: dict[str, ImportedItem] = {}
        claimed = []
        rows = ImportedItem.objects.filter(site__in=self.sites, kind=kind, wp_id__in=wp_ids)
        for row in sorted(rows, key=lambda r: r.site != self.site):
            if row.wp_id in found:
                continue
            found[row.wp_id] = row
            if row.site != self.site:
                row.site = self.site
                claimed.append(row.pk)
        if claimed:
            ImportedItem.objects.filter(pk__in=claimed).update(site=self.site)
        return found

    def get(self, kind: str, wp_id: str) -> ImportedItem | None:
        return self.load(kind, [wp_id]).get(wp_id)

    def remember(
        self, kind: str, wp_id: str, object_id: int, digest: str, row: ImportedItem | None
    ) -> None:
        """Write the row of `wp_id` (`row` as loaded, or None for a new one): one query."""
        if row is None:
            ImportedItem.objects.create(
                site=self.site, kind=kind, wp_id=wp_id, object_id=object_id, digest=digest
            )
        else:
            ImportedItem.objects.filter(pk=row.pk).update(
                object_id=object_id, digest=digest, imported_at=timezone.now()
            )
            row.object_id, row.digest = object_id, digest

    def owns(self, kind: str, object_id: int) -> bool:
        """Whether an object of ours came from this blog (so its links may move)."""
        return ImportedItem.objects.filter(
            site__in=self.sites, kind=kind, object_id=object_id
        ).exists()
