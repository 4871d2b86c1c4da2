"""Finding glossary terms in clause text: English by word, Arabic after normalisation."""

from __future__ import annotations

import re
from functools import lru_cache

from toolkit import arabic
from toolkit.corpus import Term


@lru_cache(maxsize=None)
def _en_pattern(form: str) -> re.Pattern:
    flags = 0 if any(c.isupper() for c in form) else re.IGNORECASE
    return re.compile(rf"\b{re.escape(form)}(?:s|es)?\b", flags)


def _ar_stems(form: str) -> tuple[str, ...]:
    return tuple(arabic.bare(w) for w in arabic.words(form))


def find_en(text: str, terms: tuple[Term, ...]) -> set[str]:
    """Ids of the terms an English text uses; longer terms win over terms they contain."""
    found = set()
    for term in sorted(terms, key=lambda t: -len(t.en)):
        pattern = _en_pattern(term.en)
        if pattern.search(text):
            found.add(term.id)
            text = pattern.sub(" ", text)
    return found


def find_ar(text: str, terms: tuple[Term, ...], forms=lambda t: (t.ar, *t.ar_forms)) -> set[str]:
    """Ids of the terms an Arabic text uses (any accepted form); longer forms are matched first."""
    candidates = sorted(((t, _ar_stems(f)) for t in terms for f in forms(t)), key=lambda x: -len(x[1]))
    if not candidates:
        return set()
    words: list[str | None] = list(arabic.words(text))
    index: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        for stem in arabic.word_stems(word):
            index.setdefault(stem, []).append(i)
    found = set()
    for term, stems in candidates:
        if not stems:
            continue
        for start in index.get(stems[0], ()):
            span = range(start, start + len(stems))
            if span.stop <= len(words) and all(words[i] is not None and stems[k] in arabic.word_stems(words[i])
                                               for k, i in enumerate(span)):
                found.add(term.id)
                for i in span:
                    words[i] = None
    return found


def find_avoided(text: str, terms: tuple[Term, ...]) -> set[str]:
    """Ids of the terms whose discouraged Arabic forms (ar_avoid) a text uses."""
    return find_ar(text, terms, forms=lambda t: t.ar_avoid)
