"""Template + corpus → Draft: select clauses, pull in what they require, number, fill, resolve references."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, replace

from toolkit import arabic, numbering
from toolkit.corpus import Clause, Corpus
from toolkit.draft import Article, Chapter, Draft
from toolkit.errors import LawkitError
from toolkit.template import Template
from toolkit.text import LANGS, PARAM, REF, Paragraph, Text


@dataclass
class _Chapter:
    spec_index: int
    clauses: list  # of Clause


def _is_glob(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


def _matches(pattern: str, cid: str) -> bool:
    return fnmatch.fnmatchcase(cid, pattern) if _is_glob(pattern) else cid == pattern


def parameter_values(corpus: Corpus, template: Template, sets: dict) -> dict:
    """Defaults, then the template's values, then --set values; each typed and range-checked."""
    values = {name: p.default for name, p in corpus.parameters.items()}
    for name, raw in template.parameters.items():
        if name not in corpus.parameters:
            raise LawkitError(f"{template.path}: [parameters] sets unknown parameter '{name}' "
                              "(see corpus/parameters.toml)")
        try:
            values[name] = corpus.parameters[name].coerce(raw)
        except ValueError as exc:
            raise LawkitError(f"{template.path}: [parameters] {exc}") from None
    texts: dict[str, dict] = {}
    for key, raw in sets.items():
        name, _, lang = key.partition(".")
        param = corpus.parameters.get(name)
        if param is None:
            raise LawkitError(f"--set {key}: unknown parameter '{name}' (see `lawkit corpus check` / parameters.toml)")
        if param.type == "text":
            if lang not in LANGS:
                raise LawkitError(f"--set {key}: {name} is text in two languages: --set {name}.en=… --set {name}.ar=…")
            texts.setdefault(name, {"en": values[name].en, "ar": values[name].ar})[lang] = raw
            continue
        if lang:
            raise LawkitError(f"--set {key}: {name} is a number; write --set {name}=VALUE")
        try:
            values[name] = param.coerce(raw)
        except ValueError as exc:
            raise LawkitError(f"--set {key}={raw}: {exc}") from None
    for name, pair in texts.items():
        values[name] = Text(pair["en"], pair["ar"])
    return values


COUNTED = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}(\s+)([A-Za-z]+|[\u0621-\u0652]+)")
_EN_UNITS = {"days": "day", "hours": "hour", "weeks": "week", "months": "month", "years": "year"}


def _counted(m, values: dict, corpus: Corpus, lang: str) -> str:
    """A whole-number parameter and the unit after it, agreeing: "1 day", «يومين», «30 يوماً»."""
    name, space, word = m.groups()
    value = values.get(name)
    if not isinstance(value, int) or corpus.parameters[name].type != "int":
        return m.group(0)
    if lang == "en":
        return f"{value}{space}{_EN_UNITS[word]}" if value == 1 and word in _EN_UNITS else m.group(0)
    noun = arabic.counted_noun(word)
    return arabic.count_phrase(value, noun, str(value)) if noun else m.group(0)


