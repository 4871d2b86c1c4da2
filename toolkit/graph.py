"""The draft as a networkx graph: clauses, terms, parameters and provisions, with typed edges.

Edge kinds: requires, references (clause → clause), defines (definition → term), uses-term,
uses-parameter, implements (clause → provision, with the OSCAL relation).
"""

from __future__ import annotations

import json

import networkx as nx

from toolkit import terms as term_finder
from toolkit.corpus import Corpus
from toolkit.draft import Draft
from toolkit.errors import LawkitError


def clause_node(cid: str) -> str:
    return f"clause:{cid}"


def build(draft: Draft, corpus: Corpus) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name=draft.law.short_title.en or draft.template)
    glossary = tuple(corpus.terms.values())
    for art in draft.articles():
        for cid in art.members():
            g.add_node(clause_node(cid), type="clause", id=cid, article=art.number, kind=art.kind,
                       title=art.title.en)
    for art in draft.articles():
        source = clause_node(art.members()[0]) if art.members() else f"article:{art.number}"
        if not art.members():  # an imported article lawkit did not write
            g.add_node(source, type="clause", id="", article=art.number, kind=art.kind, title=art.title.en)
        for req in art.requires:
            g.add_edge(source, clause_node(req), kind="requires")
        for ref in art.references:
            g.add_edge(source, clause_node(ref), kind="references")
        for m in art.implements:
            node = f"provision:{m.standard}:{m.ref}"
            std = corpus.standards.get(m.standard)
            prov = std.provision(m.ref) if std else None
            g.add_node(node, type="provision", standard=m.standard, ref=m.ref,
                       title=prov.title if prov else "", weight=prov.weight if prov else "")
            g.add_edge(source, node, kind="implements", relation=m.relation, inferred=m.inferred)
        for lang, find in (("en", term_finder.find_en), ("ar", term_finder.find_ar)):
            for tid in find(art.text(lang), glossary):
                g.add_node(f"term:{tid}", type="term", id=tid, en=corpus.terms[tid].en, ar=corpus.terms[tid].ar)
                if not g.has_edge(source, f"term:{tid}"):
                    g.add_edge(source, f"term:{tid}", kind="uses-term")
        for para_clause in art.members():
            clause = corpus.clauses.get(para_clause)
            if clause is not None and clause.kind == "definition" and clause.term:
                g.add_node(f"term:{clause.term}", type="term", id=clause.term)
                g.add_edge(clause_node(para_clause), f"term:{clause.term}", kind="defines")
            if clause is not None:
                for name in sorted(clause.parameters()):
                    g.add_node(f"param:{name}", type="parameter", id=name, value=str(draft.parameters.get(name, "")))
                    g.add_edge(clause_node(para_clause), f"param:{name}", kind="uses-parameter")
    for node, data in g.nodes(data=True):  # nodes reached only by an edge: another law's clause, or a missing one
        if "type" not in data:
            cid = node.split(":", 1)[1]
            law = draft.external.get(cid)
            data.update({"type": "external", "id": cid, "law": law.en} if law else {"type": "missing", "id": cid})
    return g


def why(draft: Draft, clause_id: str) -> list[str]:
    """The chain of requirements that brought a clause into the draft, from the template's own choice."""
    if draft.article_for(clause_id) is None:
        raise LawkitError(f"'{clause_id}' is not in this draft (see `lawkit build` report or `lawkit corpus list`)")
    chain = [clause_id]
    while chain[-1] in draft.added and draft.added[chain[-1]]:
        chain.append(draft.added[chain[-1]])
        if len(chain) > len(draft.added) + 1:
            break
    lines = []
    root = chain[-1]
    how = "was asked for with --include" if root in draft.added else "is listed by the template"
    art = draft.article_for(root)
    lines.append(f"{root} (Article {art.number}) {how}")
    for below, above in zip(reversed(chain[:-1]), reversed(chain[1:])):
        art = draft.article_for(below)
        lines.append(f"  {above} requires {below} (Article {art.number})")
    return lines


def export(g: nx.MultiDiGraph, fmt: str) -> str:
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(g, prettyprint=True)) + "\n"
    if fmt == "json":
        return json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, indent=2) + "\n"
    if fmt == "dot":
        def q(s):
            return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'
        shapes = {"clause": "box", "term": "ellipse", "parameter": "diamond", "provision": "note", "missing": "octagon",
                  "external": "folder"}
        lines = [f"digraph {q(g.graph.get('name', 'draft'))} {{", "  rankdir=LR;"]
        for node, data in g.nodes(data=True):
            label = data.get("id", node) if data["type"] != "provision" else f"{data['standard']} {data['ref']}"
            lines.append(f"  {q(node)} [label={q(label)}, shape={shapes[data['type']]}];")
        for a, b, data in g.edges(data=True):
            lines.append(f"  {q(a)} -> {q(b)} [label={q(data['kind'])}];")
        return "\n".join(lines) + "\n}\n"
    raise LawkitError(f"unknown graph format '{fmt}' (graphml, dot, json)")
