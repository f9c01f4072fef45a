"""Corrections of published stories (Luật Báo chí 2016, Điều 42).

- `steps`: an editor adds a dated note (đính chính), shown at once; or files a correction with
  an apology (cải chính, xin lỗi) in the law's form, filled from the story, which the
  editor-in-chief (or a deputy, or the duty editor) approves before it shows. Every correction
  shown tells the archive (`articles.events.CORRECTED`) and purges the story's pages.
- `views`: the reader's pages: `/cai-chinh/` (the list, linked from the home page), each
  correction's own page, and their feed; the story page shows its corrections and puts them
  in its JSON-LD (`correction`).
- `desk`: the desk's form page and the correction list with its approve action.
"""
