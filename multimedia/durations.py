"""Lengths of video and sound as readers and podcast apps read them."""


def _parts(seconds: float) -> tuple[int, int, int]:
    total = max(0, round(seconds or 0))
    return total // 3600, total % 3600 // 60, total % 60


def spoken_duration(seconds: float | None) -> str:
    """`3 phút 20 giây`, `1 giờ 5 phút`, `45 giây`: the seconds left out past an hour."""
    if seconds is None:
        return ""
    hours, minutes, secs = _parts(seconds)
    words = []
    if hours:
        words.append(f"{hours} giờ")
    if minutes:
        words.append(f"{minutes} phút")
    if (secs and not hours) or not words:
        words.append(f"{secs} giây")
    return " ".join(words)


def clock_duration(seconds: float | None) -> str:
    """`03:20`, `1:05:00`: itunes:duration and the ISO-free short form on cards."""
    hours, minutes, secs = _parts(seconds or 0)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def iso_duration(seconds: float | None) -> str:
    """`PT3M20S`: schema.org's duration (VideoObject, AudioObject)."""
    hours, minutes, secs = _parts(seconds or 0)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"
