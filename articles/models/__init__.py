"""Stories, the sections they live in, their pictures and tags."""

from .pictures import Image
from .readership import HourlyViews
from .sections import (
    Section,
    SectionQuerySet,
    SectionSlugHistory,
    Tag,
    TaggedArticle,
    TagSlugHistory,
    normal_slug,
    unique_slug,
)
from .stories import (
    Article,
    ArticleQuerySet,
    RelatedArticle,
    ShareLink,
    default_source_code,
    is_public,
)

__all__ = [
    "Article",
    "ArticleQuerySet",
    "HourlyViews",
    "Image",
    "RelatedArticle",
    "Section",
    "SectionQuerySet",
    "SectionSlugHistory",
    "ShareLink",
    "Tag",
    "TaggedArticle",
    "TagSlugHistory",
    "default_source_code",
    "is_public",
    "normal_slug",
    "unique_slug",
]
