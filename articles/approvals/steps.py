"""The chain's steps: approve and pass up, send back, a change after approval, escalation,
taking over an overdue story, and breaking news.

Each step is one transaction: it locks the story's row and reads it as stored now, so of two
approvers pressing at the same moment one wins and the other is told who did (WorkflowError,
nothing done twice); then it checks the person's right (PermissionDenied), saves the story
through the workflow (edit version, revision), writes the record and tells the next level.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from newsroom.vietnamese import date_time

from .. import workflow
from ..models import Article
from . import entry, mail, record
from .chain import Chains, Level, Person, may_act_at, next_up

Kind = record.Kind
WorkflowError = workflow.WorkflowError
PLACE = [*entry.FIELDS]


def _locked(article: Article, seen: int | None) -> Article:
    """The story as stored now, its row locked to the end of the transaction.

    `seen`: the edit version the person's page showed; a step taken since refuses this one.
    """
    fresh = (
        Article._base_manager.select_for_update(of=("self",))
        .select_related("author", "section")
        .filter(pk=article.pk)
        .first()
    )
    if fresh is None:
        raise WorkflowError("Bài không còn nữa.")
    if seen is not None and fresh.version != seen:
        raise WorkflowError(_moved_on(fresh))
    return fresh


def _moved_on(article: Article) -> str:
    last = record.record_of(article).last()
    if last is None:
        return "Bài vừa được người khác sửa hoặc chuyển bước: hãy mở lại bài để xem."
    return (
        f"Bài vừa được {last.by_name} {last.get_kind_display().lower()} lúc"
        f" {date_time(last.at)}: hãy mở lại bài để xem."
    )


def _waiting_level(chains: Chains, article: Article, level: int | None) -> Level:
    """The level `article` waits at, which must be `level` when the person's page named one."""
    current = chains.level(article.section_id, article.approval_level)
    if article.status != Article.Status.PENDING or current is None:
        raise WorkflowError("Bài không còn chờ duyệt.")
    if level is not None and current.position != level:
        raise WorkflowError(_moved_on(article))
    return current


def _refuse(person: Person, article: Article, level: Level) -> None:
    if not may_act_at(person, article, level):
        if article.author_id == person.pk:
            raise PermissionDenied("Không ai được tự duyệt bài của mình.")
        raise PermissionDenied(
            f"Cấp {level.position} ({level.label}) của bài này không phải của bạn"
            " (hoặc bạn đã duyệt một cấp khác của bài)."
        )


def _move(article: Article, to: int | None) -> None:
    entry.place(article, to)


def _move_on(story: Article, person: Person, to: int, *, comment: str, kind: str, **step) -> None:
    """Put `story` at level `to`, saved with a revision, and record the step."""
    _move(story, to)
    workflow.save_step(story, by=person.user, comment=comment, fields=PLACE)
    record.write(story, kind, by=person.user, to_level=to, **step)


@transaction.atomic
def approve(
    article: Article, *, by, level: int | None = None, seen: int | None = None, at=None
) -> Article:
    """Approve `article` at the level it waits at; the last level publishes it (at `at`, or
    the story's own time, or now). The story as saved."""
    story = _locked(article, seen)
    person = Person.of(by, Chains.load())
    current = _waiting_level(person.chains, story, level)
    _refuse(person, story, current)
    _approve(person, story, current, at=at)
    return story


def _approve(person: Person, story: Article, current: Level, *, at=None, note="") -> None:
    chain = person.chains.of(story.section_id)
    last = current.position == len(chain)
    if last:
        record.write(
            story,
            Kind.APPROVED,
            by=person.user,
            level=current.position,
            role=current.role,
            note=note,
        )
        _move(story, None)
        workflow.publish(story, by=person.user, at=at, through_chain=True, extra_fields=PLACE)
        record.write(story, Kind.PUBLISHED, by=person.user, level=current.position)
        return
    above = chain[current.position]
    _move_on(
        story,
        person,
        above.position,
        comment=f"Duyệt cấp {current.position} ({current.label}), chuyển lên {above.label}",
        kind=Kind.APPROVED,
        level=current.position,
        role=current.role,
        note=note,
    )
    mail.tell_level(
        person.chains,
        story,
        above,
        f"{record.name_of(person.user)} đã duyệt cấp {current.position}.",
    )


