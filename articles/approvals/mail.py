"""Telling the holders of a level that a story waits for them: a desk notice and a mail each.

The same people `chain.Person.holds` gives the level to: by role, section heads of the
story's section (or a section above it), the duty editor alone at the last level while one
on duty holds its role; never the story's writer, nor who approved another level of it.
Sent after commit (newsroom.notices), so a refused step tells no one.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from newsroom.models import Notice
from newsroom.notices import notify

from ..models import ApprovalStep, Article
from .chain import SECTION_HEAD, Chains, Level


def holders(chains: Chains, article: Article, level: Level, now=None) -> list:
    """The people who hold `level` of `article` now."""
    from .chain import on_duty

    people = get_user_model().objects.filter(is_active=True, groups__name=level.label)
    if level.role == SECTION_HEAD:
        above = list(chains.ancestry(article.section_id))
        people = people.filter(headed_sections__in=above)
    if chains.is_last(article.section_id, level.position):
        duty = on_duty(now)
        if duty and people.filter(pk__in=duty).exists():
            people = people.filter(pk__in=duty)
    if article.author_id:
        people = people.exclude(pk=article.author_id)
    approved_other = ApprovalStep.objects.filter(
        article=article, kind=ApprovalStep.Kind.APPROVED
    ).exclude(level=level.position)
    people = people.exclude(pk__in=approved_other.values("by"))
    return list(people.distinct().order_by("pk"))


def story_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def tell(people, message: str, article: Article, *, warning: bool = False) -> None:
    level = Notice.Level.WARNING if warning else Notice.Level.INFO
    for person in people:
        notify(person, message, url=story_url(article), level=level)


def tell_level(chains: Chains, article: Article, level: Level, why: str = "") -> None:
    """Tell the holders of `level` that `article` waits for them."""
    message = f"Bài “{article.title}” chờ bạn duyệt (cấp {level.position}, {level.label})."
    if why:
        message += f" {why}"
    tell(holders(chains, article, level), message, article)
