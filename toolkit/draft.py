"""`Draft`, the one model in the middle: what assembly and import produce and every renderer reads.

Its JSON form is lossless: `Draft.from_json(draft.to_json())` gives back an equal draft.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from toolkit.corpus import Mapping
from toolkit.errors import LawkitError
from toolkit.text import LANGS, Paragraph, Text

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Style:
    """How headings and numbers are written (from the template)."""

    article: str = "numeral"  # Arabic article headings: numeral «المادة 1», parens «المادة (1)», ordinal «المادة الأولى»
    chapter: str = "ordinal"  # Arabic chapter/part headings: ordinal «الفصل الأول» or numeral «الفصل 1»
    digits: str = "western"  # digits in the Arabic text: western or arabic-indic


@dataclass(frozen=True)
class Law:
    """The law's own metadata (from the template)."""

    title: Text
    short_title: Text
    number: Text
    enactment: Text
    closing: Text
    jurisdiction: str = ""
    version: str = "0.1"
    date: str = ""


@dataclass(frozen=True)
class Article:
    number: int
    title: Text
    paragraphs: dict  # lang -> tuple[Paragraph, ...]
    clause: str = ""  # the clause id; "" for an imported article lawkit did not write
    variant: str = ""
    kind: str = ""
    requires: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    implements: tuple[Mapping, ...] = ()
    weaker: dict | None = None  # {"reason": str, "provisions": [[standard, ref], …]} for a weaker variant

    def members(self) -> tuple[str, ...]:
        """Every clause id this article carries (the definitions article carries one per definition)."""
        inner = tuple(dict.fromkeys(p.clause for ps in self.paragraphs.values() for p in ps if p.clause))
        return inner or ((self.clause,) if self.clause else ())

    def text(self, lang: str) -> str:
        return "\n".join(s for p in self.paragraphs.get(lang, ()) for s in p.strings())


@dataclass(frozen=True)
class Chapter:
    number: int
    title: Text
    articles: tuple[Article, ...]
    part: int = 0  # number of the part (الباب) it belongs to; 0 where the law has no parts


