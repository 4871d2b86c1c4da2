"""From lines of a law (any source) to a Draft: recognise parts, chapters, articles, paragraphs and items.

Headings are recognised in Arabic («الباب الأول»، «الفصل 2»، «المادة (5)»، «مادة 5»، «المادة الخامسة والعشرون»)
and English ("PART I", "CHAPTER II", "Article 5", "Art. 5", "Section 5"), styled or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit import arabic
from toolkit.draft import Article, Chapter, Draft, Law, Style
from toolkit.errors import LawkitError
from toolkit.text import Paragraph, Text


@dataclass
class Block:
    """One line or paragraph of the source, in reading order."""

    text: str
    lang: str = ""  # "ar" or "en"; guessed from the script when empty
    role: str = ""  # what the source's styling says it is: title, number, enactment, closing, or ""
    bookmarks: tuple[str, ...] = ()  # clause ids carried by the paragraph (lawkit bookmarks)


def _ordinals() -> dict[str, int]:
    table = {}
    for n in range(1, 1000):
        for feminine in (True, False):
            table[" ".join(arabic.words(arabic.ordinal(n, feminine)))] = n
    return table


_ORDINALS: dict[str, int] = {}
_DIGITS = "0-9٠-٩۰-۹"
_EN_WORDS = {w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve thirteen "
                                        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(), 1)}
_ROMAN = re.compile(r"^[IVXLCDM]+$", re.I)

EN_DIVISION = re.compile(r"^(part|chapter|title|book)\s+([IVXLCDM]+|\d+|[A-Za-z]+)\b[\s.:—–-]*(.*)$", re.I)
EN_ARTICLE = re.compile(r"^(?:article|art\.|section|sec\.|§)\s*(\d+)\s*(?:[.:—–-]\s*|\s+|$)(.*)$", re.I)
AR_DIVISION = re.compile(r"^(الباب|الفصل|الجزء|القسم)\s+(.*)$")
AR_ARTICLE = re.compile(r"^(?:ال)?ماد[ةه]\s*(.*)$")
EN_PARA = re.compile(r"^\(?(\d+)[.)]\s*\t?\s*(.+)$")
EN_ITEM = re.compile(r"^\(([a-z]{1,2}|[ivx]+)\)\s*\t?\s*(.+)$|^([a-z])\)\s*\t?\s*(.+)$")
AR_PARA = re.compile(rf"^\(?([{_DIGITS}]+)\s*[-–.)]\s*\t?\s*(.+)$")
AR_ORDINAL_PARA = re.compile(r"^(أولاً|ثانياً|ثالثاً|رابعاً|خامساً|سادساً|سابعاً|ثامناً|تاسعاً|عاشراً)\s*[:：-]\s*(.+)$")
AR_ITEM = re.compile(r"^\(?(هـ|[أابتثجحخدذرزسشصضطظعغفقكلمنهوي])\s*[-–)]\s*\t?\s*(.+)$")


def _number(token: str) -> int | None:
    token = token.strip().strip("().:")
    if not token:
        return None
    digits = arabic.normalise(token)
    if digits.isdigit():
        return int(digits)
    if _ROMAN.match(token):
        return _roman(token.upper())
    return _EN_WORDS.get(token.lower())


def _roman(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        total += -values[a] if b != " " and values[a] < values[b] else values[a]
    return total


def _arabic_number(rest: str) -> tuple[int | None, str]:
    """The number that opens an Arabic heading («(5)»، «5»، «الخامسة والعشرون») and the text after it."""
    m = re.match(rf"^\(?\s*([{_DIGITS}]+)\s*\)?\s*[:：.\-–—]?\s*(.*)$", rest)
    if m:
        return int(arabic.normalise(m.group(1))), m.group(2)
    if not _ORDINALS:
        _ORDINALS.update(_ordinals())
    words = rest.split()
    for k in range(min(6, len(words)), 0, -1):
        key = " ".join(arabic.words(" ".join(words[:k])))
        if key in _ORDINALS:
            tail = " ".join(words[k:]).lstrip(":：.-–— ")
            return _ORDINALS[key], tail
    return None, rest


def heading(text: str) -> tuple[str, int, str] | None:
    """("part"|"chapter"|"article", number, title) when the line is a heading."""
    line = text.strip().replace("\t", " ")
    if len(line) > 200:
        return None
    m = EN_ARTICLE.match(line)
    if m:
        kind = "section" if line[:3].lower() == "sec" else "article"
        return kind, int(m.group(1)), m.group(2).strip()
    m = EN_DIVISION.match(line)
    if m and _number(m.group(2)):
        kind = "part" if m.group(1).lower() in ("part", "book") else "chapter"
        return kind, _number(m.group(2)), m.group(3).strip()
    m = AR_ARTICLE.match(line)
    if m:
        n, title = _arabic_number(m.group(1))
        if n:
            return "article", n, title.strip()
    m = AR_DIVISION.match(line)
    if m:
        n, title = _arabic_number(m.group(2))
        if n:
            return ("part" if m.group(1) in ("الباب", "الجزء") else "chapter"), n, title.strip()
    return None


def _paragraph_line(text: str, lang: str) -> tuple[str, str]:
    """("para"|"item"|"text", the text without its label)."""
    line = text.strip()
    if lang == "en":
        m = EN_ITEM.match(line)
        if m:
            return "item", (m.group(2) or m.group(4)).strip()
        m = EN_PARA.match(line)
        if m:
            return "para", m.group(2).strip()
    else:
        m = AR_ITEM.match(line)
        if m and ("\t" in text or "-" in line[:4]):
            return "item", m.group(2).strip()
        m = AR_PARA.match(line) or AR_ORDINAL_PARA.match(line)
        if m:
            return "para", m.group(2).strip()
    return "text", line


@dataclass
class _Art:
    number: int
    title: str
    part: int
    chapter: int
    clause: str = ""
    paragraphs: list = field(default_factory=list)  # of Paragraph


@dataclass
class _Lang:
    articles: list = field(default_factory=list)
    chapters: dict = field(default_factory=dict)  # number -> (title, part)
    parts: dict = field(default_factory=dict)
    front: dict = field(default_factory=dict)  # role -> text
    preamble: list = field(default_factory=list)
    closing: list = field(default_factory=list)


def _lang_of(block: Block) -> str:
    return block.lang or ("ar" if arabic.is_arabic(block.text) else "en")


def _read(blocks: list[Block]) -> dict[str, _Lang]:
    """Sort the blocks into each language's front matter, divisions, articles and closing. Where a text has
    articles, its "Section" headings are subdivisions of chapters (as in the GDPR); otherwise they are articles."""
    sections_are_articles = not any((h := heading(b.text)) and h[0] == "article" for b in blocks)
    out: dict[str, _Lang] = {}
    state: dict[str, dict] = {}
    for block in blocks:
        if not block.text.strip():
            continue
        lang = _lang_of(block)
        doc = out.setdefault(lang, _Lang())
        st = state.setdefault(lang, {"part": 0, "chapter": 0, "closed": False})
        if block.role in ("title", "number", "enactment"):
            doc.front.setdefault(block.role, block.text.strip())
            continue
        if block.role == "closing":
            doc.closing.append(block.text.strip())
            st["closed"] = True
            continue
        found = heading(block.text)
        if found and found[0] == "section":
            if not sections_are_articles:
                continue
            found = ("article", *found[1:])
        if found:
            kind, n, title = found
            if kind == "part":
                st["part"] = n
                doc.parts[n] = title
            elif kind == "chapter":
                st["chapter"] = len(doc.chapters) + 1
                doc.chapters[st["chapter"]] = (title, st["part"])
            else:
                doc.articles.append(_Art(n, title, st["part"], st["chapter"],
                                         clause=block.bookmarks[0] if block.bookmarks else ""))
            continue
        if not doc.articles:
            doc.preamble.append(block.text.strip())
            continue
        kind, text = _paragraph_line(block.text, lang)
        art = doc.articles[-1]
        if not art.title and not art.paragraphs and kind == "text" and len(text) < 120 and text[-1:] not in ".:;،؛":
            art.title = text  # "Article 5" on its own line, its heading on the next
            continue
        clause = block.bookmarks[0] if block.bookmarks else ""
        if kind == "item" and art.paragraphs:
            last = art.paragraphs[-1]
            art.paragraphs[-1] = Paragraph(last.text, last.items + (text,), last.numbered, last.clause)
        else:
            art.paragraphs.append(Paragraph(text, (), kind == "para", clause))
    return out


def _share_clauses(paragraphs: dict) -> dict:
    """Bookmarks sit in one language only: give paragraph n of the other language the same clause id."""
    ids = [tuple(p.clause for p in ps) for ps in paragraphs.values()]
    if len(ids) < 2 or len(ids[0]) != len(ids[1]):
        return paragraphs
    merged = [a or b for a, b in zip(*ids)]
    return {code: tuple(Paragraph(p.text, p.items, p.numbered, cid) for p, cid in zip(ps, merged))
            for code, ps in paragraphs.items()}


def _rows(langs: dict[str, _Lang], order: list[str]) -> list[dict[str, _Art]]:
    """The articles, each with its text in every language that has it: side by side where the languages run
    in parallel (the same article numbers), else merged by number (a draft whose articles alternate languages)."""
    numbers = {code: [a.number for a in langs[code].articles] for code in order}
    if len({tuple(n) for n in numbers.values()}) == 1:
        return [{code: langs[code].articles[i] for code in order} for i in range(len(numbers[order[0]]))]
    merged: dict[int, dict[str, _Art]] = {}
    for code in order:
        for art in langs[code].articles:
            merged.setdefault(art.number, {}).setdefault(code, art)
    return [merged[n] for n in sorted(merged)]


def to_draft(blocks: list[Block], source: str, meta: dict | None = None) -> Draft:
    """Build a Draft from the blocks of a document; `meta` carries what a lawkit DOCX recorded about itself."""
    meta = meta or {}
    langs = _read(blocks)
    if not any(doc.articles for doc in langs.values()):
        raise LawkitError(f"{source}: no articles found — lawkit looks for headings such as "
                          "«المادة 1»، «المادة (1)»، «المادة الأولى»، \"Article 1\", \"Art. 1\" or \"Section 1\"")
    order = [code for code in ("ar", "en") if code in langs and langs[code].articles]
    rows = _rows(langs, order)

    def both(get) -> Text:
        return Text(*(get(langs[code]) if code in langs else "" for code in ("en", "ar")))

    def front(doc: _Lang, role: str, fallback: str) -> str:
        return doc.front.get(role, fallback)

    title = both(lambda d: front(d, "title", d.preamble[0] if d.preamble else ""))
    enactment = both(lambda d: front(d, "enactment", " ".join(d.preamble[1:]) if not d.front else ""))
    law = Law(title=title, short_title=title, number=both(lambda d: front(d, "number", "")),
              enactment=enactment, closing=both(lambda d: " ".join(d.closing)),
              jurisdiction=meta.get("jurisdiction", ""), version=meta.get("version", ""), date=meta.get("date", ""))
    clause_info = meta.get("clauses", {})
    chapters: dict[int, list[Article]] = {}
    for per in rows:
        art = next(iter(per.values()))
        clause = next((a.clause for a in per.values() if a.clause), "")
        info = clause_info.get(clause)
        paragraphs = _share_clauses({code: tuple(a.paragraphs) for code, a in per.items()})
        if info is None:
            info = {}
        # the definitions article: one clause per definition paragraph
        members = [p.clause for ps in paragraphs.values() for p in ps if p.clause]
        implements = info.get("implements", ())
        if members and not info and all(clause_info.get(m, {}).get("kind") == "definition" for m in members):
            info = {"kind": "definition", **{key: tuple(dict.fromkeys(r for m in members for r in clause_info[m][key]))
                                             for key in ("requires", "references")}}
        if members and not implements:
            implements = tuple(dict.fromkeys(m for cid in members for m in clause_info.get(cid, {}).get("implements", ())))
        chapters.setdefault(art.chapter, []).append(Article(
            number=art.number, title=Text(per["en"].title if "en" in per else "", per["ar"].title if "ar" in per else ""),
            paragraphs=paragraphs, clause=clause, variant=info.get("variant", ""), kind=info.get("kind", ""),
            requires=tuple(info.get("requires", ())), references=tuple(info.get("references", ())),
            implements=tuple(implements), weaker=info.get("weaker")))
    chapter_list = []
    for n in sorted(chapters):
        titles = {code: langs[code].chapters.get(n, ("", 0)) for code in order}
        part = next((t[1] for t in titles.values() if t[1]), 0)
        chapter_list.append(Chapter(n, Text(titles.get("en", ("", 0))[0], titles.get("ar", ("", 0))[0]),
                                    tuple(chapters[n]), part))
    parts = sorted({p for doc in langs.values() for p in doc.parts})
    return Draft(
        law=law, chapters=tuple(chapter_list), languages=tuple(order),
        style=meta.get("style", Style()),
        parts=tuple((p, Text(langs["en"].parts.get(p, "") if "en" in langs else "",
                             langs["ar"].parts.get(p, "") if "ar" in langs else "")) for p in parts),
        parameters=meta.get("parameters", {}), standards=tuple(meta.get("standards", ())),
        template=meta.get("template", ""), corpus_hash=meta.get("corpus_hash", ""), external=meta.get("external", {}),
        report=(f"imported from {source}",),
    )
