"""Gap analysis: what a draft covers of each standard, what it misses, and where it is broken or weaker.

Everything is read from the draft's graph (toolkit.graph) and the standards catalog; never from a DOCX.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from toolkit import graph as graphs
from toolkit.corpus import Corpus
from toolkit.draft import Draft
from toolkit.errors import LawkitError
from toolkit.text import Text

WEIGHT_POINTS = {"core": 3, "expected": 1, "optional": 0}
STATUS_CREDIT = {"covered": 1.0, "partial": 0.5, "missing": 0.0}
FORMULA = ("score = 100 × Σ(weight × credit) / Σ weight, over provisions weighted core (3) or expected (1); "
           "credit is 1 for covered (an equal or superset mapping), 0.5 for partial (subset or intersects), "
           "0 for missing; optional and n/a provisions are listed but not scored")
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class ProvisionStatus:
    ref: str
    title: str
    weight: str
    status: str  # covered, partial, missing
    articles: tuple[int, ...] = ()
    suggestions: tuple[str, ...] = ()  # corpus clauses that would cover a missing or partial provision
    inferred: bool = False  # coverage inferred by matching an article lawkit did not write


@dataclass(frozen=True)
class StandardReport:
    id: str
    short: str
    title: str
    score: float
    provisions: tuple[ProvisionStatus, ...]

    def count(self, status: str, weight: str | None = None) -> int:
        return sum(1 for p in self.provisions if p.status == status and (weight is None or p.weight == weight))


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str  # high, medium, low
    message: str
    articles: tuple[int, ...] = ()


@dataclass(frozen=True)
class GapReport:
    source: str
    standards: tuple[StandardReport, ...]
    findings: tuple[Finding, ...]
    chapters: tuple[tuple[int, str, str], ...]  # (number, English title, Arabic title)
    matrix: dict  # standard id -> chapter number -> (covered, partial) provisions counted there
    unmatched: tuple[int, ...] = ()  # imported articles no clause matched
    matches: tuple[tuple[int, str, tuple[str, ...]], ...] = ()  # (article, title, explanations) for inferred coverage

    def standard(self, sid: str) -> StandardReport:
        return next(s for s in self.standards if s.id == sid)


def analyse(draft: Draft, corpus: Corpus, standards: list[str] | None = None, source: str = "") -> GapReport:
    chosen = list(standards or draft.standards or sorted(corpus.standards))
    for sid in chosen:
        if sid not in corpus.standards:
            raise LawkitError(f"unknown standard '{sid}' (known: {', '.join(sorted(corpus.standards))})")
    from toolkit.match import infer

    draft, found = infer(draft, corpus)
    g = graphs.build(draft, corpus)
    reports = tuple(_coverage(draft, corpus, g, sid) for sid in chosen)
    findings = _structure(draft, corpus, g) + _weaker(draft, corpus, chosen) + _amounts(draft, corpus)
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.kind, f.articles, f.message))
    chapter_of = {a.number: c.number for c in draft.chapters for a in c.articles}
    matrix: dict = {}
    for rep in reports:
        cells = matrix.setdefault(rep.id, {c.number: [0, 0] for c in draft.chapters})
        for prov in rep.provisions:
            for chap in {chapter_of[n] for n in prov.articles if n in chapter_of}:
                cells[chap][0 if prov.status == "covered" else 1] += 1
    titles = {a.number: a.title.en or a.title.ar for a in draft.articles()}
    unmatched = tuple(n for n, chosen in found.items() if not chosen)
    matches = tuple((n, titles[n], tuple(m.explain() for m in chosen)) for n, chosen in found.items() if chosen)
    return GapReport(source, reports, tuple(findings),
                     tuple((c.number, c.title.en, c.title.ar) for c in draft.chapters),
                     {k: {c: tuple(v) for c, v in cells.items()} for k, cells in matrix.items()}, unmatched, matches)


def _coverage(draft: Draft, corpus: Corpus, g: nx.MultiDiGraph, sid: str) -> StandardReport:
    std = corpus.standards[sid]
    by_ref: dict[str, list[tuple[int, str, bool]]] = {}
    for src, dst, data in g.edges(data=True):
        if data["kind"] == "implements" and g.nodes[dst]["standard"] == sid:
            by_ref.setdefault(g.nodes[dst]["ref"], []).append(
                (g.nodes[src]["article"], data["relation"], bool(data.get("inferred"))))
    in_draft = {cid for a in draft.articles() for cid in a.members()}
    provisions = []
    points = total = 0.0
    for prov in std.provisions:
        hits = by_ref.get(prov.ref, [])
        status = "covered" if any(r in ("equal", "superset") for _, r, _ in hits) else "partial" if hits else "missing"
        suggestions = ()
        if status != "covered":
            suggestions = tuple(c.id for c in sorted(corpus.clauses.values(), key=lambda c: c.id)
                                if c.id not in in_draft and any(
                                    m.standard == sid and m.ref == prov.ref and (status == "missing" or m.full)
                                    for m in c.implements))
        provisions.append(ProvisionStatus(prov.ref, prov.title, prov.weight, status,
                                          tuple(sorted({n for n, _, _ in hits})), suggestions,
                                          bool(hits) and all(inf for _, _, inf in hits)))
        weight = WEIGHT_POINTS.get(prov.weight, 0)
        total += weight
        points += weight * STATUS_CREDIT[status]
    score = round(100 * points / total, 1) if total else 100.0
    return StandardReport(std.id, std.short, std.title.en, score, tuple(provisions))


def _structure(draft: Draft, corpus: Corpus, g: nx.MultiDiGraph) -> list[Finding]:
    findings: list[Finding] = []
    arts = {cid: a for a in draft.articles() for cid in a.members()}
    links = nx.DiGraph()  # requires and references
    needs = nx.DiGraph()  # requires only
    links.add_nodes_from(arts)
    needs.add_nodes_from(arts)
    for src, dst, data in g.edges(data=True):
        if data["kind"] in ("requires", "references") and g.nodes[src].get("id") in arts:
            links.add_edge(g.nodes[src]["id"], g.nodes[dst]["id"])
            if data["kind"] == "requires":
                needs.add_edge(g.nodes[src]["id"], g.nodes[dst]["id"])

    def label(cid: str) -> str:
        a = arts[cid]
        return f"Article {a.number} ({a.title.en})"

    def present(cid: str) -> bool:  # in the draft, or carried by another law the draft cites
        return cid in arts or cid in draft.external

    def kind_of(cid: str) -> str:
        if cid in arts:
            return arts[cid].kind
        return corpus.clauses[cid].kind if cid in draft.external and cid in corpus.clauses else ""

    def complete(cid: str) -> bool:  # every clause it requires, transitively, is in the draft
        return all(present(n) for n in nx.descendants(needs, cid))

    def reaches(cid: str, kinds: set, kind: str) -> bool:
        """An obligation must be named by a sanction, or name it, directly; a procedural power must require a
        safeguard; rights and powers may reach their remedy through what they require (right → modalities →
        complaint), what they cite, or what cites them — and a right's remedy must itself be complete."""
        direct = set(links.successors(cid)) | set(links.predecessors(cid))
        near = {"obligation": direct, "procedure": set(needs.successors(cid))}.get(
            kind, nx.descendants(needs, cid) | direct)
        return any(kind_of(n) in kinds and (kind != "right" or complete(n)) for n in near)

    checks = [
        ("right", {"remedy"}, "right-without-remedy", "high",
         "{} is a right with no path to an effective remedy (a complaint, an appeal or a judicial remedy whose "
         "own requirements are all in the draft)"),
        ("obligation", {"sanction"}, "obligation-without-sanction", "medium",
         "{} is an obligation no sanction reaches"),
        ("power", {"remedy", "safeguard"}, "power-without-appeal", "high",
         "{} is a power of an authority with no appeal or oversight (no remedy or safeguard linked to it)"),
        ("procedure", {"safeguard"}, "procedure-without-safeguards", "high",
         "{} is a procedural power that does not require the safeguards clause"),
    ]
    for kind, targets, fkind, severity, text in checks:
        for cid, art in sorted(arts.items(), key=lambda x: x[1].number):
            if art.kind == kind and cid == art.clause and not reaches(cid, targets, kind):
                findings.append(Finding(fkind, severity, text.format(label(cid)), (art.number,)))
    for art in draft.articles():
        for req in art.requires:
            if not present(req):
                findings.append(Finding("missing-requirement", "high",
                                        f"Article {art.number} ({art.title.en}) requires {req}, which is not in the draft",
                                        (art.number,)))
        for ref in art.references:
            if not present(ref):
                findings.append(Finding("dangling-reference", "high",
                                        f"Article {art.number} ({art.title.en}) refers to {ref}, which is not in the draft",
                                        (art.number,)))
    defined = {n.split(":", 1)[1]: src for src, n, d in g.edges(data=True) if d["kind"] == "defines"}
    users: dict[str, set] = {}
    for src, dst, data in g.edges(data=True):  # terms in articles lawkit wrote (a foreign law defines its own)
        if data["kind"] == "uses-term" and g.nodes[src].get("kind") != "definition" and g.nodes[src].get("id"):
            users.setdefault(dst.split(":", 1)[1], set()).add(g.nodes[src]["article"])
    for tid, src in sorted(defined.items()):
        if tid not in users:
            term = corpus.terms.get(tid)
            findings.append(Finding("term-never-used", "low", f"the defined term \"{term.en if term else tid}\" "
                                    "is not used outside the definitions", (g.nodes[src]["article"],)))
    for tid, used_in in sorted(users.items()):
        if tid not in defined:
            term = corpus.terms[tid]
            where = next((c.id for c in corpus.clauses.values() if c.term == tid), "its definition clause")
            findings.append(Finding("term-not-defined", "medium", f"\"{term.en}\" («{term.ar}») is used but not "
                                    f"defined in the draft (add {where})", tuple(sorted(used_in))))
    return findings


