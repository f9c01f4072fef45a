"""What search engines and link previews read: canonical URLs and NewsArticle JSON-LD."""

import html
import json
import re

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from newsroom import site_url
from newsroom.vietnamese import iso

from .models import Article, Role

_BYLINE_SEPARATORS = re.compile(r"\s*(?:[,;&/]|\s-\s|\svà\s)\s*")
_BODY_IMAGE = re.compile(r'<img\b[^>]*?\ssrc="([^"]+)"')
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute(request: HttpRequest | None, path: str) -> str:
    """`path` as an absolute URL on the site's address (SITE_URL, else the reader's host)."""
    return site_url.absolute(path, request)


def canonical(request: HttpRequest) -> str:
    """The page's own address without tracking parameters; `?page=N` kept past page 1."""
    url = absolute(request, request.path)
    page = request.GET.get("page", "")
    return f"{url}?page={int(page)}" if page.isdigit() and int(page) > 1 else url


def authors(byline: str) -> list[str]:
    """Names in a byline: "T. Hùng, Minh Anh và Lan" -> three names."""
    return [name for name in _BYLINE_SEPARATORS.split(byline or "") if name.strip()]


def publisher(request: HttpRequest | None) -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute(request, "/"),
        "logo": {"@type": "ImageObject", "url": absolute(request, static("img/logo.png"))},
    }


def share_image(article: Article) -> str:
    """The picture that stands for the story: its hero, else the first picture in its body."""
    if article.hero_image:
        return article.hero_image.file.url
    match = _BODY_IMAGE.search(article.body)
    return html.unescape(match.group(1)) if match else ""


def person(request: HttpRequest | None, contributor) -> dict:
    """schema.org Person for a contributor: the printed name, and the author page if listed."""
    data = {"@type": "Person", "name": contributor.printed_name}
    if contributor.person.listed and contributor.person.slug:
        data["url"] = absolute(request, contributor.person.get_absolute_url())
    return data


def people(request: HttpRequest | None, contributors) -> tuple[list[dict], list[dict]]:
    """The writers (`author`) and everyone else (`contributor`), each printed name once."""
    found: dict[str, list[dict]] = {"author": [], "contributor": []}
    seen: set[tuple[str, str]] = set()
    for contributor in contributors:
        key = "author" if contributor.role == Role.TEXT else "contributor"
        if (key, contributor.printed_name) not in seen:
            seen.add((key, contributor.printed_name))
            found[key].append(person(request, contributor))
    return found["author"], found["contributor"]


def news_article(
    article: Article, request: HttpRequest | None, corrections=(), contributors=()
) -> dict:
    """schema.org NewsArticle for `article`: dates with the Vietnam offset, the writers as
    authors (else the byline's names), the other contributors as `contributor`, and its
    corrections shown (schema.org `correction`, each a CorrectionComment)."""
    url = absolute(request, article.get_absolute_url())
    names = authors(article.byline)
    writers, others = people(request, contributors)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": article.excerpt,
        "datePublished": iso(article.published_at),
        "dateModified": iso(max(filter(None, [article.updated_at, article.published_at]))),
        "inLanguage": "vi",
        "articleSection": article.section.name,
        "author": writers
        or (
            [{"@type": "Person", "name": name} for name in names]
            if names
            else [{"@type": "Organization", "name": settings.SITE_NAME}]
        ),
        "publisher": publisher(request),
    }
    if others:
        data["contributor"] = others
    if image := share_image(article):
        data["image"] = [absolute(request, image)]
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction_text(correction),
                "datePublished": iso(correction.published_at),
                "url": absolute(request, correction.get_absolute_url()),
            }
            for correction in corrections
        ]
    return data


def script(data: dict) -> SafeString:
    """`data` in a JSON-LD script element, safe inside HTML (`<`, `>`, `&` escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def website(request: HttpRequest | None) -> dict:
    """schema.org WebSite with its search action."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": absolute(request, "/"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute(request, reverse("articles:search")) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
        "publisher": publisher(request),
    }


def correction_text(correction) -> str:
    """A correction in one paragraph, for JSON-LD and feeds."""
    if not correction.is_apology:
        return f"Đính chính: {correction.note}"
    return (
        f"Thông tin cải chính, xin lỗi. Thông tin sai: {correction.wrong}"
        f" Thông tin đúng: {correction.corrected} {correction.apology}"
    )