def _format_value(value, param, lang: str) -> str:
    if isinstance(value, Text):
        return value[lang]
    if param.type == "money":
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class _Assembly:
    def __init__(self, corpus: Corpus, template: Template, variants: dict, exclude: list, include: list):
        self.corpus = corpus
        self.template = template
        self.report: list[str] = []
        self.variants = self._variants({**template.variants, **variants})
        self.excluded = self._excluded([*template.exclude, *exclude])
        self.external: dict[str, Text] = {}  # clause id -> title of the other law that carries it
        for law in template.external:
            for pattern in law.clauses:
                if not any(_matches(pattern, cid) for cid in corpus.clauses):
                    raise LawkitError(f"{template.path}: [[external]] \"{law.title.en}\" lists '{pattern}', "
                                      "which matches no clause in the corpus")
        self.chapters = [_Chapter(i, []) for i in range(len(template.chapters))]
        self.placed: dict[str, int] = {}
        self.added: dict[str, str] = {}
        self._select()
        for cid in include:
            if cid not in corpus.clauses:
                raise LawkitError(f"--include {cid}: unknown clause id (see `lawkit corpus list`)")
            if cid not in self.placed:
                self._place(cid, self._natural_chapter(cid, None), "included on request")
                self.added[cid] = ""
        self._resolve()
        self._check_exclusive()

    def clause(self, cid: str) -> Clause:
        return self.corpus.clause(cid, self.variants.get(cid, ""))

    def _variants(self, chosen: dict) -> dict:
        for cid, name in chosen.items():
            self.corpus.clause(cid, name)  # raises a clear error for an unknown clause or variant
        return chosen

    def _excluded(self, patterns: list) -> set:
        out = set()
        for pattern in patterns:
            hits = {cid for cid in self.corpus.clauses if _matches(pattern, cid)}
            if not hits:
                raise LawkitError(f"--exclude {pattern}: matches no clause in the corpus")
            out |= hits
        return out

    def other_law(self, cid: str) -> Text | None:
        """The other law that carries a clause this draft does not, if the template names one."""
        if cid in self.placed:
            return None
        law = next((law for law in self.template.external if any(_matches(p, cid) for p in law.clauses)), None)
        if law is not None:
            self.external[cid] = law.title
        return law.title if law else None

    def _select(self) -> None:
        for index, spec in enumerate(self.template.chapters):
            for pattern in spec.clauses:
                if _is_glob(pattern):
                    ids = sorted((c for c in self.corpus.clauses if _matches(pattern, c)),
                                 key=lambda c: (self.corpus.clauses[c].order, c))
                else:
                    if pattern not in self.corpus.clauses:
                        raise LawkitError(f"{self.template.path}: chapter \"{spec.title.en}\" lists unknown clause "
                                          f"id '{pattern}' (see `lawkit corpus list`)")
                    ids = [pattern]
                for cid in ids:
                    if cid not in self.placed and cid not in self.excluded:
                        self._place(cid, index)

    def _place(self, cid: str, index: int, why: str = "") -> None:
        self.placed[cid] = index
        self.chapters[index].clauses.append(self.clause(cid))
        if why:
            self.report.append(f"added {cid} to chapter \"{self.template.chapters[index].title.en}\": {why}")

    def _natural_chapter(self, cid: str, fallback: int | None) -> int:
        for index, spec in enumerate(self.template.chapters):
            if any(_is_glob(p) and _matches(p, cid) for p in spec.clauses):
                return index
        area = cid.rsplit(".", 1)[0]
        for other, index in self.placed.items():
            if other.rsplit(".", 1)[0] == area:
                return index
        return fallback if fallback is not None else len(self.chapters) - 1

    def _resolve(self) -> None:
        queue = list(self.placed)
        while queue:
            cid = queue.pop(0)
            for req in self.clause(cid).requires:
                if req in self.placed:
                    continue
                if req in self.external:
                    continue
                if (law := self.other_law(req)) is not None:
                    self.report.append(f"left to {law.en}: {req}, required by {cid}")
                    continue
                if req in self.excluded:
                    self.report.append(f"broken: {cid} requires {req}, which is excluded")
                    continue
                self._place(req, self._natural_chapter(req, self.placed[cid]), f"required by {cid}")
                self.added[req] = cid
                queue.append(req)

    def _check_exclusive(self) -> None:
        for cid in self.placed:
            clause = self.clause(cid)
            for other in clause.excludes:
                oid, _, variant = other.partition("@")
                if oid in self.placed and (not variant or self.variants.get(oid, self.corpus.clauses[oid].variant) == variant):
                    raise LawkitError(f"conflicting choices: {cid}"
                                      f"{'@' + clause.variant if clause.variant else ''} excludes {other}, "
                                      "and both are in the draft; exclude one or choose another variant")


