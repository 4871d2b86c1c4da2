"""Draft → DOCX: a law a ministry can circulate, in Arabic, English, or both (parallel or sequential).

The package is written directly (lxml for the body, fixed strings for the other parts) so that it is fast
and byte-identical for the same inputs. Styles are defined once in styles.xml; paragraphs only name them.
Each article heading carries a bookmark made from its clause id, so a hand-edited copy can still be
compared clause by clause (see `bookmark_name` / `clause_from_bookmark`).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
import zipfile
from xml.sax.saxutils import escape, quoteattr

from markdown_it import MarkdownIt

from toolkit import __version__, numbering
from toolkit.draft import Article, Draft
from toolkit.text import Paragraph, numbered

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT_EN = "Times New Roman"
FONT_AR = "Simplified Arabic"
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9/().,:;'’\-–&+ ]*[A-Za-z0-9)]|[A-Za-z]")
_INLINE = MarkdownIt("commonmark")
LABELS = {
    "draft": {"en": "Draft", "ar": "مسودة"},
    "version": {"en": "version", "ar": "الإصدار"},
    "contents": {"en": "Contents", "ar": "المحتويات"},
    "annex": {"en": "Annex: Table of correspondence with international instruments",
              "ar": "ملحق: جدول التطابق مع الصكوك الدولية"},
    "cols": {"en": ("Article", "Provision implemented", "Relation"),
             "ar": ("المادة", "الحكم الدولي المنفَّذ", "العلاقة")},
    "relation": {"en": {"equal": "equal", "superset": "goes further", "subset": "partial", "intersects": "overlaps"},
                 "ar": {"equal": "مطابق", "superset": "أوسع", "subset": "جزئي", "intersects": "متقاطع"}},
}


def el(tag: str, attrs: dict | None = None, *children: str | None) -> str:
    """The XML of one w: element; children are XML strings (None is skipped)."""
    attributes = "".join(f' {k if ":" in k else "w:" + k}="{quoteattr(str(v))[1:-1]}"' for k, v in attrs.items()) \
        if attrs else ""
    inner = "".join(c for c in children if c)
    return f"<w:{tag}{attributes}>{inner}</w:{tag}>" if inner else f"<w:{tag}{attributes}/>"


def _t(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


# ---------------------------------------------------------------- bookmarks

def bookmark_name(clause_id: str) -> str:
    """A Word-legal bookmark name (letters, digits, _; ≤ 40 chars) that decodes back to the clause id."""
    encoded = "lk_" + clause_id.replace(".", "__").replace("-", "_0")
    if len(encoded) <= 40:
        return encoded
    return "lkh_" + hashlib.sha1(clause_id.encode()).hexdigest()[:20]


def clause_from_bookmark(name: str, hashed: dict | None = None) -> str | None:
    """The clause id a lawkit bookmark stands for (hashed names through the document's own table)."""
    if name.startswith("lkh_"):
        return (hashed or {}).get(name)
    if not name.startswith("lk_"):
        return None
    out, i, s = [], 0, name[3:]
    while i < len(s):
        if s[i] == "_" and i + 1 < len(s):
            out.append("." if s[i + 1] == "_" else "-")
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


# ---------------------------------------------------------------- runs and paragraphs

class _Writer:
    def __init__(self, draft: Draft, standards: dict | None):
        self.draft = draft
        self.style = draft.style
        self.standards = standards or {}
        self.bookmark_id = 0
        self.hashed: dict[str, str] = {}
        self.used: set[str] = set()

    def runs(self, text: str, lang: str, bold: bool = False) -> str:
        """Runs for inline-Markdown text; Arabic runs are marked rtl, Latin fragments inside them are not."""
        out = []
        for chunk, b, i in self._inline(text):
            for piece, rtl in self._scripts(chunk, lang):
                rpr = ("<w:b/><w:bCs/>" if b or bold else "") + ("<w:i/><w:iCs/>" if i else "") + \
                      ("<w:rtl/>" if rtl else "")
                out.append(f"<w:r>{'<w:rPr>' + rpr + '</w:rPr>' if rpr else ''}{_t(piece)}</w:r>")
        return "".join(out)

    @staticmethod
    def _inline(text: str):
        if not any(c in text for c in "*_`\\"):
            return [(text, False, False)]
        tokens = _INLINE.parseInline(text)[0].children or []
        bold = italic = False
        out = []
        for tok in tokens:
            if tok.type == "strong_open":
                bold = True
            elif tok.type == "strong_close":
                bold = False
            elif tok.type == "em_open":
                italic = True
            elif tok.type == "em_close":
                italic = False
            elif tok.type in ("text", "code_inline"):
                out.append((tok.content, bold, italic))
            elif tok.type in ("softbreak", "hardbreak"):
                out.append((" ", bold, italic))
        return out

    @staticmethod
    def _scripts(text: str, lang: str):
        if lang != "ar":
            return [(text, False)]
        out, pos = [], 0
        for m in _LATIN_RUN.finditer(text):
            if m.start() > pos:
                out.append((text[pos:m.start()], True))
            out.append((m.group(0), False))
            pos = m.end()
        if pos < len(text):
            out.append((text[pos:], True))
        return out

    def para(self, style: str, lang: str, text: str = "", label: str = "", bookmark: str = "",
             bold: bool = False, extra: str = "") -> str:
        sid = style + ("Ar" if lang == "ar" else "")
        out = [f'<w:p><w:pPr><w:pStyle w:val="{sid}"/>{"<w:bidi/>" if lang == "ar" else ""}</w:pPr>']
        if bookmark and bookmark_name(bookmark) in self.used:
            bookmark = ""  # the other language's copy of an article: Word keeps bookmark names unique
        if bookmark:
            self.bookmark_id += 1
            name = bookmark_name(bookmark)
            self.used.add(name)
            if name.startswith("lkh_"):
                self.hashed[name] = bookmark
            out.append(f'<w:bookmarkStart w:id="{self.bookmark_id}" w:name="{name}"/>')
        if label:
            out.append(self.runs(label, lang, bold=bold) + "<w:r><w:tab/></w:r>")
        if extra:
            out.append(extra)
        if text:
            out.append(self.runs(text, lang, bold=bold))
        if bookmark:
            out.append(f'<w:bookmarkEnd w:id="{self.bookmark_id}"/>')
        out.append("</w:p>")
        return "".join(out)

    # ---------------------------------------------------------------- the law in one language

    def heading(self, kind: str, n: int, title: str, lang: str, bookmark: str = "") -> str:
        style = {"part": "Heading1", "chapter": "Heading2", "article": "Heading3"}[kind]
        label = numbering.article(n, lang, self.style) if kind == "article" else numbering.division(kind, n, lang, self.style)
        return self.para(style, lang, f"{label}: {title}", bookmark=bookmark)

    def article_body(self, art: Article, lang: str) -> list:
        out = []
        for number, para in numbered(art.paragraphs[lang]):
            if number:
                out.append(self.para("LawParagraph", lang, para.text,
                                     label=numbering.paragraph_label(number, lang, self.style)))
            else:
                out.append(self.para("LawText", lang, para.text, bookmark=para.clause))
            out.extend(self.items(para, lang))
        return out

    def items(self, para: Paragraph, lang: str) -> list:
        return [self.para("LawItem" if para.numbered else "LawItemTop", lang, item,
                          label=numbering.item_label(i, lang)) for i, item in enumerate(para.items)]

    def front(self, lang: str) -> list:
        law = self.draft.law
        return [self.para("Title", lang, law.title[lang]), self.para("LawNumber", lang, law.number[lang]),
                self.para("Enactment", lang, law.enactment[lang])]

    def body(self, lang: str) -> list:
        out = []
        part = None
        parts = dict(self.draft.parts)
        for chapter in self.draft.chapters:
            if chapter.part and chapter.part != part:
                part = chapter.part
                out.append(self.heading("part", part, parts[part][lang], lang))
            out.append(self.heading("chapter", chapter.number, chapter.title[lang], lang))
            for art in chapter.articles:
                out.append(self.heading("article", art.number, art.title[lang], lang, bookmark=art.clause))
                out.extend(self.article_body(art, lang))
        out.append(self.para("Closing", lang, self.draft.law.closing[lang]))
        return out

    # ---------------------------------------------------------------- parallel table

    def parallel(self) -> str:
        """One table: English on the left, Arabic on the right, one row per heading or paragraph."""
        tbl = ["<w:tbl>" + el("tblPr", None, el("tblStyle", {"val": "LawTable"}), el("tblW", {"w": 5000, "type": "pct"}),
                              el("tblLayout", {"type": "fixed"}))
               + el("tblGrid", None, el("gridCol", {"w": 4819}), el("gridCol", {"w": 4819}))]

        def row(en: list, ar: list, header: bool = False):
            trpr = el("trPr", None, el("cantSplit"), el("tblHeader") if header else None)
            cells = [el("tc", None, el("tcPr", None, el("tcW", {"w": 2500, "type": "pct"})), *(content or [self.para("LawText", lang)]))
                     for content, lang in ((en, "en"), (ar, "ar"))]
            tbl.append(el("tr", None, trpr, *cells))

        law = self.draft.law
        for style, text in (("Title", law.title), ("LawNumber", law.number), ("Enactment", law.enactment)):
            row([self.para(style, "en", text.en)], [self.para(style, "ar", text.ar)])
        parts = dict(self.draft.parts)
        part = None
        for chapter in self.draft.chapters:
            if chapter.part and chapter.part != part:
                part = chapter.part
                row([self.heading("part", part, parts[part].en, "en")], [self.heading("part", part, parts[part].ar, "ar")])
            row([self.heading("chapter", chapter.number, chapter.title.en, "en")],
                [self.heading("chapter", chapter.number, chapter.title.ar, "ar")])
            for art in chapter.articles:
                row([self.heading("article", art.number, art.title.en, "en", bookmark=art.clause)],
                    [self.heading("article", art.number, art.title.ar, "ar")])
                en_paras, ar_paras = art.paragraphs["en"], art.paragraphs["ar"]
                number = 0
                for k in range(max(len(en_paras), len(ar_paras))):
                    cells = []
                    numbered = (en_paras[k] if k < len(en_paras) else ar_paras[k]).numbered
                    number += numbered
                    for lang, paras in (("en", en_paras), ("ar", ar_paras)):
                        if k >= len(paras):
                            cells.append([])
                            continue
                        p = paras[k]
                        label = numbering.paragraph_label(number, lang, self.style) if p.numbered else ""
                        first = self.para("LawParagraph" if p.numbered else "LawText", lang, p.text, label=label,
                                          bookmark=p.clause if lang == "en" else "")
                        cells.append([first, *self.items(p, lang)])
                    row(*cells)
        row([self.para("Closing", "en", law.closing.en)], [self.para("Closing", "ar", law.closing.ar)])
        return "".join(tbl) + "</w:tbl>"

    # ---------------------------------------------------------------- table of contents and annex

    def toc(self, langs: list) -> list:
        out = []
        for lang in langs:
            out.append(self.para("TOCHeading", lang, LABELS["contents"][lang]))
        entries = []
        lang = langs[0]
        parts = dict(self.draft.parts)
        part = None
        for chapter in self.draft.chapters:
            if chapter.part and chapter.part != part:
                part = chapter.part
                entries.append(("TOC1", f"{numbering.division('part', part, lang, self.style)}: {parts[part][lang]}"))
            entries.append(("TOC2", f"{numbering.division('chapter', chapter.number, lang, self.style)}: {chapter.title[lang]}"))
            for art in chapter.articles:
                entries.append(("TOC3", f"{numbering.article(art.number, lang, self.style)}: {art.title[lang]}"))
        begin = ('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                 '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        out.append(self.para(entries[0][0], lang, entries[0][1], extra=begin))
        out.extend(self.para(style, lang, text) for style, text in entries[1:])
        out[-1] = out[-1][:-len("</w:p>")] + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        return out

    def concordance(self, lang: str) -> list:
        out = [self.page_break(lang), self.para("Heading1", lang, LABELS["annex"][lang])]
        tbl_pr = el("tblPr", None, el("tblStyle", {"val": "LawTable"}), el("tblW", {"w": 5000, "type": "pct"}),
                    el("bidiVisual") if lang == "ar" else None)
        rows = [tbl_pr + el("tblGrid", None, el("gridCol", {"w": 1800}), el("gridCol", {"w": 6038}),
                            el("gridCol", {"w": 1800}))]

        def row(values, header=False):
            rows.append(el("tr", None, el("trPr", None, el("tblHeader")) if header else None,
                           *[el("tc", None, self.para("TableText", lang, v, bold=header)) for v in values]))

        row(LABELS["cols"][lang], header=True)
        for art in self.draft.articles():
            for m in art.implements:
                std = self.standards.get(m.standard)
                prov = std.provision(m.ref) if std else None
                name = f"{std.short if std else m.standard} {m.ref}" + (f" — {prov.title}" if prov else "")
                row([numbering.article(art.number, lang, self.style) + f" ({art.title[lang]})", name,
                     LABELS["relation"][lang].get(m.relation, m.relation)])
        out.append(el("tbl", None, *rows))
        return out

    def page_break(self, lang: str) -> str:
        return el("p", None, el("pPr", None, el("bidi") if lang == "ar" else None), el("r", None, el("br", {"type": "page"})))


# ---------------------------------------------------------------- the package

def _sect(bidi: bool, last: bool) -> str:
    return el("sectPr", None,
              el("headerReference", {"type": "default", "r:id": "rIdHeader"}),
              el("footerReference", {"type": "default", "r:id": "rIdFooter"}),
              None if last else el("type", {"val": "nextPage"}),
              el("pgSz", {"w": 11906, "h": 16838}),
              el("pgMar", {"top": 1418, "right": 1134, "bottom": 1418, "left": 1134, "header": 709, "footer": 709,
                           "gutter": 0}),
              el("bidi") if bidi else None)


def render(draft: Draft, lang: str = "both", layout: str = "parallel", toc: bool = False,
           concordance: bool = False, corpus=None) -> bytes:
    """The DOCX bytes for a draft. `corpus` is used only for the standards' provision titles."""
    writer = _Writer(draft, corpus.standards if corpus is not None else None)
    langs = [code for code in ("ar", "en") if code in draft.languages] if lang == "both" else [lang]
    body: list[str] = []
    sections: list[tuple[str, list]] = []
    if len(langs) == 2 and layout == "parallel":
        content = []
        if toc:
            content += writer.toc(["ar", "en"])
            content.append(writer.page_break("en"))
        content.append(writer.parallel())
        if concordance:
            content += writer.concordance("en")
        sections.append(("en", content))
    else:
        for code in langs:
            content = writer.front(code)
            if toc:
                content += writer.toc([code])
            content += writer.body(code)
            if concordance:
                content += writer.concordance(code)
            sections.append((code, content))
    for i, (code, content) in enumerate(sections):
        last = i == len(sections) - 1
        body.extend(content)
        if not last:
            body.append(el("p", None, el("pPr", None, el("bidi") if code == "ar" else None, _sect(code == "ar", False))))
        else:
            body.append(_sect(code == "ar", True))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}">'
           f'<w:body>{"".join(body)}</w:body></w:document>').encode("utf-8")
    return _package(draft, xml, langs, lang, layout, toc, writer.hashed)