def _weaker(draft: Draft, corpus: Corpus, chosen: list[str]) -> list[Finding]:
    findings = []
    for name, value in sorted(draft.parameters.items()):
        param = corpus.parameters.get(name)
        if param is None or isinstance(value, dict) or not isinstance(value, (int, float)):
            continue
        users = _users(draft, corpus, {name})
        for mark in param.benchmarks:
            if mark.standard in chosen and not mark.met_by(value):
                std = corpus.standards[mark.standard]
                prov = std.provision(mark.ref)
                findings.append(Finding(
                    "weaker-parameter", "high",
                    f"{name} = {value:g}{' ' + param.unit.en if param.unit and param.unit.en else ''} is weaker than "
                    f"{std.short} Art. {mark.ref} ({prov.title if prov else ''}), which sets {mark.op} {mark.value:g}",
                    users))
    for art in draft.articles():
        if art.weaker:
            named = ", ".join(f"{corpus.standards[s].short if s in corpus.standards else s} Art. {r}"
                              for s, r in art.weaker.get("provisions", []))
            findings.append(Finding("weaker-variant", "high",
                                    f"Article {art.number} ({art.title.en}) uses the variant '{art.variant}', which "
                                    f"falls short of {named}: {art.weaker.get('reason', '')}", (art.number,)))
    return findings


def _amounts(draft: Draft, corpus: Corpus) -> list[Finding]:
    """Amounts of money left at the corpus defaults (placeholders sized in euros) in a law that names its currency."""
    currency, default = draft.parameters.get("currency"), corpus.parameters.get("currency")
    if not isinstance(currency, Text) or default is None or currency.en == default.default.en:
        return []
    unset = sorted(name for name, value in draft.parameters.items() if name in corpus.parameters
                   and corpus.parameters[name].type == "money" and value == corpus.parameters[name].default)
    if not unset:
        return []
    return [Finding("amount-not-set", "medium",
                    f"{', '.join(unset)} keep the corpus defaults, placeholders sized in euros, but the law's "
                    f"currency is {currency.en}: set each amount (--set NAME=AMOUNT or the template's "
                    "[parameters])", _users(draft, corpus, set(unset)))]


def _users(draft: Draft, corpus: Corpus, names: set) -> tuple[int, ...]:
    """Numbers of the articles whose clauses use any of these parameters."""
    return tuple(a.number for a in draft.articles()
                 if any(cid in corpus.clauses and names & corpus.clauses[cid].parameters() for cid in a.members()))