def assemble(corpus: Corpus, template: Template, sets: dict | None = None, variants: dict | None = None,
             exclude: list | None = None, include: list | None = None) -> Draft:
    """Build the draft a template describes."""
    from toolkit.corpus import corpus_hash

    values = parameter_values(corpus, template, sets or {})
    plan = _Assembly(corpus, template, variants or {}, exclude or [], include or [])
    style = template.style
    # group each chapter's clauses into articles: consecutive definitions make one article
    grouped: list[tuple[int, list[list[Clause]]]] = []
    for chapter in plan.chapters:
        if not chapter.clauses:
            continue
        groups: list[list[Clause]] = []
        for clause in chapter.clauses:
            if clause.kind == "definition" and groups and groups[-1][0].kind == "definition":
                groups[-1].append(clause)
            else:
                groups.append([clause])
        grouped.append((chapter.spec_index, groups))
    where: dict[str, tuple[int, int]] = {}  # clause id -> (article number, paragraph offset)
    n = 0
    for _, groups in grouped:
        for group in groups:
            n += 1
            for clause in group:
                where[clause.id] = (n, 0)
    missing_refs: set[str] = set()

    def fill(text: str, lang: str, origin: str) -> str:
        def ref(m):
            target, para = m.group(1), m.group(2)
            if target not in where and (law := plan.other_law(target)) is not None:
                return law[lang]
            if target not in where:
                missing_refs.add(f"{origin} refers to {target}, which is not in this draft")
                return f"[{target} — not in this draft]"
            return numbering.reference(where[target][0], int(para) if para else None, lang, style)

        text = REF.sub(ref, text)
        text = COUNTED.sub(lambda m: _counted(m, values, corpus, lang), text)
        text = PARAM.sub(lambda m: _format_value(values[m.group(1)], corpus.parameters[m.group(1)], lang), text)
        return numbering.digits(text, style) if lang == "ar" else text

    chapters = []
    n = 0
    for chapter_no, (spec_index, groups) in enumerate(grouped, 1):
        spec = template.chapters[spec_index]
        articles = []
        for group in groups:
            n += 1
            articles.append(_article(n, group, fill, template))
        chapters.append(Chapter(chapter_no, Text(spec.title.en, numbering.digits(spec.title.ar, style)),
                                tuple(articles), spec.part))
    used_parts = {c.part for c in chapters}
    report = [*plan.report, *sorted(missing_refs)]
    report += [f"excluded {cid}" for cid in sorted(plan.excluded)]
    law = template.law
    law = replace(law, **{k: Text(getattr(law, k).en, numbering.digits(getattr(law, k).ar, style))
                          for k in ("title", "short_title", "number", "enactment", "closing")})
    return Draft(
        law=law, chapters=tuple(chapters), languages=template.languages, style=style,
        parts=tuple(p for p in template.parts if p[0] in used_parts),
        parameters={name: values[name] for name in sorted({n for cid in plan.placed for n in plan.clause(cid).parameters()})},
        standards=template.standards, template=template.name, corpus_hash=corpus_hash(corpus.root),
        report=tuple(report), added=plan.added, external=dict(sorted(plan.external.items())),
    )


def _article(n: int, group: list[Clause], fill, template: Template) -> Article:
    first = group[0]
    if first.kind == "definition":
        title, intro = template.definitions
        paragraphs = {lang: (Paragraph(intro[lang], numbered=False),) + tuple(
            Paragraph(fill(c.body[lang][0].text, lang, c.id), numbered=False, clause=c.id) for c in group)
            for lang in LANGS}
        clause_id = first.area
        requires = tuple(dict.fromkeys(r for c in group for r in c.requires))
        implements = tuple(dict.fromkeys(m for c in group for m in c.implements))
        kind = "definition"
        variant, weaker = "", None
    else:
        title = first.title
        paragraphs = {lang: tuple(p.map(lambda s, lang=lang: fill(s, lang, first.id)) for p in first.body[lang])
                      for lang in LANGS}
        clause_id, requires, implements, kind = first.id, first.requires, first.implements, first.kind
        variant = first.variant
        weaker = first.weaker.as_dict() if first.weaker else None
    references = tuple(dict.fromkeys(r for c in group for r in c.references()))
    style = template.style
    return Article(n, Text(title.en, numbering.digits(title.ar, style)), paragraphs, clause=clause_id,
                   variant=variant, kind=kind, requires=requires, references=references,
                   implements=implements, weaker=weaker)