def _header_footer(draft: Draft, langs: list) -> tuple[str, str]:
    paras = []
    for code in langs:
        label = LABELS["draft"][code]
        date = draft.law.date
        if code == "ar" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            date = "/".join(reversed(date.split("-")))
        comma = "،" if code == "ar" else ","
        when = f"{comma} {date}" if date else ""
        text = f"{draft.law.short_title[code]} — {label} ({LABELS['version'][code]} {draft.law.version}{when})"
        text = escape(numbering.digits(text, draft.style) if code == "ar" else text)
        bidi = "<w:bidi/>" if code == "ar" else ""
        rtl = "<w:rPr><w:rtl/></w:rPr>" if code == "ar" else ""
        paras.append(f'<w:p><w:pPr><w:pStyle w:val="Header{"Ar" if code == "ar" else ""}"/>{bidi}</w:pPr>'
                     f'<w:r>{rtl}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>')
    head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{W}" xmlns:r="{R}">{"".join(paras)}</w:hdr>'
    foot = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W}" xmlns:r="{R}">'
            '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>'
            '</w:fldSimple></w:p></w:ftr>')
    return head, foot


def _styles(draft: Draft) -> str:
    bidi_lang = f"ar-{draft.law.jurisdiction}" if draft.law.jurisdiction else "ar-SA"

    def style(sid, name, ppr="", rpr="", based="Normal", next_="", outline=None, ar=False):
        ppr_all = ppr + ("<w:bidi/>" if ar else "") + (f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else "")
        rpr_all = rpr + ("<w:rtl/>" if ar else "")
        return (f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
                + (f'<w:basedOn w:val="{based}"/>' if based else "") + (f'<w:next w:val="{next_}"/>' if next_ else "")
                + ('<w:qFormat/>' if outline is not None or sid in ("Title", "Normal") else "")
                + f"<w:pPr>{ppr_all}</w:pPr><w:rPr>{rpr_all}</w:rPr></w:style>")

    defs = [
        ("Title", "Title", '<w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>',
         '<w:b/><w:bCs/><w:sz w:val="36"/><w:szCs w:val="40"/>', None),
        ("LawNumber", "Law Number", '<w:spacing w:after="240"/><w:jc w:val="center"/>', '<w:sz w:val="26"/><w:szCs w:val="30"/>', None),
        ("Enactment", "Enactment", '<w:spacing w:after="360"/><w:jc w:val="both"/>', "", None),
        ("Heading1", "heading 1", '<w:keepNext/><w:spacing w:before="480" w:after="120"/><w:jc w:val="center"/>',
         '<w:b/><w:bCs/><w:sz w:val="30"/><w:szCs w:val="34"/>', 0),
        ("Heading2", "heading 2", '<w:keepNext/><w:spacing w:before="360" w:after="120"/><w:jc w:val="center"/>',
         '<w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="30"/>', 1),
        ("Heading3", "heading 3", '<w:keepNext/><w:spacing w:before="240" w:after="60"/>',
         '<w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="28"/>', 2),
        ("LawText", "Law Text", '<w:spacing w:after="120"/><w:jc w:val="both"/>', "", None),
        ("LawParagraph", "Law Paragraph",
         '<w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs><w:spacing w:after="120"/><w:ind w:left="567" w:hanging="567"/><w:jc w:val="both"/>',
         "", None),
        ("LawItem", "Law Item",
         '<w:tabs><w:tab w:val="left" w:pos="1134"/></w:tabs><w:spacing w:after="60"/><w:ind w:left="1134" w:hanging="567"/><w:jc w:val="both"/>',
         "", None),
        ("LawItemTop", "Law Item Top",
         '<w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs><w:spacing w:after="60"/><w:ind w:left="567" w:hanging="567"/><w:jc w:val="both"/>',
         "", None),
        ("Closing", "Closing", '<w:spacing w:before="480"/><w:jc w:val="center"/>', "<w:b/><w:bCs/>", None),
        ("TableText", "Table Text", '<w:spacing w:after="0"/>', '<w:sz w:val="20"/><w:szCs w:val="22"/>', None),
        ("TOCHeading", "TOC Heading", '<w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>',
         '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="30"/>', None),
        ("TOC1", "toc 1", '<w:spacing w:after="60"/>', "<w:b/><w:bCs/>", None),
        ("TOC2", "toc 2", '<w:spacing w:after="40"/><w:ind w:left="284"/>', "", None),
        ("TOC3", "toc 3", '<w:spacing w:after="0"/><w:ind w:left="567"/>', '<w:sz w:val="20"/><w:szCs w:val="22"/>', None),
        ("Header", "header", '<w:jc w:val="center"/>', '<w:sz w:val="18"/><w:szCs w:val="20"/>', None),
    ]
    out = []
    for sid, name, ppr, rpr, outline in defs:
        next_ = "LawText" if sid.startswith("Heading") else ""
        out.append(style(sid, name, ppr, rpr, next_=next_, outline=outline))
        # Arabic: the same style, right-to-left; running text ragged rather than kashida-stretched
        ar_ppr = ppr.replace('<w:jc w:val="both"/>', "")
        out.append(style(sid + "Ar", name + " (Arabic)", ar_ppr, rpr, next_=next_ + "Ar" if next_ else "",
                         outline=outline, ar=True))
    out.append(style("Footer", "footer", '<w:jc w:val="center"/>', '<w:sz w:val="18"/>'))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
            f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT_EN}" w:hAnsi="{FONT_EN}" w:eastAsia="{FONT_EN}" '
            f'w:cs="{FONT_AR}"/><w:sz w:val="24"/><w:szCs w:val="28"/><w:lang w:val="en-GB" w:eastAsia="en-GB" '
            f'w:bidi="{bidi_lang}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" '
            f'w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
            f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
            + "".join(out) +
            '<w:style w:type="table" w:styleId="LawTable"><w:name w:val="Law Table"/><w:tblPr><w:tblBorders>'
            + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + '</w:tblBorders><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
              '</w:tblCellMar></w:tblPr></w:style></w:styles>')


