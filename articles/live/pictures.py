"""A picture a reporter adds to a live entry from the desk: checked, kept, shown with its caption.

The upload goes through the admin's own checks (articles.uploads: type, size, pixels, no
metadata) into the picture library, so it gets its renditions and the archive keeps it like
any other picture; the entry's body then ends with its figure.
"""

from django.core.exceptions import ValidationError
from django.utils.html import escape

from newsroom.sanitize import clean_html

from .. import uploads
from ..models import Image


class PictureRefused(Exception):
    """The upload is no picture we keep; the message says why, in Vietnamese."""


# What the picture's description says when the reporter gave no caption.
DEFAULT_ALT = "Ảnh tường thuật trực tiếp"


def keep_picture(upload, caption: str, *, by) -> Image:
    """`upload` checked and stored as a library picture; PictureRefused if it is not one."""
    caption = " ".join((caption or "").split())[:1000]
    try:
        content = uploads.clean_upload(upload)
    except ValidationError as error:
        raise PictureRefused(" ".join(error.messages)) from None
    image = Image(alt_text=(caption or DEFAULT_ALT)[:250], caption=caption, uploaded_by=by)
    try:
        image.file = uploads.store_upload(image, content)
    except uploads.StorageFull as error:
        raise PictureRefused(str(error)) from None
    image.save()
    return image


def with_picture(html: str, image: Image) -> str:
    """The entry's HTML followed by the picture's figure (and its caption)."""
    caption = f"<figcaption>{escape(image.caption)}</figcaption>" if image.caption else ""
    figure = (
        f'<figure data-image-id="{image.pk}"><img src="{escape(image.file.url)}" '
        f'alt="{escape(image.alt_text)}" data-image-id="{image.pk}">{caption}</figure>'
    )
    return clean_html(html + figure)
