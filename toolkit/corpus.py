"""The corpus: clause files, glossary, parameters and standards, loaded into immutable objects.

Loading never stops at the first problem: every problem is recorded with its file and line, so that
`lawkit corpus check` can list them all.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from toolkit.errors import LawkitError, ProblemList
from toolkit.text import LANGS, PARAM, REF, Paragraph, Text
from toolkit import arabic

KINDS = ("general", "definition", "principle", "right", "obligation", "power", "remedy", "sanction",
         "offence", "procedure", "safeguard", "institution", "exemption", "final")
RELATIONS = ("equal", "subset", "superset", "intersects")
WEIGHTS = ("core", "expected", "optional", "n/a")
PARAM_TYPES = ("int", "float", "money", "percent", "text")
OPS = ("<=", "<", ">=", ">", "==")
CLAUSE_FIELDS = {"id", "title", "kind", "order", "requires", "implements", "excludes", "variant", "weaker", "term"}
ID_RE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


@dataclass(frozen=True)
class Mapping:
    """A clause implements a provision of a standard, with an OSCAL relation."""

    standard: str
    ref: str
    relation: str
    note: str = ""
    inferred: bool = False  # found by matching an article's text, not stated by a clause

    @property
    def full(self) -> bool:
        return self.relation in ("equal", "superset")


@dataclass(frozen=True)
class Weakness:
    reason: str
    provisions: tuple[tuple[str, str], ...]

    def as_dict(self) -> dict:
        return {"reason": self.reason, "provisions": [list(p) for p in self.provisions]}


@dataclass(frozen=True)
class Clause:
    id: str
    title: Text
    kind: str
    body: dict  # lang -> tuple[Paragraph, ...]
    path: Path
    order: int = 1000
    requires: tuple[str, ...] = ()
    implements: tuple[Mapping, ...] = ()
    excludes: tuple[str, ...] = ()
    variant: str = ""
    weaker: Weakness | None = None
    term: str = ""
    lines: dict = field(default_factory=dict, compare=False)  # what -> line in the file

    @property
    def area(self) -> str:
        return self.id.rsplit(".", 1)[0]

    def line(self, what: str) -> int:
        return self.lines.get(what, 1)

    def strings(self):
        """Every paragraph and item text, in both languages."""
        return (s for paras in self.body.values() for p in paras for s in p.strings())

    def parameters(self) -> set[str]:
        return {name for s in self.strings() for name in PARAM.findall(s)}

    def references(self) -> tuple[str, ...]:
        """The clauses its text cross-refers to, in order of first mention."""
        return tuple(dict.fromkeys(m.group(1) for s in self.strings() for m in REF.finditer(s)))


@dataclass(frozen=True)
class Term:
    id: str
    en: str
    ar: str
    ar_forms: tuple[str, ...] = ()
    ar_avoid: tuple[str, ...] = ()


@dataclass(frozen=True)
class Benchmark:
    standard: str
    ref: str
    op: str
    value: float

    def met_by(self, value: float) -> bool:
        return {"<=": value <= self.value, "<": value < self.value, ">=": value >= self.value,
                ">": value > self.value, "==": value == self.value}[self.op]


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: object  # int/float, or Text for text parameters
    unit: Text | None = None
    min: float | None = None
    max: float | None = None
    description: str = ""
    benchmarks: tuple[Benchmark, ...] = ()

    def coerce(self, raw) -> object:
        """A value of this parameter's type from TOML or the command line; ValueError says why not."""
        if self.type == "text":
            if isinstance(raw, Text):
                return raw
            if isinstance(raw, dict) and set(raw) == {"en", "ar"}:
                return Text(str(raw["en"]), str(raw["ar"]))
            raise ValueError(f"{self.name} is text: give {{ en = \"…\", ar = \"…\" }} in a template, "
                             f"or --set {self.name}.en=… and --set {self.name}.ar=…")
        try:
            value = int(raw) if self.type in ("int", "money") else float(raw)
        except (TypeError, ValueError):
            raise ValueError(f"{self.name} must be a {'whole number' if self.type in ('int', 'money') else 'number'}, "
                             f"not {raw!r}") from None
        if isinstance(raw, float) and self.type in ("int", "money") and raw != int(raw):
            raise ValueError(f"{self.name} must be a whole number, not {raw!r}")
        if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
            raise ValueError(f"{self.name} = {raw} is outside its allowed range {self.min:g}–{self.max:g}")
        return value


