"""The export's pictures, written before the stories so their bodies can point at our copies.

A mixin of the Importer (writer.py): it uses the importer's keys, report and mapping context.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from articles.models import Image

from ..models import ImportedItem
from . import media

logger = logging.getLogger("wordpress.importer.writer")
Kind = ImportedItem.Kind


class PicturesMixin:
    # Pictures ---------------------------------------------------------------------------

    def import_pictures(self, attachments: dict[str, media.Attachment]) -> None:
        for attachment in attachments.values():
            if not attachment.is_picture:
                self.report.skip("picture", "tệp đính kèm không phải ảnh")
                continue
            try:
                with transaction.atomic():
                    self.import_picture(attachment)
            except Exception as error:
                logger.exception("WordPress picture %s", attachment.wp_id)
                self.report.skip("picture", "lỗi khi nhập ảnh")
                self.report.warn(f"Ảnh #{attachment.wp_id}", f"lỗi {type(error).__name__}")
        for attachment in attachments.values():
            if self.ctx.pictures.get(attachment.wp_id):
                self.ctx.paths[attachment.path] = attachment.wp_id
            self.ctx.children.setdefault(attachment.parent_id, []).append(attachment.wp_id)

    def import_picture(self, attachment: media.Attachment) -> None:
        where = f"Ảnh #{attachment.wp_id} ({attachment.path or attachment.url})"
        found = media.locate(self.media_dir, attachment.path)
        mapping = self.mapped(Kind.ATTACHMENT, attachment.wp_id)
        image = Image.objects.filter(pk=mapping.object_id).first() if mapping else None
        fingerprint = media.fingerprint(found, attachment)
        if image and (mapping.digest == fingerprint or found is None):
            self.ctx.pictures[attachment.wp_id] = media.as_picture(image, attachment)
            self.report.count("picture", "unchanged")
            return
        if found is None:
            self.report.skip("picture", "thiếu tệp ảnh trong --media-dir")
            self.report.warn(where, "không tìm thấy tệp ảnh")
            return
        try:
            content = media.checked(found)
        except ValidationError as error:
            self.report.skip("picture", "ảnh không qua kiểm tra tải lên")
            self.report.warn(where, media.refusal(error))
            return
        outcome = "updated" if image else "created"
        if not self.dry_run:
            try:
                image = media.store(content, attachment, image)
            except media.StorageFull as error:
                self.report.skip("picture", "ổ lưu trữ không nhận ảnh")
                self.report.warn(where, media.refusal(error))
                return
            self.remember(Kind.ATTACHMENT, attachment.wp_id, image.pk, fingerprint)
        self.ctx.pictures[attachment.wp_id] = media.as_picture(image, attachment)
        self.report.count("picture", outcome)
