"""The podcast feed (/podcast/rss/): the audio stories whose sound is ready, for podcast apps.

RSS 2.0 with an MP3 enclosure per episode and the iTunes tags Apple Podcasts, Spotify and
the others read (author, owner, image, category, explicit, duration). Names, address and
picture are the paper's own (SITE_NAME, SITE_EMAIL and the PODCAST_* settings).
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed

from multimedia.durations import clock_duration
from multimedia.models import MediaFile

from .feeds import FEED_LENGTH, LatestStoriesFeed
from .models import Article
from .models.kinds import Kind
from .seo import absolute

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def podcast_title() -> str:
    return settings.PODCAST_TITLE or f"{settings.SITE_NAME} – Podcast"


def podcast_author() -> str:
    return settings.PODCAST_AUTHOR or settings.SITE_NAME


class PodcastFeedGenerator(Rss201rev2Feed):
    """RSS 2.0 with the `itunes:` tags of the channel and of each episode."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        handler.startElement("image", {})
        handler.addQuickElement("url", feed["image"])
        handler.addQuickElement("title", feed["title"])
        handler.addQuickElement("link", feed["link"])
        handler.endElement("image")
        handler.addQuickElement("itunes:author", feed["podcast_author"])
        handler.addQuickElement("itunes:summary", feed["description"])
        handler.addQuickElement("itunes:image", "", {"href": feed["image"]})
        handler.addQuickElement("itunes:category", "", {"text": feed["category"]})
        handler.addQuickElement("itunes:explicit", feed["explicit"])
        handler.addQuickElement("itunes:type", "episodic")
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", feed["podcast_author"])
        handler.addQuickElement("itunes:email", feed["owner_email"])
        handler.endElement("itunes:owner")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", item["duration"])
        handler.addQuickElement("itunes:author", item["episode_author"])
        handler.addQuickElement("itunes:explicit", item["explicit"])
        handler.addQuickElement("itunes:episodeType", "full")
        if item["image"]:
            handler.addQuickElement("itunes:image", "", {"href": item["image"]})


class PodcastFeed(LatestStoriesFeed):
    """The newest 50 audio stories whose MP3 is ready, each an episode."""

    feed_type = PodcastFeedGenerator

    def title(self, obj=None):
        return podcast_title()

    def link(self, obj=None):
        return absolute(self.request, reverse("articles:home"))

    def description(self, obj=None):
        return settings.PODCAST_DESCRIPTION or f"Báo nói, podcast của {settings.SITE_NAME}."

    def feed_url(self, obj=None):
        return absolute(self.request, reverse("articles:podcast-feed"))

    def image(self) -> str:
        picture = settings.PODCAST_IMAGE
        return absolute(self.request, picture if "://" in picture else static(picture))

    def feed_extra_kwargs(self, obj):
        return {
            "image": self.image(),
            "podcast_author": podcast_author(),
            "owner_email": settings.PODCAST_EMAIL or settings.SITE_EMAIL,
            "category": settings.PODCAST_CATEGORY,
            "explicit": settings.PODCAST_EXPLICIT,
        }

    def items(self, obj=None):
        episodes = self.stories().filter(kind=Kind.AUDIO, audio__state=MediaFile.State.READY)
        return episodes.select_related("audio")[:FEED_LENGTH]

    def item_enclosures(self, item: Article):
        sound = item.audio
        url = absolute(self.request, sound.mp3_url)
        return [Enclosure(url, str(sound.sizes.get("mp3", 0)), "audio/mpeg")]

    def item_extra_kwargs(self, item: Article):
        image = item.hero_image
        return {
            "duration": clock_duration(item.audio.duration),
            "episode_author": item.byline or podcast_author(),
            "explicit": settings.PODCAST_EXPLICIT,
            "image": absolute(self.request, image.file.url) if image else "",
        }
