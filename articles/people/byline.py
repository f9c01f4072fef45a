"""The printed byline, made from a story's contributors.

`Article.byline` stays the one text readers, feeds and JSON-LD read. Once a story lists
contributors, the byline is the text writers' (role "viết") printed pen names in order, joined
by commas; it is set again whenever a contributor is saved or removed, and after the story
form saves its contributor rows. A story without contributors keeps its hand-typed byline.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..models import Article, Contributor, Role
from ..pages import story_changed


def writers(contributors) -> list[Contributor]:
    return [c for c in contributors if c.role == Role.TEXT]


def byline_of(contributors) -> str:
    """ "Minh Anh, T. Hùng": the writers' printed names, each once, in order."""
    names = [c.printed_name for c in writers(contributors)]
    return ", ".join(dict.fromkeys(names))


def credited(article_id: int) -> list[Contributor]:
    """The story's contributors in order, with their people: one query."""
    return list(
        Contributor.objects.filter(article_id=article_id)
        .select_related("person")
        .order_by("position", "pk")
    )


def sync(article: Article, *, contributors_changed: bool = True) -> None:
    """Set `article.byline` from its writers, if it has any; purge its page if it shows.

    With `contributors_changed` false (the story form saved a hand-typed byline and no
    contributor row), a story without writers is left alone: its save purged what it had to.
    """
    contributors = credited(article.pk)
    text = byline_of(contributors)
    if text and text != article.byline:
        article.byline = text
        article.save(update_fields=["byline"])  # the page cache's receivers purge it
    elif contributors_changed and article.status == Article.Status.PUBLISHED:
        story_changed(article.pk)  # a link or role changed, not the words


def _sync_by_id(article_id) -> None:
    article = Article.objects.filter(pk=article_id).first()
    if article is not None:
        sync(article)


@receiver(post_save, sender=Contributor)
@receiver(post_delete, sender=Contributor)
def contributor_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _sync_by_id(instance.article_id)


def linked_names(contributors) -> list[dict]:
    """The writers for the page: each printed name, with the author page when it has one."""
    shown = []
    seen = set()
    for contributor in writers(contributors):
        name = contributor.printed_name
        if name in seen:
            continue
        seen.add(name)
        person = contributor.person
        url = person.get_absolute_url() if person.listed and person.slug else ""
        shown.append({"name": name, "url": url})
    return shown
