"""Reading Akoma Ntoso XML into a Draft: lawkit's own (losslessly) and other producers' acts and bills.

The file is parsed without DTDs, entities or network access; one that declares a DOCTYPE or ENTITY is
refused. Every act (or bill) that is not inside another is an expression: a lawkit package holds the Arabic
and the English one, a plain file one. Structure is read from the elements: part/book/title/tome → part,
chapter → chapter, article/section → article, any numbered child of an article → a numbered paragraph, its
points, items and sub-levels → items. Elements in between (division, subpart, hcontainer, …) are looked
through. What lawkit wrote in `meta/proprietary` (see `toolkit.render.akn`) restores what AKN cannot say.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from lxml import etree

from toolkit import arabic
from toolkit.corpus import Mapping
from toolkit.draft import Article, Chapter, Draft, Law, Style
from toolkit.errors import LawkitError
from toolkit.ingest.structure import heading
from toolkit.render.akn import ISO639, LAWKIT
from toolkit.text import LANGS, Paragraph, Text

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_LANGS = {iso: code for code, iso in ISO639.items()}
PARTS = {"part", "book", "title", "tome"}
ARTICLES = {"article", "section"}
ITEMS = {"point", "item", "indent", "li"}
TEXT = {"p", "block"}
SKIP = {"num", "heading", "subheading", "authorialNote", "noteRef"}
_LK = f"{{{LAWKIT}}}"
_NONE = etree.Element("none")  # stands for an absent lawkit record: every attribute missing


def _name(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _inline(el, bold: bool = False, italic: bool = False) -> str:
    """Mixed content as inline Markdown: <b>/<strong>/<def> → **…**, <i>/<em> → *…*, other inlines → text."""
    out = [el.text or ""]
    for child in el:
        tag = _name(child)
        if tag in ("eol", "br"):
            out.append(" ")
        elif tag and tag not in ("authorialNote", "noteRef"):
            mark = "**" if tag in ("b", "strong", "def") and not bold else \
                "*" if tag in ("i", "em") and not italic else ""
            inner = _inline(child, bold or mark == "**", italic or mark == "*")
            out.append(f"{mark}{inner}{mark}" if inner.strip() else inner)
        out.append(child.tail or "")
    return "".join(out)


def _text(el) -> str:
    """The inline Markdown of a block, with the layout whitespace of pretty-printed XML removed."""
    return re.sub(r"\s*\n\s*", " ", _inline(el)).strip()


def _blocks(el) -> list[str]:
    """Texts of the blocks in a container (intro, content, wrapUp, …), lists included."""
    out = []
    for child in el:
        tag = _name(child)
        if tag in TEXT:
            out.append(_text(child))
        elif tag in ("blockList", "ul", "ol", "blockContainer"):
            out.extend(_blocks(child))
    return out


def _child(el, name: str):
    return next((c for c in el if _name(c) == name), None)


def _number(el, position: int) -> int:
    """The number of a division or article: from its eId (…art_12), its <num> («المادة الأولى»,
    "Chapter II", "12A."), or its position."""
    m = re.search(r"_(\d+)$", el.get("eId", ""))
    if m:
        return int(m.group(1))
    num = _child(el, "num")
    text = _text(num) if num is not None else ""
    found = text and (heading(text) or heading(f"Chapter {text}"))
    if found:
        return found[1]
    digits = re.search(r"\d+", arabic.normalise(text))
    return int(digits.group(0)) if digits else position


def _heading(el) -> str:
    h = _child(el, "heading")
    return _text(h) if h is not None else ""


class _Expression:
    """One act in one language, read into a Draft whose texts carry only that language."""

    def __init__(self, act, source: str):
        self.act, self.source = act, source
        meta = _child(act, "meta")
        found = meta.find(f".//{_LK}draft") if meta is not None else None
        self.lawkit = _NONE if found is None else found
        self.records = {r.get("href", "")[1:]: r for r in self.lawkit.iter(f"{_LK}article")}
        language = act.find(".//{*}FRBRExpression/{*}FRBRlanguage")
        code = _LANGS.get(language.get("language", "") if language is not None else "")
        self.lang = code or ("ar" if arabic.is_arabic(" ".join(act.itertext())[:4000]) else "en")
        self.parts: list[tuple[int, Text]] = []
        self.chapters: list[Chapter] = []

    def text(self, value: str) -> Text:
        return Text(value, "") if self.lang == "en" else Text("", value)

    def draft(self) -> Draft:
        body = _child(self.act, "body")
        if body is None:
            raise LawkitError(f"{self.source}: an Akoma Ntoso {_name(self.act)} without a <body>")
        self.walk(body, 0)
        if not any(c.articles for c in self.chapters):
            raise LawkitError(f"{self.source}: no articles found — lawkit reads <article> and <section> elements "
                              "of an Akoma Ntoso act")
        lk = self.lawkit
        style = lk.find(f"{_LK}style")
        return Draft(
            law=self.law(lk), chapters=tuple(c for c in self.chapters if c.articles), languages=(self.lang,),
            style=Style(**dict(style.attrib)) if style is not None else Style(),
            parts=tuple(self.parts), parameters={p.get("name"): json.loads(p.get("value")) if "value" in p.attrib
                                                 else Text.of(p)
                                                 for p in lk.iter(f"{_LK}parameter")},
            standards=tuple(lk.get("standards", "").split()), template=lk.get("template", ""),
            corpus_hash=lk.get("corpusHash", ""), report=(f"imported from {self.source}",),
            added={a.get("clause"): a.get("by", "") for a in lk.iter(f"{_LK}added")},
            external={e.get("clause"): Text.of(e) for e in lk.iter(f"{_LK}external")},
        )

    def law(self, lk) -> Law:
        act = self.act

        def first(path: str, attr: str = "") -> str:
            el = act.find(path)
            return "" if el is None else el.get(attr, "") if attr else _text(el)

        title = first("{*}preface//{*}docTitle") or first(".//{*}FRBRWork/{*}FRBRalias[@name='title']", "value")
        country = first(".//{*}FRBRWork/{*}FRBRcountry", "value")
        date = first(".//{*}FRBRExpression/{*}FRBRdate", "date")
        preamble = act.find("{*}preamble/{*}formula")
        preamble = _child(act, "preamble") if preamble is None else preamble
        conclusions = _child(act, "conclusions")
        return Law(
            title=self.text(title),
            short_title=self.text(first(".//{*}FRBRWork/{*}FRBRalias[@name='shortTitle']", "value") or title),
            number=self.text(first("{*}preface//{*}docNumber")),
            enactment=self.text(" ".join(_blocks(preamble)) if preamble is not None else ""),
            closing=self.text(" ".join(_blocks(conclusions)) if conclusions is not None else ""),
            jurisdiction=lk.get("jurisdiction", "" if country in ("", "xx") else country.upper()),
            version=lk.get("version", first(".//{*}FRBRExpression/{*}FRBRversionNumber", "value")),
            date=lk.get("date", date),
        )

    def walk(self, el, part: int) -> None:
        for child in el:
            tag = _name(child)
            if tag in PARTS:
                number = _number(child, len(self.parts) + 1)
                self.parts.append((number, self.text(_heading(child))))
                self.chapters.append(Chapter(0, self.text(""), (), number))  # articles before its first chapter
                self.walk(child, number)
            elif tag == "chapter":
                number = _number(child, sum(1 for c in self.chapters if c.number) + 1)
                self.chapters.append(Chapter(number, self.text(_heading(child)), (), part))
                self.walk(child, part)
                self.chapters.append(Chapter(0, self.text(""), (), part))  # articles after it, outside any chapter
            elif tag in ARTICLES:
                if not self.chapters:
                    self.chapters.append(Chapter(0, self.text(""), (), part))
                chapter = self.chapters[-1]
                self.chapters[-1] = replace(chapter, articles=chapter.articles + (self.article(child),))
            elif tag not in SKIP and tag:
                self.walk(child, part)

    def article(self, el) -> Article:
        number = _number(el, sum(len(c.articles) for c in self.chapters) + 1)
        rec = self.records.get(el.get("eId"), _NONE)
        clauses = {p.get("href", "")[1:]: p.get("clause") for p in rec.iter(f"{_LK}paragraph")}
        paragraphs = [replace(p, clause=clauses.get(eid, "")) for eid, p in _paragraphs(el)]
        weaker = rec.find(f"{_LK}weaker")
        return Article(
            number, self.text(_heading(el)), {self.lang: tuple(paragraphs)}, clause=rec.get("clause", ""),
            variant=rec.get("variant", ""), kind=rec.get("kind", ""), requires=tuple(rec.get("requires", "").split()),
            references=tuple(rec.get("references", "").split()),
            implements=tuple(Mapping(m.get("standard"), m.get("ref"), m.get("relation"), m.get("note", ""))
                             for m in rec.iter(f"{_LK}implements")),
            weaker={"reason": weaker.get("reason", ""),
                    "provisions": [[p.get("standard"), p.get("ref")] for p in weaker]} if weaker is not None else None,
        )


def _paragraphs(article) -> list[tuple[str, Paragraph]]:
    """(eId, paragraph) for each paragraph of an article of any producer."""
    out: list[tuple[str, Paragraph]] = []
    for child in article:
        tag = _name(child)
        if tag in ("intro", "content", "wrapUp"):
            out += [("", Paragraph(text, (), False)) for text in _blocks(child)]
        elif tag in ITEMS and out:  # a point straight under the article belongs to the text before it
            eid, last = out[-1]
            out[-1] = (eid, replace(last, items=last.items + _items(child)))
        elif tag and tag not in SKIP:  # paragraph, subsection, list, hcontainer, …
            text, items = _split(child)
            num = _child(child, "num")
            out.append((child.get("eId", ""), Paragraph(text, items, num is not None and bool(_text(num)))))
    return out


def _split(el) -> tuple[str, tuple[str, ...]]:
    """A level's own text (its intro or content, or its list's intro) and what it contains as items."""
    texts: list[str] = []
    items: list[str] = []
    for child in el:
        tag = _name(child)
        if tag in ("intro", "content"):
            texts += _blocks(child)
        elif tag == "list":
            text, more = _split(child)
            texts += [text] if text else []
            items += more
        elif tag == "wrapUp":
            items += _blocks(child)
        elif tag and tag not in SKIP:
            items += _items(child)
    return " ".join(texts), tuple(items)


def _items(el) -> tuple[str, ...]:
    """An item's own text, then its sub-items, flattened."""
    if _name(el) in TEXT:
        return (_text(el),)
    text, items = _split(el)
    return ((text,) if text else ()) + items


