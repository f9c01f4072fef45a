"""Where the desk's live Q&A meets the comments app, which stands above articles.

`articles` never imports `comments`: the comments app registers here (its AppConfig.ready) the
readers' questions picked for the guests of a story and how an answer is published, and the
desk (articles/live/desk.py) asks through this module. Without it the desk has no questions.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    """A reader's question picked by a moderator for one of the story's guests."""

    id: int
    name: str
    body: str
    guest_id: int | None


@dataclass(frozen=True)
class Source:
    picked: Callable[..., list[Question]]  # (article) -> the questions waiting for an answer
    answer: Callable[..., object]  # (article, question_id, *, by, body) -> the entry


_SOURCES: list[Source] = []


def register(source: Source) -> None:
    if _SOURCES:
        raise ValueError("a source of live questions is registered already")
    _SOURCES.append(source)


def picked(article) -> list[Question]:
    return _SOURCES[0].picked(article) if _SOURCES else []


def answer(article, question_id: int, *, by, body: str):
    if not _SOURCES:
        raise LookupError("no source of live questions")
    return _SOURCES[0].answer(article, question_id, by=by, body=body)