@dataclass(frozen=True)
class Draft:
    law: Law
    chapters: tuple[Chapter, ...]
    languages: tuple[str, ...] = LANGS
    style: Style = field(default_factory=Style)
    parts: tuple[tuple[int, Text], ...] = ()
    parameters: dict = field(default_factory=dict)  # name -> value used (numbers, or {"en","ar"})
    standards: tuple[str, ...] = ()  # standards the gap report measures against by default
    template: str = ""
    corpus_hash: str = ""
    report: tuple[str, ...] = ()  # what assembly added or found broken, one line each
    added: dict = field(default_factory=dict)  # clause id -> the clause that required it ("" if asked for)
    external: dict = field(default_factory=dict)  # clause id -> Text: the other law that carries it

    def articles(self):
        for chapter in self.chapters:
            yield from chapter.articles

    def article_for(self, clause_id: str) -> Article | None:
        return next((a for a in self.articles() if clause_id in a.members()), None)

    # ---------------------------------------------------------------- JSON

    def to_dict(self) -> dict:
        return {
            "schema": "lawkit-draft", "schema_version": SCHEMA_VERSION,
            "template": self.template, "corpus_hash": self.corpus_hash,
            "law": {"title": _t(self.law.title), "short_title": _t(self.law.short_title),
                    "number": _t(self.law.number), "enactment": _t(self.law.enactment),
                    "closing": _t(self.law.closing), "jurisdiction": self.law.jurisdiction,
                    "version": self.law.version, "date": self.law.date},
            "languages": list(self.languages),
            "style": {"article": self.style.article, "chapter": self.style.chapter, "digits": self.style.digits},
            "standards": list(self.standards),
            "parameters": {k: (_t(v) if isinstance(v, Text) else v) for k, v in self.parameters.items()},
            "parts": [{"number": n, "title": _t(t)} for n, t in self.parts],
            "chapters": [{
                "number": c.number, "part": c.part, "title": _t(c.title),
                "articles": [_article_dict(a) for a in c.articles],
            } for c in self.chapters],
            "report": list(self.report),
            "added": self.added,
            "external": {cid: _t(title) for cid, title in self.external.items()},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: dict, source: str = "draft JSON") -> "Draft":
        if data.get("schema") != "lawkit-draft":
            raise LawkitError(f"{source}: not a lawkit draft (no \"schema\": \"lawkit-draft\")")
        if data.get("schema_version") != SCHEMA_VERSION:
            raise LawkitError(f"{source}: draft schema version {data.get('schema_version')} is not "
                              f"{SCHEMA_VERSION}; rebuild it with this lawkit")
        try:
            law = data["law"]
            return cls(
                law=Law(Text.of(law["title"]), Text.of(law["short_title"]), Text.of(law["number"]),
                        Text.of(law["enactment"]), Text.of(law["closing"]), law.get("jurisdiction", ""),
                        law.get("version", ""), law.get("date", "")),
                chapters=tuple(Chapter(c["number"], Text.of(c["title"]),
                                       tuple(_article(a) for a in c["articles"]), c.get("part", 0))
                               for c in data["chapters"]),
                languages=tuple(data.get("languages", LANGS)),
                style=Style(**data.get("style", {})),
                parts=tuple((p["number"], Text.of(p["title"])) for p in data.get("parts", [])),
                parameters={k: (Text.of(v) if isinstance(v, dict) else v) for k, v in data.get("parameters", {}).items()},
                standards=tuple(data.get("standards", ())),
                template=data.get("template", ""), corpus_hash=data.get("corpus_hash", ""),
                report=tuple(data.get("report", ())), added=dict(data.get("added", {})),
                external={cid: Text.of(t) for cid, t in data.get("external", {}).items()},
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise LawkitError(f"{source}: malformed lawkit draft ({type(exc).__name__}: {exc}); "
                              "rebuild it with `lawkit build -o draft.json`") from None

    @classmethod
    def from_json(cls, text: str, source: str = "draft JSON") -> "Draft":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LawkitError(f"{source}:{exc.lineno}: invalid JSON: {exc.msg}") from None
        if not isinstance(data, dict):
            raise LawkitError(f"{source}: not a lawkit draft (expected a JSON object)")
        return cls.from_dict(data, source)

    def renumbered(self) -> "Draft":
        """The same draft with chapters and articles numbered 1…n in order."""
        n = 0
        chapters = []
        for i, chapter in enumerate(self.chapters, 1):
            arts = []
            for art in chapter.articles:
                n += 1
                arts.append(replace(art, number=n))
            chapters.append(replace(chapter, number=i, articles=tuple(arts)))
        return replace(self, chapters=tuple(chapters))


def _t(text: Text) -> dict:
    return {"en": text.en, "ar": text.ar}


def _article_dict(a: Article) -> dict:
    out = {
        "number": a.number, "clause": a.clause, "variant": a.variant, "kind": a.kind, "title": _t(a.title),
        "requires": list(a.requires), "references": list(a.references),
        "implements": [{"standard": m.standard, "ref": m.ref, "relation": m.relation, "note": m.note,
                        **({"inferred": True} if m.inferred else {})} for m in a.implements],
        "paragraphs": {lang: [{"text": p.text, "items": list(p.items), "numbered": p.numbered, "clause": p.clause}
                              for p in paras] for lang, paras in a.paragraphs.items()},
    }
    if a.weaker:
        out["weaker"] = a.weaker
    return out


def _article(d: dict) -> Article:
    return Article(
        number=d["number"], title=Text.of(d["title"]),
        paragraphs={lang: tuple(Paragraph(p["text"], tuple(p.get("items", ())), p.get("numbered", True),
                                          p.get("clause", "")) for p in paras)
                    for lang, paras in d["paragraphs"].items()},
        clause=d.get("clause", ""), variant=d.get("variant", ""), kind=d.get("kind", ""),
        requires=tuple(d.get("requires", ())), references=tuple(d.get("references", ())),
        implements=tuple(Mapping(m["standard"], m["ref"], m["relation"], m.get("note", ""), m.get("inferred", False))
                         for m in d.get("implements", ())),
        weaker=d.get("weaker"),
    )
