"""The newsletter: readers subscribe by email (no account) to the morning digest and/or
breaking news, confirm by a signed link, and leave with one click."""
