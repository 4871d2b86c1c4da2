"""The DOCX draft: structure, Arabic bidi markup, provenance, determinism, and real readers."""

import hashlib
import io
import json
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from tests.tools import need
from toolkit.assemble import assemble
from toolkit.corpus import load_corpus
from toolkit.render.docx import bookmark_name, clause_from_bookmark, render
from toolkit.template import load_template

FIX = Path(__file__).parent / "fixtures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built():
    corpus = load_corpus(FIX / "corpus")
    draft = assemble(corpus, load_template(str(FIX / "mini.toml")))
    return draft, corpus


def xml(data: bytes, part: str = "word/document.xml"):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(part))


@pytest.mark.parametrize("lang, layout", [("ar", "parallel"), ("en", "parallel"), ("both", "sequential"),
                                          ("both", "parallel")])
def test_python_docx_reads_every_heading_and_paragraph(built, lang, layout, tmp_path):
    draft, corpus = built
    data = render(draft, lang=lang, layout=layout, corpus=corpus)
    doc = docx.Document(io.BytesIO(data))
    paras = list(doc.paragraphs) + [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    texts = [p.text for p in paras]
    langs = ["ar", "en"] if lang == "both" else [lang]
    heading_styles = {p.style.name for p in paras if p.text.startswith(("Article", "المادة"))}
    assert heading_styles <= {"Heading 3", "heading 3 (Arabic)"} and heading_styles
    for code in langs:
        for art in draft.articles():
            assert any(t.startswith(f"Article {art.number}:") for t in texts) if code == "en" else \
                any(t.startswith("المادة ") and art.title.ar in t for t in texts)
            for p in art.paragraphs[code]:
                plain = p.text.replace("**", "")
                assert any(plain in t for t in texts), plain
                for item in p.items:
                    assert any(t.endswith(item) for t in texts)
    assert doc.core_properties.author == "lawkit"


def test_arabic_is_marked_right_to_left(built):
    draft, corpus = built
    root = xml(render(draft, lang="ar", corpus=corpus))
    body_paras = root.findall(f".//{W}p")
    arabic = [p for p in body_paras if any("\u0600" <= ch <= "\u06ff" for ch in "".join(p.itertext()))]
    assert arabic and all(p.find(f"{W}pPr/{W}bidi") is not None for p in arabic)
    runs = [r for p in arabic for r in p.findall(f"{W}r") if any("\u0600" <= ch <= "\u06ff" for ch in "".join(r.itertext()))]
    assert runs and all(r.find(f"{W}rPr/{W}rtl") is not None for r in runs)
    assert root.find(f".//{W}sectPr/{W}bidi") is not None
    styles = xml(render(draft, lang="ar", corpus=corpus), "word/styles.xml")
    lang = styles.find(f".//{W}rPrDefault//{W}lang")
    assert lang.get(f"{W}bidi") == "ar-SA"
    assert styles.find(f".//{W}rPrDefault//{W}rFonts").get(f"{W}cs")
    # no run carries its own font or size: formatting comes from the styles
    assert not root.findall(f".//{W}r/{W}rPr/{W}rFonts") and not root.findall(f".//{W}r/{W}rPr/{W}sz")


def test_latin_fragment_inside_arabic_keeps_its_own_run(built):
    from toolkit.render.docx import _Writer

    writer = _Writer(built[0], None)
    xml_runs = writer.runs("وفق المعيار ISO/IEC 27001 خلال ٧٢ ساعة", "ar")
    runs = etree.fromstring(f'<w:p xmlns:w="{W[1:-1]}">{xml_runs}</w:p>').findall(f"{W}r")
    texts = [("".join(r.itertext()), r.find(f"{W}rPr/{W}rtl") is not None) for r in runs]
    assert texts == [("وفق المعيار ", True), ("ISO/IEC 27001", False), (" خلال ٧٢ ساعة", True)]


def test_bookmarks_carry_clause_ids(built):
    draft, corpus = built
    root = xml(render(draft, lang="en", corpus=corpus))
    names = [b.get(f"{W}name") for b in root.iter(f"{W}bookmarkStart")]
    ids = {clause_from_bookmark(n) for n in names}
    assert {"dp.def", "dp.def.controller", "dp.rights.access", "dp.remedies.complaint",
            "dp.authority.establishment"} <= ids
    assert all(len(n) <= 40 and n.replace("_", "").isalnum() for n in names)
    for cid in ("dp.rights.automated-decisions", "cc.cooperation.spontaneous-information", "a.b-0.c"):
        assert clause_from_bookmark(bookmark_name(cid), {bookmark_name(cid): cid}) == cid


def test_provenance_properties(built):
    draft, corpus = built
    data = render(draft, lang="both", corpus=corpus)
    custom = xml(data, "docProps/custom.xml")
    props = {p.get("name"): "".join(p.itertext()) for p in custom}
    assert props["lawkit.template"] == "mini" and props["lawkit.corpus_hash"] == draft.corpus_hash
    assert json.loads(props["lawkit.parameters"]) == {"access_days": 30, "authority_name": {
        "en": "Data Protection Authority", "ar": "هيئة حماية البيانات"}}
    header = b"".join(zipfile.ZipFile(io.BytesIO(data)).read("word/header1.xml").split())
    assert "Draft".encode() in header and "مسودة".encode() in header


def test_same_inputs_give_byte_identical_docx(run, tmp_path):
    outs = []
    for name in ("a.docx", "b.docx"):
        result = run("build", FIX / "mini.toml", "--corpus", FIX / "corpus", "-o", tmp_path / name, "--toc",
                     "--concordance")
        assert result.exit_code == 0, result.output
        outs.append(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert outs[0] == outs[1]


def test_toc_and_concordance(built):
    draft, corpus = built
    doc = docx.Document(io.BytesIO(render(draft, lang="en", toc=True, concordance=True, corpus=corpus)))
    texts = [p.text for p in doc.paragraphs]
    assert "Contents" in texts and "Annex: Table of correspondence with international instruments" in texts
    rows = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
    assert rows[0] == ["Article", "Provision implemented", "Relation"]
    assert ["Article 2 (Right of access)", "Demo 2 — Right of access", "equal"] in rows


def test_pandoc_reads_the_full_text(built, tmp_path):
    need("pandoc")
    draft, corpus = built
    path = tmp_path / "d.docx"
    path.write_bytes(render(draft, lang="both", layout="sequential", corpus=corpus))
    plain = subprocess.run(["pandoc", "-t", "plain", "--wrap=none", str(path)], capture_output=True, text=True,
                           check=True).stdout
    for art in draft.articles():
        assert f"Article {art.number}: {art.title.en}" in plain
        for p in art.paragraphs["en"] + art.paragraphs["ar"]:
            assert p.text.replace("**", "") in plain


def test_libreoffice_converts_it(built, tmp_path):
    need("soffice", "pdftotext")
    draft, corpus = built
    for layout in ("parallel", "sequential"):
        path = tmp_path / f"{layout}.docx"
        path.write_bytes(render(draft, lang="both", layout=layout, corpus=corpus))
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                       capture_output=True, timeout=180, check=True)
        pdf = tmp_path / f"{layout}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Article 2: Right of access" in text


def test_default_output_is_draft_docx(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build", FIX / "mini.toml", "--corpus", FIX / "corpus")
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(tmp_path / "draft.docx")


@pytest.mark.parametrize("lang, layout", [("both", "parallel"), ("both", "sequential"), ("ar", "parallel"),
                                          ("en", "parallel")])
def test_the_default_law_builds_in_every_layout(lang, layout):
    from toolkit.sources import build_draft

    draft, corpus = build_draft(None)
    doc = docx.Document(io.BytesIO(render(draft, lang=lang, layout=layout, corpus=corpus)))
    paras = list(doc.paragraphs) + [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    headings = [p.text for p in paras if p.style.name in ("Heading 3", "heading 3 (Arabic)")]
    per_lang = 2 if lang == "both" else 1
    assert len(headings) == per_lang * sum(1 for _ in draft.articles())
    if lang in ("ar", "both"):
        assert any(h.startswith("المادة الخمسون بعد المائة") for h in headings)