@dataclass(frozen=True)
class Provision:
    ref: str
    title: str
    weight: str
    topic: str = ""
    title_ar: str = ""
    part: str = ""
    paraphrase: bool = False


@dataclass(frozen=True)
class Standard:
    id: str
    short: str
    title: Text
    provisions: tuple[Provision, ...]
    citation: str = ""
    url: str = ""
    version: str = ""
    source: str = ""
    weights_note: str = ""

    def provision(self, ref: str) -> Provision | None:
        return next((p for p in self.provisions if p.ref == ref), None)


@dataclass(frozen=True)
class Corpus:
    root: Path
    clauses: dict  # id -> Clause (the default variant)
    variants: dict  # id -> {variant name -> Clause}
    terms: dict  # id -> Term
    parameters: dict  # name -> Parameter
    standards: dict  # id -> Standard

    def clause(self, cid: str, variant: str = "") -> Clause:
        if cid not in self.clauses:
            raise LawkitError(f"unknown clause id '{cid}': see `lawkit corpus list`")
        if not variant:
            return self.clauses[cid]
        if variant not in self.variants[cid]:
            known = ", ".join(sorted(self.variants[cid]))
            raise LawkitError(f"clause '{cid}' has no variant '{variant}' (it has: {known})")
        return self.variants[cid][variant]


# ---------------------------------------------------------------- loading

_TOML_LINE = re.compile(r"at line (\d+)")


def _toml(text: str, path: Path, problems: ProblemList, offset: int = 0) -> dict | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        problems.add(path, offset + (int(m.group(1)) if m else 1), f"TOML syntax error: {exc}")
        return None


def _line_of(lines: list[str], needle: str, start: int = 0, default: int = 1) -> int:
    """1-based number of the first line from `start` (0-based) containing `needle`."""
    for i in range(start, len(lines)):
        if needle in lines[i]:
            return i + 1
    return default


def _key_line(lines: list[str], key: str, default: int = 1) -> int:
    pat = re.compile(rf"^\s*{re.escape(key)}\s*=")
    return next((i + 1 for i, line in enumerate(lines) if pat.match(line)), default)


def _text(value, what: str, where: int, path: Path, problems: ProblemList) -> Text:
    if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGS):
        problems.add(path, where, f"{what} must be {{ en = \"…\", ar = \"…\" }} with both languages non-empty")
        return Text("", "")
    extra = set(value) - set(LANGS)
    if extra:
        problems.add(path, where, f"{what} has unknown language key(s) {', '.join(sorted(extra))}: use en and ar")
    return Text(value["en"].strip(), value["ar"].strip())


# Only the block structure matters here (headings, lists, paragraphs); inline Markdown stays as source text.
_MD = MarkdownIt("zero").enable(["heading", "list"]).disable("inline")


