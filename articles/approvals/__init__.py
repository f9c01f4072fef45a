"""Duyệt bài nhiều cấp: each section's chain of named approvals, with the duty editor.

- `chain`: what the chains are (a subsection without its own takes its parent's) and who
  holds a level of a story now: by role, a section head only for their sections, the duty
  editor at the last level while a shift covers the present, never the story's own writer
  and never someone who approved another level of it.
- `record`: the steps as they happened, never changed (ApprovalStep).
- `entry`: what submitting a story to a chain does (articles.workflow.submit calls it).
- `steps`: approve and pass up, send back (to the journalist or a lower level), a change
  after approval going back to the level that approved, escalation, breaking news.
- `mail`: the holders of a level told, by mail and on the desk.
- `desk`: the story form's panel, the buttons' views, the "Chờ tôi duyệt" list filter;
  `desk_figures`: the desk front's figures.

A section with no chain anywhere above it works exactly as before: a Biên tập viên publishes.
"""
