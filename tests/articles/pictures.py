"""Pictures for tests: real files made with Pillow, stored like uploads."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from articles.models import Image


def make_image(size=(1600, 1000), name="anh.png") -> Image:
    """A stored picture with its renditions (made on save, as for an upload)."""
    out = BytesIO()
    PILImage.new("RGB", size, (90, 90, 90)).save(out, "PNG")
    image = Image(alt_text="Ảnh thử", caption="Chú thích")
    image.file.save(name, SimpleUploadedFile(name, out.getvalue()), save=False)
    image.save()
    return image
