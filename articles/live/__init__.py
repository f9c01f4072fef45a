"""Live coverage ("Trực tiếp"): entries posted at the desk, read on a page that stays cached."""
