"""What search engines and link previews read of each kind: its JSON-LD and Open Graph type.

A video story is a schema.org VideoObject and `video.other` once its file is ready (before
that, with nothing to play, a NewsArticle and `article`); a podcast an AudioObject; a photo
story an ImageGallery of its pictures; every other kind a NewsArticle (articles/seo.py).
"""

from django.core.files.storage import default_storage
from django.http import HttpRequest

from multimedia.models import MediaFile
from newsroom.vietnamese import iso

from .. import seo
from ..live.reader import Live
from ..live.seo import live_blog_posting
from ..models import Article, GalleryPicture, Kind

# The renditions a reader is sent, best first (multimedia.tasks names them).
VIDEO_RENDITIONS = ("720", "360")
AUDIO_RENDITIONS = ("mp3",)


def iso_duration(seconds: float | None) -> str:
    """ISO 8601 duration: 3725.4 -> "PT1H2M5S"."""
    total = round(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{secs}S" if secs or total == 0 else "")


def media_url(media: MediaFile, renditions=VIDEO_RENDITIONS) -> str:
    """The storage URL of `media`'s best rendition, or "" while there is none."""
    for name in renditions:
        if stored := (media.renditions or {}).get(name):
            return default_storage.url(stored)
    return ""


def playable(article: Article) -> MediaFile | None:
    """The story's own video or sound when it is ready to play, else None."""
    if article.kind not in (Kind.VIDEO, Kind.AUDIO):
        return None
    media = article.video if article.kind == Kind.VIDEO else article.audio
    return media if media is not None and media.is_ready else None


def og_type(article: Article) -> str:
    return "video.other" if article.kind == Kind.VIDEO and playable(article) else "article"


def og_media(article: Article, request: HttpRequest | None) -> list[tuple[str, str]]:
    """The og:video or og:audio properties of a story with a file ready to play."""
    media = playable(article)
    if media is None:
        return []
    if media.kind == MediaFile.Kind.AUDIO:
        url = media_url(media, AUDIO_RENDITIONS)
        return [("og:audio", seo.absolute(request, url)), ("og:audio:type", "audio/mpeg")]
    url = media_url(media)
    found = [("og:video", seo.absolute(request, url)), ("og:video:type", "video/mp4")]
    if media.width and media.height:
        found += [("og:video:width", str(media.width)), ("og:video:height", str(media.height))]
    return found if url else []


def _thumbnail(media: MediaFile, article: Article, request) -> list[str]:
    picture = media.poster.url if media.poster else seo.share_image(article)
    return [seo.absolute(request, picture)] if picture else []


def media_object(article: Article, media: MediaFile, request, news: dict) -> dict:
    """schema.org VideoObject or AudioObject of a story's ready file, with the story's words."""
    audio = media.kind == MediaFile.Kind.AUDIO
    content = media_url(media, AUDIO_RENDITIONS if audio else VIDEO_RENDITIONS)
    data = {
        "@context": "https://schema.org",
        "@type": "AudioObject" if audio else "VideoObject",
        "name": article.title,
        "description": article.excerpt,
        "url": news["url"],
        "contentUrl": seo.absolute(request, content),
        "encodingFormat": "audio/mpeg" if audio else "video/mp4",
        "duration": iso_duration(media.duration),
        "uploadDate": iso(media.uploaded_at or article.published_at),
        "datePublished": news["datePublished"],
        "inLanguage": "vi",
        "author": news["author"],
        "publisher": news["publisher"],
    }
    if thumbnails := _thumbnail(media, article, request):
        data["thumbnailUrl"] = thumbnails
    if not audio and media.width and media.height:
        data.update(width=media.width, height=media.height)
    return data


def image_gallery(article: Article, pictures: list[GalleryPicture], request, news: dict) -> dict:
    """schema.org ImageGallery of a photo story: its pictures in order, each an ImageObject."""
    data = {
        key: news[key]
        for key in ("@context", "url", "headline", "description", "datePublished")
        if key in news
    }
    data.update(
        {
            "@type": "ImageGallery",
            "mainEntityOfPage": news["mainEntityOfPage"],
            "dateModified": news["dateModified"],
            "inLanguage": "vi",
            "author": news["author"],
            "publisher": news["publisher"],
            "image": [
                {
                    "@type": "ImageObject",
                    "contentUrl": seo.absolute(request, picture.image.file.url),
                    "caption": picture.shown_caption,
                    **({"creditText": picture.shown_credit} if picture.shown_credit else {}),
                    **(
                        {"width": picture.image.width, "height": picture.image.height}
                        if picture.image.width and picture.image.height
                        else {}
                    ),
                }
                for picture in pictures
            ],
        }
    )
    return data


def story_jsonld(
    article: Article,
    request: HttpRequest | None,
    corrections=(),
    contributors=(),
    gallery=(),
    live: Live | None = None,
) -> dict:
    """The JSON-LD of a story page, by its kind."""
    news = seo.news_article(article, request, corrections, contributors)
    if live is not None:
        # A LiveBlogPosting is an Article: the story's own facts, with the coverage and entries.
        return {**news, **live_blog_posting(request, live)}
    if media := playable(article):
        return media_object(article, media, request, news)
    if article.kind == Kind.PHOTO and gallery:
        return image_gallery(article, list(gallery), request, news)
    return news
