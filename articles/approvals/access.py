"""What the rest of the desk asks of the chain: whether a story has one, and whether a person
holds the level it waits at. One `Person` per request's user, loaded on first use."""

import contextlib

from django.db.models import Q

from ..models import Article, Section
from .chain import Chains, Person, may_act_at

_CACHED = "_approval_person"
_CHAINS = "_approval_chains"


def person(user) -> Person:
    """`user`'s roles, sections and duty with every chain, kept on the user object: it lives
    for one request (a step, which must see the present, loads its own: `Person.of`)."""
    found = getattr(user, _CACHED, None)
    if found is None:
        found = Person.of(user, getattr(user, _CHAINS, None))
        with contextlib.suppress(AttributeError):  # AnonymousUser and the like
            setattr(user, _CACHED, found)
    return found


def chains(user) -> Chains:
    """Every section's chain, loaded once for `user`'s request."""
    found = getattr(user, _CACHED, None)
    if found is not None:
        return found.chains
    found = getattr(user, _CHAINS, None)
    if found is None:
        found = Chains.load()
        with contextlib.suppress(AttributeError):
            setattr(user, _CHAINS, found)
    return found


def has_chain(article: Article, user=None) -> bool:
    """Whether `article`'s section (or one above it) has an approval chain."""
    if article.section_id is None:
        return False
    found = chains(user) if user is not None else Chains.load()
    return bool(found.of(article.section_id))


def headed_condition(user) -> Q:
    """The stories of the sections `user` heads (and of those up to two levels below), as a
    filter with no query of its own."""
    heads = Section.heads.through.objects.filter(user_id=user.pk).values("section_id")
    return (
        Q(section_id__in=heads)
        | Q(section__parent_id__in=heads)
        | Q(section__parent__parent_id__in=heads)
    )


def holds_now(user, article: Article) -> bool:
    """Whether `user` may act on `article` at the level it waits at now."""
    if article.status != Article.Status.PENDING or not article.approval_level:
        return False
    me = person(user)
    level = me.chains.level(article.section_id, article.approval_level)
    return level is not None and may_act_at(me, article, level)
