"""`lawkit corpus check`: ok on good corpora, one precise path:line message per problem on bad ones."""

import json
import re

import pytest


def check(run, corpus):
    result = run("corpus", "check", corpus)
    return result.exit_code, result.output


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_mini_corpus_is_ok(run, mini):
    code, out = check(run, mini)
    assert code == 0, out
    assert out.strip() == "6 clauses, 3 terms, 2 parameters, 1 standards: ok"


def test_shipped_corpus_is_ok(run):
    result = run("corpus", "check")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"\d+ clauses, \d+ terms, \d+ parameters, 9 standards: ok\n", result.output)


CASES = [
    # (file, old, new, expected line, expected message fragment)
    ("clauses/dp/rights/access.md", 'kind = "right"', 'kind = "right', 4, "TOML syntax error"),
    ("clauses/dp/rights/access.md", "order = 10", "order = 10\ncolour = \"red\"", 6, "unknown field 'colour'"),
    ("clauses/dp/rights/access.md", 'kind = "right"\n', "", 1, "missing required field 'kind'"),
    ("clauses/dp/rights/access.md", 'id = "dp.rights.access"', 'id = "dp.rights.acess"', 2,
     "does not match the file's path: this file must hold 'dp.rights.access'"),
    ("clauses/dp/rights/access.md", "## ar\n", "## fr\n", 20, "unknown section '## fr'"),
    ("clauses/dp/def/controller.md", "**المتحكّم**: الشخص الذي يحدد أغراض معالجة البيانات الشخصية ووسائلها.",
     "", 13, "section '## ar' is empty"),
    ("clauses/dp/def/controller.md", "**المتحكّم**: الشخص الذي يحدد أغراض معالجة البيانات الشخصية ووسائلها.",
     "**controller**: the person who decides.", 13, "the '## ar' section is not Arabic script"),
    ("clauses/dp/rights/access.md", "2. يلتزم المتحكّم", "يلتزم المتحكّم", 20,
     "'## en' has 2 numbered paragraph(s) but '## ar' has 1"),
    ("clauses/dp/rights/access.md", "   - أغراض المعالجة؛\n", "", 20, "paragraph 2 has 2 item(s) in '## en' but 1 in '## ar'"),
    ("clauses/dp/rights/access.md", '"dp.def.controller", "dp.def.data', '"dp.def.controler", "dp.def.data', 6,
     "requires 'dp.def.controler', which is no clause in the corpus"),
    ("clauses/dp/rights/access.md", "complaint under [[dp.remedies.complaint]]", "complaint under [[dp.remedies.complain]]",
     18, "cross-reference [[dp.remedies.complain]] points at no clause"),
    ("clauses/dp/rights/access.md", "within {{access_days}} days", "within {{acces_days}} days", 16,
     "undeclared parameter {{acces_days}}"),
    ("clauses/dp/rights/access.md", '{ standard = "demo", ref = "2", relation = "equal" }',
     '{ standard = "gdrp", ref = "2", relation = "equal" }', 8, "implements unknown standard 'gdrp'"),
    ("clauses/dp/rights/access.md", '{ standard = "demo", ref = "2", relation = "equal" }',
     '{ standard = "demo", ref = "22", relation = "equal" }', 8, "implements demo '22', which is no provision"),
    ("clauses/dp/rights/access.md", '{ standard = "demo", ref = "2", relation = "equal" }',
     '{ standard = "demo", ref = "2", relation = "same" }', 8, "unknown relation 'same'"),
    ("clauses/dp/def/controller.md", "**المتحكّم**:", "**المسؤول عن المعالجة**:", 11,
     "the English uses the defined term \"controller\" but the Arabic never uses its glossary form «المتحكّم»"),
    ("clauses/dp/def/personal-data.md", "أي بيانات تتعلق", "أي المعلومات الشخصية التي تتعلق", 13,
     "the Arabic uses a form glossary.toml rules out for \"personal data\""),
    ("clauses/dp/rights/access.md", 'kind = "right"', 'kind = "privilege"', 4, "unknown kind 'privilege'"),
]


@pytest.mark.parametrize("rel, old, new, line, message", CASES, ids=[c[4][:40] for c in CASES])
def test_each_problem_is_reported_with_its_line(run, mini, rel, old, new, line, message):
    edit(mini / rel, old, new)
    code, out = check(run, mini)
    assert code == 1
    wanted = f"corpus/{rel}:"
    hits = [l for l in out.splitlines() if l.startswith(wanted) and message in l]
    assert hits, out
    assert any(h.startswith(f"{wanted}{line}:") for h in hits), out


def test_glossary_form_used_anywhere_in_the_arabic_is_enough(run, mini):
    edit(mini / "clauses/dp/rights/access.md", "لصاحب البيانات الحق في أن يحصل من المتحكّم",
         "لصاحب البيانات الحق في أن يحصل منه")
    code, out = check(run, mini)
    assert code == 0, out


