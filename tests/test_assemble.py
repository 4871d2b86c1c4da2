"""Assembly: template + corpus → Draft; numbering, parameters, references, variants, exclusion; JSON round trip."""

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from toolkit import arabic, numbering
from toolkit.assemble import assemble
from toolkit.corpus import load_corpus
from toolkit.draft import Draft, Style
from toolkit.errors import LawkitError
from toolkit.gaps import analyse
from toolkit.ingest import read_file
from toolkit.render import akn, docx
from toolkit.template import load_template
from toolkit.text import Text

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture
def corpus():
    return load_corpus(FIX / "corpus")


@pytest.fixture
def template():
    return load_template(str(FIX / "mini.toml"))


def test_ordinals_against_the_verified_table():
    rows = [line.split("\t") for line in (FIX / "ordinals.tsv").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 199
    for n, fem, masc in rows:
        assert arabic.ordinal(int(n), feminine=True) == fem
        assert arabic.ordinal(int(n), feminine=False) == masc


@pytest.mark.parametrize("n, fem, masc", [
    (1, "الأولى", "الأول"), (2, "الثانية", "الثاني"), (10, "العاشرة", "العاشر"),
    (11, "الحادية عشرة", "الحادي عشر"), (12, "الثانية عشرة", "الثاني عشر"), (19, "التاسعة عشرة", "التاسع عشر"),
    (20, "العشرون", "العشرون"), (21, "الحادية والعشرون", "الحادي والعشرون"),
    (22, "الثانية والعشرون", "الثاني والعشرون"), (100, "المائة", "المائة"),
    (101, "الأولى بعد المائة", "الأول بعد المائة"), (111, "الحادية عشرة بعد المائة", "الحادي عشر بعد المائة"),
    (121, "الحادية والعشرون بعد المائة", "الحادي والعشرون بعد المائة"),
    (199, "التاسعة والتسعون بعد المائة", "التاسع والتسعون بعد المائة"),
])
def test_ordinal_spot_checks(n, fem, masc):
    assert arabic.ordinal(n, True) == fem and arabic.ordinal(n, False) == masc


def test_headings_and_digits():
    indic = Style(article="ordinal", chapter="ordinal", digits="arabic-indic")
    assert numbering.article(21, "ar", indic) == "المادة الحادية والعشرون"
    assert numbering.article(7, "ar", Style(article="parens", digits="arabic-indic")) == "المادة (٧)"
    assert numbering.article(7, "ar", Style(article="numeral")) == "المادة 7"
    assert numbering.division("chapter", 12, "ar", indic) == "الفصل الثاني عشر"
    assert numbering.division("part", 3, "en", indic) == "Part III"
    assert numbering.reference(12, 2, "ar", indic) == "الفقرة (٢) من المادة (١٢)"
    assert numbering.reference(12, 2, "en", indic) == "Article 12(2)"
    assert numbering.digits("وفق المعيار ISO/IEC 27001 خلال 72 ساعة", indic) == "وفق المعيار ISO/IEC 27001 خلال ٧٢ ساعة"
    assert [numbering.item_label(i, "ar") for i in range(5)] == ["أ-", "ب-", "ج-", "د-", "هـ-"]


def test_assembly_numbers_fills_and_resolves(corpus, template):
    draft = assemble(corpus, template)
    arts = list(draft.articles())
    assert [a.number for a in arts] == [1, 2, 3, 4]
    assert arts[0].clause == "dp.def" and arts[0].kind == "definition"
    assert [p.clause for p in arts[0].paragraphs["en"]][1:] == ["dp.def.controller", "dp.def.data-subject",
                                                                  "dp.def.personal-data"]
    access = draft.article_for("dp.rights.access")
    assert access.number == 2
    assert access.paragraphs["en"][1].items[1] == "the right to lodge a complaint under Article 3."
    assert access.paragraphs["ar"][1].items[1] == "الحق في تقديم شكوى وفقاً لأحكام المادة (3)."
    assert "within 30 days" in access.paragraphs["en"][1].text
    # the authority was not listed: it came in because the complaint clause requires it
    assert draft.added == {"dp.authority.establishment": "dp.remedies.complaint"}
    assert any("added dp.authority.establishment" in line and "required by dp.remedies.complaint" in line
               for line in draft.report)
    text = json.dumps(draft.to_dict(), ensure_ascii=False)
    assert "[[" not in text and "{{" not in text


def test_set_and_variant(corpus, template):
    draft = assemble(corpus, template, sets={"access_days": "20"},
                     variants={"dp.authority.establishment": "attached"})
    assert "within 20 days" in draft.article_for("dp.rights.access").paragraphs["en"][1].text
    auth = draft.article_for("dp.authority.establishment")
    assert auth.variant == "attached" and auth.weaker["provisions"] == [["demo", "5"]]
    assert draft.parameters["access_days"] == 20


@pytest.mark.parametrize("sets, message", [
    ({"access_days": "abc"}, "access_days must be a whole number, not 'abc'"),
    ({"access_days": "900"}, "access_days = 900 is outside its allowed range 1–90"),
    ({"acces_days": "9"}, "unknown parameter 'acces_days'"),
    ({"authority_name": "X"}, "authority_name is text in two languages"),
])
def test_bad_parameter_values(corpus, template, sets, message):
    with pytest.raises(LawkitError, match=message.replace("(", r"\(").replace(")", r"\)")):
        assemble(corpus, template, sets=sets)


def test_exclusion_reports_what_breaks(corpus, template):
    draft = assemble(corpus, template, exclude=["dp.remedies.complaint"])
    assert draft.article_for("dp.remedies.complaint") is None
    assert "broken: dp.rights.access requires dp.remedies.complaint, which is excluded" in draft.report
    assert "dp.rights.access refers to dp.remedies.complaint, which is not in this draft" in draft.report
    with pytest.raises(LawkitError, match="--exclude dp.nothing.\\*: matches no clause"):
        assemble(corpus, template, exclude=["dp.nothing.*"])


def test_unknown_variant_and_clause(corpus, template, tmp_path):
    with pytest.raises(LawkitError, match="clause 'dp.authority.establishment' has no variant 'captured'"):
        assemble(corpus, template, variants={"dp.authority.establishment": "captured"})
    bad = tmp_path / "t.toml"
    bad.write_text((FIX / "mini.toml").read_text(encoding="utf-8").replace(
        'clauses = ["dp.remedies.complaint"]', 'clauses = ["dp.remedies.complain"]'), encoding="utf-8")
    with pytest.raises(LawkitError, match="lists unknown clause id 'dp.remedies.complain'"):
        assemble(corpus, load_template(str(bad)))


def test_conflicting_choices(corpus, template, mini):
    path = mini / "clauses/dp/rights/access.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "order = 10", 'order = 10\nexcludes = ["dp.authority.establishment@attached"]'), encoding="utf-8")
    c = load_corpus(mini)
    assemble(c, template)  # the independent authority is compatible
    with pytest.raises(LawkitError, match="conflicting choices: dp.rights.access excludes dp.authority.establishment@attached"):
        assemble(c, template, variants={"dp.authority.establishment": "attached"})


def test_json_round_trip(corpus, template):
    draft = assemble(corpus, template, variants={"dp.authority.establishment": "attached"})
    again = Draft.from_json(draft.to_json())
    assert again == draft
    assert again.to_json() == draft.to_json()


def test_bad_template_errors(tmp_path, run):
    t = tmp_path / "bad.toml"
    t.write_text("name = 'x'\n[law\n", encoding="utf-8")
    result = run("build", t, "-o", tmp_path / "x.md")
    assert result.exit_code == 2 and "TOML syntax error" in result.output and str(t) in result.output
    assert not (tmp_path / "x.md").exists()
    result = run("build", "no-such-template", "-o", tmp_path / "x.md")
    assert result.exit_code == 2 and "unknown template 'no-such-template'" in result.output
    t.write_text((FIX / "mini.toml").read_text(encoding="utf-8").replace("[style]", "colour = 1\n[style]"))
    result = run("build", t, "--corpus", FIX / "corpus", "-o", tmp_path / "x.md")
    assert result.exit_code == 2 and "[law] has unknown field(s) colour" in result.output


def test_cycle_is_a_clear_error(mini, run, tmp_path):
    path = mini / "clauses/dp/def/personal-data.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'term = "personal-data"', 'term = "personal-data"\nrequires = ["dp.def.controller"]'), encoding="utf-8")
    result = run("build", FIX / "mini.toml", "--corpus", mini, "-o", tmp_path / "x.md")
    assert result.exit_code == 2
    assert "'requires' cycle: dp.def.controller -> dp.def.personal-data -> dp.def.controller" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x.md").exists()


def test_build_cli_markdown_and_bad_set(run, tmp_path):
    out = tmp_path / "law.md"
    result = run("build", FIX / "mini.toml", "--corpus", FIX / "corpus", "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "#### Article 2: Right of access" in text and "   - (b) the right to lodge a complaint under Article 3." in text
    result = run("build", FIX / "mini.toml", "--corpus", FIX / "corpus", "-o", tmp_path / "y.md", "--set", "access_days=0")
    assert result.exit_code == 2 and "--set access_days=0: access_days = 0 is outside its allowed range 1–90" in result.output
    assert not (tmp_path / "y.md").exists()
    result = run("build", FIX / "mini.toml", "--corpus", FIX / "corpus", "-o", FIX / "mini.toml")
    assert result.exit_code == 2 and "cannot tell the format" in result.output


def test_graph_export_and_why(run, tmp_path):
    result = run("graph", FIX / "mini.toml", "--corpus", FIX / "corpus", "--why", "dp.authority.establishment")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "dp.remedies.complaint (Article 3) is listed by the template",
        "  dp.remedies.complaint requires dp.authority.establishment (Article 4)"]
    out = tmp_path / "g.graphml"
    assert run("graph", FIX / "mini.toml", "--corpus", FIX / "corpus", "-o", out).exit_code == 0
    import networkx as nx

    g = nx.read_graphml(out)
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}
    assert {"requires", "references", "defines", "uses-term", "implements", "uses-parameter"} <= kinds
    assert g.has_edge("clause:dp.rights.access", "provision:demo:2")
    data = json.loads(run("graph", FIX / "mini.toml", "--corpus", FIX / "corpus", "--format", "json").stdout)
    assert any(n["id"] == "term:controller" for n in data["nodes"])
    dot = run("graph", FIX / "mini.toml", "--corpus", FIX / "corpus", "--format", "dot").stdout
    assert dot.startswith('digraph "Mini Data Law" {') and '-> "clause:dp.remedies.complaint" [label="references"]' in dot


