"""What an import did, counted: created, updated, unchanged, skipped with reasons, warnings."""

from collections import Counter
from dataclasses import dataclass, field

KINDS = {
    "post": "Bài viết",
    "category": "Chuyên mục",
    "tag": "Thẻ",
    "picture": "Ảnh",
    "comment": "Bình luận",
    "link": "Đường dẫn cũ",
}
OUTCOMES = {"created": "tạo mới", "updated": "cập nhật", "unchanged": "không đổi"}
SHOWN_WARNINGS = 200


@dataclass
class Report:
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)  # (kind, outcome)
    skipped: Counter = field(default_factory=Counter)  # (kind, reason)
    warnings: list[str] = field(default_factory=list)

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        if n:
            self.counts[kind, outcome] += n

    def skip(self, kind: str, reason: str, n: int = 1) -> None:
        if n:
            self.skipped[kind, reason] += n

    def checkpoint(self) -> tuple[Counter, Counter]:
        return Counter(self.counts), Counter(self.skipped)

    def restore(self, saved: tuple[Counter, Counter]) -> None:
        """Forget what was counted since `saved` (a story rolled back); warnings stay."""
        self.counts, self.skipped = Counter(saved[0]), Counter(saved[1])

    def warn(self, where: str, text: str) -> None:
        self.warnings.append(f"{where}: {text}")

    def total(self, kind: str, *outcomes: str) -> int:
        return sum(self.counts[kind, outcome] for outcome in outcomes or OUTCOMES)

    @property
    def stories_imported(self) -> int:
        """Stories now in place from this export, whether written on this run or before."""
        return self.total("post")

    def lines(self) -> list[str]:
        title = "Kết quả chạy thử (không ghi gì)" if self.dry_run else "Kết quả nhập"
        out = [f"== {title}"]
        for kind, label in KINDS.items():
            parts = [
                f"{self.counts[kind, outcome]} {text}"
                for outcome, text in OUTCOMES.items()
                if self.counts[kind, outcome]
            ]
            skipped = sum(n for (k, _), n in self.skipped.items() if k == kind)
            if skipped:
                parts.append(f"{skipped} bỏ qua")
            if parts:
                out.append(f"{label}: {', '.join(parts)}")
        if self.skipped:
            out.append("== Bỏ qua")
            for (kind, reason), n in sorted(self.skipped.items()):
                out.append(f"{KINDS[kind]}: {n} × {reason}")
        if self.warnings:
            out.append(f"== Cảnh báo ({len(self.warnings)})")
            out += self.warnings[:SHOWN_WARNINGS]
            if len(self.warnings) > SHOWN_WARNINGS:
                out.append(f"... và {len(self.warnings) - SHOWN_WARNINGS} cảnh báo khác")
        return out
