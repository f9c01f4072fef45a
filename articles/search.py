"""Search public stories ignoring case and Vietnamese diacritics, best match first.

Both databases match the same words: the reader's query and `Article.search_text` are
folded by the same Python function (`newsroom.vietnamese.search_words`). PostgreSQL matches and
ranks with a weighted `tsvector` kept by a trigger (title A, lead B, the rest C, accented
spellings D; migration 0004) behind a GIN index, read only through `VectorMatch`; SQLite
matches `LIKE '% word %'` on `search_text` and ranks in Python. Results come in this order on
both: the reader's exact accented spelling first ("bão" before "báo"), then stories with
every word in the title, then by weight of the matches, then newest; among the newest
MAX_RESULTS matches.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import FieldError
from django.db import NotSupportedError, connection
from django.db.models import BooleanField, Case, Expression, FloatField, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsroom.vietnamese import accented_words, excerpt, fold, nfc, search_document, search_words

from .models import Article

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
# Ranking reads every candidate's vector: cap the candidates at the newest matches so a
# query of common words costs the same at 100,000 stories as at 10,000. A reader who
# wants older stories adds a word.
MAX_RESULTS = 1000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Query:
    """A reader's query, cleaned: `text` to show back, folded `words` to match."""

    text: str
    words: tuple[str, ...]
    accented: tuple[str, ...]
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.words)


def parse_query(raw: str | None) -> Query:
    """Clean what a reader typed: control characters out, at most 200 characters and 10 words."""
    text = _SPACES.sub(" ", _CONTROL.sub(" ", nfc(raw or ""))).strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    words = tuple(dict.fromkeys(search_words(text)))[:MAX_WORDS]
    accented = tuple(word for word in accented_words(text) if fold(word) in words)
    return Query(text=text, words=words, accented=accented, truncated=truncated)


def search(query: Query) -> "SearchResults":
    return SearchResults(query)


class SearchResults:
    """Public stories matching `query`, best first; sliceable and countable for a Paginator.

    A slice fetches only that page's stories, each with `search_title` and `search_excerpt`
    holding the matched words in `<mark>`, and `exact_match`: False when the reader typed
    accents and the story holds the words only with other diacritics. Exact spellings in the
    title, lead and tags rank first; one found only in the body still counts as exact.
    """

    def __init__(self, query: Query):
        self.query = query
        self._postgres = connection.vendor == "postgresql"
        self._count: int | None = None
        self._ranked_ids: list[int] | None = None
        self._candidate_ids: list[int] | None = None
        self._accent_ids: set[int] = set()

    def count(self) -> int:
        """Matching stories, at most MAX_RESULTS."""
        if self._count is None:
            if not self.query:
                self._count = 0
            elif self._postgres:
                self._count = len(self._postgres_candidate_ids())
            else:
                self._count = len(self._sqlite_ranked_ids())
        return self._count

    @property
    def capped(self) -> bool:
        return self.count() >= MAX_RESULTS

    __len__ = count

    def __getitem__(self, key: slice) -> list[Article]:
        if not isinstance(key, slice):
            raise TypeError("SearchResults supports slices only")
        if not self.query:
            return []
        if self._postgres:
            stories = list(self._postgres_ranked()[key])
        else:
            ids = self._sqlite_ranked_ids()[key]
            found = Article.objects.for_listing().in_bulk(ids)
            stories = [found[pk] for pk in ids if pk in found]
        accented = set(self.query.accented)
        for story in stories:
            story.exact_match = (
                not accented
                or (bool(story.accent_match) if self._postgres else story.pk in self._accent_ids)
                # The ranking weighs the title, lead and tags' spelling; the label reads the body.
                or accented <= set(accented_words(story.body_text))
            )
            story.search_title = highlight(story.title, self.query.words)
            story.search_excerpt = matched_excerpt(story, self.query.words)
        return stories

    def _candidates(self) -> QuerySet:
        """The newest MAX_RESULTS public stories holding every word."""
        stories = Article.objects.public()
        if self._postgres:
            stories = stories.filter(VectorMatch(self.query.words))
        else:
            for word in self.query.words:
                stories = stories.filter(search_text__contains=f" {word} ")
        return stories.order_by("-published_at", "-pk")[:MAX_RESULTS]

    def _postgres_candidate_ids(self) -> list[int]:
        if self._candidate_ids is None:
            self._candidate_ids = list(self._candidates().values_list("pk", flat=True))
        return self._candidate_ids

    def _postgres_ranked(self) -> QuerySet:
        words, accented = self.query.words, self.query.accented
        return (
            Article.objects.filter(pk__in=self._postgres_candidate_ids())
            .select_related("section", "hero_image")
            .defer("search_text")
            .annotate(
                accent_match=VectorMatch(accented, weight="D") if accented else Value(False),
                title_match=VectorMatch(words, weight="A"),
                rank=VectorMatch(words, rank=True),
            )
            .order_by("-accent_match", "-title_match", "-rank", "-published_at", "-pk")
        )

    def _sqlite_ranked_ids(self) -> list[int]:
        """Rank in Python: SQLite has no full-text ranking, and a small paper's matches fit."""
        if self._ranked_ids is None:
            accented = Q()
            for word in self.query.accented:
                accented &= Q(search_text__contains=f" {word} ")
            rows = (
                self._candidates()
                .annotate(
                    accent_match=Case(When(accented, then=True), default=False)
                    if self.query.accented
                    else Value(False)
                )
                .values_list("pk", "title", "lead", "published_at", "accent_match")
            )
            words = set(self.query.words)

            def key(row):
                pk, title, lead, published_at, accent_match = row
                in_title = words & set(search_words(title))
                in_lead = words & set(search_words(lead))
                weight = len(in_title) + 0.4 * len(in_lead)
                return (bool(accent_match), in_title == words, weight, published_at, pk)

            rows = sorted(rows, key=key, reverse=True)
            self._ranked_ids = [row[0] for row in rows]
            self._accent_ids = {row[0] for row in rows if row[4]}
        return self._ranked_ids


