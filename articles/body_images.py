"""Pictures in a story: the `<picture>` markup and the one parser of a body's figures and images.

Uploads and renditions are made in `articles/uploads.py`; this module only reads them.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Article, Image
from .uploads import RENDITION_WIDTHS

# What the article column takes: full width on phones, at most the column's 760px.
BODY_SIZES = "(min-width: 800px) 760px, 100vw"


@dataclass(frozen=True)
class Candidate:
    url: str
    width: int


def _fields(width: int) -> tuple[str, str]:
    return f"w{width}", f"w{width}_webp"


def srcset_candidates(image, *, webp: bool) -> list[Candidate]:
    """The renditions worth offering: each width up to the original's, no duplicates.

    Until the renditions are made, the original alone (and no WebP).
    """
    original = image.width or max(RENDITION_WIDTHS)
    if not image.renditions_ready:
        return [] if webp else [Candidate(image.file.url, original)]
    seen: dict[int, Candidate] = {}
    for width in RENDITION_WIDTHS:
        actual = min(width, original)
        if actual in seen:
            continue
        field = _fields(width)[1 if webp else 0]
        seen[actual] = Candidate(getattr(image, field).url, actual)
    return list(seen.values())


def _srcset(candidates: list[Candidate]) -> str:
    return ", ".join(f"{c.url} {c.width}w" for c in candidates)


def picture_html(
    image,
    *,
    alt: str | None = None,
    sizes: str = BODY_SIZES,
    lazy: bool = True,
    css_class: str = "",
) -> str:
    """A `<picture>`: WebP renditions, then the original format's, sized to avoid reflow.

    The markup is `templates/includes/picture.html`, which escapes every value.
    """
    original = srcset_candidates(image, webp=False)
    context = {
        "webp_srcset": _srcset(srcset_candidates(image, webp=True)),
        "src": original[min(1, len(original) - 1)].url,
        "srcset": _srcset(original),
        "sizes": sizes,
        "alt": image.alt_text if alt is None else alt,
        "width": image.width if image.width and image.height else None,
        "height": image.height,
        "lazy": lazy,
        "css_class": css_class,
    }
    return render_to_string("includes/picture.html", context).strip()


# The body is stored cleaned by newsroom.sanitize: tags well formed, values double-quoted
# (and a value may hold a raw ">", as in alt="a > b").
_IN_TAG = r'(?:[^>"]|"[^"]*")*'
_BODY_TOKENS = re.compile(rf"<figure\b{_IN_TAG}>|</figure>|<img\b{_IN_TAG}>")
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')


@dataclass
class BodyImage:
    """One `<img>` of a body: where it is, its attributes and the picture id it names.

    The id is the image's `data-file`, else its enclosing figure's `data-image-id`.
    """

    start: int
    end: int
    attrs: dict[str, str]
    image_id: int | None


def _attrs(tag: str) -> dict[str, str]:
    return {key: unescape(value) for key, value in _ATTR.findall(tag)}


def _image_id(attrs: dict[str, str]) -> int | None:
    value = attrs.get("data-file") or attrs.get("data-image-id") or ""
    return int(value) if value.isdigit() else None


def body_images(html: str) -> Iterator[BodyImage]:
    """Each `<img>` of a stored body, with the picture id it or its figure names."""
    figure_id = None
    for match in _BODY_TOKENS.finditer(html or ""):
        token = match.group(0)
        if token.startswith("</figure"):
            figure_id = None
            continue
        attrs = _attrs(token)
        if token.startswith("<figure"):
            figure_id = _image_id(attrs)
            continue
        yield BodyImage(match.start(), match.end(), attrs, _image_id(attrs) or figure_id)


def _replace_images(html: str, replace) -> str:
    """`html` with each `<img>` replaced by `replace(body_image)`, or kept when that is None."""
    out, last = [], 0
    for img in body_images(html):
        new = replace(img)
        if new is not None:
            out += [html[last : img.start], new]
            last = img.end
    out.append(html[last:])
    return "".join(out)


def body_image_ids(html: str) -> set[int]:
    """The ids of the uploaded pictures a body shows."""
    return {img.image_id for img in body_images(html) if img.image_id is not None}


def responsive_body(html: str, images: dict, sizes: str = BODY_SIZES) -> str:
    """Replace each body `<img>` of a known picture with its responsive `<picture>`."""

    def replace(img: BodyImage) -> str | None:
        image = images.get(img.image_id)
        if image is None:
            return None
        return picture_html(image, alt=img.attrs.get("alt") or None, sizes=sizes)

    return _replace_images(with_credits(html or "", images), replace)


_FIGURE = re.compile(r"<figure\b.*?</figure>", re.S | re.I)


def with_credits(html: str, images: dict) -> str:
    """Each body figure's caption ends with its picture's credit, as under the hero picture."""

    def credit(match: re.Match) -> str:
        figure = match.group(0)
        ids = [img.image_id for img in body_images(figure) if img.image_id is not None]
        image = images.get(ids[0]) if ids else None
        if image is None or not image.credit or escape(image.credit) in figure:
            return figure
        span = f' <span class="credit">({escape(image.credit)})</span>'
        if "</figcaption>" in figure:
            return figure.replace("</figcaption>", span + "</figcaption>", 1)
        return figure[: -len("</figure>")] + f"<figcaption>{span.strip()}</figcaption></figure>"

    return _FIGURE.sub(credit, html)


def first_body_image_id(html: str) -> int | None:
    """The picture the body shows first, if it is an uploaded one."""
    first = next(iter(body_images(html or "")), None)
    return first.image_id if first is not None else None


def media_name(url: str) -> str | None:
    """The storage name of a URL under MEDIA_URL or the object store's address, or None."""
    prefixes = [settings.MEDIA_URL]
    if settings.MEDIA_STORAGE != "local":
        prefixes.append(default_storage.url("_").split("?")[0][:-1])
    for prefix in prefixes:
        if url.startswith(prefix):
            return url[len(prefix) :].split("?")[0]
    return None


