"""The lưu chiểu archive (Sổ lưu chiểu): every public version of every story, as readers got it.

Nghị định 08/2017/NĐ-CP asks an online paper to keep each story exactly as published for at
least 12 months (audio and video 6), to give the Ministry access, and to hand over what
matches what was published. This app keeps, for each public change of a story, the page a
reader was served then, its pictures by content hash, who made the change and the approvals
it carried, in an append-only hash chain (`chain.py`) that `manage.py archive_verify` checks.
`articles` tells it of each change through `articles.events.public_version`; it never imports
this app.
"""
