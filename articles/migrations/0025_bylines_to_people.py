"""Each distinct name in the free-text bylines becomes a person, and a writer of its stories.

"T. Hùng, Minh Anh" names two people (split as articles/seo.py splits it for JSON-LD). One
person per name: the same name typed in NFD and NFC, or with other case or spacing, is one
person (articles.models.people.same_name); names differing by their diacritics stay apart.
The person is named as most stories print it. Bylines are left as they are.
"""

import re
from collections import Counter, defaultdict

from django.db import migrations

from newsroom.vietnamese import clean_name, slugify

SEPARATORS = re.compile(r"\s*(?:[,;&/]|\s-\s|\svà\s)\s*")


def same_name(text: str) -> str:
    # As articles.models.people.same_name, frozen here.
    return " ".join(clean_name(text).casefold().split())


def names_in(byline: str) -> list[str]:
    names = [clean_name(name) for name in SEPARATORS.split(clean_name(byline))]
    return list(dict.fromkeys(name for name in names if name))


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Person = apps.get_model("articles", "Person")
    Contributor = apps.get_model("articles", "Contributor")
    spellings = defaultdict(Counter)
    stories = []
    for pk, byline in Article.objects.exclude(byline="").values_list("pk", "byline").iterator():
        names = names_in(byline)
        stories.append((pk, names))
        for name in names:
            spellings[same_name(name)][name] += 1
    people = {}
    taken = set(Person.objects.values_list("slug", flat=True))
    for person in Person.objects.all():
        people.setdefault(same_name(person.pen_name), person)
    for key, counts in spellings.items():
        if key in people:
            continue
        name = max(counts.items(), key=lambda item: (item[1], item[0]))[0]
        base = slugify(name, max_length=190) or "tac-gia"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        people[key] = Person.objects.create(name=name, pen_name=name, slug=slug)
    rows = []
    for pk, names in stories:
        for position, name in enumerate(names):
            rows.append(
                Contributor(
                    article_id=pk,
                    person=people[same_name(name)],
                    role="viet",
                    pen_name=name if name != people[same_name(name)].pen_name else "",
                    position=position,
                )
            )
    Contributor.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def backwards(apps, schema_editor):
    apps.get_model("articles", "Contributor").objects.all().delete()
    apps.get_model("articles", "Person").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0024_people")]

    operations = [migrations.RunPython(forwards, backwards)]
