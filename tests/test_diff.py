"""Import and compare: a lawkit DOCX edited by hand, a foreign DOCX, unsafe files, and the redline."""

import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from tests.tools import chromium, need
from toolkit.corpus import load_corpus
from toolkit.diff import compare
from toolkit.draft import Article, Chapter, Draft, Law
from toolkit.errors import LawkitError
from toolkit.ingest import read_file
from toolkit.render.docx import render
from toolkit.sources import build_draft
from toolkit.text import Paragraph, Text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING = re.compile(r"^(Article |المادة \()(\d+)")
REFS = re.compile(r"(Article |المادة \()(\d+)")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def original(tmp_path_factory, corpus):
    draft, _ = build_draft("pdp")
    path = tmp_path_factory.mktemp("diff") / "v1.docx"
    path.write_bytes(render(draft, lang="both", layout="sequential", corpus=corpus))
    return draft, path


def _paragraph(doc, startswith):
    return next(p for p in doc.paragraphs if p.text.startswith(startswith))


def _replace(paragraph, old, new):
    for run in paragraph.runs:
        if old in run.text:
            run.text = run.text.replace(old, new, 1)
            return
    raise AssertionError(f"{old!r} not in {paragraph.text!r}")


def edit_by_hand(src: Path, dst: Path, draft) -> dict:
    """What a drafter does in Word: a word, a deleted paragraph, an inserted article, shall → may."""
    doc = docx.Document(str(src))
    arts = {a.clause: a for a in draft.articles()}
    word_art = arts["dp.duties.security"]
    shall_art = arts["dp.duties.breach-authority"]
    delete_art = arts["dp.rights.portability"]
    insert_before = arts["dp.rights.access"].number
    # 1. one word changed, in both languages
    para_en = next(p for p in doc.paragraphs
                   if "shall implement appropriate technical and organisational measures to ensure a level of security"
                   in p.text)
    _replace(para_en, "appropriate technical", "adequate technical")
    # 2. a paragraph deleted (the last numbered paragraph of the portability article, both languages)
    en_last = [p for p in doc.paragraphs if p.text == f"{len(delete_art.paragraphs['en'])}.\t"
               + delete_art.paragraphs["en"][-1].text.replace("**", "")]
    ar_last = [p for p in doc.paragraphs if p.text.endswith(delete_art.paragraphs["ar"][-1].text.replace("**", ""))]
    for p in en_last[:1] + ar_last[:1]:
        p._p.getparent().remove(p._p)
    # 3. shall → may (English), يجب → يجوز (Arabic), in the breach-notification article
    en = next(p for p in doc.paragraphs if "the controller shall without undue delay" in p.text)
    _replace(en, "the controller shall without undue delay", "the controller may without undue delay")
    ar = next(p for p in doc.paragraphs if p.text.startswith("1-") and "يلتزم المتحكّم، في حال وقوع خرق" in p.text)
    _replace(ar, "يلتزم المتحكّم، في حال", "يجوز للمتحكّم، في حال")
    # 4. every reference and heading from the insertion point on is renumbered, as Word users do by hand
    for p in doc.paragraphs:
        for run in p.runs:
            run.text = REFS.sub(lambda m: m.group(1) + str(int(m.group(2)) + (int(m.group(2)) >= insert_before)),
                                run.text)
    # ... and the new article goes in before the old article `insert_before` (now insert_before + 1)
    for heading_text, body in ((f"Article {insert_before}: Right to be heard", "Every person may ask to be heard."),
                               (f"المادة ({insert_before}): الحق في الاستماع", "لكل شخص أن يطلب الاستماع إليه.")):
        target = next(p for p in doc.paragraphs if p.text.startswith(heading_text.split(":")[0].replace(
            str(insert_before), str(insert_before + 1)) + ":"))
        target.insert_paragraph_before(heading_text, style=target.style)
        target.insert_paragraph_before(body)
    doc.save(str(dst))
    return {"word": word_art, "shall": shall_art, "deleted": delete_art, "inserted_at": insert_before}


@pytest.fixture(scope="module")
def edited(original, tmp_path_factory, corpus):
    draft, path = original
    dst = path.parent / "v2.docx"
    info = edit_by_hand(path, dst, draft)
    old = read_file(path, corpus)
    new = read_file(dst, corpus)
    return info, old, new, compare(old, new, corpus=corpus, old_source="v1.docx", new_source="v2.docx"), dst