def _package(draft: Draft, document: bytes, langs: list, lang: str, layout: str, toc: bool, hashed: dict) -> bytes:
    header, footer = _header_footer(draft, langs)
    date = (draft.law.date or "2000-01-01") + "T00:00:00Z"
    title = escape(" / ".join(draft.law.title[c] for c in langs))
    props = {
        "lawkit.generator": f"lawkit {__version__}", "lawkit.template": draft.template,
        "lawkit.corpus_hash": draft.corpus_hash, "lawkit.version": draft.law.version,
        "lawkit.lang": lang, "lawkit.layout": layout, "lawkit.date": draft.law.date,
        "lawkit.parameters": json.dumps({k: (v.__dict__ if hasattr(v, "__dict__") else v)
                                         for k, v in draft.parameters.items()}, ensure_ascii=False, sort_keys=True),
        "lawkit.bookmarks": json.dumps(hashed, sort_keys=True),
        "lawkit.variants": json.dumps({a.clause: a.variant for a in draft.articles() if a.variant}, sort_keys=True),
        "lawkit.standards": json.dumps(list(draft.standards)),
        "lawkit.style": json.dumps(draft.style.__dict__, sort_keys=True),
        "lawkit.external": json.dumps({cid: t.__dict__ for cid, t in draft.external.items()}, ensure_ascii=False,
                                      sort_keys=True),
    }
    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
              'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              + "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name="{k}">'
                        f'<vt:lpwstr>{escape(v)}</vt:lpwstr></property>' for i, (k, v) in enumerate(props.items(), 2))
              + "</Properties>")
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
            '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
            '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
            '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
            '</Relationships>'),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{title}</dc:title><dc:creator>lawkit</dc:creator><cp:lastModifiedBy>lawkit</cp:lastModifiedBy>'
            f'<cp:revision>1</cp:revision><cp:version>{escape(draft.law.version)}</cp:version>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified></cp:coreProperties>'),
        "docProps/app.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f'<Application>lawkit {__version__}</Application></Properties>'),
        "docProps/custom.xml": custom,
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
            '<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
            '<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
            '</Relationships>'),
        "word/document.xml": document,
        "word/styles.xml": _styles(draft),
        "word/settings.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W}">'
            + ('<w:updateFields w:val="true"/>' if toc else "")
            + '<w:defaultTabStop w:val="567"/><w:characterSpacingControl w:val="doNotCompress"/>'
              '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
              '</w:settings>'),
        "word/header1.xml": header,
        "word/footer1.xml": footer,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))
    return buf.getvalue()