EXTERNAL = '\n[[external]]\ntitle = { en = "the Complaints Law", ar = "قانون الشكاوى" }\nclauses = ["dp.remedies.*"]\n'


def _split_mini(tmp_path, block=EXTERNAL):
    """The mini law, with complaints left to another law."""
    path = tmp_path / "split.toml"
    text = (FIX / "mini.toml").read_text(encoding="utf-8").replace('clauses = ["dp.remedies.complaint"]',
                                                                     'clauses = ["dp.authority.*"]')
    path.write_text(text + block, encoding="utf-8")
    return load_template(str(path))


def test_another_law_carries_what_the_draft_leaves_to_it(corpus, tmp_path):
    draft = assemble(corpus, _split_mini(tmp_path))
    assert draft.article_for("dp.remedies.complaint") is None
    assert draft.external == {"dp.remedies.complaint": Text("the Complaints Law", "قانون الشكاوى")}
    assert "left to the Complaints Law: dp.remedies.complaint, required by dp.rights.access" in draft.report
    access = draft.article_for("dp.rights.access")
    assert "the right to lodge a complaint under the Complaints Law." in access.text("en")
    assert "وفقاً لأحكام قانون الشكاوى" in access.text("ar")
    assert not [line for line in draft.report if "not in this draft" in line]
    assert Draft.from_json(draft.to_json()) == draft
    structural = {"missing-requirement", "dangling-reference", "right-without-remedy"}
    assert not {f.kind for f in analyse(draft, corpus).findings} & structural
    alone = analyse(replace(draft, external={}), corpus)  # the same text, with no other law to rely on
    assert structural <= {f.kind for f in alone.findings}


def test_the_other_law_survives_docx_and_akoma_ntoso(corpus, tmp_path):
    draft = assemble(corpus, _split_mini(tmp_path))
    (tmp_path / "d.docx").write_bytes(docx.render(draft))
    (tmp_path / "d.xml").write_bytes(akn.render(draft, "en"))
    for name in ("d.docx", "d.xml"):
        back = read_file(tmp_path / name, corpus)
        assert back.external == draft.external, name
        assert "missing-requirement" not in {f.kind for f in analyse(back, corpus).findings}, name


@pytest.mark.parametrize("block, message", [
    ('\n[[external]]\ntitle = { en = "X", ar = "س" }\nclauses = ["dp.nothing.*"]\n',
     "[[external]] \"X\" lists 'dp.nothing.*', which matches no clause in the corpus"),
    ('\n[[external]]\nclauses = ["dp.remedies.*"]\n', "[[external]] 1 title must be"),
    ('\n[[external]]\ntitle = { en = "X", ar = "س" }\n', "[[external]] 1 needs a title and a clauses list"),
])
def test_bad_other_law_is_a_clear_error(corpus, tmp_path, block, message):
    with pytest.raises(LawkitError, match=re.escape(message)):
        assemble(corpus, _split_mini(tmp_path, block))