def parse_body(body: str, path: Path, first_line: int, problems: ProblemList) -> tuple[dict, dict]:
    """Split a clause body into its `## en` / `## ar` sections and parse each into paragraphs.

    Returns (lang -> paragraphs, lang -> line of its heading)."""
    tokens = _MD.parse(body)
    sections: dict[str, list] = {}
    heads: dict[str, int] = {}
    current = None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h2":
            name = tokens[i + 1].content.strip()
            line = first_line + tok.map[0]
            if name not in LANGS:
                problems.add(path, line, f"unknown section '## {name}': a clause has exactly '## en' and '## ar'")
                current = None
                continue
            if name in sections:
                problems.add(path, line, f"section '## {name}' appears twice")
            current = name
            sections[name] = []
            heads[name] = line
        elif current is not None and tok.type != "heading_close" and not (
                i > 0 and tokens[i - 1].type == "heading_open"):
            sections[current].append(tok)
    result = {}
    for lang in LANGS:
        if lang not in sections:
            problems.add(path, first_line + body.count("\n"), f"missing section '## {lang}'")
            continue
        result[lang] = _paragraphs(sections[lang], path, first_line, problems, lang)
        if not result[lang]:
            problems.add(path, heads[lang], f"section '## {lang}' is empty")
    return result, heads


def _inline_after(tokens: list, i: int) -> tuple[str, int]:
    """The inline content of the paragraph opened at tokens[i], and the index after it."""
    j = i
    while tokens[j].type != "inline":
        j += 1
    return tokens[j].content.replace("\n", " ").strip(), j + 2


def _paragraphs(tokens: list, path: Path, first_line: int, problems: ProblemList, lang: str) -> tuple[Paragraph, ...]:
    out: list[Paragraph] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "paragraph_open" and tok.level == 0:
            text, i = _inline_after(tokens, i)
            out.append(Paragraph(text, numbered=False))
            continue
        if tok.type == "bullet_list_open" and tok.level == 0:
            line = first_line + tok.map[0]
            problems.add(path, line, f"'## {lang}': a top-level bullet list; number the paragraphs (1., 2., …) "
                                     "and put lettered items as '-' bullets under a numbered paragraph")
        if tok.type == "list_item_open" and tok.level == 1:
            # a numbered paragraph: its own text, then nested items
            text, i = _inline_after(tokens, i)
            items: list[str] = []
            depth = 0
            while i < len(tokens) and not (tokens[i].type == "list_item_close" and tokens[i].level == 1):
                t = tokens[i]
                if t.type == "paragraph_open" and t.level >= 4 and depth == 0:
                    content, i = _inline_after(tokens, i)
                    items.append(content)
                    continue
                if t.type == "paragraph_open" and t.level == 2:
                    more, i = _inline_after(tokens, i)
                    text = f"{text} {more}"
                    continue
                i += 1
            out.append(Paragraph(text, tuple(items), numbered=True))
        i += 1
    return tuple(out)


def _string_list(meta: dict, key: str, path: Path, lines: list[str], problems: ProblemList) -> tuple[str, ...]:
    value = meta.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add(path, _key_line(lines, key) + 1, f"'{key}' must be a list of clause ids")
        return ()
    return tuple(value)