# ---------------------------------------------------------------- redline

class _Redline(_Writer):
    """Writes a comparison over the new version's layout with real tracked changes (w:ins / w:del)."""

    def __init__(self, comparison, author: str = "lawkit"):
        super().__init__(comparison.new_draft, None)
        self.c = comparison
        self.rev = 0
        when = self.draft.law.date or datetime.date.today().isoformat()
        self.stamp = f'w:author="{author}" w:date="{when}T00:00:00Z"'

    def _mark(self, tag: str) -> str:
        self.rev += 1
        return f'<w:{tag} w:id="{self.rev}" {self.stamp}>'

    def tracked(self, ops, lang: str) -> str:
        out = []
        for kind, text in ops:
            runs = self.runs(text, lang)
            if kind == "eq":
                out.append(runs)
            elif kind == "ins":
                out.append(self._mark("ins") + runs + "</w:ins>")
            else:
                out.append(self._mark("del") + runs.replace("<w:t>", "<w:delText>").replace("<w:t ", "<w:delText ")
                           .replace("</w:t>", "</w:delText>") + "</w:del>")
        return "".join(out)

    def rpara(self, style: str, lang: str, ops, label: str = "", whole: str = "") -> str:
        """A paragraph of tracked runs; `whole` = "ins" or "del" marks the paragraph itself as inserted/deleted."""
        sid = style + ("Ar" if lang == "ar" else "")
        mark = ""
        if whole:
            self.rev += 1
            mark = f'<w:rPr><w:{whole} w:id="{self.rev}" {self.stamp}/></w:rPr>'
        label_runs = ""
        if label:
            label_ops = ((whole or "eq", label),)
            label_runs = self.tracked(label_ops, lang) + (
                self._mark(whole) + "<w:r><w:tab/></w:r>" + f"</w:{whole}>" if whole else "<w:r><w:tab/></w:r>")
        return (f'<w:p><w:pPr><w:pStyle w:val="{sid}"/>{"<w:bidi/>" if lang == "ar" else ""}{mark}</w:pPr>'
                f"{label_runs}{self.tracked(ops, lang)}</w:p>")

    def unit_label(self, label: str, lang: str) -> tuple[str, str]:
        """(style, label text) of a paragraph/item label from the comparison ("2", "2(b)", "¶1")."""
        if "(" in label:
            return "LawItem", numbering.item_label(ord(label[label.index("(") + 1]) - 97, lang)
        if label.startswith("¶"):
            return "LawText", ""
        return "LawParagraph", numbering.paragraph_label(int(label), lang, self.style)

    def article(self, d, lang: str) -> list[str]:
        from toolkit.diff import unit_diff, _units

        out = []
        whole = {"added": "ins", "removed": "del"}.get(d.status, "")
        art = d.new or d.old
        number = d.new_number or d.old_number
        head = f"{numbering.article(number, lang, self.style)}: {art.title[lang]}"
        if d.status == "modified" and d.old.title[lang] != d.new.title[lang]:
            from toolkit.diff import word_ops

            old_head = f"{numbering.article(d.new_number, lang, self.style)}: {d.old.title[lang]}"
            out.append(self.rpara("Heading3", lang, word_ops(old_head, head)))
        else:
            out.append(self.rpara("Heading3", lang, ((whole or "eq", head),), whole=whole))
        if d.status == "modified":
            units = unit_diff(d.old, d.new, lang, *self.c.ids)
        else:
            units = [(label, whole or "eq", ((whole or "eq", text),)) for label, text in _units(art, lang)]
        for label, kind, ops in units:
            style, text = self.unit_label(label, lang)
            out.append(self.rpara(style, lang, ops, text, whole=kind if kind in ("ins", "del") else ""))
        return out

    def body(self, lang: str) -> list[str]:
        chapter_of = {a.number: ch for ch in self.draft.chapters for a in ch.articles}
        parts = dict(self.draft.parts)
        out, chapter, part = [], None, None
        for d in self.c.articles:
            ch = chapter_of.get(d.new_number) if d.new_number else None
            if ch is not None and ch is not chapter:
                chapter = ch
                if ch.part and ch.part != part:
                    part = ch.part
                    out.append(self.heading("part", part, parts[part][lang], lang))
                out.append(self.heading("chapter", ch.number, ch.title[lang], lang))
            if lang in (d.new or d.old).paragraphs:
                out += self.article(d, lang)
        out.append(self.para("Closing", lang, self.draft.law.closing[lang]))
        return out


def render_redline(comparison, lang: str = "both") -> bytes:
    """The new version as a DOCX with the changes from the old one as Word tracked changes."""
    writer = _Redline(comparison)
    draft = comparison.new_draft
    langs = list(comparison.languages) if lang == "both" else [lang]
    body = []
    for i, code in enumerate(langs):
        body += writer.front(code) + writer.body(code)
        last = i == len(langs) - 1
        body.append(_sect(code == "ar", True) if last else
                    el("p", None, el("pPr", None, el("bidi") if code == "ar" else None, _sect(code == "ar", False))))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}">'
           f'<w:body>{"".join(body)}</w:body></w:document>').encode("utf-8")
    return _package(draft, xml, langs, lang, "redline", False, writer.hashed)
