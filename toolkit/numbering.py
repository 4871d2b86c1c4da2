"""How numbers read in each language: headings, cross-references, item letters, digits."""

from __future__ import annotations

import re

from toolkit import arabic
from toolkit.draft import Style
from toolkit.errors import LawkitError

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_SEPARATOR = re.compile(r"(?<=\d)([,.])(?=\d)")
_DIGITS = re.compile(r"([A-Za-z][^\s\d]*\s?)?\d+")


def roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def digits(text: str, style: Style) -> str:
    """Arabic text with its digits as the style says; digits in or right after Latin words (ISO/IEC 27001) stay."""
    if style.digits != "arabic-indic":
        return text
    text = _SEPARATOR.sub(lambda m: {",": "٬", ".": "٫"}[m.group(1)], text)
    return _DIGITS.sub(lambda m: m.group(0) if m.group(1) else arabic.to_indic(m.group(0)), text)


def article(n: int, lang: str, style: Style) -> str:
    if lang == "en":
        return f"Article {n}"
    if style.article == "ordinal":
        if n > 999:
            raise LawkitError(f"Article {n}: Arabic ordinal headings go up to 999; set style.article to "
                              "\"parens\" or \"numeral\" in the template")
        return f"المادة {arabic.ordinal(n, feminine=True)}"
    return digits(f"المادة ({n})" if style.article == "parens" else f"المادة {n}", style)


def division(kind: str, n: int, lang: str, style: Style) -> str:
    """Heading of a chapter (فصل) or part (باب): both masculine in Arabic."""
    if lang == "en":
        return f"{'Chapter' if kind == 'chapter' else 'Part'} {roman(n)}"
    noun = "الفصل" if kind == "chapter" else "الباب"
    return digits(f"{noun} {arabic.ordinal(n, feminine=False) if style.chapter == 'ordinal' else n}", style)


def reference(n: int, paragraph: int | None, lang: str, style: Style) -> str:
    """A cross-reference: "Article 12(2)" / «الفقرة (2) من المادة (12)»."""
    if lang == "en":
        return f"Article {n}" + (f"({paragraph})" if paragraph else "")
    text = f"المادة ({n})" if not paragraph else f"الفقرة ({paragraph}) من المادة ({n})"
    return digits(text, style)


def item_label(i: int, lang: str) -> str:
    """The letter of the i-th item (0-based): (a) … / أ- …"""
    if lang == "en":
        letters = "abcdefghijklmnopqrstuvwxyz"
        return f"({letters[i % 26] * (i // 26 + 1)})"
    return f"{arabic.ABJAD[i % len(arabic.ABJAD)]}{'' if i < len(arabic.ABJAD) else i // len(arabic.ABJAD) + 1}-"


def paragraph_label(n: int, lang: str, style: Style) -> str:
    return f"{n}." if lang == "en" else digits(f"{n}-", style)
