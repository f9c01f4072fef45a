"""Whether a reader's name passes for the paper's own, compared by how it looks on screen."""

import unicodedata

from django.conf import settings

from newsroom.vietnamese import skeleton

# Names only the paper itself signs with (besides SITE_NAME).
NEWSROOM_NAMES = ("Ban biên tập",)

# Marks left after NFKC (a flood of them over a letter), format characters (zero-width,
# tags) and modifier letters (ˑ, ˌ): none changes which letters a reader sees.
_UNSEEN = {"Mn", "Me", "Mc", "Cf", "Lm"}

# Letters drawn like Latin ones that no normalisation maps: small capitals, letters with a
# stroke or hook, and other scripts' look-alikes (Unicode's confusables.txt for these). Keys
# are as `skeleton` leaves them: folded, so lower case, except Cherokee, which folds to capitals.
_LOOKALIKES = str.maketrans(
    (
        "ᴀʙᴄᴅᴆᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ"  # small capitals
        "ƀɓƃȼɗɇɨıɩȷɉłƞɲøɵᵽƥɍŧƭʉƶ"  # strokes and hooks
        "вкмнптьβη"  # Cyrillic and Greek (more in `skeleton`)
        "ꓐꓑꓓꓔꓖꓗꓙꓚꓜꓝꓟꓠꓡꓢꓣꓦꓧꓪꓫꓬꓮꓰꓲꓳꓴ"  # Lisu
        "ᎠᎡᎢᎥᎩᎪᎫᎬᎳᎷᎻᎽᏀᏂᏃᏏᏒᏔᏕᏙᏚᏞᏟᏢᏦᏧᏴ"  # Cherokee
    ),
    "abcddefghijklmnopqrstuvwyz"
    "bbbcdeiiijjlnnoopprttuz"
    "bkmhntbbn"
    "bpdtgkjczfmnlsrvhwxyaeiou"
    "drtiyajewmhyghzbrwsvslcpkdb",
)


def shape(text: str) -> str:
    """What `text` looks like, for comparing names: "Ｂａｎ ʙɪêɴ" -> "banbien".

    NFKC first (fullwidth, mathematical and superscript letters become plain ones), then
    what cannot be seen goes, then `skeleton` and the look-alike letters it leaves.
    """
    compatible = unicodedata.normalize("NFKC", text or "")
    seen = "".join(ch for ch in compatible if unicodedata.category(ch) not in _UNSEEN)
    return skeleton(seen).translate(_LOOKALIKES)


def passes_for_newsroom(name: str) -> bool:
    """Whether `name` looks like it holds the paper's name or one of its desk's."""
    written = shape(name)
    return any(shape(reserved) in written for reserved in (settings.SITE_NAME, *NEWSROOM_NAMES))