def link_body_images(html: str, lookup) -> str:
    """Tie each body `<img>` to its uploaded picture: `data-file`, the picture's size.

    `lookup(ids, names)` returns the pictures with those ids or file names. Pictures are
    found by `data-file`, the enclosing figure's `data-image-id`, or the URL of their file,
    so a story re-saved from the editor (which drops unknown attributes) keeps them.
    """
    found = list(body_images(html))
    ids = {img.image_id for img in found if img.image_id is not None}
    names = {n for img in found if (n := media_name(img.attrs.get("src", "")))}
    if not ids and not names:
        return html
    pictures = list(lookup(ids, names))
    by_id = {image.pk: image for image in pictures}
    by_name = {image.file.name: image for image in pictures}

    def replace(img: BodyImage) -> str | None:
        attrs = img.attrs
        image = by_id.get(img.image_id) or by_name.get(media_name(attrs.get("src", "")) or "")
        if image is None:
            return None
        attrs.update({"src": image.file.url, "data-file": str(image.pk)})
        if image.width and image.height:
            attrs.update({"width": str(image.width), "height": str(image.height)})
        if not attrs.get("alt"):
            attrs["alt"] = image.alt_text
        attrs.pop("data-image-id", None)
        rendered = " ".join(f'{key}="{escape(value)}"' for key, value in attrs.items())
        return f"<img {rendered}>"

    return _replace_images(html, replace)


def story_body(article, sizes: str = BODY_SIZES) -> SafeString:
    """The stored (already sanitised) body, its pictures given srcset, sizes and lazy loading.

    One query for the body's pictures. The body was cleaned by newsroom.sanitize on save; the
    markup added here is escaped.
    """
    ids = body_image_ids(article.body)
    images = {image.pk: image for image in Image.objects.filter(pk__in=ids)} if ids else {}
    return mark_safe(responsive_body(article.body, images, sizes))


def stories_showing(image: Image) -> QuerySet[Article]:
    """The stories with `image` as their hero or in their body (`link_body_images` form)."""
    shown = (
        Q(hero_image=image)
        | Q(body__contains=f'data-file="{image.pk}"')
        | Q(body__contains=f'data-image-id="{image.pk}"')
    )
    if image.file.name:
        # A body the editor has not re-saved may name the picture by its file's address only.
        shown |= Q(body__contains=image.file.name)
    return Article.objects.filter(shown)
