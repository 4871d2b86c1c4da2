"""Arabic text: normalisation for matching (never for display), ordinals, digits, abjad letters."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DIACRITICS = re.compile("[\u064B-\u0652\u0670\u0640]")
_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "،": ",", "؛": ";", "؟": "?",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
})
_ARABIC_LETTER = re.compile("[\u0621-\u064A\u0671-\u06D3]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_WORD = re.compile(r"[\w\u0600-\u06FF]+")

PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ك", "ل")
SUFFIXES = ("", "ين", "ون", "ان", "ات", "ه", "ها", "هم", "هما", "ي", "يه", "تين", "تان")


def normalise(text: str) -> str:
    """Fold diacritics, tatweel, letter variants, digits and punctuation (ARABIC.md)."""
    return _DIACRITICS.sub("", unicodedata.normalize("NFC", text)).translate(_FOLD)


def words(text: str) -> list[str]:
    """Normalised words of a text, in order."""
    return _WORD.findall(normalise(text).lower())


def stem_candidates(word: str) -> set[str]:
    """A normalised word and the word without each attached prefix it may carry."""
    out = {word}
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            out.add(word[len(prefix):])
    return out


def bare(word: str) -> str:
    """A glossary word without its article: «المعالجه» → «معالجه»."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


_TA_SUFFIXES = ("ات", "ت", "تي", "تين", "تان", "تها", "ته")


@lru_cache(maxsize=65536)
def word_stems(word: str) -> frozenset:
    """Every glossary stem a normalised text word can carry, with any attached prefix and a simple suffix."""
    out = set()
    for cand in stem_candidates(word):
        out.add(cand)
        for suffix in SUFFIXES[1:]:
            if cand.endswith(suffix) and len(cand) - len(suffix) >= 2:
                out.add(cand[:-len(suffix)])
        for suffix in _TA_SUFFIXES:  # «الجهة» → «الجهات», «معالجتها»
            if cand.endswith(suffix) and len(cand) - len(suffix) >= 2:
                out.add(cand[:-len(suffix)] + "ه")
    return frozenset(out)


def word_matches(word: str, stem: str) -> bool:
    """Does a text word carry the glossary stem, with any attached prefix and a simple suffix?"""
    return stem in word_stems(word)


def is_arabic(text: str) -> bool:
    """True when most letters of the text are Arabic script."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    return arabic > 0 and arabic >= 4 * latin


def to_indic(text: str) -> str:
    """Western digits to Arabic-Indic digits."""
    return text.translate({ord(str(i)): chr(0x0660 + i) for i in range(10)})


ABJAD = ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص",
         "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ")

_UNITS = {
    "m": ("", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"),
    "f": ("", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة", "العاشرة"),
}
_COMPOUND_ONE = {"m": "الحادي", "f": "الحادية"}
_TEEN = {"m": "عشر", "f": "عشرة"}
_TENS = ("", "", "العشرون", "الثلاثون", "الأربعون", "الخمسون", "الستون", "السبعون", "الثمانون", "التسعون")
_HUNDREDS = ("", "المائة", "المائتين", "الثلاثمائة", "الأربعمائة", "الخمسمائة", "الستمائة", "السبعمائة",
             "الثمانمائة", "التسعمائة")
_HUNDREDS_ALONE = ("", "المائة", "المائتان") + _HUNDREDS[3:]


def _below_hundred(n: int, gender: str) -> str:
    if n <= 10:
        return _UNITS[gender][n]
    if n < 20:
        first = _COMPOUND_ONE[gender] if n == 11 else _UNITS[gender][n - 10]
        return f"{first} {_TEEN[gender]}"
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _TENS[tens]
    first = _COMPOUND_ONE[gender] if unit == 1 else _UNITS[gender][unit]
    return f"{first} و{_TENS[tens]}"


def ordinal(n: int, feminine: bool) -> str:
    """Arabic ordinal word, 1–999: 21 → «الحادية والعشرون» (feminine, for «المادة»)."""
    if not 1 <= n <= 999:
        raise ValueError(f"no Arabic ordinal for {n}: lawkit writes ordinals from 1 to 999")
    gender = "f" if feminine else "m"
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_hundred(rest, gender)
    if rest == 0:
        return _HUNDREDS_ALONE[hundreds]
    return f"{_below_hundred(rest, gender)} بعد {_HUNDREDS[hundreds]}"


# Counted nouns: (one, two (genitive dual), 3–10 plural, 11–99 accusative singular, hundreds singular), and
# the gender of «واحد» after the singular. Legal text mostly counts after a preposition («خلال»، «من»، «إلى»),
# so the dual is written in the genitive.
COUNTED = {
    "day": ("يوم", "يومين", "أيام", "يوماً", "يوم", "واحد"),
    "hour": ("ساعة", "ساعتين", "ساعات", "ساعة", "ساعة", "واحدة"),
    "week": ("أسبوع", "أسبوعين", "أسابيع", "أسبوعاً", "أسبوع", "واحد"),
    "month": ("شهر", "شهرين", "أشهر", "شهراً", "شهر", "واحد"),
    "year": ("سنة", "سنتين", "سنوات", "سنة", "سنة", "واحدة"),
    "person": ("شخص", "شخصين", "أشخاص", "شخصاً", "شخص", "واحد"),
    "member": ("عضو", "عضوين", "أعضاء", "عضواً", "عضو", "واحد"),
}
_COUNTED_FORMS = {normalise(form): noun for noun, forms in COUNTED.items() for form in forms[:5]}
_COUNTED_FORMS.update({normalise(w): "day" for w in ("يوما",)})
_COUNTED_FORMS.update({normalise(w): "month" for w in ("شهور",)})
_COUNTED_FORMS.update({normalise(w): "year" for w in ("سنين", "أعوام", "عاماً", "عام")})


def counted_noun(word: str) -> str | None:
    """Which counted noun («يوماً»، «أشهر» …) a word is, if any."""
    return _COUNTED_FORMS.get(normalise(word))


def count_phrase(n: int, noun: str, number: str) -> str:
    """«3 أيام»، «30 يوماً»، «يومين»، «يوم واحد»، «100 يوم»: a number with its noun in the right form."""
    one, two, plural, accusative, hundred, wahid = COUNTED[noun]
    if n == 1:
        return f"{one} {wahid}"
    if n == 2:
        return two
    rest = n % 100
    if 3 <= rest <= 10:
        return f"{number} {plural}"
    if 11 <= rest <= 99:
        return f"{number} {accusative}"
    return f"{number} {hundred}"
