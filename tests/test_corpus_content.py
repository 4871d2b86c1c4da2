"""The shipped corpus itself: coverage of the core provisions, narrow offences, safeguarded powers, templates."""


import pytest

from toolkit import arabic
from toolkit.corpus import load_corpus
from toolkit.sources import build_draft


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def implemented(corpus, sid: str) -> set:
    return {m.ref for group in corpus.variants.values() for c in group.values() for m in c.implements
            if m.standard == sid}


@pytest.mark.parametrize("sid", ["gdpr", "c108", "budapest", "nis2"])
def test_every_core_provision_is_implemented(corpus, sid):
    core = {p.ref for p in corpus.standards[sid].provisions if p.weight == "core"}
    missing = sorted(core - implemented(corpus, sid), key=lambda r: (len(r), r))
    assert not missing, f"core {sid} provisions no clause implements: {missing}"


def test_every_nist_csf_function_is_implemented(corpus):
    functions = {p.ref for p in corpus.standards["nist-csf"].provisions if "." not in p.ref}
    assert functions == {"GV", "ID", "PR", "DE", "RS", "RC"}
    assert functions <= implemented(corpus, "nist-csf")


def test_corpus_size(corpus):
    dp = [c for c in corpus.clauses if c.startswith(("dp.", "gen."))]
    cyber = [c for c in corpus.clauses if c.startswith(("cs.", "cc.", "dg."))]
    assert len(dp) >= 70 and len(cyber) >= 55
    assert len([c for c in corpus.clauses if c.startswith("dp.def.")]) >= 20
    assert {"adequacy", "localisation"} <= set(corpus.variants["dp.transfers.general"])
    assert corpus.variants["dp.authority.establishment"]["not-independent"].weaker is not None


def test_every_offence_is_intentional_and_without_right(corpus):
    offences = [c for c in corpus.clauses.values() if c.kind == "offence"]
    assert len(offences) >= 9
    for clause in offences:
        en = " ".join(s for p in clause.body["en"] for s in p.strings()).lower()
        ar = arabic.normalise(" ".join(s for p in clause.body["ar"] for s in p.strings()))
        assert "intentionally" in en and "without right" in en, clause.id
        assert "عمدا" in ar and "دون وجه حق" in ar, clause.id


def test_every_procedural_power_requires_the_safeguards_clause(corpus):
    powers = [c for c in corpus.clauses.values() if c.kind == "procedure"]
    assert len(powers) >= 6
    for clause in powers:
        assert "cc.procedure.safeguards" in clause.requires, clause.id


def test_every_definition_is_in_the_glossary_and_every_term_defined(corpus):
    defined = {c.term for c in corpus.clauses.values() if c.kind == "definition"}
    assert defined == set(corpus.terms)


@pytest.mark.parametrize("template", ["sy-pdp-cyber", "pdp", "cybersecurity"])
def test_shipped_templates_build_completely(template):
    draft, _ = build_draft(template)
    text = draft.to_json()
    assert "[[" not in text and "{{" not in text
    assert not [line for line in draft.report if line.startswith("broken") or "not in this draft" in line]
    assert sum(1 for _ in draft.articles()) > 40


def test_the_cybersecurity_law_leaves_data_protection_to_its_own_law():
    cyber, _ = build_draft("cybersecurity")
    ids = {cid for a in cyber.articles() for cid in a.members()}
    assert not {c for c in ids if c.startswith("dp.") and not c.startswith("dp.def.")}
    assert {"dp.transfers.general", "dp.authority.establishment"} <= set(cyber.external)
    point = cyber.article_for("cs.institutions.contact-point")
    assert "only in accordance with the Personal Data Protection Law." in point.text("en")
    assert "إلا وفقاً لأحكام قانون حماية البيانات الشخصية." in point.text("ar")
    assert "this Law on the protection of personal data" not in "\n".join(a.text("en") for a in cyber.articles())
    assert "هذا القانون المتعلقة بحماية البيانات" not in "\n".join(a.text("ar") for a in cyber.articles())
    transition = cyber.article_for("gen.final.transition")
    assert transition.variant == "general" and "consent" not in transition.text("en")
    full, _ = build_draft("sy-pdp-cyber")
    assert not full.external
    number = full.article_for("dp.transfers.general").number
    assert f"only in accordance with Article {number}." in full.article_for("cs.institutions.contact-point").text("en")


def test_every_dp_and_cyber_clause_is_in_its_templates(corpus):
    full, _ = build_draft("sy-pdp-cyber")
    ids = {cid for a in full.articles() for cid in a.members()}
    assert set(corpus.clauses) <= ids
    pdp, _ = build_draft("pdp")
    assert {c for c in corpus.clauses if c.startswith("dp.")} <= {cid for a in pdp.articles() for cid in a.members()}
    cyber, _ = build_draft("cybersecurity")
    assert {c for c in corpus.clauses if c.startswith(("cs.", "cc.", "dg."))} <= \
        {cid for a in cyber.articles() for cid in a.members()}


def test_counted_nouns_agree():
    assert arabic.count_phrase(1, "day", "1") == "يوم واحد"
    assert arabic.count_phrase(2, "year", "2") == "سنتين"
    assert arabic.count_phrase(3, "month", "3") == "3 أشهر"
    assert arabic.count_phrase(30, "day", "30") == "30 يوماً"
    assert arabic.count_phrase(100, "person", "100") == "100 شخص"
    draft, _ = build_draft("pdp", sets=["breach_notification_hours=2"])
    breach = draft.article_for("dp.duties.breach-authority")
    assert "ساعتين" in breach.text("ar") and "2 hours" in breach.text("en")
