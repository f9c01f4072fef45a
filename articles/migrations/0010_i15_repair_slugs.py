"""Repair stored slugs that our URL patterns cannot carry (uppercase, "_", diacritics, empty).

Before slugs were normalised on every save, the admin accepted `[-a-zA-Z0-9_]` and taggit
accepted Unicode, and one such slug made every listing showing the row answer 500. Sections and
tags keep their old slug in their history, so an old address still redirects.
"""

from django.db import migrations

from newsroom.vietnamese import slugify

TABLES = [
    # model, name field, fallback, max length, history model, history field
    ("Section", "name", "chuyen-muc", 120, "SectionSlugHistory", "section"),
    ("Tag", "name", "the", 100, "TagSlugHistory", "tag"),
    ("Article", "title", "bai-viet", 200, None, None),
]


def repair(apps, schema_editor):
    for model_name, source, fallback, max_length, history_name, field in TABLES:
        model = apps.get_model("articles", model_name)
        history = apps.get_model("articles", history_name) if history_name else None
        taken = set(model.objects.values_list("slug", flat=True))
        for row in model.objects.only("pk", "slug", source).iterator():
            if row.slug and slugify(row.slug, max_length=max_length) == row.slug:
                continue
            base = (
                slugify(row.slug, max_length=max_length - 8)
                or slugify(getattr(row, source), max_length=max_length - 8)
                or fallback
            )
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            if history is not None and row.slug:
                history.objects.update_or_create(slug=row.slug, defaults={field: row})
            model.objects.filter(pk=row.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_tags_help_text_in_vietnamese")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
