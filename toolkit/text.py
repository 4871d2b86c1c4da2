"""Small shared value types: bilingual text and body paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGS = ("en", "ar")
REF = re.compile(r"\[\[([a-z0-9.\-]+)(?:#(\d+))?\]\]")
PARAM = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")


@dataclass(frozen=True)
class Text:
    """The same words in English and Arabic."""

    en: str
    ar: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)

    @classmethod
    def of(cls, mapping) -> "Text":
        """From anything with "en"/"ar" keys (a JSON object, XML attributes); a missing language is empty."""
        return cls(str(mapping.get("en", "")), str(mapping.get("ar", "")))


def numbered(paragraphs):
    """Each paragraph with its number in the article (0 for an unnumbered one)."""
    n = 0
    for p in paragraphs:
        n += p.numbered
        yield (n if p.numbered else 0), p


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article: inline-Markdown text, its lettered items, and whether it is numbered."""

    text: str
    items: tuple[str, ...] = ()
    numbered: bool = True
    clause: str = ""  # set where one article gathers several clauses (the definitions)

    def strings(self) -> tuple[str, ...]:
        return (self.text, *self.items)

    def map(self, fn) -> "Paragraph":
        return Paragraph(fn(self.text), tuple(fn(i) for i in self.items), self.numbered, self.clause)