def test_import_of_lawkit_docx_is_faithful(original, corpus):
    draft, path = original
    back = read_file(path, corpus)
    assert [a.clause for a in back.articles()] == [a.clause for a in draft.articles()]
    for a, b in zip(back.articles(), draft.articles()):
        assert a.paragraphs == b.paragraphs and a.title == b.title and a.implements == b.implements
    assert back.parameters == draft.parameters


def test_hand_edits_are_exactly_what_the_comparison_shows(edited):
    info, old, new, c, _ = edited
    s = c.summary()
    assert s["added"] == 1 and s["removed"] == 0
    by_clause = {a.clause: a for a in c.articles}
    modified = {a.clause for a in c.articles if a.status == "modified"}
    assert modified == {"dp.duties.security", "dp.rights.portability", "dp.duties.breach-authority"}
    added = next(a for a in c.articles if a.status == "added")
    assert added.new_number == info["inserted_at"] and added.title.en == "Right to be heard"
    # every article after the insertion is renumbered: moved, not changed
    later = [a for a in c.articles if a.old_number and a.old_number >= info["inserted_at"]]
    assert later and all(a.new_number == a.old_number + 1 for a in later)
    assert all(a.status in ("moved", "modified") for a in later)
    assert s["moved"] == len(later) - len({"dp.rights.portability", "dp.duties.security",
                                           "dp.duties.breach-authority"} & {a.clause for a in later})
    assert all(a.status == "unchanged" for a in c.articles if a.old_number and a.old_number < info["inserted_at"]
               and a.clause not in modified)
    # the word change, word by word, in English
    security = by_clause["dp.duties.security"].changes
    assert [op for ch in security for op in ch.ops if op[0] != "eq"] == [("del", "appropriate"), ("ins", "adequate")]
    # the deleted paragraph, in both languages
    deleted = [ch for ch in by_clause["dp.rights.portability"].changes]
    assert {ch.lang for ch in deleted} == {"en", "ar"} and all(ch.ops[0][0] == "del" and len(ch.ops) == 1 for ch in deleted)


def test_modality_shift_is_listed(edited):
    *_, c, _ = edited
    shifts = [m for m in c.modality_shifts if m["clause"] == "dp.duties.breach-authority"]
    assert {(m["lang"], m["effect"], m["from"], m["to"]) for m in shifts} >= {
        ("en", "weakened", "shall", "may"), ("ar", "weakened", "يلتزم", "يجوز")}


def _one_article(en: str, ar: str) -> Draft:
    art = Article(1, Text("Duty", "واجب"), {"en": (Paragraph(en),), "ar": (Paragraph(ar),)}, clause="x.duty")
    return Draft(law=Law(*(Text("Law", "قانون"),) * 5), chapters=(Chapter(1, Text("One", "الأول"), (art,)),))


@pytest.mark.parametrize("old, new, expected", [
    ("The operator shall report it.", "The operator should report it.", ("en", "weakened", "shall", "should")),
    ("The operator is required to report it.", "The operator may report it.", ("en", "weakened", "is required to", "may")),
    ("The operator shall report it.", "The operator shall endeavour to report it.", ("en", "weakened", "", "endeavour to")),
    ("The operator may report it.", "The operator is obliged to report it.", ("en", "strengthened", "may", "is obliged to")),
    ("Resale is prohibited.", "Resellers are allowed to trade.", ("en", "weakened", "is prohibited", "are allowed to")),
    ("The operator shall report it.", "Where feasible, the operator shall report it.", ("en", "weakened", "", "where feasible")),
    ("يتعيّن على المشغّل الإبلاغ عن الحادث.", "ينبغي للمشغّل الإبلاغ عن الحادث.", ("ar", "weakened", "يتعين", "ينبغي")),
    ("يبلّغ المشغّل عن الحادث.", "يبلّغ المشغّل عن الحادث ما أمكن.", ("ar", "weakened", "", "ما امكن")),
    ("يبلّغ المشغّل عن الحادث متى كان ذلك مناسباً.", "يبلّغ المشغّل عن الحادث.", ("ar", "strengthened", "متي كان ذلك مناسبا", "")),
    ("يجب على المشغّل تحديد رسوم الخدمة.", "يجب على المشغّل تسعير الخدمة.", None),  # «تسعير» is not «يسعى»
])
def test_modality_lexicon(old, new, expected):
    lang = "ar" if expected is None or expected[0] == "ar" else "en"
    other = {"en": "Text.", "ar": "نص."}
    before = _one_article(old if lang == "en" else other["en"], old if lang == "ar" else other["ar"])
    after = _one_article(new if lang == "en" else other["en"], new if lang == "ar" else other["ar"])
    shifts = {(m["lang"], m["effect"], m["from"], m["to"]) for m in compare(before, after).modality_shifts}
    assert shifts == ({expected} if expected else set())