def load_clause(path: Path, problems: ProblemList) -> Clause | None:
    raw = path.read_text(encoding="utf-8")
    lines = raw.splitlines()
    if not lines or lines[0].strip() != "+++":
        problems.add(path, 1, "a clause file starts with a '+++' line, then TOML front matter, then '+++'")
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), None)
    if end is None:
        problems.add(path, 1, "front matter is not closed: add a second '+++' line after it")
        return None
    fm_lines = [""] + lines[1:end]  # fm_lines[i] is file line i+1 (index 0 is the '+++' line)
    meta = _toml("\n".join(lines[1:end]), path, problems, offset=1)
    if meta is None:
        return None

    def at(key: str) -> int:
        return _key_line(fm_lines, key)

    for key in sorted(set(meta) - CLAUSE_FIELDS):
        problems.add(path, at(key), f"unknown field '{key}' (known: {', '.join(sorted(CLAUSE_FIELDS))})")
    for key in ("id", "title", "kind"):
        if key not in meta:
            problems.add(path, 1, f"missing required field '{key}'")
    cid = meta.get("id", "")
    if not isinstance(cid, str) or not ID_RE.match(cid):
        if "id" in meta:
            problems.add(path, at("id"), f"bad id {cid!r}: dot-separated lower-case segments, e.g. 'dp.rights.erasure'")
        cid = ""
    title = _text(meta.get("title"), "title", at("title"), path, problems) if "title" in meta else Text("", "")
    kind = meta.get("kind", "")
    if kind and kind not in KINDS:
        problems.add(path, at("kind"), f"unknown kind '{kind}' (known: {', '.join(KINDS)})")
    order = meta.get("order", 1000)
    if not isinstance(order, int):
        problems.add(path, at("order"), "'order' must be a whole number")
        order = 1000
    implements = []
    for entry in meta.get("implements", []):
        if not isinstance(entry, dict) or not {"standard", "ref", "relation"} <= set(entry) or \
                set(entry) - {"standard", "ref", "relation", "note"}:
            problems.add(path, at("implements"), "each 'implements' entry is { standard, ref, relation } "
                                                 "with an optional note")
            continue
        implements.append(Mapping(str(entry["standard"]), str(entry["ref"]), str(entry["relation"]),
                                  str(entry.get("note", ""))))
    weaker = None
    if "weaker" in meta:
        w = meta["weaker"]
        if not isinstance(w, dict) or not isinstance(w.get("reason"), str) or not isinstance(w.get("provisions", []), list):
            problems.add(path, at("weaker"), "'weaker' is { reason = \"…\", provisions = [{ standard, ref }] }")
        else:
            weaker = Weakness(w["reason"], tuple((str(p.get("standard")), str(p.get("ref")))
                                                 for p in w.get("provisions", []) if isinstance(p, dict)))
    body_start = end + 1  # 0-based index of the first body line
    body, heads = parse_body("\n".join(lines[body_start:]), path, body_start + 1, problems)
    line_map = {key: at(key) for key in meta}
    line_map.update({f"## {lang}": line for lang, line in heads.items()})
    return Clause(
        id=cid, title=title, kind=kind, body=body, path=path, order=order,
        requires=_string_list(meta, "requires", path, fm_lines, problems),
        implements=tuple(implements),
        excludes=_string_list(meta, "excludes", path, fm_lines, problems),
        variant=str(meta.get("variant", "")), weaker=weaker, term=str(meta.get("term", "")),
        lines={**line_map, "_source": raw},
    )


def load_terms(path: Path, problems: ProblemList) -> dict:
    terms: dict[str, Term] = {}
    if not path.exists():
        problems.add(path, 1, "missing glossary.toml")
        return terms
    raw = path.read_text(encoding="utf-8")
    data = _toml(raw, path, problems)
    if data is None:
        return terms
    lines = raw.splitlines()
    for entry in data.get("term", []):
        tid = entry.get("id", "")
        line = _line_of(lines, f'"{tid}"') if tid else 1
        missing = [k for k in ("id", "en", "ar") if not str(entry.get(k, "")).strip()]
        unknown = set(entry) - {"id", "en", "ar", "ar_forms", "ar_avoid"}
        if missing:
            problems.add(path, line, f"term {tid or '?'}: missing {', '.join(missing)}")
            continue
        if unknown:
            problems.add(path, line, f"term {tid}: unknown field(s) {', '.join(sorted(unknown))}")
        if tid in terms:
            problems.add(path, line, f"duplicate term id '{tid}'")
        if not arabic.is_arabic(entry["ar"]):
            problems.add(path, line, f"term {tid}: 'ar' must be written in Arabic script")
        terms[tid] = Term(tid, entry["en"], entry["ar"], tuple(entry.get("ar_forms", ())),
                          tuple(entry.get("ar_avoid", ())))
    seen: dict[str, str] = {}
    for term in terms.values():
        key = " ".join(arabic.words(term.ar))
        if key in seen:
            problems.add(path, _line_of(lines, f'"{term.id}"'),
                         f"terms '{seen[key]}' and '{term.id}' share the Arabic form «{term.ar}»: one Arabic form per term")
        seen[key] = term.id
    return terms


