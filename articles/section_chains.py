"""Which approval chain each section follows, as the desk shows it: its own, or an ancestor's.

A section without levels of its own follows the nearest ancestor that has some; with none up
the tree, editors publish as before. The whole tree is read in two queries (a paper has tens
of sections), so a list of sections costs the same whatever its length.
"""

from dataclasses import dataclass

from newsroom.roles import LEVEL_ROLES

from .models import ApprovalLevel, Section

ARROW = " → "


def describe(roles: list[str]) -> str:
    """`Trưởng ban → Thư ký tòa soạn → Tổng biên tập` for the slugs of a chain, in order."""
    return ARROW.join(LEVEL_ROLES.get(role, role) for role in roles)


@dataclass(frozen=True)
class Chains:
    parents: dict[int, int | None]
    levels: dict[int, list[str]]

    @classmethod
    def load(cls) -> "Chains":
        parents = dict(Section.objects.values_list("pk", "parent_id"))
        levels: dict[int, list[str]] = {}
        rows = ApprovalLevel.objects.order_by("section_id", "position")
        for section_id, role in rows.values_list("section_id", "role"):
            levels.setdefault(section_id, []).append(role)
        return cls(parents, levels)

    def own(self, section_id: int) -> list[str]:
        """The section's own levels' role slugs, first level first (empty if it has none)."""
        return self.levels.get(section_id, [])

    def followed(self, section_id: int) -> tuple[int | None, list[str]]:
        """The nearest of the section and its ancestors with levels, and those levels.

        `(None, [])` when none has any. A loop in the parents (which the admin does not
        prevent) ends the walk rather than hanging it.
        """
        seen = set()
        current = section_id
        while current is not None and current not in seen:
            if current in self.levels:
                return current, self.levels[current]
            seen.add(current)
            current = self.parents.get(current)
        return None, []