def test_coverage_delta_is_reported(original, corpus):
    draft, _ = original
    fewer, _ = build_draft("pdp", exclude=["dp.rights.erasure", "dp.rights.withdrawal-of-consent"])
    c = compare(draft, fewer, corpus=corpus)
    gdpr = next(d for d in c.coverage_delta if d["standard"] == "gdpr")
    assert gdpr["new_score"] < gdpr["old_score"] and "17" in gdpr["lost"]
    assert c.summary()["removed"] == 2


def test_json_shape(edited, run, original, tmp_path):
    _, path = original
    dst = path.parent / "v2.docx"
    data = json.loads(run("diff", path, dst, "--format", "json").stdout)
    assert set(data) >= {"summary", "articles", "parameters", "modality_shifts", "coverage_delta"}
    assert set(data["summary"]) == {"added", "removed", "modified", "moved", "unchanged"}
    assert set(data["articles"][0]) >= {"status", "clause", "old_number", "new_number", "changes"}
    assert set(data["coverage_delta"][0]) >= {"standard", "old_score", "new_score", "lost", "gained"}


def test_parameter_change_is_reported(corpus):
    a, _ = build_draft("pdp")
    b, _ = build_draft("pdp", sets=["breach_notification_hours=96"])
    c = compare(a, b, corpus=corpus)
    assert {"name": "breach_notification_hours", "old": 72, "new": 96, "effect": "weaker"} in c.parameters


def test_redline_has_real_tracked_changes(edited, run, original, tmp_path):
    need("pandoc")
    _, path = original
    out = tmp_path / "redline.docx"
    result = run("diff", path, path.parent / "v2.docx", "-o", out)
    assert result.exit_code == 0, result.output
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert 'w:author="lawkit"' in xml and "<w:ins " in xml and "<w:del " in xml and "<w:delText>" in xml
    plain = subprocess.run(["pandoc", "--track-changes=all", "-t", "markdown", str(out)], capture_output=True,
                           text=True, check=True).stdout
    assert re.search(r"\[appropriate\]\{\.deletion", plain) and re.search(r"\[adequate\]\{\.insertion", plain)
    accepted = subprocess.run(["pandoc", "--track-changes=accept", "-t", "plain", "--wrap=none", str(out)],
                              capture_output=True, text=True, check=True).stdout
    phrase = "implement {} technical and organisational measures to ensure a level of security"
    assert phrase.format("adequate") in accepted and phrase.format("appropriate") not in accepted
    rejected = subprocess.run(["pandoc", "--track-changes=reject", "-t", "plain", "--wrap=none", str(out)],
                              capture_output=True, text=True, check=True).stdout
    assert phrase.format("appropriate") in rejected and phrase.format("adequate") not in rejected


def test_redline_renders_in_libreoffice(edited, run, original, tmp_path):
    need("soffice")
    _, path = original
    out = tmp_path / "redline.docx"
    assert run("diff", path, path.parent / "v2.docx", "-o", out).exit_code == 0
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   capture_output=True, timeout=180, check=True)
    assert (tmp_path / "redline.pdf").stat().st_size > 1000


