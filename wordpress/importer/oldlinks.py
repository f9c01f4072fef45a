"""The old addresses of what an import writes: new rows in bulk, and who may move a row.

A row pointing at something of this blog follows it (a permalink changed). A row pointing
at something else (another blog's story in the same paper, an editor's own row) stays: the
address is reported as taken, never moved silently.
"""

from ..links import key_for_url
from ..models import ImportedItem, OldLink
from .keys import Keys
from .report import Report

KINDS = {
    "article": ImportedItem.Kind.POST,
    "section": ImportedItem.Kind.CATEGORY,
    "tag": ImportedItem.Kind.TAG,
}


def keys_of(urls) -> list[str]:
    return list(dict.fromkeys(k for url in urls if url and (k := key_for_url(url))))


class Links:
    def __init__(self, keys: Keys, report: Report):
        self.keys = keys
        self.report = report
        self.known: dict[str, OldLink] = {}
        self.changed = False  # a row was added or moved: the page cache is purged once

    def load(self, urls) -> None:
        """Read the rows of these addresses at once (a batch of stories' links)."""
        wanted = [k for k in keys_of(urls) if k not in self.known]
        for link in OldLink.objects.filter(path__in=wanted):
            self.known[link.path] = link

    def forget(self) -> None:
        self.known.clear()

    def point(self, urls, where: str, **target) -> None:
        """Point the old addresses at `target`; one that already does is left alone."""
        keys = keys_of(urls)
        self.load(keys)
        field_name, obj = next(iter(target.items()))
        new = []
        for key in keys:
            link = self.known.get(key)
            if link is None:
                new.append(OldLink(path=key, **target))
                continue
            current = getattr(link, f"{field_name}_id")
            if current == obj.pk:
                self.report.count("link", "unchanged")
                continue
            owners = [(name, getattr(link, f"{name}_id")) for name in KINDS]
            owner = next(((name, pk) for name, pk in owners if pk), None)
            if owner is None or not self.keys.owns(KINDS[owner[0]], owner[1]):
                self.report.skip("link", "đường dẫn đã dẫn tới nội dung khác, giữ nguyên")
                self.report.warn(where, f"đường dẫn cũ {key} đã dẫn tới nội dung khác, giữ nguyên")
                continue
            link.article = link.section = link.tag = None
            link.url = ""
            setattr(link, field_name, obj)
            # Saved without its signal: the page cache is purged once at the end (`changed`).
            OldLink.objects.filter(pk=link.pk).update(
                article=link.article, section=link.section, tag=link.tag, url=""
            )
            self.changed = True
            self.report.count("link", "updated")
        if new:
            OldLink.objects.bulk_create(new)
            self.known.update((link.path, link) for link in new)
            self.changed = True
            self.report.count("link", "created", len(new))