@transaction.atomic
def send_back(
    article: Article, *, by, note: str, to_level: int = 0, level=None, seen=None
) -> Article:
    """Send `article` back with `note`: to its journalist (`to_level` 0: a draft again), or to
    a lower level of its chain, which sees it again."""
    note = (note or "").strip()
    if not note:
        raise WorkflowError("Hãy ghi lý do trả bài để người nhận biết cần sửa gì.")
    story = _locked(article, seen)
    person = Person.of(by, Chains.load())
    current = _waiting_level(person.chains, story, level)
    _refuse(person, story, current)
    if not 0 <= to_level < current.position:
        raise WorkflowError("Chỉ trả được về phóng viên hoặc một cấp thấp hơn.")
    if to_level == 0:
        _move(story, None)
        workflow.send_back(story, by=person.user, note=note, through_chain=True, extra_fields=PLACE)
        record.write(
            story,
            Kind.SENT_BACK,
            by=person.user,
            level=current.position,
            to_level=0,
            role=current.role,
            note=note,
        )
        return story
    lower = person.chains.of(story.section_id)[to_level - 1]
    _move_on(
        story,
        person,
        to_level,
        comment=f"Trả về cấp {to_level} ({lower.label}): {note}",
        kind=Kind.SENT_BACK,
        level=current.position,
        role=current.role,
        note=note,
    )
    mail.tell_level(
        person.chains,
        story,
        lower,
        f"{record.name_of(person.user)} trả lại từ cấp {current.position}: {note}",
    )
    return story


@transaction.atomic
def take_over(article: Article, *, by, seen=None, level=None) -> Article:
    """Act in place of a level where `article` has waited longer than its section's limit.

    The next level up takes it: the story moves up to their level, where they approve it as
    their own (a person approves one level of a story). At the last level, another holder of
    its role takes it from the duty editor and approves it: it is published.
    """
    story = _locked(article, seen)
    person = Person.of(by, Chains.load())
    current = _waiting_level(person.chains, story, level)
    if story.author_id == person.pk:
        raise PermissionDenied("Không ai được tự duyệt bài của mình.")
    limit = person.chains.limit(story.section_id)
    if story.approval_since is None or timezone.now() - story.approval_since < limit:
        raise WorkflowError("Bài chưa quá hạn ở cấp này: cấp trên chỉ nhận thay bài quá hạn.")
    above = next_up(person.chains, story.section_id, current.position)
    if above is None or not person.has_role_for(story.section_id, above):
        raise PermissionDenied("Bạn không giữ cấp trên của bài này.")
    last = above.position == current.position
    if last:
        if person.holds(story.section_id, current):
            raise WorkflowError("Bài đang chờ chính bạn: hãy duyệt bài.")
        record.write(
            story,
            Kind.TAKEN_OVER,
            by=person.user,
            level=current.position,
            role=current.role,
            note="Nhận thay người trực",
        )
        _approve(person, story, current, note="Duyệt thay người trực vì bài quá hạn")
        return story
    from .chain import approved_levels

    if approved_levels(story, person.user) - {above.position}:
        raise PermissionDenied("Bạn đã duyệt một cấp khác của bài này.")
    _move_on(
        story,
        person,
        above.position,
        comment=f"Nhận thay cấp {current.position} ({current.label}) vì quá hạn",
        kind=Kind.TAKEN_OVER,
        level=current.position,
        role=above.role,
    )
    return story


@transaction.atomic
def publish_breaking(
    article: Article, *, by, reason: str, at: datetime | None = None, seen=None
) -> Article:
    """Breaking news: the editor-in-chief (or a deputy) or the duty editor publishes now,
    past every level, with a reason that is recorded."""
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError("Xuất bản thẳng cần ghi lý do (sẽ được lưu trong sổ duyệt).")
    story = _locked(article, seen)
    person = Person.of(by, Chains.load())
    if not person.may_publish_breaking:
        raise PermissionDenied(
            "Chỉ tổng biên tập, phó tổng biên tập hoặc người trực ban được xuất bản thẳng."
        )
    if story.state == Article.State.PUBLISHED:
        raise WorkflowError("Bài đã được xuất bản.")
    waited = story.approval_level
    _move(story, None)
    workflow.publish(story, by=person.user, at=at, through_chain=True, extra_fields=PLACE)
    record.write(story, Kind.PUBLISHED_DIRECTLY, by=person.user, level=waited, note=reason)
    return story


