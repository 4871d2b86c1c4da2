"""Cross-file validation of a loaded corpus: references, cycles, parameters, mappings, terminology."""

from __future__ import annotations

from pathlib import Path

from toolkit import arabic, terms as term_finder
from toolkit.corpus import RELATIONS, Clause, Corpus
from toolkit.errors import Problem, ProblemList
from toolkit.text import LANGS, PARAM, REF


def _source_line(clause: Clause, needle: str, after: str = "") -> int:
    """Line of the first occurrence of `needle` in the clause file (after the line holding `after`)."""
    lines = clause.lines["_source"].splitlines()
    start = next((i for i, line in enumerate(lines) if after and after in line), 0)
    for i in range(start, len(lines)):
        if needle in lines[i]:
            return i + 1
    return 1


def _all_clauses(corpus: Corpus):
    for group in corpus.variants.values():
        yield from group.values()


def requires_cycle(corpus: Corpus) -> list[str] | None:
    """A cycle of `requires` among the corpus's clauses (all variants), as a closed list of ids."""
    edges = {cid: sorted({r for c in group.values() for r in c.requires if r in corpus.clauses})
             for cid, group in corpus.variants.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in edges.get(node, ()):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def check(corpus: Corpus, base: Path) -> list[Problem]:
    problems = ProblemList(base)
    glossary = tuple(corpus.terms.values())
    for clause in _all_clauses(corpus):
        _check_clause(corpus, clause, glossary, problems)
    cycle = requires_cycle(corpus)
    if cycle:
        first = corpus.clauses[cycle[0]]
        problems.add(first.path, first.line("requires"), "'requires' cycle: " + " -> ".join(cycle) +
                     " (turn one of these into a plain [[reference]])")
    for param in corpus.parameters.values():
        for mark in param.benchmarks:
            std = corpus.standards.get(mark.standard)
            if std is None or std.provision(mark.ref) is None:
                problems.add(corpus.root / "parameters.toml", _param_line(corpus, param.name),
                             f"parameter {param.name}: benchmark names unknown provision {mark.standard} {mark.ref}")
    return list(problems)


def _param_line(corpus: Corpus, name: str) -> int:
    lines = (corpus.root / "parameters.toml").read_text(encoding="utf-8").splitlines()
    return next((i + 1 for i, line in enumerate(lines) if line.strip() == f"[{name}]"), 1)


def _check_clause(corpus: Corpus, clause: Clause, glossary, problems: ProblemList) -> None:
    add = lambda line, msg: problems.add(clause.path, line, msg)  # noqa: E731
    for rid in clause.requires:
        if rid not in corpus.clauses:
            add(_source_line(clause, f'"{rid}"', "requires"), f"requires '{rid}', which is no clause in the corpus")
        elif rid == clause.id:
            add(clause.line("requires"), "a clause cannot require itself")
    for rid in clause.excludes:
        if rid.split("@")[0] not in corpus.clauses:
            add(_source_line(clause, f'"{rid}"', "excludes"), f"excludes '{rid}', which is no clause in the corpus")
    for m in clause.implements:
        line = _source_line(clause, f'"{m.ref}"', "implements")
        std = corpus.standards.get(m.standard)
        if std is None:
            add(line, f"implements unknown standard '{m.standard}' (known: {', '.join(sorted(corpus.standards))})")
        elif std.provision(m.ref) is None:
            add(line, f"implements {m.standard} '{m.ref}', which is no provision of {std.short} "
                      f"(see `lawkit standards show {m.standard}`)")
        if m.relation not in RELATIONS:
            add(line, f"unknown relation '{m.relation}' (known: {', '.join(RELATIONS)})")
    if clause.weaker:
        for sid, ref in clause.weaker.provisions:
            if sid not in corpus.standards or corpus.standards[sid].provision(ref) is None:
                add(clause.line("weaker"), f"'weaker' names unknown provision {sid} {ref}")
    if clause.kind == "definition":
        if clause.term not in corpus.terms:
            add(clause.line("term") if clause.term else 1,
                "definition clause must name its glossary term: term = \"<id from glossary.toml>\""
                if not clause.term else f"term '{clause.term}' is not in glossary.toml")
    elif clause.term:
        add(clause.line("term"), "'term' belongs only on definition clauses (kind = \"definition\")")
    body = clause.body
    if set(LANGS) <= set(body):
        _check_body(corpus, clause, glossary, add)


def _check_body(corpus: Corpus, clause: Clause, glossary, add) -> None:
    en, ar = clause.body["en"], clause.body["ar"]
    ar_line = clause.line("## ar")
    en_line = clause.line("## en")
    ar_text = " ".join(s for p in ar for s in p.strings())
    en_text = " ".join(s for p in en for s in p.strings())
    if not arabic.is_arabic(REF.sub("", PARAM.sub("", ar_text))):
        add(ar_line, "the '## ar' section is not Arabic script: write the Arabic text there")
    numbered = [sum(p.numbered for p in paras) for paras in (en, ar)]
    if numbered[0] != numbered[1]:
        add(ar_line, f"'## en' has {numbered[0]} numbered paragraph(s) but '## ar' has {numbered[1]}: "
                     "paragraph n must say the same in both languages")
    elif len(en) == len(ar):
        for n, (pe, pa) in enumerate(zip(en, ar), 1):
            if len(pe.items) != len(pa.items):
                add(ar_line, f"paragraph {n} has {len(pe.items)} item(s) in '## en' but {len(pa.items)} in '## ar'")
    for lang, text in (("en", en_text), ("ar", ar_text)):
        for name in PARAM.findall(text):
            if name not in corpus.parameters:
                add(_source_line(clause, "{{" + name, f"## {lang}"),
                    f"undeclared parameter {{{{{name}}}}}: declare it in parameters.toml")
        for rid, _ in REF.findall(text):
            if rid not in corpus.clauses:
                add(_source_line(clause, f"[[{rid}", f"## {lang}"),
                    f"cross-reference [[{rid}]] points at no clause in the corpus")
    en_terms = term_finder.find_en(REF.sub(" ", en_text), glossary)
    ar_terms = term_finder.find_ar(REF.sub(" ", ar_text), glossary)
    for tid in sorted(en_terms - ar_terms):
        term = corpus.terms[tid]
        add(_source_line(clause, term.en.split()[0], "## en") if term.en.split()[0] in en_text else en_line,
            f"the English uses the defined term \"{term.en}\" but the Arabic never uses its glossary form "
            f"«{term.ar}»: use that form (or add the inflection to ar_forms in glossary.toml)")
    for tid in sorted(term_finder.find_avoided(REF.sub(" ", ar_text), glossary)):
        term = corpus.terms[tid]
        line = next((_source_line(clause, f, "## ar") for f in term.ar_avoid if f in clause.lines["_source"]), ar_line)
        add(line, f"the Arabic uses a form glossary.toml rules out for \"{term.en}\" "
                     f"({', '.join('«' + f + '»' for f in term.ar_avoid)}): write «{term.ar}»")
