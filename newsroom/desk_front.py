"""The admin index as the desk's front page: the shared frame; each app brings its figures.

`newsroom` imports no app: stories are counted by `articles` (articles/desk_figures.py),
comments by `comments` (comments/desk_figures.py). Each app registers, in its
`AppConfig.ready()`, a function that adds its figures and panels to the page for the person
logged in, the way Wagtail's `construct_homepage_panels` hook does; they run in the order
registered (the order of INSTALLED_APPS: stories, then comments).

What each contribution must keep: every figure is counted over what that person may open,
with the same rules as the list it links to, so the number always equals the rows behind
the link; a figure whose list the person cannot open is left out, link and all; the cost is
fixed whatever the size of the paper.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Figure:
    """One line of the front page: what is counted, how many, where the list is."""

    key: str
    label: str
    count: int
    url: str
    note: str = ""
    # The colour of the count, one of the desk's state badges (static/admin/css/desk.css).
    badge: str = "draft"


@dataclass
class Panel:
    """A block of its own below the figures: its template, given `panel` (the context)."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass
class FrontPage:
    figures: list[Figure] = field(default_factory=list)
    panels: list[Panel] = field(default_factory=list)


# Adds what one app shows to the page for a person (`user`, `page`).
Contribution = Callable[[Any, FrontPage], None]
_CONTRIBUTIONS: list[Contribution] = []


def contribute(contribution: Contribution) -> Contribution:
    """Let `contribution(user, page)` add its app's figures and panels to every front page."""
    if contribution not in _CONTRIBUTIONS:
        _CONTRIBUTIONS.append(contribution)
    return contribution


def front_page(user) -> FrontPage:
    page = FrontPage()
    for contribution in _CONTRIBUTIONS:
        contribution(user, page)
    return page
