"""The chain, step by step, as its people meet it on the desk (the Django test client)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.approvals import steps
from articles.models import ApprovalStep, Article, DutyShift
from newsroom.models import Notice
from newsroom.roles import EDITOR_IN_CHIEF, SECTION_HEAD

from .conftest import person

Kind = ApprovalStep.Kind
pytestmark = pytest.mark.django_db


def change_url(story):
    return reverse("admin:articles_article_change", args=[story.pk])


def step_url(story):
    return reverse("admin:articles_article_chain_step", args=[story.pk])


def press(client, user, story, step, **fields):
    """`user` presses a button of the chain panel, as the form sends it."""
    client.force_login(user)
    story.refresh_from_db()
    data = {"step": step, "version": story.version, **fields}
    if story.approval_level and "level" not in fields:
        data["level"] = story.approval_level
    return client.post(step_url(story), data)


def submitted(paper, section=None, **fields):
    story = paper.story(section, **fields)
    workflow.submit(story, by=story.author or paper.reporter)
    story.refresh_from_db()
    return story


def kinds(story):
    return list(
        ApprovalStep.objects.filter(article=story).values_list("kind", "level", "by__username")
    )


def test_a_section_with_no_chain_works_as_before(paper):
    story = submitted(paper, paper.van_hoa)
    assert story.approval_level is None
    assert not ApprovalStep.objects.exists()
    workflow.publish(story, by=paper.editor)
    story.refresh_from_db()
    assert story.state == Article.State.PUBLISHED


def test_a_submitted_story_waits_at_the_first_level_and_its_holders_are_told(paper):
    story = submitted(paper)
    assert (story.status, story.approval_level) == (Article.Status.PENDING, 1)
    assert kinds(story) == [(Kind.SUBMITTED, 0, "phongvien")]
    told = set(
        Notice.objects.filter(message__contains=story.title).values_list(
            "user__username", flat=True
        )
    )
    # Both heads of Thời sự; not Thể thao's, not the levels above.
    assert told == {"truongban", "phoban"}


def test_a_subsection_takes_its_parents_chain(paper):
    story = submitted(paper, paper.chinh_tri)
    assert story.approval_level == 1
    steps.approve(story, by=paper.head)
    story.refresh_from_db()
    assert story.approval_level == 2


def test_the_chain_passes_the_story_up_and_the_last_level_publishes(client, paper):
    story = submitted(paper)
    assert press(client, paper.head, story, "approve").status_code == 302
    story.refresh_from_db()
    assert story.approval_level == 2
    assert Notice.objects.filter(user=paper.managing, message__contains="chờ bạn duyệt").exists()
    assert press(client, paper.managing, story, "approve").status_code == 302
    story.refresh_from_db()
    assert story.approval_level == 3
    answer = press(client, paper.chief, story, "approve")
    assert answer.status_code == 302
    story.refresh_from_db()
    assert story.state == Article.State.PUBLISHED and story.approval_level is None
    assert [k for k, _, _ in kinds(story)] == [
        Kind.SUBMITTED,
        Kind.APPROVED,
        Kind.APPROVED,
        Kind.APPROVED,
        Kind.PUBLISHED,
    ]
    # The reader's page shows nothing of the chain.
    client.logout()
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("Truongban", "Thuky", "Tongbientap", "Duyệt nhiều cấp", "cấp 2"):
        assert name not in text


def test_the_last_level_may_set_a_time(client, paper):
    story = submitted(paper, paper.the_thao)
    later = timezone.localtime() + timedelta(hours=3)
    press(client, paper.sports_head, story, "approve", at=later.strftime("%Y-%m-%dT%H:%M"))
    story.refresh_from_db()
    assert story.state == Article.State.SCHEDULED
    assert abs(story.published_at - later) < timedelta(minutes=1)


@pytest.mark.parametrize("who", ["reporter", "sports_head", "managing", "chief", "editor"])
def test_nobody_but_the_levels_holders_acts_at_it_even_with_a_crafted_post(client, paper, who):
    story = submitted(paper)
    before = (story.version, story.approval_level, story.status)
    for step, extra in [("approve", {}), ("send_back", {"note": "Sửa lại", "to_level": 0})]:
        answer = press(client, getattr(paper, who), story, step, **extra)
        assert answer.status_code in (403, 404)
    story.refresh_from_db()
    assert (story.version, story.approval_level, story.status) == before
    assert kinds(story) == [(Kind.SUBMITTED, 0, "phongvien")]


def test_an_editor_cannot_publish_a_chained_story_past_its_chain(client, paper):
    story = submitted(paper)
    client.force_login(paper.editor)
    answer = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_articles", "_selected_action": [story.pk]},
        follow=True,
    )
    assert "duyệt nhiều cấp" in answer.content.decode()
    story.refresh_from_db()
    assert story.status == Article.Status.PENDING
    with pytest.raises(PermissionDenied, match="duyệt nhiều cấp"):
        workflow.publish(story, by=paper.chief)


def test_nobody_approves_their_own_story(client, paper):
    story = submitted(paper, author=paper.head)
    assert press(client, paper.head, story, "approve").status_code == 403
    # The other head of the section may.
    assert press(client, paper.head2, story, "approve").status_code == 302


def test_one_person_never_approves_two_levels_of_a_story(client, paper):
    both = person("kiemnhiem", SECTION_HEAD, EDITOR_IN_CHIEF, heads=[paper.thoi_su])
    story = submitted(paper)
    press(client, both, story, "approve")
    press(client, paper.managing, story, "approve")
    story.refresh_from_db()
    assert story.approval_level == 3
    assert press(client, both, story, "approve").status_code == 403
    client.force_login(both)
    front = client.get(reverse("admin:index")).content.decode()
    assert 'data-figure="waiting-for-me"' not in front or ">0<" in front
    listed = client.get(reverse("admin:articles_article_changelist") + "?duyet=cho-toi")
    assert story.title not in listed.content.decode()
    assert press(client, paper.chief, story, "approve").status_code == 302


def test_two_approvers_at_once_one_wins_and_the_other_is_told(client, paper):
    story = submitted(paper)
    seen = story.version
    steps.approve(story, by=paper.head, level=1, seen=seen)
    with pytest.raises(workflow.WorkflowError, match="Truongban"):
        steps.approve(story, by=paper.head2, level=1, seen=seen)
    story.refresh_from_db()
    assert story.approval_level == 2
    assert [k for k, _, _ in kinds(story)].count(Kind.APPROVED) == 1
    # Through the desk: the page's button answers with the message, nothing done twice.
    client.force_login(paper.head2)
    answer = client.post(
        step_url(story), {"step": "approve", "version": seen, "level": 1}, follow=True
    )
    assert "Truongban" in answer.content.decode()
    story.refresh_from_db()
    assert story.approval_level == 2


def test_send_back_to_a_lower_level_with_a_note(client, paper):
    story = submitted(paper)
    steps.approve(story, by=paper.head)
    steps.approve(story, by=paper.managing)
    answer = press(client, paper.chief, story, "send_back", note="Cần thêm nguồn", to_level=1)
    assert answer.status_code == 302
    story.refresh_from_db()
    assert (story.status, story.approval_level) == (Article.Status.PENDING, 1)
    assert Notice.objects.filter(user=paper.head, message__contains="Cần thêm nguồn").exists()
    # Levels 1 and 2 approve again; the same people may (the same levels).
    steps.approve(story, by=paper.head)
    steps.approve(story, by=paper.managing)
    story.refresh_from_db()
    assert story.approval_level == 3


def test_send_back_to_the_journalist_makes_a_draft_with_the_note(client, paper):
    story = submitted(paper)
    steps.approve(story, by=paper.head)
    press(client, paper.managing, story, "send_back", note="Viết lại sapo", to_level=0)
    story.refresh_from_db()
    assert (story.status, story.approval_level, story.review_note) == (
        Article.Status.DRAFT,
        None,
        "Viết lại sapo",
    )
    # Submitted again, it starts at the first level.
    workflow.submit(story, by=paper.reporter)
    story.refresh_from_db()
    assert story.approval_level == 1


def test_a_send_back_without_a_note_is_refused_with_a_message(client, paper):
    story = submitted(paper)
    answer = press(client, paper.head, story, "send_back", note="  ", to_level=0)
    answer = client.get(answer.url)
    assert "Hãy ghi lý do" in answer.content.decode()
    story.refresh_from_db()
    assert story.approval_level == 1


def edit_title(client, user, story, title):
    from tests.articles.desk_forms import form_data as story_form_data

    client.force_login(user)
    story.refresh_from_db()
    data = story_form_data(story, title=title)
    return client.post(change_url(story), data, follow=True)


def test_a_change_after_approval_goes_back_to_that_level_with_the_difference(client, paper):
    story = submitted(paper, title="Tỉnh họp bàn kế hoạch")
    steps.approve(story, by=paper.head)
    answer = edit_title(client, paper.editor, story, "Tỉnh họp bàn kế hoạch năm 2027")
    assert "về lại cấp 1" in answer.content.decode()
    story.refresh_from_db()
    assert story.approval_level == 1
    assert Kind.CHANGED in [k for k, _, _ in kinds(story)]
    client.force_login(paper.head)
    form = client.get(change_url(story)).content.decode()
    assert "Đã sửa sau khi cấp 1 duyệt" in form
    assert "<ins>năm 2027</ins>" in form


def test_the_holders_own_edit_at_their_level_keeps_the_story_there(client, paper):
    story = submitted(paper, title="Tỉnh họp bàn kế hoạch")
    steps.approve(story, by=paper.head)
    answer = edit_title(client, paper.managing, story, "Tỉnh họp bàn kế hoạch mới")
    assert answer.status_code == 200
    story.refresh_from_db()
    assert (story.title, story.approval_level) == ("Tỉnh họp bàn kế hoạch mới", 2)


def test_a_section_head_edits_a_story_waiting_at_their_level_only(client, paper):
    story = submitted(paper, title="Tin cấp một")
    edit_title(client, paper.head, story, "Tin cấp một, đã sửa")
    story.refresh_from_db()
    assert story.title == "Tin cấp một, đã sửa"
    steps.approve(story, by=paper.head)
    client.force_login(paper.head)
    form = client.get(change_url(story)).content.decode()
    assert 'name="_save"' not in form  # read only once it has passed up
    client.force_login(paper.sports_head)
    assert client.get(change_url(story)).status_code in (302, 404)


def test_the_duty_editor_holds_the_last_level_while_on_duty(client, paper):
    now = timezone.now()
    DutyShift.objects.create(
        user=paper.deputy, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=7)
    )
    story = submitted(paper)
    steps.approve(story, by=paper.head)
    steps.approve(story, by=paper.managing)
    told = Notice.objects.filter(message__contains="cấp 3").values_list("user__username", flat=True)
    assert list(told) == ["photongbientap"]
    listed = "?duyet=cho-toi"
    client.force_login(paper.deputy)
    page = client.get(reverse("admin:articles_article_changelist") + listed)
    assert story.title in page.content.decode()
    client.force_login(paper.chief)
    page = client.get(reverse("admin:articles_article_changelist") + listed)
    assert story.title not in page.content.decode()
    assert press(client, paper.chief, story, "approve").status_code == 403
    assert press(client, paper.deputy, story, "approve").status_code == 302
    story.refresh_from_db()
    assert story.state == Article.State.PUBLISHED


def test_with_no_one_on_duty_every_editor_in_chief_holds_the_last_level(client, paper):
    story = submitted(paper)
    steps.approve(story, by=paper.head)
    steps.approve(story, by=paper.managing)
    now = timezone.now()
    DutyShift.objects.create(
        user=paper.deputy, starts_at=now - timedelta(hours=9), ends_at=now - timedelta(hours=1)
    )
    for who in (paper.chief, paper.deputy):
        client.force_login(who)
        page = client.get(reverse("admin:articles_article_changelist") + "?duyet=cho-toi")
        assert story.title in page.content.decode()


def test_an_overdue_story_is_escalated_once_and_the_next_level_takes_it_over(
    client, paper, settings
):
    settings.APPROVAL_LIMIT_MINUTES = 60
    story = submitted(paper)
    assert steps.escalate_overdue() == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=61), tick=False):
        assert steps.escalate_overdue() == 1
        assert steps.escalate_overdue() == 0  # once per wait
        assert Notice.objects.filter(user=paper.managing, message__contains="quá hạn").exists()
        client.force_login(paper.managing)
        front = client.get(reverse("admin:index")).content.decode()
        assert "Quá hạn ở cấp dưới" in front
        overdue = client.get(reverse("admin:articles_article_changelist") + "?duyet=qua-han")
        assert story.title in overdue.content.decode()
        # A level two up may not take it over; the journalist neither.
        assert press(client, paper.chief, story, "take_over").status_code == 403
        assert press(client, paper.managing, story, "take_over").status_code == 302
        story.refresh_from_db()
        assert story.approval_level == 2
        assert press(client, paper.managing, story, "approve").status_code == 302
    story.refresh_from_db()
    assert story.approval_level == 3
    assert [k for k, _, _ in kinds(story)] == [
        Kind.SUBMITTED,
        Kind.ESCALATED,
        Kind.TAKEN_OVER,
        Kind.APPROVED,
    ]


def test_no_take_over_before_the_limit(client, paper):
    story = submitted(paper)
    answer = press(client, paper.managing, story, "take_over")
    assert "chưa quá hạn" in client.get(answer.url).content.decode()
    story.refresh_from_db()
    assert story.approval_level == 1


def test_a_sections_own_limit_applies(paper, settings):
    settings.APPROVAL_LIMIT_MINUTES = 600
    paper.thoi_su.approval_limit_minutes = 15
    paper.thoi_su.save()
    submitted(paper, paper.chinh_tri)  # takes its parent's limit too
    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        assert steps.escalate_overdue() == 1


def test_breaking_news_needs_a_reason_and_the_right(client, paper):
    story = submitted(paper)
    answer = press(client, paper.chief, story, "breaking", note="")
    assert "cần ghi lý do" in client.get(answer.url).content.decode()
    story.refresh_from_db()
    assert story.status == Article.Status.PENDING
    for who in (paper.head, paper.managing, paper.reporter, paper.editor):
        assert press(client, who, story, "breaking", note="Tin nóng").status_code == 403
    assert (
        press(client, paper.chief, story, "breaking", note="Lũ quét ở Mường Tè").status_code == 302
    )
    story.refresh_from_db()
    assert story.state == Article.State.PUBLISHED
    last = ApprovalStep.objects.filter(article=story).last()
    assert (last.kind, last.note, last.by_id) == (
        Kind.PUBLISHED_DIRECTLY,
        "Lũ quét ở Mường Tè",
        paper.chief.pk,
    )


def test_the_record_cannot_be_changed_and_shows_in_the_history(client, paper):
    story = submitted(paper)
    steps.approve(story, by=paper.head)
    step = ApprovalStep.objects.filter(kind=Kind.APPROVED).get()
    step.note = "sửa lén"
    with pytest.raises(Exception, match="không sửa được"):
        step.save()
    with pytest.raises(Exception, match="không xóa được"):
        step.delete()
    client.force_login(paper.chief)
    history = client.get(
        reverse("admin:articles_article_history", args=[story.pk])
    ).content.decode()
    assert "Sổ duyệt bài" in history and "Truongban" in history


def test_the_story_form_shows_the_chain(client, paper):
    story = submitted(paper)
    steps.approve(story, by=paper.head)
    client.force_login(paper.managing)
    form = client.get(change_url(story)).content.decode()
    assert "Cấp 1 · Trưởng ban" in form and "đã duyệt bởi Truongban" in form
    assert "Cấp 2 · Thư ký tòa soạn" in form and "đang chờ" in form
    assert "Duyệt và chuyển lên cấp 3" in form
    client.force_login(paper.reporter)
    assert client.get(change_url(story)).status_code in (200, 302, 404)


def test_a_section_head_reads_the_stories_of_their_sections_but_not_drafts(client, paper):
    waiting = submitted(paper, title="Bài đang chờ duyệt")
    draft = paper.story(title="Bản nháp riêng")
    client.force_login(paper.head)
    listed = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert waiting.title in listed and draft.title not in listed
    client.force_login(paper.sports_head)
    listed = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert waiting.title not in listed


def test_waiting_for_me_on_the_desk_front_equals_its_list(client, paper):
    mine = [submitted(paper, title=f"Bài chờ {n}") for n in range(3)]
    submitted(paper, paper.the_thao, title="Bài thể thao")
    client.force_login(paper.head)
    front = client.get(reverse("admin:index")).content.decode()
    assert "Chờ tôi duyệt" in front
    listed = client.get(
        reverse("admin:articles_article_changelist") + "?duyet=cho-toi"
    ).content.decode()
    assert all(story.title in listed for story in mine) and "Bài thể thao" not in listed
    client.force_login(paper.sports_head)
    listed = client.get(
        reverse("admin:articles_article_changelist") + "?duyet=cho-toi"
    ).content.decode()
    assert "Bài thể thao" in listed and "Bài chờ 1" not in listed
