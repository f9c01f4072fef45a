"""Video and sound uploads go to a temporary file on disk, never into memory.

The project's other upload handler keeps pictures in memory (articles.uploads); a video of
hundreds of MB must not be. This one takes the files posted to the media file admin's forms
and writes them to a temporary file (FILE_UPLOAD_TEMP_DIR), up to MEDIA_MAX_UPLOAD_BYTES:
past that (or when the request is larger) it only counts, so the form refuses the file on its
size with nothing kept.
"""

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers

# The admin's URL names of the forms that take a media file's upload.
MEDIA_FORMS = {"multimedia_mediafile_add", "multimedia_mediafile_change"}
# The form's other fields and the multipart boundaries, besides the file.
FORM_ALLOWANCE = 1024 * 1024


def for_media(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name in MEDIA_FORMS


class MediaUploadHandler(FileUploadHandler):
    """Spool each file posted to the media file admin into a temporary file, size capped."""

    over_limit = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # A request larger than the limit cannot hold a file within it: nothing is written.
        self.over_limit = content_length > settings.MEDIA_MAX_UPLOAD_BYTES + FORM_ALLOWANCE

    def new_file(self, *args, **kwargs):
        if not for_media(self.request):
            return  # a picture: the next handler's
        super().new_file(*args, **kwargs)
        self.file = TemporaryUploadedFile(
            self.file_name, self.content_type, 0, self.charset, self.content_type_extra
        )
        self.written = 0
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        if not for_media(self.request):
            return raw_data
        if not self.over_limit and start + len(raw_data) <= settings.MEDIA_MAX_UPLOAD_BYTES:
            self.file.write(raw_data)
        return None

    def file_complete(self, file_size):
        if not for_media(self.request):
            return None
        if file_size > settings.MEDIA_MAX_UPLOAD_BYTES:
            self.file.truncate(0)  # refused on its size: nothing of it is kept
        self.file.seek(0)
        self.file.size = file_size
        return self.file

    def upload_interrupted(self):
        if for_media(self.request) and hasattr(self, "file"):
            self.file.close()