def load_parameters(path: Path, problems: ProblemList) -> dict:
    params: dict[str, Parameter] = {}
    if not path.exists():
        problems.add(path, 1, "missing parameters.toml")
        return params
    raw = path.read_text(encoding="utf-8")
    data = _toml(raw, path, problems)
    if data is None:
        return params
    lines = raw.splitlines()
    known = {"type", "unit", "default", "min", "max", "description", "benchmark"}
    for name, spec in data.items():
        line = _line_of(lines, f"[{name}]")
        if not isinstance(spec, dict):
            problems.add(path, line, f"'{name}' must be a table [{name}]")
            continue
        for key in sorted(set(spec) - known):
            problems.add(path, line, f"parameter {name}: unknown field '{key}' (known: {', '.join(sorted(known))})")
        ptype = spec.get("type")
        if ptype not in PARAM_TYPES:
            problems.add(path, line, f"parameter {name}: type must be one of {', '.join(PARAM_TYPES)}")
            continue
        if "default" not in spec:
            problems.add(path, line, f"parameter {name}: missing default")
            continue
        unit = spec.get("unit")
        unit = Text.of(unit) if isinstance(unit, dict) else None
        marks = spec.get("benchmark", [])
        marks = [marks] if isinstance(marks, dict) else marks
        benchmarks = []
        for b in marks:
            if not isinstance(b, dict) or b.get("op") not in OPS or not isinstance(b.get("value"), (int, float)) \
                    or not b.get("standard") or not b.get("ref"):
                problems.add(path, line, f"parameter {name}: benchmark is {{ standard, ref, op ({' '.join(OPS)}), value }}")
                continue
            benchmarks.append(Benchmark(str(b["standard"]), str(b["ref"]), b["op"], b["value"]))
        param = Parameter(name, ptype, None, unit, spec.get("min"), spec.get("max"),
                          spec.get("description", ""), tuple(benchmarks))
        if ptype != "text" and (param.min is None or param.max is None):
            problems.add(path, line, f"parameter {name}: numeric parameters need min and max")
            continue
        try:
            default = param.coerce(spec["default"])
        except ValueError as exc:
            problems.add(path, line, f"parameter {name}: default: {exc}")
            continue
        params[name] = Parameter(name, ptype, default, unit, param.min, param.max, param.description,
                                 tuple(benchmarks))
    return params


def load_standard(path: Path, problems: ProblemList) -> Standard | None:
    raw = path.read_text(encoding="utf-8")
    data = _toml(raw, path, problems)
    if data is None:
        return None
    lines = raw.splitlines()
    sid = data.get("id", "")
    if sid != path.stem:
        problems.add(path, _key_line(lines, "id"), f"id '{sid}' must equal the file name '{path.stem}'")
    raw_title = data.get("title")
    if isinstance(raw_title, dict) and isinstance(raw_title.get("en"), str) and raw_title["en"].strip():
        title = Text(raw_title["en"].strip(), str(raw_title.get("ar", "")).strip())
    else:
        problems.add(path, _key_line(lines, "title"), "title must be { en = \"…\" } (ar where an official Arabic text exists)")
        title = Text("", "")
    provisions = []
    refs: set[str] = set()
    known = {"ref", "title", "title_ar", "paraphrase", "part", "topic", "weight"}
    pos = 0
    for p in data.get("provision", []):
        ref = str(p.get("ref", ""))
        line = _line_of(lines, f'ref = "{ref}"', pos) if ref else 1
        pos = max(pos, line)
        for key in sorted(set(p) - known):
            problems.add(path, line, f"provision {ref}: unknown field '{key}'")
        if not ref:
            problems.add(path, line, "provision without a ref")
            continue
        if ref in refs:
            problems.add(path, line, f"duplicate provision ref '{ref}'")
        refs.add(ref)
        if not str(p.get("title", "")).strip():
            problems.add(path, line, f"provision {ref}: empty title")
        if p.get("weight") not in WEIGHTS:
            problems.add(path, line, f"provision {ref}: weight must be one of {', '.join(WEIGHTS)}")
        provisions.append(Provision(ref, str(p.get("title", "")), str(p.get("weight", "")), str(p.get("topic", "")),
                                    str(p.get("title_ar", "")), str(p.get("part", "")), bool(p.get("paraphrase", False))))
    if not provisions:
        problems.add(path, 1, "a standard lists its provisions as [[provision]] tables")
    return Standard(sid, str(data.get("short", sid)), title, tuple(provisions), str(data.get("citation", "")),
                    str(data.get("url", "")), str(data.get("version", "")), str(data.get("source", "")),
                    str(data.get("weights_note", "")))


