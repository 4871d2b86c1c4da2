"""Draft → Akoma Ntoso 3.0 XML (OASIS LegalDocML): one `act` per language expression of the same work.

`lang="ar"` or `"en"` gives one `<akomaNtoso><act>`. `lang="both"` gives one file holding the two expressions
as a package: the root carries a `documentCollection` whose `collectionBody` lists the expressions
(`documentRef` to their FRBR expression URIs), and the acts themselves in the root's `components`, in the
draft's language order. The acts sit outside the collection because the schema wants eIds unique within a
document and both expressions use the same ones (`part_1__chp_1__art_3__para_2`). Each act validates on
its own against the strict OASIS schema, and so does the package.

Native AKN: FRBR identification, preface (title, number), preamble (enacting formula), body
(part → chapter → article → paragraph → list → point), conclusions, `<ref href>` for cross-references,
`<def>`/`<term refersTo>` with TLCTerm entries for defined terms, and `refersTo` from each article to the
TLCConcept of its clause id and the TLCReference of each international provision it implements. What AKN
cannot carry (template, corpus hash, style, parameters, variants, requirements, the relation and note of
each mapping) is in `meta/proprietary` in the lawkit namespace, so that `toolkit.ingest.akn` gives back
the same Draft. **bold** and *italic* become `<b>`/`<i>` (a defined term's bold, `<def>`).
"""

from __future__ import annotations

import json
import re

from lxml import etree

from toolkit import arabic, numbering
from toolkit.draft import Article, Draft

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LAWKIT = "https://lawkit.example/ns/1"
ISO639 = {"ar": "ara", "en": "eng"}
SEGMENTS = re.compile(r"(\*\*[^*]+?\*\*|\*[^*\s][^*]*?\*)")  # inline Markdown: **bold**, *italic*
_DEFINED = re.compile(r"^\*\*([^*]+?)\*\*")
_DIGIT = "[0-9\u0660-\u0669]"
_REFS = {"en": r"Article (?P<art>\d+)(?:\((?P<para>\d+)\))?(?!\d)",
         "ar": rf"(?:الفقرة \((?P<para>{_DIGIT}+)\) من )?المادة \((?P<art>{_DIGIT}+)\)"}


def frbr_date(draft: Draft) -> str:
    """The draft's date as a full xsd:date (the same fallback as the DOCX timestamps)."""
    return draft.law.date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", draft.law.date) else "2000-01-01"


def work_uri(draft: Draft, doctype: str = "act") -> str:
    """/akn/<country>/<doctype>/<year>/draft-<template>, e.g. /akn/sy/act/2026/draft-pdp-cyber."""
    country = (draft.law.jurisdiction or "xx").lower()
    name = re.sub(r"[^a-z0-9]+", "-", draft.template.lower()).strip("-").removeprefix(f"{country}-")
    return f"/akn/{country}/{doctype}/{frbr_date(draft)[:4]}/" + (f"draft-{name}" if name else "draft")


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, f"{{{AKN}}}{tag}", {k: v for k, v in attrs.items() if v})
    el.text = text
    return el


def _lk(parent, tag: str, **attrs) -> etree._Element:
    return etree.SubElement(parent, f"{{{LAWKIT}}}{tag}", {k: v for k, v in attrs.items() if v})