def standing_approvals(steps) -> list:
    """The approvals of a round that still stand: a send-back or a change to a level voids
    the approvals of that level and those above it (they must approve again)."""
    standing = []
    for step in steps:
        if step.kind == Kind.APPROVED:
            standing.append(step)
        elif step.kind in (Kind.SENT_BACK, Kind.CHANGED) and step.to_level is not None:
            standing = [s for s in standing if s.level < step.to_level]
    return standing


def changed_after_approval(article: Article, *, by, changed: set[str]) -> Level | None:
    """After a save from the desk that changed `changed` of `article`'s text: if a level
    approved the text and the one changing it is not who holds the level it waits at now,
    it goes back to the last level that approved (the record keeps the revision approved, so
    that level sees the difference). Runs in the save's transaction. The level, if moved."""
    if not changed or article.status != Article.Status.PENDING and not article.is_scheduled:
        return None
    chains = Chains.load()
    chain = chains.of(article.section_id)
    if not chain:
        return None
    steps = record.current_round(list(record.record_of(article)))
    approvals = standing_approvals(steps)
    if not approvals:
        return None
    person = Person.of(by, chains)
    current = chains.level(article.section_id, article.approval_level)
    pending = article.status == Article.Status.PENDING
    if current is not None and pending and may_act_at(person, article, current):
        return None  # the reviewer's own edit, at their level: shown in the history
    latest = max(approvals, key=lambda step: step.level)
    if latest.by_id == person.pk:
        return None  # who approved it last changes what they approved: no one else to ask
    back = chain[latest.level - 1]
    if article.is_scheduled:
        # Planned for the text approved: it waits again, at its time, until approved again.
        article.status = Article.Status.PENDING
    _move(article, back.position)
    workflow.save_step(
        article,
        by=by,
        comment=f"Sửa sau khi đã duyệt: về lại cấp {back.position} ({back.label})",
        fields=[*PLACE, "status"],
    )
    record.write(
        article,
        Kind.CHANGED,
        by=by,
        level=current.position if current else None,
        to_level=back.position,
        note="Đã sửa: " + ", ".join(sorted(changed)),
    )
    mail.tell_level(
        chains,
        article,
        back,
        f"{record.name_of(by)} đã sửa bài sau khi cấp {back.position} duyệt: xem phần khác.",
    )
    return back


def escalate_overdue(now: datetime | None = None) -> int:
    """Tell the next level up of each story that has waited too long at its level, once per
    wait (the record keeps it). How many were escalated. Run by the beat every minute."""
    from .chain import overdue_condition

    now = now or timezone.now()
    chains = Chains.load()
    done = 0
    overdue = Article.objects.filter(overdue_condition(chains, now), approval_escalated=False)
    for pk in overdue.values_list("pk", flat=True)[:500]:
        with transaction.atomic():
            story = (
                Article._base_manager.select_for_update(of=("self",))
                .filter(pk=pk, approval_escalated=False)
                .first()
            )
            if story is None or story.approval_level is None:
                continue
            current = chains.level(story.section_id, story.approval_level)
            above = next_up(chains, story.section_id, story.approval_level)
            if current is None or above is None:
                continue
            Article._base_manager.filter(pk=pk).update(approval_escalated=True)
            record.write(
                story,
                Kind.ESCALATED,
                level=current.position,
                to_level=above.position,
                role=above.role,
                note=f"Chờ quá {chains.limit(story.section_id)} ở cấp {current.position}",
            )
            people = _above_holders(chains, story, current, above)
            mail.tell(
                people,
                f"Bài “{story.title}” đã chờ ở cấp {current.position} ({current.label}) quá hạn:"
                " bạn có thể nhận duyệt thay.",
                story,
                warning=True,
            )
            done += 1
    return done


def _above_holders(chains: Chains, story: Article, current: Level, above: Level) -> list:
    if above.position != current.position:
        return mail.holders(chains, story, above)
    # At the last level: the others of its role, beside the duty editor it waits for.
    from django.contrib.auth import get_user_model

    from .chain import on_duty

    people = get_user_model().objects.filter(is_active=True, groups__name=above.label)
    return list(people.exclude(pk__in=on_duty()).exclude(pk=story.author_id or 0).order_by("pk"))
