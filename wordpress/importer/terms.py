"""Categories and tags of an export: our sections (one level of nesting) and tags, with links.

A mixin of the Importer (writer.py): it uses the importer's keys, report, links and maps.
"""

from urllib.parse import quote, unquote

from django.db import transaction

from articles.models import Section, Tag
from newsroom.vietnamese import slugify

from ..models import ImportedItem
from .keys import digest
from .wxr import Term

Kind = ImportedItem.Kind


def slug_for(term: Term) -> str:
    """Our rule on the name; WordPress's own ASCII nicename for a name in a script our rule
    cannot spell (Chinese, Cyrillic…), where ours would be the bare "chuyen-muc"."""
    return slugify(term.name) or slugify(unquote(term.slug)) or slugify(term.slug)


class TermsMixin:
    # Sections and tags --------------------------------------------------------------------

    def mapped(self, kind: str, wp_id: str) -> ImportedItem | None:
        return self.keys.get(kind, wp_id)

    def remember(self, kind: str, wp_id: str, object_id: int, fingerprint: str) -> None:
        self.keys.remember(kind, wp_id, object_id, fingerprint, self.keys.get(kind, wp_id))

    def import_terms(self, terms: list[Term]) -> None:
        categories = {t.slug: t for t in terms if t.kind == "category"}

        def chain(term: Term) -> list[Term]:
            """The term and its ancestors, root first (a loop in the export is cut)."""
            out = [term]
            while out[0].parent_slug in categories and categories[out[0].parent_slug] not in out:
                out.insert(0, categories[out[0].parent_slug])
            return out

        for term in sorted(categories.values(), key=lambda t: len(chain(t))):
            ancestors = chain(term)
            # Our sections nest one level: a deeper category joins its top-level one.
            parent = self.sections[ancestors[0].slug] if len(ancestors) > 1 else None
            with transaction.atomic():
                section = self.upsert_section(term, parent)
                self.sections[term.slug] = section
                path = "/".join(quote(t.slug, safe="%") for t in ancestors)
                # `?cat=` takes a term id; WXR 1.0 has none ("slug:…"), no request matches.
                by_id = f"/?cat={term.key}" if term.key.isdigit() else None
                where = f"Chuyên mục “{term.name}”"
                self.links.point([f"/category/{path}/", by_id], where, section=section)
        for term in (t for t in terms if t.kind == "post_tag"):
            with transaction.atomic():
                self.tags[term.slug] = self.upsert_tag(term)
                urls = [f"/tag/{term.slug}/", f"/?tag={term.slug}"]
                self.links.point(urls, f"Thẻ “{term.name}”", tag=self.tags[term.slug])

    def upsert_section(self, term: Term, parent: Section | None) -> Section:
        fields = {"name": term.name[:100], "parent": parent, "description": term.description}
        fingerprint = digest(term.name, parent.pk if parent else None, term.description)
        mapping = self.mapped(Kind.CATEGORY, term.key)
        section = Section.objects.filter(pk=mapping.object_id).first() if mapping else None
        if section and mapping.digest == fingerprint:
            self.report.count("category", "unchanged")
            return section
        outcome = "updated" if section else "created"
        if section is None:
            # A section the paper already has, under the same name, is used rather than doubled.
            section = Section.objects.filter(slug=slug_for(term), parent=parent).first()
            outcome = "unchanged" if section else "created"
        if section is None or outcome == "updated":
            section = section or Section(slug=slug_for(term))
            for name, value in fields.items():
                setattr(section, name, value)
            section.save()
        self.remember(Kind.CATEGORY, term.key, section.pk, fingerprint)
        self.report.count("category", outcome)
        return section

    def upsert_tag(self, term: Term) -> Tag:
        mapping = self.mapped(Kind.TAG, term.key)
        tag = Tag.objects.filter(pk=mapping.object_id).first() if mapping else None
        fingerprint = digest(term.name)
        if tag and mapping.digest == fingerprint:
            self.report.count("tag", "unchanged")
            return tag
        name = term.name[:100]
        if tag is not None:
            tag.name = name
            tag.save()
            outcome = "updated"
        else:
            tag, created = Tag.objects.get_or_create(name=name, defaults={"slug": slug_for(term)})
            outcome = "created" if created else "unchanged"
        self.remember(Kind.TAG, term.key, tag.pk, fingerprint)
        self.report.count("tag", outcome)
        return tag
