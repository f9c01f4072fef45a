"""What the API says of each public thing: plain dicts, the schemas (schemas.py) describe them.

Only what a reader can see on the site: pen names as printed (never a login, an email, a staff
account's id), public stories only, times in ISO 8601 at the paper's +07:00, absolute URLs on
the site's address (SITE_URL, else the request's host: newsroom.site_url).
"""

import mimetypes
import re

from django.urls import reverse
from django.utils import timezone

from articles.body_images import srcset_candidates
from articles.people.byline import linked_names
from newsroom import site_url

_LINK = re.compile(r'(\s(?:src|href|poster)=")/(?!/)')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')


def absolute_links(request, html: str) -> str:
    """The reader page's HTML with its own addresses (`/media/…`, `/bai-viet/…`) absolute:
    a partner's app shows it away from our site."""
    origin = site_url.origin(request)
    html = _LINK.sub(lambda m: f"{m.group(1)}{origin}/", html)

    def srcset(match: re.Match) -> str:
        candidates = [
            f"{origin}{c}" if c.startswith("/") and not c.startswith("//") else c
            for c in (part.strip() for part in match.group(2).split(","))
        ]
        return match.group(1) + ", ".join(candidates) + match.group(3)

    return _SRCSET.sub(srcset, html)


def when(moment) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def absolute(request, path: str) -> str:
    return site_url.absolute(path, request)


def api_url(request, name: str, **kwargs) -> str:
    return absolute(request, reverse(f"api:{name}", kwargs=kwargs))


def picture(request, image) -> dict | None:
    """A picture with its renditions, each width's URL (WebP and the original's format)."""
    if image is None:
        return None
    renditions = []
    for webp in (False, True):
        for candidate in srcset_candidates(image, webp=webp):
            kind = "image/webp" if webp else mimetypes.guess_type(candidate.url)[0]
            renditions.append(
                {"width": candidate.width, "type": kind, "url": absolute(request, candidate.url)}
            )
    return {
        "id": image.pk,
        "url": absolute(request, image.file.url),
        "width": image.width,
        "height": image.height,
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "renditions": renditions,
    }


def section(request, section) -> dict:
    return {
        "id": section.pk,
        "name": section.name,
        "slug": section.slug,
        "url": absolute(request, section.get_absolute_url()),
    }


def section_full(request, item) -> dict:
    return {
        **section(request, item),
        "description": item.description,
        "parent": item.parent.slug if item.parent_id else None,
        "in_menu": item.in_nav,
        "stories_url": api_url(request, "stories") + f"?section={item.slug}",
    }


def tag(request, item) -> dict:
    return {"name": item.name, "slug": item.slug, "url": absolute(request, item.get_absolute_url())}


def authors(request, contributors) -> list[dict]:
    """The writers as the byline shows them: printed names, the author page when listed."""
    shown = []
    slugs = {
        c.printed_name: c.person.slug for c in contributors if c.person.listed and c.person.slug
    }
    for name in linked_names(contributors):
        slug = slugs.get(name["name"]) if name["url"] else None
        url = absolute(request, name["url"]) if name["url"] else None
        shown.append({"name": name["name"], "slug": slug, "url": url})
    return shown


def story(request, article) -> dict:
    """A story as lists show it (its tags and contributors prefetched)."""
    return {
        "id": article.pk,
        "title": article.title,
        "slug": article.slug,
        "url": absolute(request, article.get_absolute_url()),
        "api_url": api_url(request, "story", story_id=article.pk),
        "kind": article.kind,
        "section": section(request, article.section),
        "tags": [tag(request, item) for item in article.tags.all()],
        "lead": article.lead,
        "source_code": article.source_code,
        "byline": article.byline,
        "authors": authors(request, article.contributors.all()),
        "published_at": when(article.published_at),
        "updated_at": when(article.updated_at),
        "hero": picture(request, article.hero_image),
    }


def related(request, article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "url": absolute(request, article.get_absolute_url()),
        "api_url": api_url(request, "story", story_id=article.pk),
    }


def correction(request, item, *, with_story: bool = True) -> dict:
    data = {
        "id": item.pk,
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
        "place": item.place,
        "published_at": when(item.published_at),
        "url": absolute(request, item.get_absolute_url()),
        "note": item.note,
        "story_title": item.story_title,
        "story_published_at": when(item.story_published_at),
        "wrong": item.wrong,
        "corrected": item.corrected,
        "apology": item.apology,
    }
    if with_story:
        data["story"] = related(request, item.article)
    return data


def person(request, item) -> dict:
    """A listed person as their author page shows them (no real name, no contact)."""
    return {
        "slug": item.slug,
        "pen_name": item.pen_name,
        "other_pen_names": item.pen_names[1:],
        "bio": item.bio,
        "photo": picture(request, item.photo),
        "url": absolute(request, item.get_absolute_url()),
        "stories_url": api_url(request, "stories") + f"?author={item.slug}",
    }


def live_entry(request, entry, body_html: str) -> dict:
    guest = entry.guest
    return {
        "id": entry.pk,
        "posted_at": when(entry.posted_at),
        "edited_at": when(entry.edited_at),
        "headline": entry.headline,
        "body_html": body_html,
        "author": entry.author_name,
        "key_event": entry.key_event,
        "pinned": entry.pinned,
        "question": entry.question,
        "asked_by": entry.asked_by,
        "guest": {"name": guest.name, "office": guest.office} if guest else None,
    }