def test_html_comparison_in_chromium(edited, run, original, tmp_path):
    _, path = original
    out = tmp_path / "diff.html"
    assert run("diff", path, path.parent / "v2.docx", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<del>appropriate</del>" in page and 'dir="rtl"' in page and "weakened" in page
    browser = chromium()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'p'}"]
    dom = subprocess.run([browser, *flags, "--dump-dom", out.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    assert "Modality shifts" in dom and "<del>appropriate</del>" in dom


def _foreign_docx(path: Path, headings: list[str], styled: bool) -> None:
    doc = docx.Document()
    doc.add_paragraph("قانون حماية المعلومات", style="Title" if styled else None)
    doc.add_paragraph("الفصل الأول: أحكام عامة", style="Heading 1" if styled else None)
    for i, h in enumerate(headings, 1):
        doc.add_paragraph(h, style="Heading 2" if styled else None)
        doc.add_paragraph(f"1- يلتزم المتحكم بحماية البيانات الشخصية في الحالة رقم {i}.")
        doc.add_paragraph("أ- أن تكون المعالجة مشروعة؛")
        doc.add_paragraph("ب- أن تكون محددة الغرض.")
        doc.add_paragraph("2- لا يجوز نقل البيانات خارج الدولة إلا وفقاً لهذا القانون.")
    doc.save(str(path))


@pytest.mark.parametrize("styled", [True, False])
def test_foreign_docx_with_ordinal_arabic_headings(tmp_path, styled):
    headings = ["المادة الأولى: التعاريف", "المادة الثانية", "مادة 3 - النطاق", "المادة (4): المبادئ",
                "المادة الحادية عشرة", "المادة الخامسة والعشرون: العقوبات", "المادة 26"]
    path = tmp_path / "foreign.docx"
    _foreign_docx(path, headings, styled)
    draft = read_file(path)
    arts = list(draft.articles())
    assert [a.number for a in arts] == [1, 2, 3, 4, 11, 25, 26]
    assert arts[0].title.ar == "التعاريف" and arts[5].title.ar == "العقوبات"
    assert draft.languages == ("ar",)
    first = arts[0].paragraphs["ar"]
    assert len(first) == 2 and first[0].items == ("أن تكون المعالجة مشروعة؛", "أن تكون محددة الغرض.")
    assert draft.chapters[0].title.ar == "أحكام عامة"


def test_english_text_and_markdown_import(tmp_path):
    txt = tmp_path / "law.txt"
    txt.write_text("DATA LAW\nCHAPTER I - GENERAL\nArticle 1 - Scope\n1. This Law applies.\n(a) to all;\n"
                   "Art. 2 Definitions\nThe terms mean.\nSection 1\nCooperation\nArticle 3\nEnd.\nCHAPTER II\n"
                   "Article 4\nText.\n", encoding="utf-8")
    d = read_file(txt)
    # where a law has articles, its sections are subdivisions of chapters (as in the GDPR)
    assert [a.number for a in d.articles()] == [1, 2, 3, 4] and len(d.chapters) == 2
    assert next(d.articles()).paragraphs["en"][0].items == ("to all;",)
    sections = tmp_path / "act.txt"
    sections.write_text("AN ACT\nPART 1\nSection 1. Short title\nThis Act may be cited.\nSection 2. Scope\n"
                        "(1) It applies.\n", encoding="utf-8")
    act = read_file(sections)
    assert [(a.number, a.title.en) for a in act.articles()] == [(1, "Short title"), (2, "Scope")]
    md = tmp_path / "law.md"
    md.write_text("# Data law\n\n## Chapter I: General\n\n### Article 1: Scope\n\n1. It applies.\n", encoding="utf-8")
    assert read_file(md).article_for("") is None and next(read_file(md).articles()).title.en == "Scope"


def _zip(path: Path, entries: dict) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)


MINIMAL = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:body><w:p><w:r><w:t>Article 1</w:t></w:r></w:p></w:body></w:document>")


@pytest.mark.parametrize("case, message", [
    ("not-a-zip", "not a DOCX (it is not a zip package)"),
    ("corrupt-zip", "not a DOCX (it is not a zip package)"),
    ("no-document", "not a Word document (no word/document.xml)"),
    ("xml-bomb", "declares a DTD or entities"),
    ("external-entity", "declares a DTD or entities"),
    ("zip-bomb", "a zip bomb?"),
    ("bad-xml", "corrupt word/document.xml"),
])
def test_unsafe_or_unreadable_files_are_refused(tmp_path, run, case, message):
    path = tmp_path / "x.docx"
    if case == "not-a-zip":
        path.write_text("hello, I am text", encoding="utf-8")
    elif case == "corrupt-zip":
        _zip(path, {"word/document.xml": MINIMAL})
        data = path.read_bytes()
        path.write_bytes(data[:40] + b"\0" * 50 + data[90:120])
    elif case == "no-document":
        _zip(path, {"hello.txt": "x"})
    elif case == "xml-bomb":
        bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
                "<w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>")
        _zip(path, {"word/document.xml": bomb})
    elif case == "external-entity":
        xxe = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
               "<w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
        _zip(path, {"word/document.xml": xxe})
    elif case == "zip-bomb":
        _zip(path, {"word/document.xml": MINIMAL, "word/media/big.bin": b"\0" * (210 * 1024 * 1024)})
    elif case == "bad-xml":
        _zip(path, {"word/document.xml": "<w:document><w:body>"})
    with pytest.raises(LawkitError, match=re.escape(message)):
        read_file(path)
    result = run("import", path, "-o", tmp_path / "out.json")
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.json").exists()
