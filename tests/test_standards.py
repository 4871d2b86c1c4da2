"""The catalog of international instruments: counts, and titles checked against the official texts."""

import re
from pathlib import Path

import pytest

from toolkit.corpus import load_corpus

REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference"
TEXTS = {"gdpr": "EU_GDPR_2016-679_EN.txt", "nis2": "EU_NIS2_Directive_2022-2555_consolidated_EN.txt",
         "budapest": "CoE_Budapest_Convention_ETS185_EN.md", "arab-ito": "LAS_Arab_Convention_IT_Offences_2010_EN.txt"}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.mark.parametrize("sid, count", [("gdpr", 99), ("budapest", 48), ("nis2", 46), ("iso27001", 93),
                                        ("arab-ito", 44), ("malabo", 38), ("c108", 31), ("oecd", 23)])
def test_provision_counts(corpus, sid, count):
    std = corpus.standards[sid]
    assert len(std.provisions) == count
    assert std.citation and std.url and std.source and std.weights_note


def test_nist_csf_functions_and_categories(corpus):
    refs = [p.ref for p in corpus.standards["nist-csf"].provisions]
    assert [r for r in refs if "." not in r] == ["GV", "ID", "PR", "DE", "RS", "RC"]
    categories = [r for r in refs if "." in r]
    assert len(categories) == 22 and categories[0] == "GV.OC" and categories[-1] == "RC.CO"


@pytest.mark.parametrize("sid, ref, title", [
    ("gdpr", "17", "Right to erasure (‘right to be forgotten’)"),
    ("gdpr", "33", "Notification of a personal data breach to the supervisory authority"),
    ("nis2", "21", "Cybersecurity risk-management measures"),
    ("nis2", "23", "Reporting obligations"),
    ("budapest", "2", "Illegal access"),
    ("budapest", "15", "Conditions and safeguards"),
    ("budapest", "35", "24/7 Network"),
    ("iso27001", "5.1", "Policies for information security"),
    ("iso27001", "8.34", "Protection of information systems during audit testing"),
    ("nist-csf", "GV.OC", "Organizational Context"),
    ("c108", "14", "Transborder flows of personal data"),
    ("oecd", "7", "Collection Limitation Principle"),
])
def test_spot_check_titles(corpus, sid, ref, title):
    assert corpus.standards[sid].provision(ref).title == title


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


@pytest.mark.parametrize("sid", sorted(TEXTS))
def test_every_title_stands_in_the_official_text(corpus, sid):
    path = REFERENCE / TEXTS[sid]
    if not path.exists():
        pytest.skip(f"{path} not present (../shared/reference)")
    text = _squash(path.read_text(encoding="utf-8"))
    missing = [(p.ref, p.title) for p in corpus.standards[sid].provisions
               if not p.paraphrase and _squash(p.title) not in text]
    assert not missing, missing


def test_weights_are_consistent_for_final_clauses(corpus):
    for sid in ("budapest", "c108", "malabo"):
        finals = [p for p in corpus.standards[sid].provisions if p.topic == "final-clauses"]
        assert finals and all(p.weight == "n/a" for p in finals), sid