def test_duplicate_ids(run, mini):
    text = (mini / "clauses/dp/def/controller.md").read_text(encoding="utf-8")
    (mini / "clauses/dp/def/controller-copy.md").write_text(text.replace(
        'id = "dp.def.controller"', 'id = "dp.def.controller-copy"'), encoding="utf-8")
    (mini / "clauses/dp/def/other").mkdir()
    (mini / "clauses/dp/def/other/x.md").write_text(text.replace('id = "dp.def.controller"', 'id = "dp.def.other.x"'))
    (mini / "clauses/dp/authority/establishment@copy.md").write_text(
        (mini / "clauses/dp/authority/establishment@attached.md").read_text(encoding="utf-8")
        .replace('variant = "attached"', 'variant = "copy"'), encoding="utf-8")
    (mini / "clauses/dp/authority/establishment@copy2.md").write_text(
        (mini / "clauses/dp/authority/establishment@attached.md").read_text(encoding="utf-8")
        .replace('variant = "attached"', 'variant = "copy"'), encoding="utf-8")
    code, out = check(run, mini)
    assert code == 1
    assert "file name says variant 'copy2' but 'variant' is 'copy'" in out
    (mini / "clauses/dp/authority/establishment@copy2.md").unlink()
    (mini / "clauses/dp/authority/sub").mkdir()
    # the same id and variant twice: a second default file of the same clause, reached through a variant name clash
    (mini / "clauses/dp/authority/establishment@attached2.md").write_text(
        (mini / "clauses/dp/authority/establishment@attached.md").read_text(encoding="utf-8")
        .replace('variant = "attached"', 'variant = "attached2"'), encoding="utf-8")
    code, out = check(run, mini)
    assert code == 0, out


def test_duplicate_variant_is_reported(run, mini):
    src = (mini / "clauses/dp/authority/establishment@attached.md").read_text(encoding="utf-8")
    (mini / "clauses/dp/authority/establishment.md").write_text(
        src.replace('variant = "attached"', 'variant = "independent"'), encoding="utf-8")
    (mini / "clauses/dp/authority/establishment@independent.md").write_text(
        src.replace('variant = "attached"', 'variant = "independent"'), encoding="utf-8")
    code, out = check(run, mini)
    assert code == 1
    assert re.search(r"establishment@independent\.md:2: duplicate id 'dp\.authority\.establishment' "
                     r"\(variant 'independent'\)", out), out


def test_requires_cycle_is_printed(run, mini):
    edit(mini / "clauses/dp/def/personal-data.md", 'term = "personal-data"',
         'term = "personal-data"\nrequires = ["dp.def.controller"]')
    code, out = check(run, mini)
    assert code == 1
    assert "'requires' cycle: dp.def.controller -> dp.def.personal-data -> dp.def.controller" in out


def test_every_problem_is_listed_not_just_the_first(run, mini):
    edit(mini / "clauses/dp/rights/access.md", 'relation = "equal"', 'relation = "same"')
    edit(mini / "clauses/dp/remedies/complaint.md", "{{authority_name}}, which", "{{authority}}, which")
    code, out = check(run, mini)
    assert code == 1
    assert "unknown relation 'same'" in out and "undeclared parameter {{authority}}" in out


def test_standard_file_problems(run, mini):
    edit(mini / "standards/demo.toml", 'ref = "3"', 'ref = "2"')
    edit(mini / "standards/demo.toml", 'title = "Complaint"', 'title = ""')
    edit(mini / "standards/demo.toml", 'weight = "expected"', 'weight = "nice"')
    code, out = check(run, mini)
    assert code == 1
    assert "corpus/standards/demo.toml:17: duplicate provision ref '2'" in out
    assert "provision 4: empty title" in out
    assert "corpus/standards/demo.toml:7: provision 1: weight must be one of core, expected, optional, n/a" in out


def test_parameter_default_out_of_range(run, mini):
    edit(mini / "parameters.toml", "default = 30", "default = 300")
    code, out = check(run, mini)
    assert code == 1
    assert "corpus/parameters.toml:1: parameter access_days: default: access_days = 300 is outside its allowed range 1–90" in out


def test_not_a_corpus_is_a_clear_error(run, tmp_path):
    result = run("corpus", "check", tmp_path)
    assert result.exit_code == 2
    assert "not a lawkit corpus (no clauses/ folder)" in result.output


def test_corpus_list_json_shape(run, mini):
    result = run("corpus", "list", "--format", "json", "--corpus", mini)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows][:2] == ["dp.authority.establishment", "dp.def.controller"]
    access = next(r for r in rows if r["id"] == "dp.rights.access")
    assert access == {"id": "dp.rights.access", "area": "dp.rights", "kind": "right",
                      "title": {"en": "Right of access", "ar": "حق الوصول"},
                      "implements": [{"standard": "demo", "ref": "2", "relation": "equal"},
                                     {"standard": "demo", "ref": "3", "relation": "subset"}]}
    result = run("corpus", "list", "--area", "dp.def", "--format", "json", "--corpus", mini)
    assert {r["id"] for r in json.loads(result.stdout)} == {"dp.def.personal-data", "dp.def.controller", "dp.def.data-subject"}


def test_corpus_show(run, mini):
    result = run("corpus", "show", "dp.rights.access", "--lang", "ar", "--corpus", mini)
    assert result.exit_code == 0
    assert "1. لصاحب البيانات الحق" in result.output and "   - أغراض المعالجة؛" in result.output
    assert "The data subject" not in result.output
    result = run("corpus", "show", "dp.rights.nope", "--corpus", mini)
    assert result.exit_code == 2 and "unknown clause id 'dp.rights.nope'" in result.output


def test_standards_list_and_show_json(run, mini):
    rows = json.loads(run("standards", "list", "--format", "json", "--corpus", mini).stdout)
    assert rows == [{"id": "demo", "short": "Demo", "title": "A demonstration instrument", "provisions": 5}]
    shown = json.loads(run("standards", "show", "demo", "--format", "json", "--weight", "core", "--corpus", mini).stdout)
    assert shown["id"] == "demo" and [p["ref"] for p in shown["provisions"]] == ["2", "3", "4", "5"]
    assert shown["provisions"][0] == {"ref": "2", "title": "Right of access", "weight": "core"}