def _merge(drafts: list[Draft], source: str) -> Draft:
    """The expressions of one work (one draft per language) as one bilingual draft."""
    shape = [(len(d.chapters), sum(1 for _ in d.articles())) for d in drafts]
    if len(set(shape)) > 1:
        raise LawkitError(f"{source}: the expressions differ in structure (" + "; ".join(
            f"{d.languages[0]}: {c} chapters, {a} articles" for d, (c, a) in zip(drafts, shape)) +
            "); import each language separately")

    def text(values) -> Text:
        values = list(values)
        return Text("".join(v.en for v in values), "".join(v.ar for v in values))

    law = replace(drafts[0].law, **{f: text(getattr(d.law, f) for d in drafts)
                                 for f in ("title", "short_title", "number", "enactment", "closing")})
    chapters = tuple(
        replace(chs[0], title=text(c.title for c in chs), articles=tuple(
            replace(arts[0], title=text(a.title for a in arts),
                    paragraphs={code: a.paragraphs[code] for code in LANGS for a in arts if code in a.paragraphs})
            for arts in zip(*(c.articles for c in chs))))
        for chs in zip(*(d.chapters for d in drafts)))
    parts = tuple((ps[0][0], text(t for _, t in ps)) for ps in zip(*(d.parts for d in drafts)))
    return replace(drafts[0], law=law, chapters=chapters, parts=parts,
                   languages=tuple(d.languages[0] for d in drafts))


