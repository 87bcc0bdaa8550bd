"""Text helpers shared by slugs and search: Vietnamese without its diacritics."""

from __future__ import annotations

import unicodedata


def unaccented(text: str) -> str:
    """``text`` without diacritics, đ/Đ as d/D: "Đối tác pháp lý" → "Doi tac phap ly".

    Unicode decomposition alone leaves đ, which is a letter of its own, not d with a mark.
    """
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))