def _add_text(el, text: str) -> None:
    """Append text to a mixed-content element, after its last child."""
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _token(text: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", text)


def expression_uri(draft: Draft, langs: list[str], doctype: str = "act") -> str:
    """The work URI, then /ara@date, /eng@date, or /mul@date for the package of both."""
    return f"{work_uri(draft, doctype)}/{ISO639[langs[0]] if len(langs) == 1 else 'mul'}@{frbr_date(draft)}"


def _identification(meta, draft: Draft, doctype: str, langs: list[str]) -> None:
    work, expression = work_uri(draft, doctype), expression_uri(draft, langs, doctype)
    ident = _sub(meta, "identification", source="#lawkit")
    levels = (("FRBRWork", work, f"{work}/!main"), ("FRBRExpression", expression, f"{expression}/!main"),
              ("FRBRManifestation", expression, f"{expression}/!main.xml"))  # FRBRuri as cobalt/Indigo read it
    for level, uri, this in levels:
        el = _sub(ident, level)
        _sub(el, "FRBRthis", value=this)
        _sub(el, "FRBRuri", value=uri)
        if level == "FRBRWork" and len(langs) == 1:
            for name, alias in (("title", draft.law.title), ("shortTitle", draft.law.short_title)):
                if alias[langs[0]]:  # a received draft may have no title
                    _sub(el, "FRBRalias", value=alias[langs[0]], name=name)
        _sub(el, "FRBRdate", date=frbr_date(draft), name="Generation")
        _sub(el, "FRBRauthor", href="#lawkit")
        if level == "FRBRWork":
            _sub(el, "FRBRcountry", value=(draft.law.jurisdiction or "xx").lower())
            _sub(el, "FRBRnumber", value=work.rsplit("/", 1)[1])
        elif level == "FRBRExpression":
            if draft.law.version:  # a received draft may state none
                _sub(el, "FRBRversionNumber", value=draft.law.version)
            for code in langs:
                _sub(el, "FRBRlanguage", language=ISO639[code])


class _Act:
    """One language expression of the draft as an AKN act."""

    def __init__(self, draft: Draft, lang: str):
        self.draft, self.lang, self.style = draft, lang, draft.style
        self.where = {cid: a.number for a in draft.articles() for cid in a.members()}
        # eIds by object, so that a received draft numbering two chapters or articles alike still gets unique ones
        self.eids: dict[int, str] = {}  # id(chapter) or id(article) -> eId
        self.numbered: dict[int, str] = {}  # article number -> eId of the first article so numbered (for <ref>)
        self.terms: dict[str, str] = {}  # clause id of a definition -> the term as written
        used: set[str] = set()

        def unique(eid: str) -> str:
            candidate, k = eid, 1
            while candidate in used:
                k += 1
                candidate = f"{eid}-{k}"
            used.add(candidate)
            return candidate

        for chapter in draft.chapters:
            eid = self.eids[id(chapter)] = unique((f"part_{chapter.part}__" if chapter.part else "") +
                                                  f"chp_{chapter.number}")
            for art in chapter.articles:
                self.eids[id(art)] = unique(f"{eid}__art_{art.number}")
                self.numbered.setdefault(art.number, self.eids[id(art)])
                for p in art.paragraphs.get(lang, ()):
                    if self.defined(p):
                        self.terms.setdefault(p.clause, self.defined(p))
        self.forms = {form.lower(): cid for cid, form in reversed(self.terms.items())}  # the first clause wins
        self.pattern = re.compile(f"(?P<ref>{_REFS[lang]})|{self._term_pattern()}")

    @staticmethod
    def defined(para) -> str:
        """The term a definition paragraph («**term**: meaning», with a clause id) defines, or ""."""
        m = _DEFINED.match(para.text)
        return m.group(1) if m and para.clause else ""

    def _term_pattern(self) -> str:
        forms = sorted(set(self.terms.values()), key=len, reverse=True) or ["(?!)"]
        if self.lang == "en":  # a lower-case term may open a sentence; «Personal Data» in a name is not the term
            alts = "|".join(f"(?:{re.escape(f[0])}|{re.escape(f[0].upper())}){re.escape(f[1:])}"
                            if f == f.lower() else re.escape(f) for f in forms)
            return rf"(?<!\w)(?P<term>(?:{alts})(?:s|es)?)(?!\w)"
        return rf"(?<!\w)[وف]?[بكل]?(?P<term>{'|'.join(map(re.escape, forms))})(?!\w)"

    # ---------------------------------------------------------------- inline text

    def inline(self, parent, text: str, refs: frozenset = frozenset(), define: str = "") -> None:
        """Inline-Markdown text into `parent`: <b>, <i>, the <def> of a defined term, <ref>, <term>."""
        for n, chunk in enumerate(s for s in SEGMENTS.split(text) if s):
            target = parent
            if chunk.startswith("**") and len(chunk) > 4:
                if define and n == 0:
                    _sub(parent, "def", chunk[2:-2], refersTo=f"#{define}")
                    continue
                chunk = chunk[2:-2]
                target = _sub(parent, "b")
            elif chunk.startswith("*") and len(chunk) > 2:
                chunk = chunk[1:-1]
                target = _sub(parent, "i")
            self.marked(target, chunk, refs)

    def marked(self, parent, text: str, refs: frozenset) -> None:
        """Plain text with its cross-references (to the articles in `refs`) and defined terms marked up."""
        pos = 0
        for m in self.pattern.finditer(text):
            if m.group("ref"):
                n = int(arabic.normalise(m.group("art")))
                if n not in refs:
                    continue
                para = f"__para_{int(arabic.normalise(m.group('para')))}" if m.group("para") else ""
                start, end, tag, attrs = *m.span("ref"), "ref", {"href": f"#{self.numbered[n]}{para}"}
            else:
                word = m.group("term").lower()
                cid = next(self.forms[k] for k in (word, word[:-1], word[:-2]) if k in self.forms)
                start, end, tag, attrs = *m.span("term"), "term", {"refersTo": f"#term-{cid}"}
            _add_text(parent, text[pos:start])
            _sub(parent, tag, text[start:end], **attrs)
            pos = end
        _add_text(parent, text[pos:])

    # ---------------------------------------------------------------- the document

    def build(self, parent) -> etree._Element:
        draft, lang = self.draft, self.lang
        act = _sub(parent, "act", name="act")
        self.meta(_sub(act, "meta"))
        law = draft.law
        if law.title[lang] or law.number[lang]:
            preface = _sub(act, "preface")
            if law.title[lang]:
                _sub(_sub(preface, "p"), "docTitle", law.title[lang])
            if law.number[lang]:
                _sub(_sub(preface, "p"), "docNumber", law.number[lang])
        if law.enactment[lang]:
            _sub(_sub(_sub(act, "preamble"), "formula", name="enactingFormula"), "p", law.enactment[lang])
        self.body(_sub(act, "body"))
        if law.closing[lang]:
            _sub(_sub(act, "conclusions"), "p", law.closing[lang])
        return act

    def meta(self, meta) -> None:
        draft = self.draft
        _identification(meta, draft, "act", [self.lang])
        refs = _sub(meta, "references", source="#lawkit")
        _sub(refs, "TLCOrganization", eId="lawkit", href="/ontology/organization/lawkit", showAs="lawkit")
        for cid, form in self.terms.items():
            _sub(refs, "TLCTerm", eId=f"term-{cid}", href=f"/ontology/term/lawkit/{cid}", showAs=form)
        for cid in dict.fromkeys(c for a in draft.articles() for c in (a.clause, *a.members()) if c):
            _sub(refs, "TLCConcept", eId=f"clause-{cid}", href=f"/ontology/concept/lawkit/{cid}", showAs=cid)
        for std, ref in dict.fromkeys((m.standard, m.ref) for a in draft.articles() for m in a.implements):
            _sub(refs, "TLCReference", eId=_token(f"provision-{std}-{ref}"), name="provision",
                 href=f"/ontology/reference/{std}/{_token(ref)}", showAs=f"{std} {ref}")
        self.proprietary(_lk(_sub(meta, "proprietary", source="#lawkit"), "draft"))

    def proprietary(self, el) -> None:
        """What AKN cannot say natively, in the lawkit namespace."""
        draft = self.draft
        for key, value in (("template", draft.template), ("corpusHash", draft.corpus_hash),
                           ("languages", " ".join(draft.languages)), ("standards", " ".join(draft.standards)),
                           ("jurisdiction", draft.law.jurisdiction), ("version", draft.law.version),
                           ("date", draft.law.date)):
            if value:
                el.set(key, value)
        _lk(el, "style", article=draft.style.article, chapter=draft.style.chapter, digits=draft.style.digits)
        for name, value in draft.parameters.items():
            if isinstance(value, (int, float)):
                _lk(el, "parameter", name=name, value=json.dumps(value))
            else:
                _lk(el, "parameter", name=name, en=value.en, ar=value.ar)
        for cid, by in draft.added.items():
            _lk(el, "added", clause=cid, by=by)
        for cid, law in draft.external.items():
            _lk(el, "external", clause=cid, en=law.en, ar=law.ar)
        for art in draft.articles():
            rec = _lk(el, "article", href=f"#{self.eids[id(art)]}", clause=art.clause, variant=art.variant,
                      kind=art.kind, requires=" ".join(art.requires), references=" ".join(art.references))
            for m in art.implements:
                _lk(rec, "implements", standard=m.standard, ref=m.ref, relation=m.relation, note=m.note)
            if art.weaker:
                weaker = _lk(rec, "weaker", reason=art.weaker["reason"])
                for std, ref in art.weaker["provisions"]:
                    _lk(weaker, "provision", standard=std, ref=ref)
            for eid, _, para in self.paragraph_ids(art):
                if para.clause:
                    _lk(rec, "paragraph", href=f"#{eid}", clause=para.clause)

    def paragraph_ids(self, art: Article):
        """(eId, number, paragraph): numbered paragraphs para_1…, unnumbered ones para_nn_1…"""
        counts = [0, 0]
        for para in art.paragraphs.get(self.lang, ()):
            counts[para.numbered] += 1
            n = counts[para.numbered]
            yield f"{self.eids[id(art)]}__para_{'' if para.numbered else 'nn_'}{n}", n, para

    def body(self, body) -> None:
        draft, lang = self.draft, self.lang
        parts = dict(draft.parts)
        container, part = body, 0
        for chapter in draft.chapters:
            if chapter.part != part:
                part = chapter.part
                container = self.division(body, "part", part, parts[part][lang], f"part_{part}") if part else body
            chp = self.division(container, "chapter", chapter.number, chapter.title[lang],
                                self.eids[id(chapter)])
            for art in chapter.articles:
                self.article(chp, art)

    def division(self, parent, kind: str, n: int, title: str, eid: str):
        el = _sub(parent, kind, eId=eid)
        _sub(el, "num", numbering.division(kind, n, self.lang, self.style))
        if title:
            _sub(el, "heading", title)
        return el

    def article(self, parent, art: Article) -> None:
        lang, style = self.lang, self.style
        concepts = [f"#clause-{art.clause}"] if art.clause else []
        provisions = (f"#{_token(f'provision-{m.standard}-{m.ref}')}" for m in art.implements)
        el = _sub(parent, "article", eId=self.eids[id(art)],
                  refersTo=" ".join(dict.fromkeys([*concepts, *provisions])))
        _sub(el, "num", numbering.article(art.number, lang, style))
        if art.title[lang]:
            _sub(el, "heading", art.title[lang])
        refs = frozenset(self.where[cid] for cid in art.references if cid in self.where)
        for eid, n, para in self.paragraph_ids(art):
            p_el = _sub(el, "paragraph", eId=eid, refersTo=f"#clause-{para.clause}" if para.clause else "")
            if para.numbered:
                _sub(p_el, "num", numbering.paragraph_label(n, lang, style))
            if not para.items:
                self.inline(_sub(_sub(p_el, "content"), "p"), para.text, refs,
                            f"term-{self.forms[self.defined(para).lower()]}" if self.defined(para) else "")
                continue
            lst = _sub(p_el, "list", eId=f"{eid}__list_1")
            if para.text:
                self.inline(_sub(_sub(lst, "intro"), "p"), para.text, refs)
            for i, item in enumerate(para.items):
                point = _sub(lst, "point", eId=f"{eid}__list_1__point_{numbering.item_label(i, 'en')[1:-1]}")
                _sub(point, "num", numbering.item_label(i, lang))
                self.inline(_sub(_sub(point, "content"), "p"), item, refs)


def render(draft: Draft, lang: str = "both") -> bytes:
    """The AKN XML of the draft: one act (`lang` "ar"/"en"), or both expressions in one package."""
    langs = list(draft.languages) if lang == "both" else [lang]
    root = etree.Element(f"{{{AKN}}}akomaNtoso", nsmap={None: AKN, "lawkit": LAWKIT})
    if len(langs) == 1:
        _Act(draft, langs[0]).build(root)
    else:
        collection = _sub(root, "documentCollection", name="bilingual")
        meta = _sub(collection, "meta")
        _identification(meta, draft, "documentCollection", langs)
        _sub(_sub(meta, "references", source="#lawkit"), "TLCOrganization", eId="lawkit",
             href="/ontology/organization/lawkit", showAs="lawkit")
        body = _sub(collection, "collectionBody")
        components = _sub(root, "components")
        for i, code in enumerate(langs, 1):
            _sub(_sub(body, "component", eId=f"cmp_{i}"), "documentRef",
                 href=expression_uri(draft, [code]), showAs=draft.law.title[code] or expression_uri(draft, [code]))
            _Act(draft, code).build(_sub(components, "component", eId=f"cmp_{ISO639[code]}"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