class VectorMatch(Expression):
    """`search_vector @@ query`, or with `rank` `ts_rank(search_vector, query)`: all `words`.

    The vector is a column PostgreSQL alone has (migration 0005), not a model field. This names
    it by the alias its own query gives the story table, and follows that alias when the query
    becomes a subquery (`relabeled_clone`), so it reads the row of the query it is in and
    never the outer one's. Stories only: another model's query is refused.

    Words hold letters and digits only (see `parse_query`), so quoting them is safe; the query
    string itself still travels as a parameter. `weight`: A title, B lead, C rest, D accented.
    """

    def __init__(self, words: Iterable[str], weight: str = "", rank: bool = False):
        super().__init__(output_field=FloatField() if rank else BooleanField())
        self.words, self.weight, self.rank = tuple(words), weight, rank
        self.alias = None

    def __repr__(self):
        return f"{type(self).__name__}({self.words!r}, weight={self.weight!r}, rank={self.rank})"

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        if self.alias is not None:
            # Resolved in its own query already: an outer query resolving this one as its
            # subquery must not make it read the outer row.
            return self
        if query is None or not issubclass(query.model, Article):
            raise FieldError("VectorMatch reads the stories' search vector: use it on Article.")
        resolved = self.copy()
        resolved.alias = query.get_initial_alias()
        return resolved

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def get_group_by_cols(self):
        return [self]

    def as_sql(self, compiler, connection):
        if connection.vendor != "postgresql":
            raise NotSupportedError("The stories' search vector exists on PostgreSQL only.")
        if self.alias is None:
            raise FieldError("VectorMatch used without being resolved in a query.")
        vector = f"{compiler.quote_name_unless_alias(self.alias)}.search_vector"
        suffix = f":{self.weight}" if self.weight else ""
        tsquery = " & ".join(f"'{word}'{suffix}" for word in self.words)
        if self.rank:
            return f"ts_rank({vector}, to_tsquery('simple', %s))", [tsquery]
        return f"{vector} @@ to_tsquery('simple', %s)", [tsquery]


def highlight(text: str, words: Iterable[str]) -> SafeString:
    """Escape `text` and wrap each word that folds to one of `words` in `<mark>`."""
    wanted = set(words)
    parts, last = [], 0
    for match in _WORD.finditer(text):
        if fold(match.group()) in wanted:
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def matched_excerpt(article: Article, words: Iterable[str], limit: int = 200) -> SafeString:
    """The story's excerpt, or, when only its body matches, the body around the first match."""
    wanted = set(words)
    lead = article.excerpt
    if wanted & set(search_words(lead)):
        return highlight(lead, wanted)
    body = _SPACES.sub(" ", article.body_text).strip()
    for match in _WORD.finditer(body):
        if fold(match.group()) in wanted:
            start = body.rfind(" ", 0, max(match.start() - limit // 3, 0)) + 1
            window = excerpt(body[start:], limit=limit)
            return highlight(("..." if start else "") + window, wanted)
    return highlight(lead, wanted)


def reindex(stories: QuerySet) -> int:
    """Rebuild `search_text` of `stories` (their title, lead, body and tags) in bulk."""
    changed = []
    for story in stories.prefetch_related("tags").only("pk", "title", "lead", "body"):
        tags = [tag.name for tag in story.tags.all()]
        story.search_text = search_document(story.title, story.lead, story.body_text, tags)
        changed.append(story)
    Article.objects.bulk_update(changed, ["search_text"], batch_size=500)
    return len(changed)
