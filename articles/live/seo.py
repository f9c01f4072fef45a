"""The live story's JSON-LD: schema.org LiveBlogPosting, each shown entry a liveBlogUpdate."""

from newsroom.vietnamese import iso

from ..seo import absolute
from .reader import Live
from .text import plain_text


def live_blog_posting(request, live: Live) -> dict:
    article = live.article
    url = absolute(request, article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": f"{url}#truc-tiep",
        "url": url,
        "headline": article.title,
        "datePublished": iso(article.published_at),
        "dateModified": iso(live.entries[0].posted_at if live.entries else article.updated_at),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "@id": f"{url}#cap-nhat-{entry.pk}",
                "headline": entry.headline or plain_text(entry.body)[:110],
                "datePublished": iso(entry.posted_at),
                "articleBody": plain_text(entry.body),
                "author": {"@type": "Person", "name": entry.author_name},
            }
            for entry in live.entries
        ],
    }
    if live.started_at:
        data["coverageStartTime"] = iso(live.started_at)
    if live.ended_at:
        data["coverageEndTime"] = iso(live.ended_at)
    return data
