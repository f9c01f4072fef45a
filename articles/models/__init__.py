"""Stories, the sections they live in, their pictures and tags."""

from .approvals import ApprovalLevel, ApprovalStep, DutyShift
from .corrections import Correction
from .frontpage import HomeBox, Placement, Slot
from .gallery import GalleryPicture
from .kinds import Kind
from .live import LiveCoverage, LiveEntry, LiveEntryVersion, LiveGuest
from .people import (
    DEFAULT_KIND,
    Contributor,
    Grading,
    Person,
    Role,
    RoyaltyRate,
    kind_of,
    same_name,
)
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
from .states import (
    ArticleQuerySet,
    State,
    Status,
    is_public,
    is_scheduled,
    state_condition,
    state_of,
)
from .stories import (
    LEAD_MAX_LENGTH,
    Article,
    RelatedArticle,
    ShareLink,
    StaleEdit,
    default_source_code,
)

__all__ = [
    "ApprovalLevel",
    "ApprovalStep",
    "DutyShift",
    "LEAD_MAX_LENGTH",
    "Article",
    "ArticleQuerySet",
    "Contributor",
    "Correction",
    "GalleryPicture",
    "DEFAULT_KIND",
    "Grading",
    "HomeBox",
    "Person",
    "Placement",
    "Role",
    "RoyaltyRate",
    "kind_of",
    "same_name",
    "HourlyViews",
    "Image",
    "Kind",
    "LiveCoverage",
    "LiveEntry",
    "LiveEntryVersion",
    "LiveGuest",
    "RelatedArticle",
    "Section",
    "SectionQuerySet",
    "SectionSlugHistory",
    "ShareLink",
    "Slot",
    "StaleEdit",
    "State",
    "Status",
    "Tag",
    "TaggedArticle",
    "TagSlugHistory",
    "default_source_code",
    "is_public",
    "is_scheduled",
    "normal_slug",
    "state_condition",
    "state_of",
    "unique_slug",
]