def read_akn(path: Path) -> Draft:
    """A Draft from an Akoma Ntoso file: one act, or lawkit's package of both language expressions."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LawkitError(f"{path}: cannot read it ({exc.strerror})") from None
    refused = LawkitError(f"{path}: refused: it declares a DTD or entities (an XML bomb or external entity); "
                          "an Akoma Ntoso document never needs one")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise refused
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise LawkitError(f"{path}: not well-formed XML: {exc}") from None
    if root.getroottree().docinfo.doctype:  # one the byte check missed, in UTF-16 say
        raise refused
    if _name(root) != "akomaNtoso":
        raise LawkitError(f"{path}: not Akoma Ntoso (the root element is <{_name(root)}>, not <akomaNtoso>)")
    acts = root.xpath("//*[local-name()='act' or local-name()='bill'][not(ancestor::*[local-name()='act' or "
                      "local-name()='bill'])]")
    if not acts:
        raise LawkitError(f"{path}: no <act> or <bill> in this Akoma Ntoso document")
    try:
        drafts = [_Expression(act, str(path)).draft() for act in acts]
    except (ValueError, TypeError) as exc:  # hand-edited lawkit metadata: a bad parameter value or style
        raise LawkitError(f"{path}: malformed lawkit metadata in meta/proprietary ({exc})") from None
    langs = [d.languages[0] for d in drafts]
    if len(set(langs)) != len(langs):
        raise LawkitError(f"{path}: holds {len(langs)} acts but not one per language ({', '.join(langs)})")
    stored = root.find(f".//{_LK}draft")
    order = stored.get("languages", "").split() if stored is not None else []
    drafts.sort(key=lambda d: order.index(d.languages[0]) if d.languages[0] in order else len(order))
    return drafts[0] if len(drafts) == 1 else _merge(drafts, str(path))
