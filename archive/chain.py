"""The hash chain: each record carries the sha256 of its own content and of the record before.

A record's hash covers every stored field (its place in the chain, the story, the event, the
time in UTC, who, the served page, its pictures' hashes, the approvals) and the previous
record's hash; the chain head keeps the last hash and the count. Changing one byte of a
record, deleting one, or moving one shows at the first record whose hash or link no longer
matches, which `verify` names. Appending locks the head row (`select_for_update`; on SQLite
the project's IMMEDIATE transactions let one writer in at a time), so two appends at once
never both follow the same record.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction

from .models import ArchivedPicture, ArchiveRecord, ChainHead

GENESIS = "0" * 64
FIELDS = (
    "seq",
    "story_id",
    "story_title",
    "url",
    "event",
    "by_id",
    "by_name",
    "status",
    "html",
    "pictures",
    "approvals",
    "previous_hash",
)


def canonical(record: ArchiveRecord) -> bytes:
    """The record's content as the bytes its hash is taken of (sorted keys, UTC time)."""
    content = {field: getattr(record, field) for field in FIELDS}
    content["at"] = record.at.timestamp()
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(record: ArchiveRecord) -> str:
    return hashlib.sha256(canonical(record)).hexdigest()


def append(**fields) -> ArchiveRecord:
    """Add a record at the end of the chain, under the head's lock."""
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            ChainHead.objects.get_or_create(pk=1)
            head = ChainHead.objects.select_for_update().get(pk=1)
        record = ArchiveRecord(
            seq=head.count + 1, previous_hash=head.last_hash or GENESIS, **fields
        )
        record.hash = digest(record)
        record.save(force_insert=True)
        head.count, head.last_hash = record.seq, record.hash
        head.save(update_fields=["count", "last_hash"])
    return record


@dataclass
class Result:
    ok: bool
    message: str
    count: int = 0


def verify() -> Result:
    """Walk the chain from its first record; the first that does not hold is named."""
    previous_hash, expected_seq, last = GENESIS, 1, None
    for record in ArchiveRecord.objects.order_by("seq").iterator(chunk_size=200):
        if record.seq != expected_seq:
            return Result(
                False,
                f"Bản ghi #{record.pk} (thứ tự {record.seq}): thiếu bản ghi thứ tự {expected_seq}"
                " trước nó — có bản ghi đã bị xóa khỏi sổ.",
            )
        if record.previous_hash != previous_hash:
            return Result(
                False,
                f"Bản ghi #{record.pk}: không nối với bản ghi trước nó — sổ đã bị sửa,"
                " xóa hoặc đổi thứ tự.",
            )
        if digest(record) != record.hash:
            return Result(
                False, f"Bản ghi #{record.pk}: nội dung đã bị thay đổi sau khi lưu (sai mã băm)."
            )
        bad = _bad_picture(record)
        if bad:
            return Result(False, f"Bản ghi #{record.pk}: ảnh {bad} bị mất hoặc bị thay đổi.")
        previous_hash, expected_seq, last = record.hash, expected_seq + 1, record
    head = ChainHead.objects.filter(pk=1).first()
    count = expected_seq - 1
    if head is not None and (head.count != count or (head.last_hash or GENESIS) != previous_hash):
        after = f"sau bản ghi #{last.pk}" if last else "ở đầu sổ"
        return Result(
            False,
            f"Sổ có {count} bản ghi, nhưng đã ghi {head.count}: bản ghi cuối {after}"
            " đã bị xóa hoặc sửa.",
            count,
        )
    return Result(True, f"Sổ lưu chiểu nguyên vẹn: {count} bản ghi, chuỗi mã băm khớp.", count)


def _bad_picture(record: ArchiveRecord) -> str:
    wanted = set(record.pictures.values())
    if not wanted:
        return ""
    found = dict(ArchivedPicture.objects.filter(sha256__in=wanted).values_list("sha256", "data"))
    for sha in sorted(wanted):
        data = found.get(sha)
        if data is None or hashlib.sha256(bytes(data)).hexdigest() != sha:
            return sha[:12]
    return ""