def read_corpus(root: Path) -> tuple[Corpus, ProblemList]:
    """Load everything under `root`, returning the corpus and every problem found while loading."""
    root = Path(root)
    problems = ProblemList(root)
    if not (root / "clauses").is_dir():
        raise LawkitError(f"{root}: not a lawkit corpus (no clauses/ folder); give the corpus folder, e.g. lawkit corpus check corpus")
    clauses: dict[str, Clause] = {}
    variants: dict[str, dict[str, Clause]] = {}
    for path in sorted((root / "clauses").rglob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        clause = load_clause(path, problems)
        if clause is None or not clause.id:
            continue
        rel = path.relative_to(root / "clauses").with_suffix("")
        stem, _, suffix = rel.name.partition("@")
        expected = ".".join((*rel.parent.parts, stem))
        if clause.id != expected:
            problems.add(path, clause.line("id"), f"id '{clause.id}' does not match the file's path: "
                                                  f"this file must hold '{expected}' (or move it)")
            continue
        if suffix and clause.variant != suffix:
            problems.add(path, clause.line("id"), f"file name says variant '{suffix}' but 'variant' is "
                                                  f"'{clause.variant or '(none)'}': they must agree")
            continue
        group = variants.setdefault(clause.id, {})
        name = clause.variant or "default"
        if name in group:
            problems.add(path, clause.line("id"), f"duplicate id '{clause.id}' (variant '{name}'), also in "
                                                  f"{group[name].path.relative_to(root.parent) if root.parent in group[name].path.parents else group[name].path}")
            continue
        group[name] = clause
        if not suffix:
            clauses[clause.id] = clause
    for cid, group in variants.items():
        if cid not in clauses:
            any_clause = next(iter(group.values()))
            problems.add(any_clause.path, 1, f"clause '{cid}' has variants but no default file "
                                             f"{cid.rsplit('.', 1)[1]}.md beside them")
    terms = load_terms(root / "glossary.toml", problems)
    params = load_parameters(root / "parameters.toml", problems)
    standards = {}
    for path in sorted((root / "standards").glob("*.toml")):
        std = load_standard(path, problems)
        if std is not None:
            standards[std.id] = std
    corpus = Corpus(root, clauses, {cid: g for cid, g in variants.items() if cid in clauses}, terms, params, standards)
    return corpus, problems


def load_corpus(root: Path | None = None) -> Corpus:
    """Load and fully validate a corpus; any problem is an error (the first few are shown)."""
    from toolkit.check import check
    from toolkit.paths import corpus_dir

    corpus, problems = read_corpus(Path(root) if root else corpus_dir())
    problems.extend(check(corpus, problems.base))
    if problems:
        shown = "\n".join(str(p) for p in sorted(problems)[:10])
        more = f"\n… and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise LawkitError(f"the corpus has {len(problems)} problem(s); run `lawkit corpus check`:\n{shown}{more}")
    return corpus


def corpus_hash(root: Path) -> str:
    """SHA-256 over every corpus file's relative path and bytes: what a draft was built from."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file() and p.suffix in (".md", ".toml")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
